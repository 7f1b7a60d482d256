using System.Text.Json;
using TensionTracker.Tests.Support;

namespace TensionTracker.Tests.Dyads;

/// <summary>The index orders what a reader would: threats above disputes above agreements; and explains itself.</summary>
[Collection(HostCollection.Name)]
public class the_tension_index(HostFixture host)
{
    async Task<string> Publish(string title, string body, string publishedAt)
    {
        var answer = await host.PostArticle(Support.Articles.Make("index", title, body, publishedAt));
        var id = answer.GetProperty("articleId").GetString()!;
        await host.WaitFor($"/api/articles/{id}", a => a.GetProperty("status").GetString() == "scored");
        return id;
    }

    static double Tension(JsonElement pair) => pair.GetProperty("tension").GetDouble();

    [Fact]
    public async Task military_threats_rank_above_a_trade_dispute_which_ranks_above_a_signed_agreement_below_50()
    {
        await Publish("Bangladesh warns Myanmar it will retaliate after border shelling", """
            DHAKA (Test Wire) - Bangladesh's army chief warned on Monday that Bangladesh would respond militarily to any further incursion by Myanmar troops, as both sides massed soldiers along the border.

            "If Myanmar fires one more shell into our territory, we will retaliate with full force," the army chief told reporters.

            Myanmar's military government threatened to strike Bangladeshi positions and accused Bangladesh of arming insurgents.

            "Any aggression from Bangladesh will be crushed," a Myanmar military spokesman said.
            """, "2026-11-23T08:00:00Z");
        await Publish("Vietnam criticises New Zealand seafood tariffs", """
            HANOI (Test Wire) - Vietnam's trade minister criticised New Zealand on Tuesday for imposing new tariffs on Vietnamese seafood, calling the duties unfair.

            "These tariffs are unjustified and we will file a complaint at the World Trade Organization," the minister said.

            New Zealand's trade minister said the duties were a lawful response to dumping and that New Zealand remained open to talks with Vietnam.
            """, "2026-11-23T09:00:00Z");
        await Publish("Senegal and Gambia sign bridge and trade agreement", """
            BANJUL (Test Wire) - Senegal and Gambia signed a bridge and trade agreement on Wednesday, and Senegal's president praised Gambia as a close partner.

            "This agreement opens a new chapter of friendship and cooperation between our peoples," Senegal's president said at the ceremony.

            Gambia's president thanked Senegal for its support and said the two countries would expand joint projects.
            """, "2026-11-23T10:00:00Z");

        var at = "2026-11-24";
        var threats = await host.Get($"/api/dyads/BGD-MMR?at={at}");
        var trade = await host.Get($"/api/dyads/NZL-VNM?at={at}");
        var agreement = await host.Get($"/api/dyads/GMB-SEN?at={at}");

        Assert.True(Tension(threats) > Tension(trade), $"threats {Tension(threats)} should rank above the trade dispute {Tension(trade)}");
        Assert.True(Tension(trade) > Tension(agreement), $"the trade dispute {Tension(trade)} should rank above the agreement {Tension(agreement)}");
        Assert.True(Tension(agreement) < 50, $"an agreement is warm: {Tension(agreement)}");
        Assert.True(Tension(threats) > 50, $"threats are tense: {Tension(threats)}");

        // Directed components: both sides threatened each other.
        var directed = threats.GetProperty("directed").EnumerateArray().ToList();
        Assert.All(directed, d => Assert.True(d.GetProperty("statements").GetInt32() > 0, $"{d} has no statements"));
    }

    [Fact]
    public async Task a_conciliatory_call_after_a_week_of_threats_lowers_the_index_but_not_to_the_level_of_a_calm_pair()
    {
        // A week of different reports, each its own story (not syndicated copies of one).
        string[] reports =
        [
            "BANGKOK (Test Wire) - Thailand's defence minister warned Cambodia that Thai forces were ready to strike if Cambodian troops advanced further. Cambodia's prime minister accused Thailand of aggression.",
            "PHNOM PENH (Test Wire) - Cambodia's defence ministry said Thai artillery had shelled a village near the temple and threatened to retaliate. Thailand's army denied firing first and warned Cambodia against any incursion.",
            "BANGKOK (Test Wire) - Thailand's prime minister said Cambodia would pay a heavy price for the attack on Thai soldiers. Cambodia's foreign minister called the threat reckless and summoned Thailand's ambassador.",
            "SURIN (Test Wire) - Thailand's army chief ordered reinforcements to the border and warned Cambodia that his troops would return fire. Cambodia's army accused Thailand of planting mines.",
            "PHNOM PENH (Test Wire) - Cambodia's prime minister vowed to defend every metre of territory and accused Thailand of an invasion. Thailand's foreign ministry rejected the accusation and demanded that Cambodia withdraw its troops.",
            "BANGKOK (Test Wire) - Thailand's defence minister threatened air strikes on Cambodian positions. Cambodia's information minister said Thailand was preparing a war of aggression.",
        ];
        for (var day = 1; day <= reports.Length; day++)
            await Publish($"Thailand and Cambodia border standoff, day {day}", reports[day - 1], $"2026-11-{9 + day:00}T08:00:00Z");
        var before = await host.Get("/api/dyads/KHM-THA?at=2026-11-16T12:00:00Z");

        await Publish("Thai and Cambodian leaders agree in phone call to ease border tension", """
            BANGKOK (Test Wire) - Thailand's prime minister and Cambodia's prime minister agreed in a phone call on Tuesday to pull troops back from the border and resume talks.

            "We agreed that dialogue is the only way forward, and we thank Cambodia for its constructive approach," Thailand's prime minister said.

            Cambodia's prime minister welcomed the call and said Cambodia wanted peace and friendship with Thailand.
            """, "2026-11-17T08:00:00Z");
        var after = await host.Get("/api/dyads/KHM-THA?at=2026-11-17T12:00:00Z");

        await Publish("Norway and Denmark hold routine consultations", """
            OSLO (Test Wire) - Norway's foreign minister met Denmark's foreign minister in Oslo on Monday for routine consultations on Arctic research and shipping.

            "Our cooperation with Denmark is excellent and we will deepen it," the Norwegian minister said.

            Denmark's foreign minister thanked Norway for hosting the meeting and praised the partnership.
            """, "2026-11-16T08:00:00Z");
        var calm = await host.Get("/api/dyads/DNK-NOR?at=2026-11-17T12:00:00Z");

        Assert.True(Tension(after) < Tension(before), $"the call should lower the index: {Tension(before)} -> {Tension(after)}");
        Assert.True(Tension(after) > Tension(calm), $"one call does not make {Tension(after)} as calm as a calm pair ({Tension(calm)})");
    }

