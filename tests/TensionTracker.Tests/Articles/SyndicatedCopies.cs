using TensionTracker.Tests.Support;

namespace TensionTracker.Tests.Articles;

[Collection(HostCollection.Name)]
public class syndicated_copies(HostFixture host)
{
    const string Wire = """
        MANILA (Test Wire) - The Philippines accused Indonesia on Thursday of letting its coast guard ram a Philippine fishing boat near a disputed reef, and summoned Indonesia's ambassador in protest.

        "This was a deliberate and dangerous act, and Indonesia must answer for it," the Philippine foreign secretary told reporters in Manila.

        Indonesia's foreign ministry said the boat had entered Indonesian waters and rejected the accusation, warning the Philippines against further provocations.

        Photo: A Philippine fishing boat returns to port on Thursday.

        "We will defend our waters," Indonesia's navy chief said.

        "This was a deliberate and dangerous act, and Indonesia must answer for it."
        """;

    [Fact]
    public async Task a_syndicated_copy_is_linked_to_the_first_and_its_statements_count_once()
    {
        var first = await host.PostArticle(Support.Articles.Make("wire", "Philippines accuses Indonesia over rammed fishing boat", Wire, "2026-11-19T06:00:00Z"));
        var firstId = first.GetProperty("articleId").GetString();
        await host.WaitFor($"/api/articles/{firstId}", a => a.GetProperty("status").GetString() == "scored");
        var before = await host.Get("/api/dyads/IDN-PHL?at=2026-11-20");
        var counted = before.GetProperty("statements").GetInt32();

        // The caption and the pull quote repeat nothing new: the pull quote is the foreign secretary's quote again.
        var statements = await host.Get("/api/dyads/IDN-PHL/statements?to=2026-11-20");
        Assert.Equal(counted, statements.GetProperty("items").GetArrayLength());
        var texts = statements.GetProperty("items").EnumerateArray().Select(s => s.GetProperty("text").GetString()).ToList();
        Assert.DoesNotContain(texts, t => t!.StartsWith("Photo:"));
        Assert.Single(texts, t => t!.Contains("deliberate and dangerous act"));

        // The same wire story under another outlet and URL, with its own headline and one more sentence.
        var copyUrl = $"https://harbourledger.example/asia/{Guid.NewGuid():N}";
        var copy = await host.PostArticle(new
        {
            url = copyUrl, outlet = "Harbour Ledger", publishedAt = "2026-11-19T08:00:00Z",
            title = "Manila summons Jakarta's envoy after reef collision",
            body = Wire + "\n\nThe reef lies about 200 kilometres from the nearest Philippine island.",
        });
        var copyId = copy.GetProperty("articleId").GetString();
        var linked = await host.WaitFor($"/api/articles/{copyId}", a => a.GetProperty("status").GetString() is "copy" or "scored");
        Assert.Equal("copy", linked.GetProperty("status").GetString());
        Assert.Equal(firstId, linked.GetProperty("copyOf").GetString());

        var after = await host.Get("/api/dyads/IDN-PHL?at=2026-11-20");
        Assert.Equal(counted, after.GetProperty("statements").GetInt32());
        // A revision of the copy (another sentence added) keeps it a copy: still nothing counted twice.
        await host.PostArticle(new
        {
            url = copyUrl, outlet = "Harbour Ledger", publishedAt = "2026-11-19T08:00:00Z",
            title = "Manila summons Jakarta's envoy after reef collision",
            body = Wire + "\n\nThe reef lies about 200 kilometres from the nearest Philippine island, officials said.",
        });
        var revised = await host.WaitFor($"/api/articles/{copyId}", a => a.GetProperty("revision").GetInt32() == 2 && a.GetProperty("statements").GetArrayLength() > 0
            && a.GetProperty("statements")[0].GetProperty("scores").EnumerateObject().Any());
        Assert.Equal("copy", revised.GetProperty("status").GetString());
        Assert.Equal(counted, (await host.Get("/api/dyads/IDN-PHL?at=2026-11-20")).GetProperty("statements").GetInt32());

        var original = await host.Get($"/api/articles/{firstId}");
        Assert.Contains(original.GetProperty("copies").EnumerateArray(), c => c.GetProperty("outlet").GetString() == "Harbour Ledger");
    }

    [Fact]
    public async Task the_same_story_three_weeks_later_is_not_taken_for_a_copy()
    {
        // Copies are looked for among articles published within a week (SyndicatedCopies.Window).
        var first = await host.PostArticle(Support.Articles.Make("wire-march", "Philippines accuses Indonesia over rammed fishing boat", Wire, "2025-03-01T06:00:00Z"));
        var firstId = first.GetProperty("articleId").GetString();
        await host.WaitFor($"/api/articles/{firstId}", a => a.GetProperty("status").GetString() == "scored");
        var later = await host.PostArticle(Support.Articles.Make("wire-march-again", "Philippines accuses Indonesia over rammed fishing boat", Wire, "2025-03-22T06:00:00Z", outlet: "Harbour Ledger"));
        var laterId = later.GetProperty("articleId").GetString();
        var article = await host.WaitFor($"/api/articles/{laterId}", a => a.GetProperty("status").GetString() is "copy" or "scored");
        Assert.Equal("scored", article.GetProperty("status").GetString());
    }

    [Fact]
    public async Task two_different_reports_of_the_same_event_both_count()
    {
        var one = await host.PostArticle(Support.Articles.Make("report-a", "Mongolia and Kazakhstan agree rail link", """
            ULAANBAATAR (Test Wire) - Mongolia's prime minister and Kazakhstan's president signed an agreement on Tuesday to build a rail link between the two countries.

            "This railway will bring our peoples closer," Mongolia's prime minister said at the ceremony.

            Kazakhstan's president thanked Mongolia for its partnership and promised joint investment.
            """, "2026-11-18T06:00:00Z"));
        var other = await host.PostArticle(Support.Articles.Make("report-b", "Kazakh leader visits Ulaanbaatar", """
            ASTANA (Test Wire) - Kazakhstan's president ended a two-day visit to Mongolia with a pledge to finance half of a new cross-border railway.

            Kazakhstan's foreign minister said the project would open Central Asian markets to Mongolian coal.

            "This railway will bring our peoples closer," Mongolia's prime minister said, according to a statement from his office.
            """, "2026-11-18T09:00:00Z"));
        foreach (var id in new[] { one.GetProperty("articleId").GetString(), other.GetProperty("articleId").GetString() })
        {
            var article = await host.WaitFor($"/api/articles/{id}", a => a.GetProperty("status").GetString() is "copy" or "scored");
            Assert.Equal("scored", article.GetProperty("status").GetString());
        }
    }
}
