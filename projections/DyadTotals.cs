using System.Reflection;
using Npgsql;
using TensionTracker.Dyads;

namespace TensionTracker;

/// <summary>
/// Installs the running totals per model and pair that <c>DyadTotals.sql</c> describes, and recomputes them
/// from the article documents whenever the trigger is (re)installed, e.g. after the document table was recreated.
/// The current ranking reads these totals instead of every piece of evidence.
/// </summary>
public static class DyadTotals
{
    public static readonly DateTimeOffset Epoch = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static string Sql(string schema)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("DyadTotals.sql")
            ?? throw new InvalidOperationException("DyadTotals.sql is not embedded in the host assembly");
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
        var installed = await new NpgsqlCommand(
            $"select count(*) from pg_trigger where tgname = 'dyad_totals_follow' and tgrelid = '{schema}.mt_doc_articleview'::regclass",
            connection, transaction).ExecuteScalarAsync(ct) is long n && n > 0;
        await new NpgsqlCommand(Sql(schema), connection, transaction).ExecuteNonQueryAsync(ct);
        await new NpgsqlCommand($"""
            create index if not exists dyad_totals_empty on {schema}.dyad_totals (model) where statements <= 0;
            create index if not exists dyad_days_empty on {schema}.dyad_days (model) where statements <= 0;
            create index if not exists articleview_evidence on {schema}.mt_doc_articleview using gin ((data->'evidence') jsonb_path_ops);
            create index if not exists articleview_bands on {schema}.mt_doc_articleview using gin ((data->'bands'));
            """, connection, transaction).ExecuteNonQueryAsync(ct);
        if (!installed)
            await new NpgsqlCommand($"""
                truncate {schema}.dyad_totals, {schema}.dyad_days;
                insert into {schema}.dyad_totals (model, pair, direction, mass, weighted, statements)
                    select e.model, e.pair, e.direction, sum(e.mass), sum(e.weighted), sum(e.statements)
                    from {schema}.mt_doc_articleview d, {schema}.dyad_evidence(d.data, 1) e group by 1, 2, 3;
                insert into {schema}.dyad_days (model, pair, day, mass, weighted, statements, last_published)
                    select e.model, e.pair, e.day, sum(e.mass), sum(e.weighted), sum(e.statements), max(e.published)
                    from {schema}.mt_doc_articleview d, {schema}.dyad_evidence(d.data, 1) e group by 1, 2, 3;
                """, connection, transaction).ExecuteNonQueryAsync(ct);
        await transaction.CommitAsync(ct);
    }

    /// <summary>The decay of the totals' mass at a moment: 2^(-(at - epoch) / half-life).</summary>
    public static double DecayAt(DateTimeOffset at) => Math.Pow(2, -(at - Epoch) / TensionIndex.HalfLife);
}
