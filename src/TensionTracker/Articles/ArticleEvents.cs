using TensionTracker.Text.Scoring;

namespace TensionTracker.Articles;

// The events on an article's stream. They are a contract: once landed, a shape changes only through a new
// version with an upcaster. Each carries the time it was recorded, so projections never read the clock.

public sealed record ArticleIngested(
    Guid ArticleId, string Url, string? CanonicalUrl, string Outlet, DateTimeOffset PublishedAt,
    string Title, string Body, string Language, string ContentHash, DateTimeOffset RecordedAt);

/// <summary>The same URL came again with changed content: the new text replaces the old from now on.</summary>
public sealed record ArticleRevised(
    Guid ArticleId, int Revision, DateTimeOffset PublishedAt, string Title, string Body, string ContentHash,
    DateTimeOffset RecordedAt);

/// <summary>
/// The current revision is analysed again by a newer extractor (a replay of history): what the previous extraction
/// counted stops counting now, and the new StatementsExtracted and its scores follow in the same transaction.
/// </summary>
public sealed record ArticleReextracted(
    Guid ArticleId, int Revision, string ExtractorVersion, string PreviousExtractorVersion, DateTimeOffset RecordedAt);

public sealed record ArticleRetracted(Guid ArticleId, string Reason, DateTimeOffset RecordedAt);

/// <summary>
/// Statements found in one revision. Offsets point into title + blank line + body; no text copied. The
/// revision's publication time and the MinHash of its body statements (null when too few to compare; see
/// SyndicatedCopies) travel with them, so projections need no other event to place and match them.
/// </summary>
public sealed record StatementsExtracted(
    Guid ArticleId, int Revision, string ExtractorVersion, StatementRecord[] Statements, DateTimeOffset RecordedAt,
    DateTimeOffset PublishedAt = default, ulong[]? Fingerprint = null);

/// <param name="Narrated">An act the outlet narrates ("Syria offered troops to Lebanon"), not a quotation; false in events
/// stored before extractor-7, which read without it.</param>
/// <param name="Mentions">Where the statement names its targets, as the models read it (TargetMentions.Encode: target index,
/// start and length in the statement's text, three numbers a mention), so a replay need not find them again; null in
/// events stored before they were kept, whose mentions a replay finds again.</param>
public sealed record StatementRecord(
    int Start, int Length, string Section, string? Speaker, string SpeakerRole, string? SpeakerCountry,
    string[] Targets, bool Direct, bool Narrated = false, int[]? Mentions = null);

/// <summary>One model's scores for every statement of one revision, aligned with the extracted statements.</summary>
public sealed record StatementsScored(
    Guid ArticleId, int Revision, string ExtractorVersion, string Model, StatementScore[] Scores,
    DateTimeOffset RecordedAt);

/// <summary>Stored, but not scored (a language not yet supported, say), with the reason.</summary>
public sealed record ArticleNotScored(Guid ArticleId, int Revision, string Reason, DateTimeOffset RecordedAt);

/// <summary>A syndicated copy of an article already known: its statements count once, under the original.</summary>
public sealed record ArticleLinkedAsCopy(
    Guid ArticleId, Guid OriginalArticleId, double Similarity, DateTimeOffset RecordedAt);
