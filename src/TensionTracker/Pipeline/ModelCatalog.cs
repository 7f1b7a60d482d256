namespace TensionTracker.Pipeline;

/// <summary>Which model is the default for reads and which models score new articles.</summary>
public sealed class ModelCatalog(TextPipeline pipeline)
{
    public Task<string> DefaultName(CancellationToken ct) => Task.FromResult(pipeline.DefaultModel);
    public Task<IReadOnlyCollection<string>> ScoringModels(CancellationToken ct) =>
        Task.FromResult<IReadOnlyCollection<string>>([pipeline.DefaultModel]);
}
