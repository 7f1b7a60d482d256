using Npgsql;
using TensionTracker.Hosting;

namespace TensionTracker.Dyads;

/// <summary>
/// The ranking as of now, from the running totals (see projections/DyadTotals.sql) rather than from every
/// piece of evidence: one small aggregate for the ranking, one bounded one for the trends of the pairs shown.
/// Days are UTC days: a trend compares the index now with the index at the end of the day 7 (30) days ago.
/// </summary>
public sealed class CurrentRanking(NpgsqlDataSource db, StorageNames names)
{
    public async Task<List<DyadSummary>> Top(string model, int top, DateTimeOffset now, CancellationToken ct)
    {
        var decay = DyadTotals.DecayAt(now);
        var rows = new List<(string Pair, double Mass, double Weighted, int Statements)>();
        await using (var command = db.CreateCommand($"""
            select pair, sum(mass), sum(weighted), sum(statements)::int from {names.Schema}.dyad_totals
            where model = $1 group by pair having sum(mass) > 0
            order by sum(weighted) / sum(mass) desc, sum(mass) desc, pair limit $2
            """))
        {
            command.Parameters.Add(new() { Value = model });
            command.Parameters.Add(new() { Value = top });
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) rows.Add((reader.GetString(0), reader.GetDouble(1), reader.GetDouble(2), reader.GetInt32(3)));
        }

        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var trends = new Dictionary<string, (double? Week, double? Month, DateTimeOffset? Last)>();
        await using (var command = db.CreateCommand($"""
            select pair,
                   sum(weighted) filter (where day <= $3) / nullif(sum(mass) filter (where day <= $3), 0),
                   sum(weighted) filter (where day <= $4) / nullif(sum(mass) filter (where day <= $4), 0),
                   max(last_published)
            from {names.Schema}.dyad_days where model = $1 and pair = any($2) and day <= $5 group by pair
            """))
        {
            command.Parameters.Add(new() { Value = model });
            command.Parameters.Add(new() { Value = rows.Select(r => r.Pair).ToArray() });
            command.Parameters.Add(new() { Value = today.AddDays(-7) });
            command.Parameters.Add(new() { Value = today.AddDays(-30) });
            command.Parameters.Add(new() { Value = today });
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
                trends[reader.GetString(0)] = (
                    reader.IsDBNull(1) ? null : reader.GetDouble(1),
                    reader.IsDBNull(2) ? null : reader.GetDouble(2),
                    reader.IsDBNull(3) ? null : reader.GetFieldValue<DateTimeOffset>(3));
        }

        return rows.Select(r =>
        {
            var tension = Math.Round(r.Weighted / r.Mass, 2);
            var t = trends.GetValueOrDefault(r.Pair);
            return new DyadSummary(r.Pair, r.Pair.Split('-'), tension,
                Math.Round(1 - Math.Exp(-r.Mass * decay / TensionIndex.ConfidenceScale), 3), r.Statements,
                t.Week is null ? null : Math.Round(tension - t.Week.Value, 2) + 0.0, // + 0.0: no "-0" in the JSON
                t.Month is null ? null : Math.Round(tension - t.Month.Value, 2) + 0.0,
                t.Last);
        }).ToList();
    }
}
