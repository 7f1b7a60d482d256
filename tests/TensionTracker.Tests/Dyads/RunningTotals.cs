using TensionTracker.Tests.Support;

namespace TensionTracker.Tests.Dyads;

[Collection(HostCollection.Name)]
public class the_running_totals(HostFixture host)
{
    [Fact]
    public async Task the_current_ranking_from_the_totals_equals_the_index_computed_from_the_evidence()
    {
        var posted = await host.PostArticle(Support.Articles.Make("totals", "Qatar and Oman sign a shipping accord",
            "DOHA (Test Wire) - Qatar's foreign minister signed a shipping accord with Oman on Sunday and praised Oman as a trusted partner. Oman's foreign minister thanked Qatar for its support.",
            DateTimeOffset.UtcNow.AddHours(-2).ToString("O")));
        var id = posted.GetProperty("articleId").GetString();
        await host.WaitFor($"/api/articles/{id}", a => a.GetProperty("status").GetString() == "scored");

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
    }
}
