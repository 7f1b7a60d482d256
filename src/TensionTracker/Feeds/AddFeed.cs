using System.Globalization;
using Marten;
using Microsoft.Extensions.Options;
using Wolverine;

namespace TensionTracker.Feeds;

public sealed record AddFeedRequest(string? Url, string? Every);

/// <summary>
/// POST /api/feeds and `tension feed add URL [--every 5m]`: follow a feed. The same URL added again is the same
/// feed (its interval updated). The first poll is asked for at once.
/// </summary>
public static class AddFeed
{
    public static void MapAddFeed(this IEndpointRouteBuilder app) =>
        app.MapPost("/api/feeds", async (AddFeedRequest request, IDocumentSession session, IMessageBus bus,
            IOptions<FeedOptions> options, TimeProvider clock, CancellationToken ct) =>
        {
            var (feed, problem) = await Follow(session, request.Url, request.Every, options.Value, clock.GetUtcNow(), ct);
            if (feed is null) return Results.ValidationProblem(new Dictionary<string, string[]> { [problem!.Value.Field] = [problem.Value.Message] }, title: "The feed was not added");
            await bus.PublishAsync(new PollFeed(feed.Id, feed.Schedule));
            return Results.Created($"/api/feeds/{feed.Id}", FeedSummary.Of(feed));
        })
        .WithName("AddFeed").WithTags("Feeds")
        .WithSummary("Follow a news feed")
        .WithDescription("RSS 2.0 or Atom; every: how often to poll it (e.g. 15m, 1h; default 15m). Polled at once; each new item is published as an article. " +
            "Adding a feed already followed changes its interval.")
        .Accepts<AddFeedRequest>("application/json")
        .Produces<FeedSummary>(StatusCodes.Status201Created)
        .ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status401Unauthorized)
        .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

    /// <summary>Stores the feed (new, or with its new interval); the caller asks for its first poll.</summary>
    public static async Task<(Feed? Feed, (string Field, string Message)? Problem)> Follow(
        IDocumentSession session, string? url, string? every, FeedOptions options, DateTimeOffset now, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(url) || !Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            return (null, ("url", "url must be an absolute http(s) URL"));
        var interval = TimeSpan.FromSeconds(options.DefaultEverySeconds);
        if (every is not null)
        {
            if (ParseEvery(every) is not { } parsed) return (null, ("every", $"every must be a duration such as 90s, 5m, 1h or 1d, not \"{every}\""));
            if (parsed.TotalSeconds < options.MinimumEverySeconds) return (null, ("every", $"every must be at least {FormatEvery(TimeSpan.FromSeconds(options.MinimumEverySeconds))}"));
            interval = parsed;
        }
        var feed = await session.LoadAsync<Feed>(Feed.IdOf(uri.AbsoluteUri), ct) ?? Feed.Create(uri.AbsoluteUri, interval, now);
        if (every is not null) feed.Every = interval;
        // Asked for again: polled at once, under a new token, so an older chain of polls ends.
        feed.NextPollAt = now;
        feed.Schedule = Guid.CreateVersion7();
        session.Store(feed);
        await session.SaveChangesAsync(ct);
        return (feed, null);
    }

    /// <summary>"90s", "5m", "1h", "1d", combinations such as "1h30m", or a TimeSpan ("00:05:00").</summary>
    public static TimeSpan? ParseEvery(string text)
    {
        text = text.Trim().ToLowerInvariant();
        if (text.Contains(':')) return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var span) && span > TimeSpan.Zero ? span : null;
        var total = TimeSpan.Zero;
        var number = "";
        foreach (var c in text)
        {
            if (char.IsAsciiDigit(c)) { number += c; continue; }
            if (number.Length is 0 or > 6 || !int.TryParse(number, out var n)) return null;
            total += c switch
            {
                's' => TimeSpan.FromSeconds(n), 'm' => TimeSpan.FromMinutes(n), 'h' => TimeSpan.FromHours(n), 'd' => TimeSpan.FromDays(n),
                _ => TimeSpan.MinValue,
            };
            if (total < TimeSpan.Zero) return null;
            number = "";
        }
        return number.Length == 0 && total > TimeSpan.Zero ? total : null;
    }

    public static string FormatEvery(TimeSpan every)
    {
        var parts = new List<string>();
        if (every.Days > 0) parts.Add($"{every.Days}d");
        if (every.Hours > 0) parts.Add($"{every.Hours}h");
        if (every.Minutes > 0) parts.Add($"{every.Minutes}m");
        if (every.Seconds > 0 || parts.Count == 0) parts.Add($"{every.Seconds}s");
        return string.Concat(parts);
    }
}
