namespace TensionTracker.Replays;

// The events on a replay's stream. The stream is the replay's durable cursor: each batch of scores and the
// batch's progress event commit in one transaction, so a replay killed at any point resumes exactly after
// the last committed batch.

/// <summary>
/// SweepAfterSequence: the event sequence after which analysed articles are revisited by the sweep. Kind "model"
/// re-scores with the model named by Model; kind "extractor" re-extracts with the extractor version named by Model.
/// </summary>
public sealed record ReplayStarted(Guid ReplayId, string Model, int BatchSize, int ArticlesTotal, long SweepAfterSequence, DateTimeOffset StartedAt,
    string Kind = ReplayKind.Model);

/// <summary>One batch done. Phase "history" walks every article by id; "sweep" then revisits, by id, the articles
/// analysed (ingested or revised) since shortly before the replay started, in case a catalog did not know the replay yet.</summary>
public sealed record ReplayBatchDone(
    Guid ReplayId, string Phase, Guid Cursor, int Articles, int ArticlesScored, int Statements, DateTimeOffset RecordedAt);

public sealed record ReplayHistoryDone(Guid ReplayId, DateTimeOffset RecordedAt);

public sealed record ReplayCompleted(Guid ReplayId, DateTimeOffset FinishedAt);

public sealed record ReplayCancelled(Guid ReplayId, string Reason, DateTimeOffset RecordedAt);

/// <summary>Picked up again: after a cancel (by request), or after the process running it died (by the host at start).</summary>
public sealed record ReplayResumed(Guid ReplayId, string By, DateTimeOffset RecordedAt);

public sealed record ReplayFailed(Guid ReplayId, string Error, DateTimeOffset RecordedAt);

public static class ReplayStatus
{
    public const string Running = "running";
    public const string Cancelled = "cancelled";
    public const string Completed = "completed";
    public const string Failed = "failed";
}

public static class ReplayKind
{
    /// <summary>Re-score every statement with a model; the old scores stay.</summary>
    public const string Model = "model";
    /// <summary>Re-extract every article with this build's extractor, and score the new statements with every model that scored the old ones.</summary>
    public const string Extractor = "extractor";
}

public static class ReplayPhase
{
    public const string History = "history";
    public const string Sweep = "sweep";
}
