using Marten;
using Npgsql;

namespace TensionTracker.Hosting;

/// <summary>At start-up, after Marten's own schema: the dyad totals table and the trigger that keeps it.</summary>
public sealed class InstallDyadTotals(IDocumentStore store, NpgsqlDataSource db, StorageNames names) : IHostedService
{
    public async Task StartAsync(CancellationToken ct)
    {
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        await DyadTotals.EnsureAsync(db, names.Schema, ct);
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
