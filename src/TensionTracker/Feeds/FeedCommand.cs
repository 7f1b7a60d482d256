using JasperFx.CommandLine;
using Marten;
using Marten.Exceptions;
using Microsoft.Extensions.Options;
using TensionTracker.Articles;
using TensionTracker.Hosting;
using Wolverine;
using Wolverine.Postgresql;
using Wolverine.Postgresql.Transport;

namespace TensionTracker.Feeds;

public enum FeedAction { add, list, remove, poll }

public class FeedInput : NetCoreInput
{
    [Description("add, list, remove or poll")]
    public FeedAction Action { get; set; }

    [Description("The feed's URL (add, remove) or its id (remove)")]
    public string Target { get; set; } = "";

    [Description("add: how often to poll the feed, such as 90s, 5m, 1h or 1d (default 15m)")]
    [FlagAlias("every")]
    public string? EveryFlag { get; set; }

    [Description("poll: poll every feed now, once, and exit (without it, keep polling each feed when it is due until Ctrl-C)")]
    [FlagAlias("once")]
    public bool OnceFlag { get; set; }
}

/// <summary>
/// tension feed add|list|remove|poll: the feed documents are written here directly, so every verb works with the
/// host down. A new feed, or a poll's articles, go on the durable PostgreSQL queues the host consumes.
/// </summary>
[Description("Follow news feeds: feed add URL [--every 5m], feed list, feed remove URL|ID, feed poll [--once]", Name = "feed")]
public class FeedCommand : JasperFxAsyncCommand<FeedInput>
{
    public FeedCommand()
    {
        Usage("List the followed feeds (list), or poll them (poll [--once])").Arguments(x => x.Action);
        Usage("Follow a feed (add URL [--every 5m]) or stop following one (remove URL|ID)").Arguments(x => x.Action, x => x.Target);
    }

    public override async Task<bool> Execute(FeedInput input)
    {
        using var host = input.BuildHost();
        var services = host.Services;
        var store = services.GetRequiredService<IDocumentStore>();
        var options = services.GetRequiredService<IOptions<FeedOptions>>().Value;
        var clock = services.GetRequiredService<TimeProvider>();
        var needsTarget = input.Action is FeedAction.add or FeedAction.remove;
        if (needsTarget == string.IsNullOrWhiteSpace(input.Target))
        {
            Console.Error.WriteLine(needsTarget ? $"feed {input.Action} needs the feed's URL" : $"feed {input.Action} takes no URL");
            return false;
        }
        await using var session = store.LightweightSession();
        switch (input.Action)
        {
            case FeedAction.add:
            {
                var (feed, problem) = await AddFeed.Follow(session, input.Target, input.EveryFlag, options, clock.GetUtcNow(), CancellationToken.None);
                if (feed is null) { Console.Error.WriteLine(problem!.Value.Message); return false; }
                using var publisher = await StartPublisher(services.GetRequiredService<IConfiguration>());
                await publisher.Services.GetRequiredService<IMessageBus>().PublishAsync(new PollFeed(feed.Id, feed.Schedule));
                await publisher.StopAsync();
                Console.WriteLine($"{feed.Id}  {feed.Url}  every {AddFeed.FormatEvery(feed.Every)}: followed; the host polls it now (or when it starts)");
                return true;
            }
            case FeedAction.list:
                Console.Write(ListFeeds.Describe(await ListFeeds.All(session, CancellationToken.None), clock.GetUtcNow()));
                return true;
            case FeedAction.remove:
            {
                if (await RemoveFeed.Remove(session, input.Target, CancellationToken.None) is not { } removed) { Console.Error.WriteLine($"no feed {input.Target}"); return false; }
                Console.WriteLine($"{removed.Id}  {removed.Url}: removed ({removed.ItemsPublished} items published stay)");
                return true;
            }
            default:
                return await Poll(store, services.GetRequiredService<FeedPoller>(), services.GetRequiredService<IConfiguration>(), clock, input.OnceFlag);
        }
    }

