using JasperFx.Core;
using Marten;
using Wolverine;
using Wolverine.Postgresql;

namespace TensionTracker.Feeds;

/// <summary>Feed following (configuration section Feeds): limits that keep the reader polite and its memory bounded.</summary>
public sealed class FeedOptions
{
    /// <summary>At most one request to a host per this many seconds (feeds and pages alike).</summary>
    public double PerHostSeconds { get; set; } = 1;
    public double TimeoutSeconds { get; set; } = 30;
    public long MaxFeedBytes { get; set; } = 5 * 1024 * 1024;
    public long MaxPageBytes { get; set; } = 5 * 1024 * 1024;
    public int MaxRedirects { get; set; } = 5;
    public double DefaultEverySeconds { get; set; } = 15 * 60;
    public double MinimumEverySeconds { get; set; } = 60;
    /// <summary>An item whose text (content, else description) is shorter than this is a summary: its page is fetched.</summary>
    public int SummaryCharacters { get; set; } = 600;
    public string UserAgent { get; set; } = "TensionTracker-FeedReader/1.0";
}

/// <summary>Feeds wired once: the Marten document, the polling queue and the HTTP API.</summary>
public static class FeedsModule
{
    /// <summary>The PostgreSQL queue on which the CLI hands the host a feed to poll (the host may be down: it waits).</summary>
    public const string CliQueue = "feeds";
    public const string PollQueue = "feed-polls";

    public static WebApplicationBuilder AddFeeds(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<FeedOptions>(builder.Configuration.GetSection("Feeds"));
        builder.Services.AddSingleton<PoliteFetcher>();
        builder.Services.AddSingleton<FeedPoller>();
        builder.Services.AddHostedService<ArmFeedsAtStart>();
        builder.Services.ConfigureMarten(opts => opts.Schema.For<Feed>());
        builder.Services.ConfigureWolverine(opts =>
        {
            // Polls wait on remote servers, not on the machine: a few at a time, durable, so a scheduled poll
            // survives a restart.
            opts.PublishMessage<PollFeed>().ToLocalQueue(PollQueue);
            opts.LocalQueue(PollQueue).UseDurableInbox().MaximumParallelMessages(4);
            opts.ListenToPostgresqlQueue(CliQueue).PollingInterval(1.Seconds());
        });
        return builder;
    }

    public static void MapFeeds(this IEndpointRouteBuilder app)
    {
        app.MapAddFeed();
        app.MapListFeeds();
        app.MapRemoveFeed();
    }
}
