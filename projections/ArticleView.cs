using Marten.Events.Aggregation;
using TensionTracker.Articles;
using TensionTracker.Dyads;
using TensionTracker.Text.Scoring;

namespace TensionTracker;

/// <summary>
/// One article as readers and replays need it: its text, status and current statements (offsets and attribution).
/// Scores and the evidence they give each pair are rows beside it (EvidenceProjection), so scoring with another
/// model never rewrites this document.
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
    public double? CopySimilarity { get; set; }
    public string? ExtractorVersion { get; set; }
    public List<StatementView> Statements { get; set; } = [];
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
    /// <summary>Where the statement names its targets (StatementRecord.Mentions); null for statements extracted before they were kept.</summary>
    public int[]? Mentions { get; set; }
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
            Mentions = s.Mentions,
        }).ToList();
        // Extraction and the scoring by every model in use are one transaction (IngestArticleHandler), so an
        // article with statements is scored. Replays add scores without touching this document.
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
        view.CopySimilarity = e.Similarity;
        view.Status = ArticleStatus.Copy;
        view.Reason = $"a syndicated copy of article {e.OriginalArticleId} (similarity {e.Similarity:0.00}); its statements count once, under the original";
        view.UpdatedAt = e.RecordedAt;
    }

    public static void Apply(ArticleRetracted e, ArticleView view)
    {
        view.Status = ArticleStatus.Retracted;
        view.Reason = e.Reason;
        view.RetractedAt = e.RecordedAt;
        view.UpdatedAt = e.RecordedAt;
    }
}
