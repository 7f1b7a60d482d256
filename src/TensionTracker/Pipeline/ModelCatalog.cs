using System.Collections.Concurrent;
using Marten;
using Microsoft.Extensions.Options;
using TensionTracker.Models;
using TensionTracker.Replays;

namespace TensionTracker.Pipeline;

/// <summary>
/// Which model is the default for reads (the promoted one, else the configured one), and which models score each
/// new article: the default plus every model whose replay is running, so a replayed model's history is complete
/// when its replay ends. The default is held in memory, read at start and again whenever a promotion is announced
/// (<see cref="DefaultModelChanged"/>, heard by every node); the running replays and the registered deep models are read
/// by the ingest batch itself. Deep models never score on the ingest path: their own lane does (DeepLane).
/// </summary>
public sealed class ModelCatalog(TextPipeline pipeline, IDocumentStore store, IOptions<PipelineOptions> options)
{
    volatile string? promoted;
    volatile bool loaded;
    readonly ConcurrentDictionary<string, bool> deep = new();

    public async Task<string> DefaultName(CancellationToken ct)
    {
        if (!loaded) await Refresh(ct);
        return promoted ?? pipeline.DefaultModel;
    }

    /// <summary>The default as last read, without reading the store (null before the first read).</summary>
    public string? LastKnownDefault => loaded ? promoted ?? pipeline.DefaultModel : null;

    /// <summary>
    /// The fast models that score a new article on the ingest path: the default and the models of the replays running now
    /// (read in <paramref name="session"/>). With a deep model as the default, the configured (fast) default scores there.
    /// </summary>
    public async Task<IReadOnlyCollection<string>> ScoringModels(IQuerySession session, CancellationToken ct)
    {
        var running = await session.Query<ReplayView>().Where(r => r.Status == ReplayStatus.Running).ToListAsync(ct);
        var @default = await DefaultName(ct);
        // A replayed model this process cannot load would fail every ingest message: its replay fails on its own.
        var replaying = running.Where(r => r.Kind != ReplayKind.Extractor).Select(r => r.Model).Distinct()
            .Where(m => m != @default && File.Exists(Path.Combine(options.Value.ModelsPath, m + ".zip")));
        string[] fast = [.. new[] { @default }.Concat(replaying.Order(StringComparer.Ordinal)).Where(m => !IsDeep(m))];
        return fast.Length > 0 || IsDeep(pipeline.DefaultModel) ? fast : [pipeline.DefaultModel];
    }

    /// <summary>The deep models that score new articles in their own lane: every registered one whose file is here.</summary>
    public async Task<IReadOnlyCollection<string>> LaneModels(IQuerySession session, CancellationToken ct)
    {
        var registry = await session.LoadAsync<ModelsView>(ModelsStream.Id, ct);
        return LaneModels(registry);
    }

    public IReadOnlyCollection<string> LaneModels(ModelsView? registry) =>
        (registry?.Items ?? []).Select(i => i.Name).Where(IsDeep).Order(StringComparer.Ordinal).ToArray();

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

    /// <summary>Reads the promoted default again (at start, and when a promotion is announced).</summary>
    public async Task Refresh(CancellationToken ct)
    {
        await using var session = store.QuerySession();
        promoted = (await session.LoadAsync<ModelsView>(ModelsStream.Id, ct))?.Default;
        loaded = true;
    }
}
