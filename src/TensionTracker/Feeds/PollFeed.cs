using Marten;
using Marten.Exceptions;
using Wolverine;
using Wolverine.ErrorHandling;
using Wolverine.Runtime.Handlers;

namespace TensionTracker.Feeds;

/// <summary>Poll this feed now. Each poll schedules the next one: following a feed is a chain of scheduled messages, not a loop.</summary>
public sealed record PollFeed(Guid FeedId, Guid Schedule);

/// <summary>Re-arm every feed (at start-up): each gets a new schedule token and one PollFeed at its next time.</summary>
public sealed record ArmFeeds;

public static class PollFeedHandler
{
    /// <summary>A feed removed while it was being polled stays removed: the update finds no document and the poll is dropped.</summary>
    public static void Configure(HandlerChain chain) => chain.OnException<NonExistentDocumentException>().Discard();

    public static async Task<OutgoingMessages> Handle(PollFeed message, IDocumentSession session, FeedPoller poller, TimeProvider clock, CancellationToken ct)
    {
        var feed = await session.LoadAsync<Feed>(message.FeedId, ct);
        // Removed, or armed again since this message was scheduled: another chain owns the feed now.
        if (feed is null || feed.Schedule != message.Schedule) return [];
        var now = clock.GetUtcNow();
        // Polled meanwhile by `feed poll --once`: wait for the time it set.
        if (feed.NextPollAt > now.AddSeconds(1)) return [message.ScheduledAt(feed.NextPollAt)];

        var outcome = await poller.Poll(feed, session, now, ct);
        feed.Record(outcome, now);
        session.Update(feed);
        var messages = new OutgoingMessages();
        messages.AddRange(outcome.Articles);
        messages.Add(message.ScheduledAt(feed.NextPollAt));
        return messages;
    }
}

public static class ArmFeedsHandler
{
    public static async Task<OutgoingMessages> Handle(ArmFeeds _, IDocumentSession session, CancellationToken ct)
    {
        var messages = new OutgoingMessages();
        foreach (var feed in await session.Query<Feed>().ToListAsync(ct))
        {
            feed.Schedule = Guid.CreateVersion7();
            session.Update(feed);
            messages.Add(new PollFeed(feed.Id, feed.Schedule).ScheduledAt(feed.NextPollAt));
        }
        return messages;
    }
}

/// <summary>
/// Once the host has started, every feed is armed again: a feed added from the command line while the host was
/// down, or whose chain of polls broke (a poll dead-lettered), is followed again; older chains find their token
/// stale and end.
/// </summary>
public sealed class ArmFeedsAtStart(IServiceProvider services) : IHostedLifecycleService
{
    public async Task StartedAsync(CancellationToken ct)
    {
        using var scope = services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<IMessageBus>().PublishAsync(new ArmFeeds());
    }

    public Task StartAsync(CancellationToken ct) => Task.CompletedTask;
    public Task StartingAsync(CancellationToken ct) => Task.CompletedTask;
    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
    public Task StoppedAsync(CancellationToken ct) => Task.CompletedTask;
    public Task StoppingAsync(CancellationToken ct) => Task.CompletedTask;
}
