namespace TensionTracker.Articles;

/// <summary>
/// Middleware on the RabbitMQ ingest listener (scale-out): a publisher in another language writes the plain JSON
/// of an <see cref="IngestArticle"/> straight onto the broker, skipping the HTTP and CLI checks, so a field it left
/// out would otherwise surface as a NullReferenceException deep in the pipeline. Each missing field is named here,
/// and <see cref="InvalidArticleException"/> sends the message to the dead letters with that reason.
/// </summary>
public static class RawIngestChecks
{
    public static void Before(IngestArticle message)
    {
        var missing = Missing(message).ToList();
        if (missing.Count > 0)
            throw new InvalidArticleException($"article {message.ArticleId}: missing or empty {string.Join(", ", missing)}");
    }

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