    [Fact]
    public async Task a_pair_mentioned_once_in_passing_has_low_confidence()
    {
        await Publish("Malta hosts Mediterranean fisheries forum", """
            VALLETTA (Test Wire) - Malta hosted a regional fisheries forum on Thursday that brought together scientists, fishing cooperatives and officials from across the Mediterranean.

            Participants discussed quotas, water temperatures and the health of tuna stocks, and agreed to meet again next year.

            Iceland was mentioned in passing by Malta's fisheries minister as an example of quota management.
            """, "2026-11-20T08:00:00Z");
        var pair = await host.Get("/api/dyads/ISL-MLT?at=2026-11-21");
        Assert.True(pair.GetProperty("statements").GetInt32() <= 1);
        Assert.True(pair.GetProperty("confidence").GetDouble() < 0.3, $"confidence {pair.GetProperty("confidence")}");
    }

    [Fact]
    public async Task as_of_before_a_late_arriving_article_leaves_it_out_and_at_before_its_publication_too()
    {
        var beforeRecording = DateTimeOffset.UtcNow.ToString("O");
        await Task.Delay(50);
        // Published weeks ago, arriving only now.
        await Publish("Kenya protests to Uganda over island dispute", """
            NAIROBI (Test Wire) - Kenya's foreign minister summoned Uganda's envoy on Friday and accused Uganda of sending police onto a disputed island in Lake Victoria.

            "This is a violation of Kenya's sovereignty and we demand an immediate withdrawal," the minister said.
            """, "2026-10-30T08:00:00Z");

        var known = await host.Get("/api/dyads/KEN-UGA?at=2026-11-01");
        Assert.True(known.GetProperty("statements").GetInt32() > 0);

        var thenKnown = await host.Get($"/api/dyads/KEN-UGA?at=2026-11-01&asOf={Uri.EscapeDataString(beforeRecording)}");
        Assert.Equal(0, thenKnown.GetProperty("statements").GetInt32());
        Assert.Equal(JsonValueKind.Null, thenKnown.GetProperty("tension").ValueKind);

        var beforePublication = await host.Get("/api/dyads/KEN-UGA?at=2026-10-29");
        Assert.Equal(0, beforePublication.GetProperty("statements").GetInt32());

        var series = await host.Get("/api/dyads/KEN-UGA/series?from=2026-10-28&to=2026-11-02");
        var points = series.GetProperty("points").EnumerateArray().ToList();
        Assert.Equal("2026-10-30", points.First().GetProperty("date").GetString());
        Assert.True(points.First().GetProperty("statements").GetInt32() > 0);
    }

    [Fact]
    public async Task statements_read_as_known_before_a_revision_quote_the_text_of_that_revision()
    {
        var url = $"https://testwire.example/revised-{Guid.NewGuid():N}";
        const string firstBody = "ULAANBAATAR (Test Wire) - Mongolia's foreign minister accused Kazakhstan of blocking rail freight and summoned its ambassador.";
        const string secondBody = "ULAANBAATAR (Test Wire) - After a week of talks that ended on Friday, Mongolia's foreign minister thanked Kazakhstan for reopening the rail crossing and praised its help.";
        var id = (await host.PostArticle(Support.Articles.WithUrl(url, "Mongolia protests to Kazakhstan", firstBody))).GetProperty("articleId").GetString()!;
        await host.WaitFor($"/api/articles/{id}", a => a.GetProperty("status").GetString() == "scored");
        await Task.Delay(50);
        var beforeRevision = DateTimeOffset.UtcNow.ToString("O");
        await Task.Delay(50);
        await host.PostArticle(Support.Articles.WithUrl(url, "Mongolia thanks Kazakhstan", secondBody));
        await host.WaitFor($"/api/articles/{id}", a => a.GetProperty("revision").GetInt32() == 2 && a.GetProperty("status").GetString() == "scored");

        List<string> Quoted(JsonElement answer) => answer.GetProperty("items").EnumerateArray()
            .Where(i => i.GetProperty("articleId").GetString() == id).Select(i => i.GetProperty("text").GetString()!).ToList();
        var then = Quoted(await host.Get($"/api/dyads/KAZ-MNG/statements?at=2026-11-21&asOf={Uri.EscapeDataString(beforeRevision)}"));
        var now = Quoted(await host.Get("/api/dyads/KAZ-MNG/statements?at=2026-11-21"));
        Assert.NotEmpty(then);
        Assert.NotEmpty(now);
        Assert.All(then, text => Assert.Contains(text, "Mongolia protests to Kazakhstan\n\n" + firstBody));
        Assert.All(now, text => Assert.Contains(text, "Mongolia thanks Kazakhstan\n\n" + secondBody));
        Assert.Contains(then, text => text.Contains("accused Kazakhstan"));
    }
}
