using Npgsql;
using TensionTracker.Hosting;

namespace TensionTracker.Dyads;

/// <summary>
/// The ranking as of now, from the running totals EvidenceProjection keeps (one row per pair, its sums grown so that one
/// factor decays them to any moment; see DyadTotals) rather than from every piece of evidence: the pairs that can make
/// the top (see Candidates; every pair for the other orders), their index now ranked in C# (the lower bound moves with
/// time, so no stored order serves it), and for the top pairs' trends the last
/// 30 days of the per-day totals (the sums 7 or 30 days ago are the totals minus the UTC days after).
/// </summary>
public sealed class CurrentRanking(NpgsqlDataSource db, StorageNames names)
{
    public async Task<List<DyadSummary>> Top(string model, int top, string order, DateTimeOffset now, CancellationToken ct)
    {
        var totals = order == TensionIndex.Orders[0] ? await Candidates(model, top, now, ct) : await Read(model, ct);
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

    const string Columns = "pair, signal, polar, neutral, statements, last_published";

    async Task<List<Sums>> Read(string model, CancellationToken ct)
    {
        var totals = new List<Sums>();
        await using var command = db.CreateCommand($"select {Columns} from {names.Schema}.{EvidenceTables.Totals} where model = $1 and statements > 0");
        command.Parameters.Add(new() { Value = model });
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) totals.Add(Sums.From(reader));
        return totals;
    }

    /// <summary>
    /// The pairs that can make the default order's top, read down the pairs by their polar sum (an index; grown sums keep
    /// their order over time): every pair that can reach the minimum confidence (the first group), then, while the first
    /// group has fewer than asked, pairs as long as the best lower bound their polar sum allows
    /// (TensionIndex.LowerBoundAtMost) could still beat the last of the second group's best. Exact, and a few rows
    /// instead of every pair the history ever named.
    /// </summary>
    async Task<List<Sums>> Candidates(string model, int top, DateTimeOffset now, CancellationToken ct)
    {
        var decay = DyadTotals.DecayAt(now);
        var needed = TensionIndex.PolarNeededFor(TensionIndex.MinimumConfidence);
        var totals = new List<Sums>();
        var first = 0;
        var second = new PriorityQueue<double, double>();   // the best lower bounds of the second group, lowest first
        var page = Math.Max(200, 2 * top);
        Sums? after = null;
        while (true)
        {
            // Pages down the index (keyset: polar, then pair), so what is not needed is never sent.
            await using var command = db.CreateCommand($"""
                select {Columns} from {names.Schema}.{EvidenceTables.Totals}
                where model = $1 and statements > 0 and ($2::float8 is null or (polar, pair) < ($2, $3))
                order by polar desc, pair desc limit $4
                """);
            command.Parameters.Add(new() { Value = model });
            command.Parameters.Add(new() { Value = after is null ? DBNull.Value : after.Polar, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Double });
            command.Parameters.Add(new() { Value = after?.Pair ?? "", NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
            command.Parameters.Add(new() { Value = page });
            var rows = new List<Sums>(page);
            await using (var reader = await command.ExecuteReaderAsync(ct))
                while (await reader.ReadAsync(ct)) rows.Add(Sums.From(reader));
            foreach (var sums in rows)
            {
                var polar = sums.Polar * decay;
                if (polar < needed)
                {
                    var wanted = top - first;
                    if (wanted <= 0) return totals;
                    if (second.Count >= wanted && TensionIndex.LowerBoundAtMost(polar) < second.Peek()) return totals;
                }
                totals.Add(sums);
                var value = sums.At(now)!;
                if (value.Confidence >= TensionIndex.MinimumConfidence) first++;
                else
                {
                    second.Enqueue(value.LowerBound, value.LowerBound);
                    while (second.Count > Math.Max(1, top - first)) second.Dequeue();
                }
            }
            if (rows.Count < page) return totals;
            after = rows[^1];
        }
    }

    /// <summary>A pair's grown sums (EvidenceTables.Totals), read at a moment.</summary>
    sealed record Sums(string Pair, double Signal, double Polar, double Neutral, int Statements, DateTimeOffset Last)
    {
        public static readonly Sums None = new("", 0, 0, 0, 0, default);

        public static Sums From(NpgsqlDataReader reader) => new(reader.GetString(0), reader.GetDouble(1), reader.GetDouble(2),
            reader.GetDouble(3), reader.GetInt32(4), reader.GetFieldValue<DateTimeOffset>(5));

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
