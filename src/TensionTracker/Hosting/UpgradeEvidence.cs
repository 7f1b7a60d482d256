using Marten;
using Npgsql;

namespace TensionTracker.Hosting;

/// <summary>
/// At start-up, after Marten's own schema (which holds the evidence tables, see EvidenceTables): a database from before
/// the index was redone (evidence_scores kept by triggers, the index's arithmetic in PL/pgSQL) loses those tables,
/// triggers and functions, and its evidence and totals are rebuilt from the events, once, with one log line.
/// </summary>
public sealed class UpgradeEvidence(IDocumentStore store, NpgsqlDataSource db, StorageNames names, ILogger<UpgradeEvidence> log) : IHostedService
{
    public async Task StartAsync(CancellationToken ct)
    {
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        var schema = names.Schema;
        await using (var connection = await db.OpenConnectionAsync(ct))
        await using (var transaction = await connection.BeginTransactionAsync(ct))
        {
            // One upgrader at a time, when several nodes start together; the second finds nothing left to do.
            await new NpgsqlCommand("select pg_advisory_xact_lock(7420113)", connection, transaction).ExecuteNonQueryAsync(ct);
            var old = await new NpgsqlCommand(
                $"select exists (select 1 from information_schema.tables where table_schema = '{schema}' and table_name = 'evidence_scores')",
                connection, transaction).ExecuteScalarAsync(ct) is true;
            if (!old) return;
            await new NpgsqlCommand($"""
                drop view if exists {schema}.evidence;
                drop table if exists {schema}.evidence_scores, {schema}.evidence_statements, {schema}.pair_totals, {schema}.dyad_days, {schema}.evidence;
                drop function if exists {schema}.evidence_follow(), {schema}.evidence_cleared(),
                    {schema}.evidence_move(text[], text[], float8[], timestamptz[], real[], real[], integer[]),
                    {schema}.evidence_mass(double precision, timestamptz, integer), {schema}.evidence_value(real, real);
                """, connection, transaction).ExecuteNonQueryAsync(ct);
            await transaction.CommitAsync(ct);
        }
        var started = DateTimeOffset.UtcNow;
        using var daemon = await store.BuildProjectionDaemonAsync();
        await daemon.RebuildProjectionAsync(EvidenceProjection.Name, ct);
        log.LogWarning("Evidence upgraded to the redone index: the old evidence tables, triggers and SQL functions are gone; " +
            "evidence and pair totals rebuilt from the events in {Seconds:0.0} s", (DateTimeOffset.UtcNow - started).TotalSeconds);
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
