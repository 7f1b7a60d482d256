using Npgsql;
using TensionTracker.Hosting;

namespace TensionTracker.Dyads;

/// <summary>
/// The ranking as of now, from the running totals EvidenceProjection keeps (one row per pair, its sums grown so that one
/// factor decays them to any moment; see DyadTotals) rather than from every piece of evidence: every pair's index now,
/// ranked in C# (the lower bound moves with time, so no stored order serves it), and for the top pairs' trends the last
/// 30 days of the per-day totals (the sums 7 or 30 days ago are the totals minus the UTC days after).
/// </summary>
public sealed class CurrentRanking(NpgsqlDataSource db, StorageNames names)
{
    public async Task<List<DyadSummary>> Top(string model, int top, string order, DateTimeOffset now, CancellationToken ct)
    {
        // The default order's first group (confidence at least the minimum) can only hold pairs whose polar sum reaches
        // what that confidence needs; the grown sums keep their order over time, so an index finds them. Only when they
        // are fewer than asked does the ranking read every pair (and always for the other orders).
        var totals = new List<Sums>();
        if (order == TensionIndex.Orders[0])
        {
            var needed = TensionIndex.PolarNeededFor(TensionIndex.MinimumConfidence) / DyadTotals.DecayAt(now);
            totals = await Read(model, needed, ct);
            if (totals.Count(t => t.At(now)!.Confidence >= TensionIndex.MinimumConfidence) < top) totals = await Read(model, null, ct);
        }
        else totals = await Read(model, null, ct);
        var ranked = TensionIndex.Rank(totals.Select(t => DyadSummary.From(t.Pair, t.At(now), null, null)), order).Take(top).ToList();

        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var recent = new Dictionary<string, (Sums Week, Sums Month)>();
        await using (var command = db.CreateCommand($"""
            select pair,
                   coalesce(sum(signal) filter (where day > $3), 0), coalesce(sum(polar) filter (where day > $3), 0),
                   coalesce(sum(neutral) filter (where day > $3), 0), coalesce(sum(statements) filter (where day > $3), 0)::int,
                   sum(signal), sum(polar), sum(neutral), sum(statements)::int
            from {names.Schema}.{EvidenceTables.DayTotals} where model = $1 and pair = any($2) and day > $4 group by pair
            """))
        {
            command.Parameters.Add(new() { Value = model });
            command.Parameters.Add(new() { Value = ranked.Select(r => r.Pair).ToArray() });
            command.Parameters.Add(new() { Value = today.AddDays(-7) });
            command.Parameters.Add(new() { Value = today.AddDays(-30) });
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                var pair = reader.GetString(0);
                recent[pair] = (new Sums(pair, reader.GetDouble(1), reader.GetDouble(2), reader.GetDouble(3), reader.GetInt32(4), default),
                    new Sums(pair, reader.GetDouble(5), reader.GetDouble(6), reader.GetDouble(7), reader.GetInt32(8), default));
            }
        }

        var byPair = totals.ToDictionary(t => t.Pair);
        return ranked.Select(r =>
        {
            var total = byPair[r.Pair];
            var now_ = total.At(now);
            var (week, month) = recent.TryGetValue(r.Pair, out var after) ? after : (Sums.None, Sums.None);
            return r with
            {
                Trend7d = GetDyads.Trend(now_, total.Minus(week).At(now.AddDays(-7))),
                Trend30d = GetDyads.Trend(now_, total.Minus(month).At(now.AddDays(-30))),
            };
        }).ToList();
    }

    async Task<List<Sums>> Read(string model, double? polarAtLeast, CancellationToken ct)
    {
        var totals = new List<Sums>();
        await using var command = db.CreateCommand($"""
            select pair, signal, polar, neutral, statements, last_published from {names.Schema}.{EvidenceTables.Totals}
            where model = $1 and statements > 0 and ($2::float8 is null or polar >= $2)
            """);
        command.Parameters.Add(new() { Value = model });
        command.Parameters.Add(new() { Value = polarAtLeast is null ? DBNull.Value : polarAtLeast.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Double });
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            totals.Add(new Sums(reader.GetString(0), reader.GetDouble(1), reader.GetDouble(2), reader.GetDouble(3), reader.GetInt32(4),
                reader.GetFieldValue<DateTimeOffset>(5)));
        return totals;
    }

    /// <summary>A pair's grown sums (EvidenceTables.Totals), read at a moment.</summary>
    sealed record Sums(string Pair, double Signal, double Polar, double Neutral, int Statements, DateTimeOffset Last)
    {
        public static readonly Sums None = new("", 0, 0, 0, 0, default);

        public IndexValue? At(DateTimeOffset at)
        {
            var decay = DyadTotals.DecayAt(at);
            return TensionIndex.FromSums(Signal * decay, Polar * decay, Neutral * decay, Statements, Last);
        }

        /// <summary>What was published by then: the totals minus the days after (none when nothing was; float noise is none).</summary>
        public Sums Minus(Sums after) => Statements - after.Statements <= 0
            ? this with { Statements = 0 }
            : new(Pair, Signal - after.Signal, Polar - after.Polar, Neutral - after.Neutral, Statements - after.Statements, Last);
    }
}
