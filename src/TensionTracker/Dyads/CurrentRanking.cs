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
    /// The pairs that can make the default order's top, read down the pairs by their polar sum (an index, in pages; grown
    /// sums keep their order over time). A pair's lower bound is at most TensionIndex.LowerBoundAtMost of its polar sum, which
    /// falls with it, so the reading stops once no pair further down can enter: below the first group's last place when it
    /// holds enough (every pair that can reach the minimum confidence), else below the second group's. Exact, and a page
    /// or two instead of every pair the history ever named.
    /// </summary>
    async Task<List<Sums>> Candidates(string model, int top, DateTimeOffset now, CancellationToken ct)
    {
        var decay = DyadTotals.DecayAt(now);
        var needed = TensionIndex.PolarNeededFor(TensionIndex.MinimumConfidence);
        var totals = new List<Sums>();
        // The best lower bounds of each group so far, lowest first.
        PriorityQueue<double, double> first = new(), second = new();
        var firstCount = 0;
        var page = Math.Max(1000, 4 * top);
        Sums? after = null;
        while (true)
        {
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
                var best = TensionIndex.LowerBoundAtMost(polar);
                if (firstCount >= top && (polar < needed || best < first.Peek())) return totals;
                if (polar < needed && second.Count >= top - firstCount && best < second.Peek()) return totals;
                totals.Add(sums);
                var value = sums.At(now)!;
                var (group, size) = value.Confidence >= TensionIndex.MinimumConfidence ? (first, top) : (second, Math.Max(1, top - firstCount));
                if (group == first) firstCount++;
                group.Enqueue(value.LowerBound, value.LowerBound);
                while (group.Count > size) group.Dequeue();
                while (second.Count > Math.Max(1, top - firstCount)) second.Dequeue();
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
