using TensionTracker.Articles;
using TensionTracker.Dyads;
using TensionTracker.Text.Extraction;
using TensionTracker.Text.Scoring;

namespace TensionTracker.Tests.Dyads;

/// <summary>The index's arithmetic and the projection's pure half, without a database.</summary>
public class the_formula
{
    static readonly DateTimeOffset Day = new(2026, 9, 1, 8, 0, 0, TimeSpan.Zero);
    static readonly StanceProbabilities Hostile = new(0.9f, 0.08f, 0.02f), Warm = new(0.02f, 0.08f, 0.9f), Flat = new(0.05f, 0.9f, 0.05f);

    static Evidence Said(string role, StanceProbabilities p, float stance, bool direct = true, int daysAgo = 0) => new()
    {
        Pair = "AAA-BBB", SpeakerRole = role, SpeakerCountry = "AAA", Weight = TensionIndex.Weight(role, "AAA", direct, Sections.Body),
        Conflict = p.Conflict, Neutral = p.Neutral, Cooperation = p.Cooperation, Stance = stance, PublishedAt = Day.AddDays(-daysAgo),
    };

    [Fact]
    public void no_evidence_no_index_and_a_pair_of_equal_warmth_and_hostility_reads_50()
    {
        Assert.Null(TensionIndex.Compute([], Day));
        var even = TensionIndex.Compute([Said(SpeakerRoles.HeadOfState, Hostile, -0.8f), Said(SpeakerRoles.HeadOfState, Warm, 0.8f)], Day)!;
        Assert.Equal(50, even.Tension, 1);
    }

    [Fact]
    public void a_head_of_states_threat_weighs_more_than_a_deputys_complaint()
    {
        var threat = TensionIndex.Compute([Said(SpeakerRoles.HeadOfState, Hostile, -0.9f)], Day)!;
        var complaint = TensionIndex.Compute([Said(SpeakerRoles.Official, new(0.7f, 0.25f, 0.05f), -0.3f, direct: false)], Day)!;
        Assert.True(threat.Tension > complaint.Tension, $"{threat} vs {complaint}");
        Assert.True(threat.Confidence > complaint.Confidence, $"{threat} vs {complaint}");
        Assert.InRange(complaint.Tension, 50.5, 65);
    }

    [Theory]
    [InlineData("Latvia's deputy foreign minister", true)]
    [InlineData("Vice-President Ana Costa", true)]
    [InlineData("a junior minister", true)]
    [InlineData("the foreign minister", false)]
    [InlineData("Prime Minister Ravi Deputhy", false)]
    public void a_deputy_speaks_with_less_of_the_offices_weight_than_its_holder(string speaker, bool secondRank)
    {
        var holder = TensionIndex.Weight(SpeakerRoles.Minister, "AAA", true, Sections.Body, "the minister");
        var weight = TensionIndex.Weight(SpeakerRoles.Minister, "AAA", true, Sections.Body, speaker);
        Assert.Equal(secondRank ? holder * TensionIndex.SecondRankShare : holder, weight, 6);
    }

    [Fact]
    public void neutral_statements_lower_the_confidence_and_leave_the_index_alone()
    {
        List<Evidence> hostile = [Said(SpeakerRoles.Minister, Hostile, -0.7f), Said(SpeakerRoles.Minister, Hostile, -0.7f)];
        var alone = TensionIndex.Compute(hostile, Day)!;
        var withNoise = TensionIndex.Compute(hostile.Concat(Enumerable.Range(0, 6).Select(_ => Said(SpeakerRoles.Minister, Flat, 0f))), Day)!;
        Assert.Equal(alone.Tension, withNoise.Tension, 1);
        Assert.True(withNoise.Confidence < alone.Confidence, $"{alone} vs {withNoise}");
        Assert.Equal(8, withNoise.Statements);
    }

    [Fact]
    public void more_evidence_moves_the_index_away_from_50_and_narrows_the_uncertainty()
    {
        var one = TensionIndex.Compute([Said(SpeakerRoles.Minister, Hostile, -0.8f)], Day)!;
        var six = TensionIndex.Compute(Enumerable.Range(0, 6).Select(_ => Said(SpeakerRoles.Minister, Hostile, -0.8f)), Day)!;
        Assert.True(six.Tension > one.Tension && six.Uncertainty < one.Uncertainty && six.LowerBound > one.LowerBound, $"{one} vs {six}");
        Assert.True(six.Tension >= 75, six.ToString());
        var warm = TensionIndex.Compute(Enumerable.Range(0, 4).Select(_ => Said(SpeakerRoles.HeadOfState, Warm, 0.8f)), Day)!;
        Assert.True(warm.Tension <= 25, warm.ToString());
    }

    [Fact]
    public void old_evidence_fades_back_toward_50_and_loses_confidence()
    {
        List<Evidence> threats = [.. Enumerable.Range(0, 4).Select(_ => Said(SpeakerRoles.HeadOfState, Hostile, -0.9f, daysAgo: 0))];
        var fresh = TensionIndex.Compute(threats, Day)!;
        var later = TensionIndex.Compute(threats, Day.AddDays(90))!;
        Assert.True(later.Tension < fresh.Tension && later.Tension > 50 && later.Confidence < fresh.Confidence, $"{fresh} vs {later}");
    }

