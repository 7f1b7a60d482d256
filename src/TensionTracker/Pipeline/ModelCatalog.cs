using Marten;
using Microsoft.Extensions.Options;
using TensionTracker.Models;
using TensionTracker.Replays;

namespace TensionTracker.Pipeline;

/// <summary>
/// Which model is the default for reads (the promoted one, else the configured one), and which models score each
/// new article: the default plus every model whose replay is running, so a replayed model's history is complete
/// when its replay ends. The default is held in memory, read at start and again whenever a promotion is announced
/// (<see cref="DefaultModelChanged"/>, heard by every node); the running replays are read by the ingest batch itself.
/// </summary>
public sealed class ModelCatalog(TextPipeline pipeline, IDocumentStore store, IOptions<PipelineOptions> options)
{
    volatile string? promoted;
    volatile bool loaded;

    public async Task<string> DefaultName(CancellationToken ct)
    {
        if (!loaded) await Refresh(ct);
        return promoted ?? pipeline.DefaultModel;
    }

    /// <summary>The default as last read, without reading the store (null before the first read).</summary>
    public string? LastKnownDefault => loaded ? promoted ?? pipeline.DefaultModel : null;

    /// <summary>The default and the models of the replays running now (read in <paramref name="session"/>): what scores a new article.</summary>
    public async Task<IReadOnlyCollection<string>> ScoringModels(IQuerySession session, CancellationToken ct)
    {
        var running = await session.Query<ReplayView>().Where(r => r.Status == ReplayStatus.Running).ToListAsync(ct);
        var @default = await DefaultName(ct);
        // A replayed model this process cannot load would fail every ingest message: its replay fails on its own.
        var replaying = running.Where(r => r.Kind != ReplayKind.Extractor).Select(r => r.Model).Distinct()
            .Where(m => m != @default && File.Exists(Path.Combine(options.Value.ModelsPath, m + ".zip")));
        return [@default, .. replaying.Order(StringComparer.Ordinal)];
    }

    /// <summary>Reads the promoted default again (at start, and when a promotion is announced).</summary>
    public async Task Refresh(CancellationToken ct)
    {
        await using var session = store.QuerySession();
        promoted = (await session.LoadAsync<ModelsView>(ModelsStream.Id, ct))?.Default;
        loaded = true;
    }
}
