using JasperFx;
using Marten.Events.Aggregation;
using TensionTracker.Articles;

namespace TensionTracker;

/// <summary>
/// Which version of an article we hold and which models scored it: content hash, revision, extractor, the models
/// whose scores match the current revision and extraction. Small (no text), inline, one per article: what ingest
/// decides duplicates and revisions with, and what a replay pages through.
/// </summary>
public sealed class ArticleVersion : IRevisioned
{
    public Guid Id { get; set; }
    /// <summary>The article stream's version (Marten keeps a projected document's revision at its stream's version): a re-extraction is appended only onto the version it read.</summary>
    public int Version { get; set; }
    public string Url { get; set; } = "";
    public string ContentHash { get; set; } = "";
    public int Revision { get; set; }
    /// <summary>The extractor of the current revision's statements; null until they are extracted.</summary>
    public string? ExtractorVersion { get; set; }
    /// <summary>received, scored, not_scored, copy or retracted, as on ArticleView.</summary>
    public string Status { get; set; } = ArticleStatus.Received;
    public bool Retracted { get; set; }
    public Guid? CopyOf { get; set; }
    public double? CopySimilarity { get; set; }
    /// <summary>When the current statements were extracted (the extraction's own time): a replay's sweep revisits what was analysed after it started.</summary>
    public DateTimeOffset AnalysedAt { get; set; }
    /// <summary>The models that scored the current revision's statements as extracted now, in the order they did.</summary>
    public List<string> ScoredBy { get; set; } = [];

    /// <summary>Has statements a replay can score or re-extract: analysed, counted (or a copy) and not retracted.</summary>
    public bool Scorable() => Status is ArticleStatus.Scored or ArticleStatus.Copy && !Retracted;
}

/// <summary>What a message carrying a content hash means for the article we hold.</summary>
public enum VersionOutcome { New, Duplicate, Revision }

/// <summary>The duplicate/revision decision, in one place: ingest, the door and the command line all ask it.</summary>
public static class ArticleVersions
{
    /// <summary>New (nothing held), duplicate (the same content), or the next revision of what is held.</summary>
    public static (VersionOutcome Outcome, int Revision) Decide(string contentHash, string? heldHash, int heldRevision) =>
        heldHash is null ? (VersionOutcome.New, 1)
        : heldHash == contentHash ? (VersionOutcome.Duplicate, heldRevision)
        : (VersionOutcome.Revision, heldRevision + 1);

    public static (VersionOutcome Outcome, int Revision) Decide(string contentHash, ArticleVersion? held) =>
        Decide(contentHash, held?.ContentHash, held?.Revision ?? 0);

    /// <summary>The word publishers get back: accepted, duplicate or revised.</summary>
    public static string Answer(VersionOutcome outcome) => outcome switch
    {
        VersionOutcome.New => "accepted",
        VersionOutcome.Duplicate => "duplicate",
        _ => "revised",
    };
}

public partial class ArticleVersionProjection : SingleStreamProjection<ArticleVersion, Guid>
{
    public static ArticleVersion Create(ArticleIngested e) => new()
    {
        Id = e.ArticleId, Url = e.CanonicalUrl ?? e.Url, ContentHash = e.ContentHash, Revision = 1,
    };

    public static void Apply(ArticleRevised e, ArticleVersion v)
    {
        v.Revision = e.Revision;
        v.ContentHash = e.ContentHash;
        v.ExtractorVersion = null;
        v.ScoredBy = [];
        v.Retracted = false;
        v.Status = v.CopyOf is null ? ArticleStatus.Received : ArticleStatus.Copy;
    }

    public static void Apply(StatementsExtracted e, ArticleVersion v)
    {
        if (e.Revision != v.Revision) return;
        v.ExtractorVersion = e.ExtractorVersion;
        v.ScoredBy = [];
        v.AnalysedAt = e.RecordedAt;
        if (v.CopyOf is null) v.Status = ArticleStatus.Scored;
    }

    public static void Apply(StatementsScored e, ArticleVersion v)
    {
        if (e.Revision == v.Revision && (e.ExtractorVersion ?? "") == (v.ExtractorVersion ?? "") && !v.ScoredBy.Contains(e.Model)) v.ScoredBy.Add(e.Model);
    }

    public static void Apply(ArticleNotScored e, ArticleVersion v)
    {
        if (e.Revision == v.Revision) v.Status = ArticleStatus.NotScored;
    }

    public static void Apply(ArticleLinkedAsCopy e, ArticleVersion v)
    {
        v.CopyOf = e.OriginalArticleId;
        v.CopySimilarity = e.Similarity;
        v.Status = ArticleStatus.Copy;
    }

    public static void Apply(ArticleRetracted e, ArticleVersion v)
    {
        v.Retracted = true;
        v.Status = ArticleStatus.Retracted;
    }
}
