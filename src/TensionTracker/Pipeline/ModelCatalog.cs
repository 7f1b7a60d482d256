using Marten;
using Microsoft.Extensions.Options;
using TensionTracker.Models;
using TensionTracker.Replays;

namespace TensionTracker.Pipeline;

/// <summary>
/// Which model is the default for reads (the promoted one, else the configured one), and which models score each
/// new article: the default plus every model whose replay is running, so a replayed model's history is complete
/// when its replay ends. Held in memory and refreshed from the store every <see cref="RefreshInterval"/> (two small
/// reads), because the ingest handler asks for every message; a replay waits longer than that before it starts.
/// </summary>
public sealed class ModelCatalog(TextPipeline pipeline, IDocumentStore store, IOptions<PipelineOptions> options, TimeProvider clock)
{
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(1);
    static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(5);

    sealed record State(string Default, string[] Replaying, DateTimeOffset LoadedAt, string[]? Lane = null);

    volatile State? state;
    readonly SemaphoreSlim refreshing = new(1, 1);

    public async Task<string> DefaultName(CancellationToken ct) => (await Current(ct)).Default;

    /// <summary>The default as last read, without reading the store (null before the first read).</summary>
    public string? LastKnownDefault => state?.Default;

    public IReadOnlyCollection<string> ScoringModels()
    {
        var s = state;
        // The first call blocks once; after that a refresher keeps the state fresh (and a stale state is read again).
        if (s is null || clock.GetUtcNow() - s.LoadedAt > MaxAge) s = Current(CancellationToken.None).GetAwaiter().GetResult();
        // Deep models never score on the ingest path: their own lane does (DeepLane). With a deep model as the default,
        // the configured (fast) default keeps scoring there.
        var fast = new[] { s.Default }.Concat(s.Replaying).Distinct().Where(m => !IsDeep(m)).ToArray();
        return fast.Length > 0 || IsDeep(pipeline.DefaultModel) ? fast : [pipeline.DefaultModel];
    }

    /// <summary>The deep models that score new articles in their own lane: every registered one whose file is here.</summary>
    public IReadOnlyCollection<string> LaneModels()
    {
        var s = state;
        if (s is null || clock.GetUtcNow() - s.LoadedAt > MaxAge) s = Current(CancellationToken.None).GetAwaiter().GetResult();
        return s.Lane ?? [];
    }

    readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> deep = new();

    /// <summary>A deep model (DeepModel's file), told by its file once per name: a name is a version.</summary>
    public bool IsDeep(string model)
    {
        if (deep.TryGetValue(model, out var known)) return known;
        var path = Path.Combine(options.Value.ModelsPath, model + ".zip");
        var isDeep = TensionTracker.Deep.DeepModel.IsDeepModel(path);
        // A file not (yet) here is asked about again next time.
        if (File.Exists(path)) deep[model] = isDeep;
        return isDeep;
    }

    async Task<State> Current(CancellationToken ct)
    {
        var s = state;
        if (s is not null && clock.GetUtcNow() - s.LoadedAt <= RefreshInterval) return s;
        await Refresh(ct);
        return state!;
    }

    public async Task Refresh(CancellationToken ct)
    {
        await refreshing.WaitAsync(ct);
        try
        {
            var started = clock.GetUtcNow();
            await using var session = store.QuerySession();
            var models = await session.LoadAsync<ModelsView>(ModelsStream.Id, ct);
            var running = await session.Query<ReplayView>().Where(r => r.Status == ReplayStatus.Running).ToListAsync(ct);
            var replaying = running.Where(r => r.Kind != ReplayKind.Extractor).Select(r => r.Model);
            // A replayed model this process cannot load would fail every ingest message: its replay fails on its own.
            var loadable = replaying.Distinct().Where(m => File.Exists(Path.Combine(options.Value.ModelsPath, m + ".zip")));
            var lane = (models?.Items ?? []).Select(i => i.Name).Where(IsDeep).Order(StringComparer.Ordinal).ToArray();
            state = new State(models?.Default ?? pipeline.DefaultModel, loadable.Order(StringComparer.Ordinal).ToArray(), started, lane);
        }
        finally { refreshing.Release(); }
    }
}

/// <summary>Keeps the catalog fresh in the host, whether messages arrive or not.</summary>
public sealed class ModelCatalogRefresher(ModelCatalog catalog, ILogger<ModelCatalogRefresher> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(ModelCatalog.RefreshInterval / 2);
        while (await timer.WaitForNextTickAsync(ct))
        {
            try { await catalog.Refresh(ct); }
            catch (Exception e) when (e is not OperationCanceledException) { log.LogWarning(e, "model catalog refresh failed"); }
        }
    }
}
