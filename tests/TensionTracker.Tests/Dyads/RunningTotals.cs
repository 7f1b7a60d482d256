using TensionTracker.Tests.Support;

namespace TensionTracker.Tests.Dyads;

[Collection(HostCollection.Name)]
public class the_running_totals(HostFixture host)
{
    [Fact]
    public async Task the_current_ranking_from_the_totals_equals_the_index_computed_from_the_evidence()
    {
        // An article, its revision, and another article retracted: the totals must follow all three.
        var url = $"https://testwire.example/totals-{Guid.NewGuid():N}";
        var when = DateTimeOffset.UtcNow.AddHours(-2).ToString("O");
        var posted = await host.PostArticle(Support.Articles.WithUrl(url, "Qatar and Oman sign a shipping accord",
            "DOHA (Test Wire) - Qatar's foreign minister signed a shipping accord with Oman on Sunday and praised Oman as a trusted partner.", when));
        var id = posted.GetProperty("articleId").GetString();
        await host.WaitFor($"/api/articles/{id}", a => a.GetProperty("status").GetString() == "scored");
        await host.PostArticle(Support.Articles.WithUrl(url, "Qatar and Oman sign a shipping accord",
            "DOHA (Test Wire) - Qatar's foreign minister signed a shipping accord with Oman on Sunday. Oman's foreign minister accused Qatar of delaying payments.", when));
        await host.WaitFor($"/api/articles/{id}", a => a.GetProperty("revision").GetInt32() == 2 && a.GetProperty("status").GetString() == "scored");
        var retracted = await host.PostArticle(Support.Articles.Make("totals-retracted", "Oman warns Qatar",
            "MUSCAT (Test Wire) - Oman's defence minister warned Qatar that Oman would respond with force to any incursion.", when));
        var retractedId = retracted.GetProperty("articleId").GetString();
        await host.WaitFor($"/api/articles/{retractedId}", a => a.GetProperty("status").GetString() == "scored");
        await host.Http.DeleteAsync($"/api/articles/{retractedId}");
        await host.WaitFor($"/api/articles/{retractedId}", a => a.GetProperty("status").GetString() == "retracted");

        // Older evidence for the pair, far from any day boundary, so the week-old index exists on both paths.
        var older = await host.PostArticle(Support.Articles.Make("totals-older", "Oman and Qatar open a joint port",
            "MUSCAT (Test Wire) - Oman's foreign minister opened a joint port with Qatar and thanked Qatar for its cooperation.",
            DateTimeOffset.UtcNow.AddDays(-12).ToString("O")));
        var olderId = older.GetProperty("articleId").GetString();
        await host.WaitFor($"/api/articles/{olderId}", a => a.GetProperty("status").GetString() == "scored");

        var now = DateTimeOffset.UtcNow;
        var fast = await host.Get("/api/dyads?top=1000");
        var exact = await host.Get($"/api/dyads?top=1000&at={Uri.EscapeDataString(now.ToString("O"))}&asOf={Uri.EscapeDataString(now.ToString("O"))}");

        var exactByPair = exact.GetProperty("items").EnumerateArray().ToDictionary(i => i.GetProperty("pair").GetString()!);
        var fastItems = fast.GetProperty("items").EnumerateArray().ToList();
        Assert.Contains(fastItems, i => i.GetProperty("pair").GetString() == "OMN-QAT");
        Assert.Equal(exactByPair.Count, fastItems.Count);
        foreach (var item in fastItems)
        {
            var other = exactByPair[item.GetProperty("pair").GetString()!];
            Assert.Equal(other.GetProperty("tension").GetDouble(), item.GetProperty("tension").GetDouble(), 1);
            Assert.Equal(other.GetProperty("confidence").GetDouble(), item.GetProperty("confidence").GetDouble(), 2);
            Assert.Equal(other.GetProperty("statements").GetInt32(), item.GetProperty("statements").GetInt32());
        }
        // Trends: the totals minus the recent days give the same week-old index as the evidence itself.
        var pair = fastItems.Single(i => i.GetProperty("pair").GetString() == "OMN-QAT");
        Assert.Equal(exactByPair["OMN-QAT"].GetProperty("trend7d").GetDouble(), pair.GetProperty("trend7d").GetDouble(), 1);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, pair.GetProperty("trend30d").ValueKind);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, exactByPair["OMN-QAT"].GetProperty("trend30d").ValueKind);
    }
}
