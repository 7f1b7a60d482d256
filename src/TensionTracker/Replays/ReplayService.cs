using System.Collections.Concurrent;
using System.Threading.Channels;
using JasperFx.Events.Projections;
using Marten;
using TensionTracker.Models;
using TensionTracker.Pipeline;

namespace TensionTracker.Replays;

/// <summary>
/// Runs replays in the host: the ones started over HTTP, and at start (then every few seconds) every replay still
/// marked running whose runner is gone (a killed host or CLI: its advisory lock went with its connection). A
/// replay another live process runs is left to it. On shutdown the runner stops between batches; the replay stays
/// running and the next start resumes it.
/// </summary>
public sealed class ReplayService(IDocumentStore store, ReplayRunner runner, TimeProvider clock, ILogger<ReplayService> log) : BackgroundService
{
    static readonly TimeSpan ScanInterval = TimeSpan.FromSeconds(3);
    readonly Channel<bool> wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    readonly ConcurrentDictionary<string, Task> active = new();
    readonly ConcurrentDictionary<Guid, bool> handedOver = new();

    /// <summary>Run this replay now (started or resumed by a request in this process).</summary>
    public void Wake(Guid id)
    {
        handedOver[id] = true;
        wake.Writer.TryWrite(true);
    }

    protected override async Task ExecuteAsync(CancellationToken ct)
    {
        var firstScan = true;
        while (!ct.IsCancellationRequested)
        {
            try { await Scan(firstScan, ct); firstScan = false; }
            catch (Exception e) when (e is not OperationCanceledException) { log.LogWarning(e, "replay scan failed"); }
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(ScanInterval);
            try { await wake.Reader.ReadAsync(timeout.Token); }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested) { }
        }
        await Task.WhenAll(active.Values).ContinueWith(_ => { }, CancellationToken.None);
    }

    async Task Scan(bool atStart, CancellationToken ct)
    {
        List<ReplayView> running;
        await using (var session = store.QuerySession())
            running = (await session.Query<ReplayView>().Where(r => r.Status == ReplayStatus.Running).ToListAsync(ct)).ToList();
        foreach (var replay in running.OrderBy(r => r.StartedAt))
        {
            var key = ReplayRunner.LockKey(replay.Kind, replay.Model);
            if (active.TryGetValue(key, out var task) && !task.IsCompleted) continue;
            var held = await runner.TryLock(replay.Kind, replay.Model, ct);
            if (held is null) continue;
            // Not handed over by a request here: the process that ran it is gone; say so on its stream.
            if (!handedOver.TryRemove(replay.Id, out _))
            {
                try
                {
                    await using var session = store.LightweightSession();
                    session.Events.Append(replay.Id, new ReplayResumed(replay.Id, atStart ? "host at start" : "host", clock.GetUtcNow()));
                    await session.SaveChangesAsync(ct);
                }
                catch
                {
                    await held.DisposeAsync();
                    throw;
                }
                log.LogInformation("resuming replay {Replay} of {Model} from {Cursor}", replay.Id, replay.Model, replay.Cursor);
            }
            active[key] = Task.Run(async () =>
            {
                await using (held)
                {
                    try
                    {
                        var end = await runner.Run(replay.Id, null, ct);
                        log.LogInformation("replay {Replay} of {Model}: {Status}, {Statements} statements", end.Id, end.Model, end.Status, end.StatementsScored);
                    }
                    catch (OperationCanceledException) when (ct.IsCancellationRequested) { }
                    catch (Exception e) { log.LogError(e, "replay {Replay} of {Model} stopped; it resumes at the next scan", replay.Id, replay.Model); }
                }
            }, CancellationToken.None);
        }
    }
}

/// <summary>The model registry and replays, wired once (projections inline: their documents change with their events).</summary>
public static class ReplayModule
{
    public static void ConfigureModelsAndReplays(this StoreOptions opts)
    {
        opts.Projections.Add<ModelsViewProjection>(ProjectionLifecycle.Inline);
        opts.Projections.Add<ReplayViewProjection>(ProjectionLifecycle.Inline);
    }

    public static WebApplicationBuilder AddModelsAndReplays(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ReplayRunner>();
        builder.Services.AddSingleton<ReplayService>();
        builder.Services.AddHostedService<RegisterDefaultModel>();
        builder.Services.AddHostedService<ModelCatalogRefresher>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ReplayService>());
        return builder;
    }

    public static void MapModelsAndReplays(this WebApplication app)
    {
        app.MapListModels();
        app.MapPromoteModel();
        app.MapCompareModels();
        app.MapStartReplay();
        app.MapGetReplay();
        app.MapCancelReplay();
    }
}
