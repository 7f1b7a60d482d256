using Marten;
using TensionTracker.Pipeline;
using Wolverine.Marten;

namespace TensionTracker.Articles;

/// <summary>The bus message: a validated, normalised article to store, extract and score.</summary>
public sealed record IngestArticle(
    Guid ArticleId, string Url, string? CanonicalUrl, string Outlet, DateTimeOffset PublishedAt,
    string Title, string Body, string Language, string ContentHash);

/// <summary>Raised for a message that should never have reached the bus; it goes to the dead-letter queue with this reason.</summary>
public sealed class InvalidArticleException(string reason) : Exception(reason);

public static class IngestArticleHandler
{
    public static Task<ArticleView?> LoadAsync(IngestArticle message, IQuerySession session, CancellationToken ct) =>
        session.LoadAsync<ArticleView>(message.ArticleId, ct);

    public static IMartenOp Handle(IngestArticle message, ArticleView? current, TextPipeline pipeline, ModelCatalog models, TimeProvider clock)
    {
        var events = Decide(message, current, pipeline, models.ScoringModels(), clock.GetUtcNow());
        if (events.Length == 0) return MartenOps.Nothing();
        return current is null
            ? MartenOps.StartStream<ArticleView>(message.ArticleId, events)
            : MartenOps.Append(message.ArticleId, events);
    }

    /// <summary>New article, duplicate (nothing to record) or revision; the text pipeline runs on anything new.</summary>
    public static object[] Decide(IngestArticle m, ArticleView? current, TextPipeline pipeline, IReadOnlyCollection<string> scoringModels, DateTimeOffset now)
    {
        // Publishers on the broker may skip the HTTP checks, so the handler holds the line too.
        if (m.Title.Length == 0 || m.Body.Length == 0 || m.Title.Contains('\0') || m.Body.Contains('\0'))
            throw new InvalidArticleException($"article {m.ArticleId}: empty title or body, or a NUL character");
        if (m.PublishedAt > now.AddDays(1))
            throw new InvalidArticleException($"article {m.ArticleId}: publishedAt {m.PublishedAt:O} is in the future");

        if (current is not null && current.ContentHash == m.ContentHash) return [];

        var revision = current is null ? 1 : current.Revision + 1;
        object first = current is null
            ? new ArticleIngested(m.ArticleId, m.Url, m.CanonicalUrl, m.Outlet, m.PublishedAt, m.Title, m.Body, m.Language, m.ContentHash, now)
            : new ArticleRevised(m.ArticleId, revision, m.PublishedAt, m.Title, m.Body, m.ContentHash, now);
        return [first, .. pipeline.Analyse(m.ArticleId, revision, m.Title, m.Body, m.PublishedAt, m.Language, scoringModels, now)];
    }
}