    /// <summary>Polls every feed (--once), or each feed when it is due until Ctrl-C, from this process.</summary>
    static async Task<bool> Poll(IDocumentStore store, FeedPoller poller, IConfiguration configuration, TimeProvider clock, bool once)
    {
        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
        using var publisher = await StartPublisher(configuration);
        var bus = publisher.Services.GetRequiredService<IMessageBus>();
        var failed = false;
        try
        {
            do
            {
                List<Feed> feeds;
                await using (var query = store.QuerySession()) feeds = [.. await query.Query<Feed>().OrderBy(f => f.AddedAt).ToListAsync(stop.Token)];
                if (once && feeds.Count == 0) Console.WriteLine("no feeds followed: add one with `tension feed add URL`");
                foreach (var feed in feeds.Where(f => once || f.NextPollAt <= clock.GetUtcNow()))
                {
                    await using var session = store.LightweightSession();
                    var now = clock.GetUtcNow();
                    var outcome = await poller.Poll(feed, session, now, stop.Token);
                    // Published before the feed is saved: if this process dies in between, the items come again and are duplicates.
                    foreach (var article in outcome.Articles) await bus.PublishAsync(article);
                    feed.Record(outcome, now);
                    session.Update(feed);
                    try { await session.SaveChangesAsync(stop.Token); }
                    catch (NonExistentDocumentException) { Console.WriteLine($"{feed.Url}\tremoved while it was being polled"); continue; }
                    Console.WriteLine($"{feed.Url}\t{(feed.LastError is null ? feed.LastResult : "failed: " + feed.LastError)}");
                    foreach (var s in outcome.Skipped) Console.WriteLine($"  skipped {s.Url}: {s.Reason}");
                    failed |= feed.LastError is not null;
                }
                if (once) break;
                var next = feeds.Count == 0 ? clock.GetUtcNow().AddMinutes(1) : feeds.Min(f => f.NextPollAt);
                // Wakes at least every minute, to see feeds added meanwhile.
                var wait = next - clock.GetUtcNow();
                await Task.Delay(wait < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : wait > TimeSpan.FromMinutes(1) ? TimeSpan.FromMinutes(1) : wait, clock, stop.Token);
            } while (true);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested) { }
        await publisher.StopAsync();
        return !failed;
    }

    /// <summary>
    /// A publishing-only Wolverine node, as `tension publish` runs: articles to the ingest queue, a feed to poll to
    /// the host's feeds queue, through an envelope schema of its own so it never takes the host's inbox.
    /// </summary>
    static async Task<IHost> StartPublisher(IConfiguration configuration)
    {
        var host = Host.CreateDefaultBuilder()
            // Warnings only, and not Wolverine's that this node has no handlers: it only publishes.
            .ConfigureLogging(l => l.SetMinimumLevel(LogLevel.Warning).AddFilter("Wolverine.Configuration.HandlerDiscovery", LogLevel.Error))
            .UseWolverine(opts =>
            {
                opts.ApplicationAssembly = typeof(FeedCommand).Assembly;
                opts.Discovery.DisableConventionalDiscovery();
                opts.Durability.Mode = DurabilityMode.Solo;
                opts.UsePostgresqlPersistenceAndTransport(Storage.ConnectionString(configuration), "tension_cli", transportSchema: Storage.QueueSchema);
                opts.Transports.GetOrCreate<PostgresqlTransport>().EnableQueueNotifications = true;
                opts.PublishMessage<PollFeed>().ToPostgresqlQueue(FeedsModule.CliQueue);
                if (!Storage.UsesRabbitMq(configuration)) opts.PublishMessage<IngestArticle>().ToPostgresqlQueue(Storage.IngestQueue);
                opts.UseConfiguredBusTransport(configuration, listen: false);
            }).Build();
        await host.StartAsync();
        return host;
    }
}
