using Npgsql;
using TensionTracker.Hosting;

namespace TensionTracker.Dyads;

/// <summary>
/// The ranking as of now, from the running totals EvidenceProjection keeps (one row per pair, its sums grown so that one
/// factor decays them to any moment; see DyadTotals) rather than from every piece of evidence: the pairs that can make
/// the top (see Candidates and Stored), their index now ranked in C# (the index, its confidence and lower bound move
/// with time, so no stored order serves them), and for the top pairs' trends the last
/// 30 days of the per-day totals (the sums 7 or 30 days ago are the totals minus the UTC days after).
/// </summary>
public sealed class CurrentRanking(NpgsqlDataSource db, StorageNames names)
{
    public async Task<List<DyadSummary>> Top(string model, int top, string order, DateTimeOffset now, CancellationToken ct)
    {
        var totals = RankingCutoff.KeyOf(order) is null ? await Stored(model, top, order, ct) : await Candidates(model, top, order, now, ct);
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

    /// <summary>
    /// For the orders kept as stored (statements, latest): the top by that column and every pair tied with the last
    /// (the ranking breaks ties by the index now), sorted by PostgreSQL without sending the other pairs.
    /// </summary>
    async Task<List<Sums>> Stored(string model, int top, string order, CancellationToken ct)
    {
        var totals = new List<Sums>();
        await using var command = db.CreateCommand(order == "statements" ? ByStatements : ByLatest);
        command.Parameters.Add(new() { Value = model });
        command.Parameters.Add(new() { Value = top });
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) totals.Add(Sums.From(reader));
        return totals;
    }

    string ByStatements => field ??= Highest("statements");
    string ByLatest => field ??= Highest("last_published");

    string Highest(string column) => $"""
        select {Columns} from {names.Schema}.{EvidenceTables.Totals}
        where model = $1 and statements > 0 order by {column} desc fetch first $2 rows with ties
        """;

    /// <summary>
    /// The pairs that can make the top of an order that moves with time, read down the pairs by the grown sum that bounds it
    /// (an index, in pages; grown sums keep their order over time) until RankingCutoff says no pair further down can enter.
    /// For the default order that is the signal sum: a high lower bound needs hostile evidence, so the reader stops after a
    /// few hundred pairs where going down by the polar sum read over a thousand.
    /// </summary>
    async Task<List<Sums>> Candidates(string model, int top, string order, DateTimeOffset now, CancellationToken ct)
    {
        var decay = DyadTotals.DecayAt(now);
        var key = RankingCutoff.KeyOf(order)!;
        var cutoff = new RankingCutoff(order, top);
        var totals = new List<Sums>();
        var page = Math.Max(100, 4 * top);
        Sums? after = null;
        while (true)
        {
            await using var command = db.CreateCommand(key == "signal" ? BySignal : ByPolar);
            command.Parameters.Add(new() { Value = model });
            command.Parameters.Add(new() { Value = after is null ? DBNull.Value : key == "signal" ? after.Signal : after.Polar, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Double });
            command.Parameters.Add(new() { Value = after?.Pair ?? "", NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
            command.Parameters.Add(new() { Value = page });
            var rows = new List<Sums>(page);
            await using (var reader = await command.ExecuteReaderAsync(ct))
                while (await reader.ReadAsync(ct)) rows.Add(Sums.From(reader));
            foreach (var sums in rows)
            {
                if (!cutoff.Admits((key == "signal" ? sums.Signal : sums.Polar) * decay, sums.At(now))) return totals;
                totals.Add(sums);
            }
            if (rows.Count < page) return totals;
            after = rows[^1];
            page = Math.Min(page * 4, 20_000);
        }
    }

    string BySignal => field ??= Down("signal");
    string ByPolar => field ??= Down("polar");

    string Down(string sum) => $"""
        select {Columns} from {names.Schema}.{EvidenceTables.Totals}
        where model = $1 and statements > 0 and ($2::float8 is null or ({sum}, pair) < ($2, $3))
        order by {sum} desc, pair desc limit $4
        """;

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
