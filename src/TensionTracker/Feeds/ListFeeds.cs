using TensionTracker.Hosting;
using System.Text;
using Marten;

namespace TensionTracker.Feeds;

/// <summary>A feed as the API and `feed list` show it: its state and its latest troubles, not the keys it has seen.</summary>
public sealed record FeedSummary(
    Guid Id, string Url, string Every, string? Title, DateTimeOffset AddedAt, DateTimeOffset NextPollAt, DateTimeOffset? LastPolledAt,
    string? LastResult, int ConsecutiveFailures, string? LastError, int ItemsPublished, IReadOnlyList<SkippedItem> Skipped)
{
    public static FeedSummary Of(Feed f) => new(f.Id, f.Url, AddFeed.FormatEvery(f.Every), f.Title, f.AddedAt, f.NextPollAt, f.LastPolledAt,
        f.LastResult, f.ConsecutiveFailures, f.LastError, f.ItemsPublished, f.Skipped);
}

/// <summary>GET /api/feeds, GET /api/feeds/{id} and `tension feed list`.</summary>
public static class ListFeeds
{
    public static void MapListFeeds(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/feeds", async (IQuerySession session, CancellationToken ct) => Results.Ok(await All(session, ct)))
            .WithName("ListFeeds").WithTags("Feeds")
            .WithSummary("The feeds followed, with their last result or error")
            .Produces<IReadOnlyList<FeedSummary>>();
        app.MapGet("/api/feeds/{id:guid}", async (Guid id, IQuerySession session, CancellationToken ct) =>
            await session.LoadAsync<Feed>(id, ct) is { } feed ? Results.Ok(FeedSummary.Of(feed))
                : Results.Problem(statusCode: 404, title: $"no feed {id}", detail: "not followed (or removed)"))
            .WithName("GetFeed").WithTags("Feeds")
            .WithSummary("One followed feed")
            .WithParameterDescriptions(("id", "The feed's id (from POST /api/feeds or GET /api/feeds)"))
            .Produces<FeedSummary>()
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    public static async Task<IReadOnlyList<FeedSummary>> All(IQuerySession session, CancellationToken ct) =>
        (await session.Query<Feed>().OrderBy(f => f.AddedAt).ToListAsync(ct)).Select(FeedSummary.Of).ToList();

    /// <summary>The command line's view: one block per feed, its error spelled out when it is failing.</summary>
    public static string Describe(IReadOnlyList<FeedSummary> feeds, DateTimeOffset now)
    {
        if (feeds.Count == 0) return "no feeds followed: add one with `tension feed add URL [--every 5m]`\n";
        var text = new StringBuilder();
        foreach (var f in feeds)
        {
            text.AppendLine($"{f.Id}  {f.Url}{(f.Title is null ? "" : $"  ({f.Title})")}");
            var last = f.LastPolledAt is { } at ? $"last polled {at:u}" : "not polled yet";
            text.AppendLine($"    every {f.Every}, {f.ItemsPublished} items published, {last}, next poll {When(f.NextPollAt, now)}");
            if (f.LastError is not null)
                text.AppendLine($"    error ({f.ConsecutiveFailures} failure{(f.ConsecutiveFailures == 1 ? "" : "s")} in a row, backing off): {f.LastError}");
            else if (f.LastResult is not null) text.AppendLine($"    last poll: {f.LastResult}");
            foreach (var s in f.Skipped.TakeLast(5)) text.AppendLine($"    skipped {s.Url}: {s.Reason}");
        }
        return text.ToString();
    }

    static string When(DateTimeOffset at, DateTimeOffset now) =>
        at <= now ? "now" : $"in {AddFeed.FormatEvery(TimeSpan.FromSeconds(Math.Ceiling((at - now).TotalSeconds)))}";
}
