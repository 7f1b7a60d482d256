using TensionTracker.Hosting;
using Marten;

namespace TensionTracker.Feeds;

/// <summary>
/// DELETE /api/feeds/{id}, DELETE /api/feeds?url=URL and `tension feed remove URL|ID`: stop following a feed. Its
/// articles stay; its scheduled poll finds no feed and ends.
/// </summary>
public static class RemoveFeed
{
    public static void MapRemoveFeed(this IEndpointRouteBuilder app)
    {
        app.MapDelete("/api/feeds/{id:guid}", (Guid id, IDocumentSession session, CancellationToken ct) => Answer(session, id.ToString(), ct))
            .WithName("RemoveFeed").WithTags("Feeds")
            .WithSummary("Stop following a feed (its articles stay)")
            .WithParameterDescriptions(("id", "The feed's id"))
            .Produces<FeedSummary>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound);
        app.MapDelete("/api/feeds", (string? url, IDocumentSession session, CancellationToken ct) =>
            string.IsNullOrWhiteSpace(url) ? Task.FromResult(Results.ValidationProblem(new Dictionary<string, string[]> { ["url"] = ["give the feed's id in the path or its url in the query"] }))
                : Answer(session, url, ct))
            .WithName("RemoveFeedByUrl").WithTags("Feeds")
            .WithSummary("Stop following a feed named by its URL (its articles stay)")
            .WithParameterDescriptions(("url", "The feed's URL as it was added"))
            .Produces<FeedSummary>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    static async Task<IResult> Answer(IDocumentSession session, string idOrUrl, CancellationToken ct) =>
        await Remove(session, idOrUrl, ct) is { } removed ? Results.Ok(FeedSummary.Of(removed))
            : Results.Problem(statusCode: 404, title: $"no feed {idOrUrl}", detail: "not followed (or already removed)");

    /// <summary>The removed feed, or null when none has that id or URL.</summary>
    public static async Task<Feed?> Remove(IDocumentSession session, string idOrUrl, CancellationToken ct)
    {
        var id = Guid.TryParse(idOrUrl, out var given) ? given
            : Uri.TryCreate(idOrUrl.Trim(), UriKind.Absolute, out var uri) ? Feed.IdOf(uri.AbsoluteUri) : Guid.Empty;
        var feed = await session.LoadAsync<Feed>(id, ct);
        if (feed is null) return null;
        session.Delete(feed);
        await session.SaveChangesAsync(ct);
        return feed;
    }
}