    [Fact]
    public void the_default_order_puts_well_supported_pairs_first_by_their_lower_bound()
    {
        DyadSummary Pair(string name, double tension, double confidence) =>
            DyadSummary.From(name, new IndexValue(tension, confidence, 3, Day), null, null);
        var ranked = TensionIndex.Rank([Pair("AAA-BBB", 95, 0.05), Pair("CCC-DDD", 80, 0.7), Pair("EEE-FFF", 85, 0.3), Pair("GGG-HHH", 20, 0.9)], "evidence")
            .Select(p => p.Pair).ToList();
        Assert.Equal(["CCC-DDD", "EEE-FFF", "GGG-HHH", "AAA-BBB"], ranked);
        Assert.Equal("AAA-BBB", TensionIndex.Rank([Pair("AAA-BBB", 95, 0.05), Pair("CCC-DDD", 80, 0.7)], "tension").First().Pair);
        Assert.Null(TensionIndex.ParseOrder("loudest"));
        Assert.Equal("evidence", TensionIndex.ParseOrder(null));
    }

    [Fact]
    public void a_models_reading_of_an_extraction_carries_each_pairs_contribution_once()
    {
        var id = Guid.NewGuid();
        var extracted = new StatementsExtracted(id, 1, "x", [
            new StatementRecord(0, 10, Sections.Body, "P", SpeakerRoles.HeadOfState, "AAA", ["BBB", "CCC"], true),
            new StatementRecord(11, 10, Sections.Body, null, SpeakerRoles.Analyst, null, ["BBB"], true),
            new StatementRecord(22, 10, Sections.Body, null, SpeakerRoles.Unattributed, null, ["BBB", "CCC"], true),
        ], Day, Day);
        var entries = EvidenceReadings.Entries(extracted);
        Assert.Equal(["AAA-BBB", "AAA-CCC", "BBB-CCC"], entries.Select(e => e.Entry.Pair));
        Assert.Equal([0, 1, 2], entries.Select(e => e.Entry.Entry));

        // The first statement is hostile toward BBB and warm toward CCC: each pair reads its own target.
        var scored = new StatementsScored(id, 1, "x", "m", [
            new StatementScore(0, 0, StanceClasses.Neutral, Flat, [new TargetStance("BBB", -0.9f, StanceClasses.Conflict, Hostile), new TargetStance("CCC", 0.8f, StanceClasses.Cooperation, Warm)]),
            new StatementScore(0, -1, StanceClasses.Conflict),
            new StatementScore(0, 0, StanceClasses.Neutral, Flat),
        ], Day);
        var reading = EvidenceReadings.Read(scored, entries.Select(e => e.Entry).ToList());
        Assert.Equal(0.9f, reading.Conflict[0]);
        Assert.Equal(0.9f, reading.Cooperation[1]);
        Assert.Equal(["AAA-BBB", "AAA-CCC", "BBB-CCC"], reading.Pairs);
        Assert.Equal([1, 1, 1], reading.Counts);
        var growth = DyadTotals.Growth(Day);
        var toBbb = TensionIndex.Contribute(entries[0].Entry.Weight, Hostile, -0.9f);
        Assert.Equal(toBbb.Signal * growth, reading.Signal[0], 6);
        Assert.True(reading.Signal[0] > 0 && reading.Signal[1] < 0);
        // Read back at publication, the grown sums give what TensionIndex gives from the rows.
        var decay = DyadTotals.DecayAt(Day);
        var fromSums = TensionIndex.FromSums(reading.Signal[0] * decay, reading.Polar[0] * decay, reading.NeutralMass[0] * decay, 1, Day)!;
        var fromRows = TensionIndex.Compute([new Evidence { Weight = entries[0].Entry.Weight, Conflict = 0.9f, Neutral = 0.08f, Cooperation = 0.02f, Stance = -0.9f, PublishedAt = Day }], Day)!;
        Assert.Equal(fromRows, fromSums);
    }

    [Fact]
    public void the_daily_series_in_one_pass_equals_the_index_computed_at_each_days_end()
    {
        List<Evidence> evidence = [
            Said(SpeakerRoles.HeadOfState, Hostile, -0.9f, daysAgo: 20), Said(SpeakerRoles.Minister, Warm, 0.6f, daysAgo: 12),
            Said(SpeakerRoles.Official, Flat, 0f, daysAgo: 12), Said(SpeakerRoles.Military, Hostile, -0.5f, daysAgo: 3),
            Said(SpeakerRoles.Analyst, Hostile, -0.9f, daysAgo: 2)];
        var from = Day.AddDays(-25);
        var points = GetSeries.Series(evidence, from, Day);
        Assert.Equal(21, points.Count);   // from the first statement's day to Day
        foreach (var p in points)
        {
            var end = new DateTimeOffset(p.Date.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).AddTicks(-1);
            var exact = TensionIndex.Compute(evidence, end < Day ? end : Day)!;
            Assert.Equal((exact.Tension, exact.Confidence, exact.Uncertainty), (p.Tension!.Value, p.Confidence, p.Uncertainty!.Value));
        }
    }

    [Fact]
    public void revisions_retractions_and_copies_close_an_articles_evidence()
    {
        var id = Guid.NewGuid();
        Assert.Equal((id, Day), EvidenceReadings.Closing(new ArticleRetracted(id, "wrong", Day)));
        Assert.Equal((id, Day), EvidenceReadings.Closing(new ArticleLinkedAsCopy(id, Guid.NewGuid(), 0.9, Day)));
        Assert.Null(EvidenceReadings.Closing(new ArticleNotScored(id, 1, "language", Day)));
    }
}
