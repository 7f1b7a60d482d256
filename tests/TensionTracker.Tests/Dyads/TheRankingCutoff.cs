using TensionTracker.Dyads;
using TensionTracker.Text.Scoring;

namespace TensionTracker.Tests.Dyads;

/// <summary>The current ranking's early stop, without a database: the pairs it reads rank exactly as every pair would.</summary>
public class the_ranking_cutoff
{
    static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>A pair's grown sums as the projection keeps them: each statement's contribution times the growth of its day.</summary>
    sealed record Totals(string Pair, double Signal, double Polar, double Neutral, int Statements, DateTimeOffset Last)
    {
        public IndexValue? At(DateTimeOffset at)
        {
            var decay = DyadTotals.DecayAt(at);
            return TensionIndex.FromSums(Signal * decay, Polar * decay, Neutral * decay, Statements, Last);
        }
    }

    static List<Totals> RandomPairs(Random random, int count)
    {
        var pairs = new List<Totals>();
        for (var i = 0; i < count; i++)
        {
            // Pairs that lean hostile, warm or either way, with one statement to a few hundred, over most of a year.
            var hostility = random.NextDouble();
            var statements = random.NextDouble() < 0.5 ? random.Next(1, 4) : random.Next(1, 300);
            double signal = 0, polar = 0, neutral = 0;
            var last = DateTimeOffset.MinValue;
            for (var s = 0; s < statements; s++)
            {
                var conflict = (float)(random.NextDouble() < hostility ? 0.5 + random.NextDouble() / 2 : random.NextDouble() / 3);
                var cooperation = (float)((1 - conflict) * random.NextDouble());
                var c = TensionIndex.Contribute(random.NextDouble() < 0.1 ? 0 : random.NextDouble(),
                    new StanceProbabilities(conflict, 1 - conflict - cooperation, cooperation), (float)(random.NextDouble() * 2 - 1));
                var published = Start.AddHours(random.Next(0, 24 * 300));
                var growth = DyadTotals.Growth(published);
                (signal, polar, neutral) = (signal + c.Signal * growth, polar + c.Polar * growth, neutral + c.Neutral * growth);
                if (published > last) last = published;
            }
            pairs.Add(new($"P{i:D4}-Q{random.Next(1000):D4}", signal, polar, neutral, statements, last));
        }
        return pairs;
    }

    [Theory]
    [InlineData("evidence")]
    [InlineData("tension")]
    [InlineData("confidence")]
    public void reading_down_the_pairs_until_the_cutoff_ranks_exactly_as_every_pair(string order)
    {
        var random = new Random(19);
        var stoppedEarly = 0;
        for (var trial = 0; trial < 60; trial++)
        {
            var pairs = RandomPairs(random, random.Next(1, 800));
            var now = Start.AddDays(random.Next(0, 400)).AddMinutes(random.Next(0, 1440));
            var top = new[] { 1, 5, 10, 50, 200 }[random.Next(5)];
            var decay = DyadTotals.DecayAt(now);
            Func<Totals, double> key = RankingCutoff.KeyOf(order) == "signal" ? t => t.Signal : t => t.Polar;

            var cutoff = new RankingCutoff(order, top);
            var read = pairs.OrderByDescending(key).ThenByDescending(t => t.Pair, StringComparer.Ordinal)
                .TakeWhile(t => cutoff.Admits(key(t) * decay, t.At(now))).ToList();
            if (read.Count < pairs.Count) stoppedEarly++;

            var fast = TensionIndex.Rank(read.Select(t => DyadSummary.From(t.Pair, t.At(now), null, null)), order).Take(top);
            var every = TensionIndex.Rank(pairs.Select(t => DyadSummary.From(t.Pair, t.At(now), null, null)), order).Take(top);
            Assert.Equal(every.Select(s => (s.Pair, s.Tension, s.LowerBound)).ToList(), fast.Select(s => (s.Pair, s.Tension, s.LowerBound)).ToList());
        }
        // Most trials stop before the end: otherwise the comparison above would be of every pair with itself.
        Assert.True(stoppedEarly >= 30, $"stopped early in {stoppedEarly} of 60 trials");
    }

    [Fact]
    public void each_bound_is_at_least_the_value_of_any_pair_at_or_below_its_key()
    {
        var random = new Random(7);
        for (var i = 0; i < 200_000; i++)
        {
            var polar = random.NextDouble() < 0.5 ? random.NextDouble() * 4 : random.NextDouble() * 40;
            var signal = polar * (random.NextDouble() * 2 - 1);
            var neutral = random.NextDouble() < 0.3 ? 0 : random.NextDouble() * polar * 3;
            var value = TensionIndex.FromSums(signal, polar, neutral, 1, Start)!;
            // Any key at or above the pair's own bounds it.
            var above = random.NextDouble() < 0.5 ? 0 : random.NextDouble() * 0.05;
            Assert.True(value.LowerBound <= RankingCutoff.AtMost("evidence", signal + above), $"S {signal}, P {polar}, N {neutral}");
            Assert.True(value.Tension <= RankingCutoff.AtMost("tension", signal + above), $"S {signal}, P {polar}");
            Assert.True(value.Confidence <= RankingCutoff.AtMost("confidence", polar + above), $"P {polar}, N {neutral}");
        }
    }

    [Fact]
    public void the_lower_bounds_bound_is_tight_enough_to_stop_early()
    {
        // One hostile statement's worth of signal cannot reach 60; it takes the evidence of several.
        Assert.True(RankingCutoff.LowerBoundAtMost(1.0) < 60);
        Assert.True(RankingCutoff.LowerBoundAtMost(0) <= 50.1);
        Assert.Equal(100.1, RankingCutoff.LowerBoundAtMost(25));
        Assert.Throws<ArgumentException>(() => new RankingCutoff("statements", 10));
    }
}
