using TensionTracker.Text.Scoring;

namespace TensionTracker.Articles;

// The shapes of the article endpoints' answers, for the OpenAPI document: the endpoints build these objects inline,
// and a test (TheApiDocument) compares every answer's fields with these.

public sealed record RetractAnswer(Guid ArticleId, string Status);

public sealed record ArticleAnswer(
    Guid Id, string Url, string Outlet, string Title, string Body, DateTimeOffset PublishedAt, string Language, string Status,
    string? Reason, int Revision, DateTimeOffset RecordedAt, DateTimeOffset? RetractedAt, Guid? CopyOf, string? ExtractorVersion,
    IReadOnlyList<ArticleCopyAnswer> Copies, IReadOnlyList<ArticleStatementAnswer> Statements);

public sealed record ArticleCopyAnswer(Guid Id, string Outlet, string Url, string Title, DateTimeOffset PublishedAt);

/// <summary>A statement of the article; scores: one per model that scored the current revision, by model name.</summary>
public sealed record ArticleStatementAnswer(
    string Text, int Start, int End, string Section, string? Speaker, string SpeakerRole, string? SpeakerCountry, string[] Targets,
    bool Direct, IReadOnlyDictionary<string, StatementScore> Scores);
