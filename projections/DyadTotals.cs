using System.Reflection;
using Npgsql;
using TensionTracker.Dyads;

namespace TensionTracker;

/// <summary>
/// Installs the evidence tables and the running totals per model and pair that <c>Evidence.sql</c> describes, and
/// recomputes the totals from the evidence whenever their triggers are (re)installed. The current ranking reads
/// these totals instead of every piece of evidence.
/// </summary>
public static class DyadTotals
{
    public static readonly DateTimeOffset Epoch = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static string Sql(string schema)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Evidence.sql")
            ?? throw new InvalidOperationException("Evidence.sql is not embedded in the host assembly");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd()
            .Replace("{schema}", schema)
            .Replace("{halfLifeDays}", TensionIndex.HalfLife.TotalDays.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .Replace("{stanceShare}", TensionIndex.StanceShare.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    public static async Task EnsureAsync(NpgsqlDataSource db, string schema, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        // One installer at a time, when several nodes start together.
        await new NpgsqlCommand("select pg_advisory_xact_lock(7420113)", connection, transaction).ExecuteNonQueryAsync(ct);
        await new NpgsqlCommand(Sql(schema), connection, transaction).ExecuteNonQueryAsync(ct);
        // Totals missing while evidence exists (new tables on an existing database): compute them once.
        var missing = await new NpgsqlCommand(
            $"select not exists (select 1 from {schema}.pair_totals) and exists (select 1 from {schema}.evidence_scores where removed_at is null)",
            connection, transaction).ExecuteScalarAsync(ct) is true;
        if (missing)
            await new NpgsqlCommand($"""
                truncate {schema}.pair_totals, {schema}.dyad_days;
                select {schema}.evidence_move(array_agg(model), array_agg(pair), array_agg(weight),
                    array_agg(published_at), array_agg(tone), array_agg(stance), array_agg(1))
                from {schema}.evidence where removed_at is null and weight > 0 having count(*) > 0;
                """, connection, transaction).ExecuteNonQueryAsync(ct);
        await transaction.CommitAsync(ct);
    }

    /// <summary>The decay of the totals' mass at a moment: 2^(-(at - epoch) / half-life).</summary>
    public static double DecayAt(DateTimeOffset at) => Math.Pow(2, -(at - Epoch) / TensionIndex.HalfLife);
}
