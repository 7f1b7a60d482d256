namespace TensionTracker.Articles;

/// <summary>
/// A publisher on the broker (scale-out) normally sends the plain article, whose id, hash and language the handler
/// derives (<see cref="IngestArticleHandler.Derive"/>). One that sends a derived <see cref="IngestArticle"/> instead
/// (with an id or a hash) skips that step: the fields it left out are named here, and the ingest handler
/// dead-letters the message with that reason instead of failing deep in the pipeline.
/// </summary>
public static class RawIngestChecks
{
    public static IEnumerable<string> Missing(IngestArticle m)
    {
        if (m.ArticleId == Guid.Empty) yield return "articleId";
        if (m.Url is null) yield return "url";
        if (string.IsNullOrWhiteSpace(m.Outlet)) yield return "outlet";
        if (m.PublishedAt == default) yield return "publishedAt";
        if (string.IsNullOrWhiteSpace(m.Title)) yield return "title";
        if (string.IsNullOrWhiteSpace(m.Body)) yield return "body";
        if (string.IsNullOrWhiteSpace(m.Language)) yield return "language";
        if (string.IsNullOrWhiteSpace(m.ContentHash)) yield return "contentHash";
    }
}
