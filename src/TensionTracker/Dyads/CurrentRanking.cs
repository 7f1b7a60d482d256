using Npgsql;
using TensionTracker.Hosting;

namespace TensionTracker.Dyads;

/// <summary>
/// The ranking as of now, from the running totals (see projections/Evidence.sql) rather than from every piece
/// of evidence: the top pairs straight from an index (the order of weighted / mass does not change with time),
/// and for their trends only the last 30 days of the per-day totals (the index at the end of a past day is the
/// total minus the days after it). Days are UTC days: a trend compares the index now with the index at the end
/// of the day 7 (30) days ago.
/// </summary>
public sealed class CurrentRanking(NpgsqlDataSource db, StorageNames names)
{
    public async Task<List<DyadSummary>> Top(string model, int top, DateTimeOffset now, CancellationToken ct)
    {
        var decay = DyadTotals.DecayAt(now);
        var rows = new List<(string Pair, double Mass, double Weighted, int Statements, DateTimeOffset Last)>();
        await using (var command = db.CreateCommand($"""
            select pair, mass, weighted, statements, last_published from {names.Schema}.pair_totals
            where model = $1 and mass > 0
            order by weighted / nullif(mass, 0) desc nulls last, mass desc, pair limit $2
            """))
        {
            command.Parameters.Add(new() { Value = model });
            command.Parameters.Add(new() { Value = top });
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
                rows.Add((reader.GetString(0), reader.GetDouble(1), reader.GetDouble(2), reader.GetInt32(3), reader.GetFieldValue<DateTimeOffset>(4)));
        }

        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var after = new Dictionary<string, (double WeekMass, double WeekWeighted, double MonthMass, double MonthWeighted)>();
        await using (var command = db.CreateCommand($"""
            select pair,
                   coalesce(sum(mass) filter (where day > $3), 0), coalesce(sum(weighted) filter (where day > $3), 0),
                   sum(mass), sum(weighted)
            from {names.Schema}.dyad_days where model = $1 and pair = any($2) and day > $4 group by pair
            """))
        {
            command.Parameters.Add(new() { Value = model });
            command.Parameters.Add(new() { Value = rows.Select(r => r.Pair).ToArray() });
            command.Parameters.Add(new() { Value = today.AddDays(-7) });
            command.Parameters.Add(new() { Value = today.AddDays(-30) });
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
                after[reader.GetString(0)] = (reader.GetDouble(1), reader.GetDouble(2), reader.GetDouble(3), reader.GetDouble(4));
        }

        return rows.Select(r =>
        {
            var tension = Math.Round(r.Weighted / r.Mass, 2);
            var (weekMass, weekWeighted, monthMass, monthWeighted) = after.GetValueOrDefault(r.Pair);
            return new DyadSummary(r.Pair, r.Pair.Split('-'), tension,
                Math.Round(1 - Math.Exp(-r.Mass * decay / TensionIndex.ConfidenceScale), 3), r.Statements,
                Trend(tension, r.Mass - weekMass, r.Weighted - weekWeighted, r.Mass),
                Trend(tension, r.Mass - monthMass, r.Weighted - monthWeighted, r.Mass),
                r.Last);
        }).ToList();
    }

    /// <summary>Now minus the index from what was published by then; none when nothing was (a mass that is float noise counts as none).</summary>
    static double? Trend(double tension, double mass, double weighted, double total) =>
        mass <= total * 1e-9 ? null : Math.Round(tension - weighted / mass, 2) + 0.0; // + 0.0: no "-0" in the JSON
}
