using Marten.Events.Aggregation;
using TensionTracker.Replays;

namespace TensionTracker;

/// <summary>A replay's progress and cursor: where it resumes, how far it got, how it ended.</summary>
public sealed class ReplayView
{
    public Guid Id { get; set; }
    /// <summary>The model replayed, or for kind "extractor" the extractor version history is re-extracted with.</summary>
    public string Model { get; set; } = "";
    public string Kind { get; set; } = ReplayKind.Model;
    public string Status { get; set; } = ReplayStatus.Running;
    /// <summary>"history" while a lane still walks history, then "sweep".</summary>
    public string Phase { get; set; } = ReplayPhase.History;
    /// <summary>Lane 0's cursor (what replays from before lanes resume from).</summary>
    public Guid? Cursor { get; set; }
    /// <summary>Each lane's phase and cursor: its pages go on independently, one at a time.</summary>
    public List<ReplayLane> Lanes { get; set; } = [];
    public int BatchSize { get; set; }
    public long SweepAfterSequence { get; set; }
    public int ArticlesTotal { get; set; }
    public int ArticlesDone { get; set; }
    /// <summary>Articles that got new events (the rest were already scored by the model, or extracted by the extractor, at their revision).</summary>
    public int ArticlesScored { get; set; }
    public long StatementsScored { get; set; }
    public int SweptArticles { get; set; }
    public int Batches { get; set; }
    public int Resumes { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    public string? Error { get; set; }

    /// <summary>Lane <paramref name="i"/>; a replay from before lanes is lane 0 alone, where its phase and cursor were.</summary>
    public ReplayLane Lane(int i)
    {
        if (Lanes.Count == 0) Lanes.Add(new ReplayLane { Phase = Phase, Cursor = Cursor });
        while (Lanes.Count <= i) Lanes.Add(new ReplayLane());
        return Lanes[i];
    }
}

public sealed class ReplayLane
{
    public string Phase { get; set; } = ReplayPhase.History;
    /// <summary>The last article id done in the current phase (keyset pagination resumes after it).</summary>
    public Guid? Cursor { get; set; }
    public bool Done { get; set; }
}

public partial class ReplayViewProjection : SingleStreamProjection<ReplayView, Guid>
{
    public static ReplayView Create(ReplayStarted e) => new()
    {
        Id = e.ReplayId, Model = e.Model, Kind = e.Kind, BatchSize = e.BatchSize, ArticlesTotal = e.ArticlesTotal, SweepAfterSequence = e.SweepAfterSequence,
        StartedAt = e.StartedAt, UpdatedAt = e.StartedAt,
        Lanes = Enumerable.Range(0, Math.Max(1, e.Lanes)).Select(_ => new ReplayLane()).ToList(),
    };

    public static void Apply(ReplayBatchDone e, ReplayView view)
    {
        view.Lane(e.Lane).Cursor = e.Cursor;
        if (e.Lane == 0) view.Cursor = e.Cursor;
        if (e.Phase == ReplayPhase.History) view.ArticlesDone += e.Articles;
        else view.SweptArticles += e.Articles;
        // Articles that arrived after the count was taken: progress never reads above 100 %.
        view.ArticlesTotal = Math.Max(view.ArticlesTotal, view.ArticlesDone);
        view.ArticlesScored += e.ArticlesScored;
        view.StatementsScored += e.Statements;
        view.Batches++;
        view.UpdatedAt = e.RecordedAt;
    }

    public static void Apply(ReplayHistoryDone e, ReplayView view)
    {
        var lane = view.Lane(e.Lane);
        lane.Phase = ReplayPhase.Sweep;
        lane.Cursor = null;
        if (e.Lane == 0) view.Cursor = null;
        if (view.Lanes.All(l => l.Phase == ReplayPhase.Sweep)) view.Phase = ReplayPhase.Sweep;
        view.UpdatedAt = e.RecordedAt;
    }

    public static void Apply(ReplayLaneDone e, ReplayView view)
    {
        view.Lane(e.Lane).Done = true;
        view.UpdatedAt = e.RecordedAt;
    }

    public static void Apply(ReplayCompleted e, ReplayView view)
    {
        view.Status = ReplayStatus.Completed;
        view.FinishedAt = e.FinishedAt;
        view.UpdatedAt = e.FinishedAt;
    }

    public static void Apply(ReplayCancelled e, ReplayView view)
    {
        view.Status = ReplayStatus.Cancelled;
        view.Error = e.Reason;
        view.UpdatedAt = e.RecordedAt;
    }

    public static void Apply(ReplayResumed e, ReplayView view)
    {
        view.Status = ReplayStatus.Running;
        view.Error = null;
        view.Resumes++;
        view.UpdatedAt = e.RecordedAt;
    }

    public static void Apply(ReplayFailed e, ReplayView view)
    {
        view.Status = ReplayStatus.Failed;
        view.Error = e.Error;
        view.FinishedAt = e.RecordedAt;
        view.UpdatedAt = e.RecordedAt;
    }
}
