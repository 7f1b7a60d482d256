using Marten.Events.Aggregation;
using TensionTracker.Articles;
using TensionTracker.Dyads;
using TensionTracker.Text.Scoring;

namespace TensionTracker;

/// <summary>
/// One article as readers and the index need it: its text, status, current statements with their scores under
/// every model, and its evidence - every scored statement about a country pair it ever gave, with the
/// knowledge-time interval during which it counted (recorded .. removed by a revision or retraction), so the
/// index can be evaluated "as known then".
/// </summary>
public sealed class ArticleView
{
    public Guid Id { get; set; }
    public string Url { get; set; } = "";
    public string? CanonicalUrl { get; set; }
    public string Outlet { get; set; } = "";
    public string Title { get; set; } = "";
    public string Body { get; set; } = "";
    public string Language { get; set; } = "en";
    public string ContentHash { get; set; } = "";
    public DateTimeOffset PublishedAt { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public int Revision { get; set; }
    public string Status { get; set; } = ArticleStatus.Received;
    public string? Reason { get; set; }
    public DateTimeOffset? RetractedAt { get; set; }
    public Guid? CopyOf { get; set; }
    /// <summary>MinHash of the body statements and its bands, to find syndicated copies (Articles/SyndicatedCopies.cs).</summary>
    public ulong[]? Fingerprint { get; set; }
    public string[]? Bands { get; set; }
    public string? ExtractorVersion { get; set; }
    public List<StatementView> Statements { get; set; } = [];
    public List<Evidence> Evidence { get; set; } = [];
}

public static class ArticleStatus
{
    public const string Received = "received";
    public const string Scored = "scored";
    public const string NotScored = "not_scored";
    public const string Copy = "copy";
    public const string Retracted = "retracted";
}

public sealed class StatementView
{
    public int Index { get; set; }
    public int Start { get; set; }
    public int End { get; set; }
    public string Section { get; set; } = "";
    public string? Speaker { get; set; }
    public string SpeakerRole { get; set; } = "";
    public string? SpeakerCountry { get; set; }
    public string[] Targets { get; set; } = [];
    public bool Direct { get; set; }
    public Dictionary<string, StatementScore> Scores { get; set; } = [];
}

/// <summary>One statement's contribution to one pair under one model (see <see cref="TensionIndex"/>).</summary>
public sealed class Evidence
{
    public string Model { get; set; } = "";
    public int Revision { get; set; }
    public int Statement { get; set; }
    public string Pair { get; set; } = "";
    public string? From { get; set; }
    public string? To { get; set; }
    public int Start { get; set; }
    public int End { get; set; }
    public string? Speaker { get; set; }
    public string SpeakerRole { get; set; } = "";
    public string? SpeakerCountry { get; set; }
    public string? TargetCountry { get; set; }
    public float Tone { get; set; }
    public float Stance { get; set; }
    public double Weight { get; set; }
    public DateTimeOffset PublishedAt { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
    public DateTimeOffset? RemovedAt { get; set; }
}

public partial class ArticleViewProjection : SingleStreamProjection<ArticleView, Guid>
{
    public static ArticleView Create(ArticleIngested e) => new()
    {
        Id = e.ArticleId, Url = e.Url, CanonicalUrl = e.CanonicalUrl, Outlet = e.Outlet, Title = e.Title, Body = e.Body,
        Language = e.Language, ContentHash = e.ContentHash, PublishedAt = e.PublishedAt, RecordedAt = e.RecordedAt,
        UpdatedAt = e.RecordedAt, Revision = 1,
    };

    public static void Apply(ArticleRevised e, ArticleView view)
    {
        RemoveEvidence(view, e.RecordedAt);
        view.Revision = e.Revision;
        view.Title = e.Title;
        view.Body = e.Body;
        view.PublishedAt = e.PublishedAt;
        view.ContentHash = e.ContentHash;
        view.Statements = [];
        // A syndicated copy stays linked to its original through revisions: its statements still count there.
        view.Status = view.CopyOf is null ? ArticleStatus.Received : ArticleStatus.Copy;
        if (view.CopyOf is null) view.Reason = null;
        view.RetractedAt = null;
        view.UpdatedAt = e.RecordedAt;
    }

