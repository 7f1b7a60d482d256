namespace TensionTracker.Articles;

/// <summary>
/// A publisher in another language may write the plain JSON of an <see cref="IngestArticle"/> straight onto the
/// broker (scale-out), skipping the HTTP and CLI checks: the fields it left out are named here, and the ingest
/// handler dead-letters the message with that reason instead of failing deep in the pipeline.
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
