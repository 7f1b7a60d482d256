namespace TensionTracker.Replays;

// The shapes of the replay endpoints' answers, for the OpenAPI document: the endpoints build these objects inline,
// and a test (TheApiDocument) compares every answer's fields with these.

/// <summary>Kind: model (re-score with Model) or extractor (re-extract with Extractor); the other one is null.</summary>
public sealed record ReplayStartAnswer(Guid Id, string Kind, string? Model, string? Extractor, bool Resumed, string Status);

public sealed record ReplayCancelAnswer(Guid Id, string Status);

/// <summary>A replay's progress (0..1) and counts; status: running, cancelled, completed or failed.</summary>
public sealed record ReplayAnswer(
    Guid Id, string Kind, string? Model, string? Extractor, string Status, string Phase, int ArticlesDone, int ArticlesTotal,
    int ArticlesScored, long StatementsScored, int SweptArticles, int Batches, int BatchSize, int Resumes, DateTimeOffset StartedAt,
    DateTimeOffset UpdatedAt, DateTimeOffset? FinishedAt, string? Error, double Progress);

public sealed record ReplayListAnswer(IReadOnlyList<ReplayAnswer> Items);