    public static void Apply(StatementsExtracted e, ArticleView view)
    {
        if (e.Revision != view.Revision) return;
        view.ExtractorVersion = e.ExtractorVersion;
        view.Statements = e.Statements.Select((s, i) => new StatementView
        {
            Index = i, Start = s.Start, End = s.Start + s.Length, Section = s.Section, Speaker = s.Speaker,
            SpeakerRole = s.SpeakerRole, SpeakerCountry = s.SpeakerCountry, Targets = s.Targets, Direct = s.Direct,
        }).ToList();
        view.Fingerprint = SyndicatedCopies.Fingerprint(view.Title, view.Body, e.Statements);
        view.Bands = view.Fingerprint is null ? null : SyndicatedCopies.Bands(view.Fingerprint);
        view.UpdatedAt = e.RecordedAt;
    }

    public static void Apply(StatementsScored e, ArticleView view)
    {
        // Scores from an older revision or extractor no longer describe these statements.
        if (e.Revision != view.Revision || e.ExtractorVersion != view.ExtractorVersion || e.Scores.Length != view.Statements.Count) return;
        view.Evidence.RemoveAll(x => x.Model == e.Model && x.Revision == e.Revision && x.RemovedAt is null);
        for (var i = 0; i < e.Scores.Length; i++)
        {
            var statement = view.Statements[i];
            statement.Scores[e.Model] = e.Scores[i];
            if (view.CopyOf is not null) continue;
            foreach (var (from, to) in TensionIndex.Directions(statement.SpeakerCountry, statement.Targets))
                view.Evidence.Add(new Evidence
                {
                    Model = e.Model, Revision = e.Revision, Statement = i, Pair = TensionIndex.PairKey(from ?? to!, to!),
                    From = statement.SpeakerCountry is null ? null : from, To = statement.SpeakerCountry is null ? null : to,
                    Start = statement.Start, End = statement.End,
                    Speaker = statement.Speaker, SpeakerRole = statement.SpeakerRole, SpeakerCountry = statement.SpeakerCountry,
                    TargetCountry = to, Tone = e.Scores[i].Tone, Stance = e.Scores[i].Stance,
                    Weight = TensionIndex.Weight(statement.SpeakerRole, statement.SpeakerCountry, statement.Direct, statement.Section),
                    PublishedAt = view.PublishedAt, RecordedAt = e.RecordedAt,
                });
        }
        if (view.CopyOf is null) view.Status = ArticleStatus.Scored;
        view.UpdatedAt = e.RecordedAt;
    }

    public static void Apply(ArticleNotScored e, ArticleView view)
    {
        if (e.Revision != view.Revision) return;
        view.Status = ArticleStatus.NotScored;
        view.Reason = e.Reason;
        view.UpdatedAt = e.RecordedAt;
    }

    public static void Apply(ArticleLinkedAsCopy e, ArticleView view)
    {
        view.CopyOf = e.OriginalArticleId;
        view.Status = ArticleStatus.Copy;
        view.Reason = $"a syndicated copy of article {e.OriginalArticleId} (similarity {e.Similarity:0.00}); its statements count once, under the original";
        RemoveEvidence(view, e.RecordedAt);
        view.UpdatedAt = e.RecordedAt;
    }

    public static void Apply(ArticleRetracted e, ArticleView view)
    {
        RemoveEvidence(view, e.RecordedAt);
        view.Status = ArticleStatus.Retracted;
        view.Reason = e.Reason;
        view.RetractedAt = e.RecordedAt;
        view.UpdatedAt = e.RecordedAt;
    }

    static void RemoveEvidence(ArticleView view, DateTimeOffset at)
    {
        foreach (var item in view.Evidence.Where(x => x.RemovedAt is null)) item.RemovedAt = at;
    }
}
