namespace TensionTracker.Replays;

// The events on a replay's stream. The stream is the replay's durable cursor, one per lane (a range of article ids):
// each page of scores and the page's progress event commit in one transaction, so a replay killed at any point
// resumes exactly after the last committed page of each lane.

/// <summary>
/// Kind "model" re-scores with the model named by Model; kind "extractor" re-extracts with the extractor version named
/// by Model. Lanes: how many ranges of article ids go on side by side (1 for replays from before lanes).
/// SweepAfterSequence is no longer read (the sweep starts from StartedAt).
/// </summary>
public sealed record ReplayStarted(Guid ReplayId, string Model, int BatchSize, int ArticlesTotal, long SweepAfterSequence, DateTimeOffset StartedAt,
    string Kind = ReplayKind.Model, int Lanes = 1);

/// <summary>One page of a lane done. Phase "history" walks every article of the lane by id; "sweep" then revisits, by
/// id, the articles analysed (ingested or revised) since shortly before the replay started, in case an ingest batch
/// under way at the start did not score them with the model.</summary>
public sealed record ReplayBatchDone(
    Guid ReplayId, string Phase, Guid Cursor, int Articles, int ArticlesScored, int Statements, DateTimeOffset RecordedAt, int Lane = 0);

public sealed record ReplayHistoryDone(Guid ReplayId, DateTimeOffset RecordedAt, int Lane = 0);

/// <summary>A lane's sweep is done: nothing left in its range. The last lane done completes the replay.</summary>
public sealed record ReplayLaneDone(Guid ReplayId, int Lane, DateTimeOffset RecordedAt);

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
