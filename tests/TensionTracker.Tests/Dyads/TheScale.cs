using System.Text.Json;
using TensionTracker.Tests.Support;

namespace TensionTracker.Tests.Dyads;

/// <summary>
/// The scale in words (docs/tension-index.md): 75 and above open hostility, 25 and below warm relations, a lone mild
/// complaint a little above 50 and barely trusted. Invented articles about pairs the seeds never mention, published
/// through the real host and read a day later.
/// </summary>
[Collection(HostCollection.Name)]
public class the_scale(HostFixture host)
{
    async Task Publish(string slug, string title, string body, string publishedAt)
    {
        var answer = await host.PostArticle(Support.Articles.Make(slug, title, body, publishedAt));
        var id = answer.GetProperty("articleId").GetString()!;
        await host.WaitFor($"/api/articles/{id}", a => a.GetProperty("status").GetString() == "scored");
    }

    static string Describe(JsonElement pair) =>
        $"tension {pair.GetProperty("tension")}, confidence {pair.GetProperty("confidence")}, statements {pair.GetProperty("statements")}";

    [Fact]
    public async Task a_crisis_of_threats_mobilisation_and_expulsions_reads_at_least_75()
    {
        await Publish("scale-crisis", "Suriname mobilises as Guyana threatens force over the Corentyne", """
            PARAMARIBO (Test Wire) - Suriname's president ordered a general mobilisation on Sunday and warned Guyana that Suriname would use force to defend the disputed Corentyne region.

            "If Guyana sends one more soldier across the river, we will strike back with everything we have," Suriname's president said in a televised address.

            Suriname expelled Guyana's ambassador and closed the border crossing at Nieuw Nickerie.

            Guyana's president threatened military retaliation and accused Suriname of preparing an invasion.

            "Any attack on Guyana will be met with overwhelming force," Guyana's defence minister warned, as Guyana expelled two Surinamese diplomats.

            Suriname's army chief said troops were ready to fight and threatened to shell Guyanese positions.
            """, "2026-09-14T08:00:00Z");
        var pair = await host.Get("/api/dyads/GUY-SUR?at=2026-09-15");
        Assert.True(pair.GetProperty("tension").GetDouble() >= 75, Describe(pair));
        Assert.True(pair.GetProperty("confidence").GetDouble() >= 0.15, Describe(pair));
    }

    [Fact]
    public async Task a_signed_accord_with_warm_words_reads_at_most_25()
    {
        await Publish("scale-accord", "Uruguay and Paraguay sign a friendship and trade accord", """
            MONTEVIDEO (Test Wire) - Uruguay and Paraguay signed a friendship and trade accord on Tuesday, and Uruguay's president praised Paraguay as its closest partner.

            "There is no partner we trust more than Paraguay; this accord opens a new chapter of friendship between our peoples," Uruguay's president said at the signing ceremony.

            Paraguay's president thanked Uruguay for its support and said the two countries would deepen their cooperation on energy and rivers.

            "Uruguay is a brother nation, and together we will build a shared future," Paraguay's president said.
            """, "2026-09-15T08:00:00Z");
        var pair = await host.Get("/api/dyads/PRY-URY?at=2026-09-16");
        Assert.True(pair.GetProperty("tension").GetDouble() <= 25, Describe(pair));
    }

    [Fact]
    public async Task one_mild_complaint_reads_a_little_above_50_with_low_confidence()
    {
        await Publish("scale-complaint", "Latvia regrets Luxembourg's decision on a research fund", """
            RIGA (Test Wire) - Latvia's deputy foreign minister said on Wednesday that Luxembourg's decision to leave a joint research fund was disappointing.

            The fund, set up in 2019, pays for a handful of university projects each year.
            """, "2026-09-16T08:00:00Z");
        var pair = await host.Get("/api/dyads/LUX-LVA?at=2026-09-17");
        var tension = pair.GetProperty("tension").GetDouble();
        Assert.True(tension is >= 55 and <= 65, Describe(pair));
        Assert.True(pair.GetProperty("confidence").GetDouble() < 0.15, Describe(pair));
        Assert.True(pair.GetProperty("uncertainty").GetDouble() > 20, Describe(pair));
    }

    [Fact]
    public async Task the_default_ranking_puts_the_crisis_above_a_single_complaint_and_keeps_thin_pairs_out_of_its_top_ten()
    {
        await Publish("rank-crisis", "Eritrea and Djibouti trade threats as troops mass on the border", """
            ASMARA (Test Wire) - Eritrea's president warned Djibouti on Monday that Eritrean forces would strike if Djibouti moved troops into the Ras Doumeira area, and ordered reservists to report for duty.

            "Djibouti will pay a heavy price for any aggression," Eritrea's president said.

            Djibouti's president accused Eritrea of preparing an invasion and expelled Eritrea's chargé d'affaires.

            Djibouti's defence minister threatened to retaliate with force against any Eritrean incursion.
            """, "2026-09-20T08:00:00Z");
        await Publish("rank-complaint", "Slovenia regrets Malta's vote", """
            LJUBLJANA (Test Wire) - Slovenia's deputy foreign minister said Malta's vote on a fisheries resolution was disappointing.
            """, "2026-09-20T09:00:00Z");

        var ranking = await host.Get("/api/dyads?top=1000&at=2026-09-21T00:00:00Z");
        Assert.Equal("evidence", ranking.GetProperty("order").GetString());
        var items = ranking.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("pair").GetString()!).ToList();
        Assert.True(items.IndexOf("DJI-ERI") >= 0 && items.IndexOf("DJI-ERI") < items.IndexOf("MLT-SVN"), string.Join(", ", items.Take(20)));
        var top = ranking.GetProperty("items").EnumerateArray().Take(10).ToList();
        var enough = ranking.GetProperty("items").EnumerateArray().Count(i => i.GetProperty("confidence").GetDouble() >= 0.15);
        Assert.All(top.Take(Math.Min(10, enough)), i => Assert.True(i.GetProperty("confidence").GetDouble() >= 0.15, i.ToString()));
        Assert.All(top, i => Assert.True(i.TryGetProperty("uncertainty", out _) && i.TryGetProperty("lowerBound", out _), i.ToString()));

        // By the index alone, as asked; an unknown order is refused with the choices.
        var byTension = (await host.Get("/api/dyads?top=1000&order=tension&at=2026-09-21T00:00:00Z")).GetProperty("items").EnumerateArray()
            .Select(i => i.GetProperty("tension").GetDouble()).ToList();
        Assert.Equal(byTension.OrderByDescending(t => t), byTension);
        var refused = await host.Http.GetAsync("/api/dyads?order=loudest");
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("evidence, tension, confidence, statements, latest", await refused.Content.ReadAsStringAsync());
    }
}
