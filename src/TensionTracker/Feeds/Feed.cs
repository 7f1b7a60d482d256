namespace TensionTracker.Feeds;

/// <summary>
/// A followed news feed, one Marten document each: where it is, how often to read it, what the server said last
/// time (for conditional requests), when it is next due, how it has been failing, and which items it has had.
/// </summary>
public sealed class Feed
{
    public Guid Id { get; set; }
    public string Url { get; set; } = "";
    public TimeSpan Every { get; set; }
    public string? Title { get; set; }
    public DateTimeOffset AddedAt { get; set; }

    public string? ETag { get; set; }
    public string? LastModified { get; set; }

    public DateTimeOffset NextPollAt { get; set; }
    public DateTimeOffset? LastPolledAt { get; set; }
    public string? LastResult { get; set; }
    public int ConsecutiveFailures { get; set; }
    public string? LastError { get; set; }
    public int ItemsPublished { get; set; }

    /// <summary>Keys (guid, else link) of the items already published or skipped for good, newest last, bounded.</summary>
    public List<string> Seen { get; set; } = [];
    /// <summary>The latest items left out, with the reason, newest last, bounded.</summary>
    public List<SkippedItem> Skipped { get; set; } = [];

    /// <summary>
    /// The one scheduled PollFeed that may poll this feed: arming the feed again draws a new token, and a message
    /// carrying an older one is dropped, so a feed never has two chains of scheduled polls.
    /// </summary>
    public Guid Schedule { get; set; }

    public const int SeenLimit = 2_000;
    public const int SkippedLimit = 20;

    /// <summary>A feed with a name-based id: the same URL added twice is one feed.</summary>
    public static Feed Create(string url, TimeSpan every, DateTimeOffset now) => new()
    {
        Id = IdOf(url), Url = url, Every = every, AddedAt = now, NextPollAt = now, Schedule = Guid.CreateVersion7(),
    };

    public static Guid IdOf(string url) => Text.Normalisation.CanonicalUrl.ArticleId("feed:" + url);

    /// <summary>A poll that reached the feed: failures reset, next poll one interval on.</summary>
    public void Record(PollOutcome outcome, DateTimeOffset now)
    {
        LastPolledAt = now;
        if (outcome.Error is { } error)
        {
            ConsecutiveFailures++;
            LastError = error;
            LastResult = "failed";
            NextPollAt = now + Backoff(Every, ConsecutiveFailures);
            return;
        }
        ConsecutiveFailures = 0;
        LastError = null;
        Title = outcome.Title ?? Title;
        // An item to retry (a page that timed out, say) keeps the validators back, so the next poll reads the whole
        // feed again instead of hearing "not modified".
        if (!outcome.RetryLater) (ETag, LastModified) = (outcome.ETag, outcome.LastModified);
        else (ETag, LastModified) = (null, null);
        ItemsPublished += outcome.Published;
        Seen.AddRange(outcome.Seen.Where(k => !Seen.Contains(k)));
        if (Seen.Count > SeenLimit) Seen.RemoveRange(0, Seen.Count - SeenLimit);
        Skipped.AddRange(outcome.Skipped);
        if (Skipped.Count > SkippedLimit) Skipped.RemoveRange(0, Skipped.Count - SkippedLimit);
        LastResult = outcome.NotModified ? "not modified"
            : $"{outcome.Published} new, {outcome.Duplicates} already known, {outcome.Skipped.Count} skipped";
        NextPollAt = now + Every;
    }

    public static readonly TimeSpan MaxBackoff = TimeSpan.FromHours(6);

    /// <summary>Exponential: twice the interval after one failure, four times after two, ..., at most six hours (or the interval, if longer).</summary>
    public static TimeSpan Backoff(TimeSpan every, int failures)
    {
        var cap = every > MaxBackoff ? every : MaxBackoff;
        var factor = Math.Pow(2, Math.Min(failures, 30));
        return every.TotalSeconds * factor >= cap.TotalSeconds ? cap : every * factor;
    }
}

public sealed record SkippedItem(string Url, string Reason, DateTimeOffset At);

/// <summary>What one poll of a feed came to: an error, or the items published, known already, and left out.</summary>
public sealed record PollOutcome(
    string? Error, bool NotModified = false, string? Title = null, string? ETag = null, string? LastModified = null,
    int Published = 0, int Duplicates = 0, bool RetryLater = false)
{
    public List<string> Seen { get; init; } = [];
    public List<SkippedItem> Skipped { get; init; } = [];
    public List<Articles.IngestArticle> Articles { get; init; } = [];

    public static PollOutcome Failed(string error) => new(error);
}
