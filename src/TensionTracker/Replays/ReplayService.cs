using JasperFx.Events.Projections;
using Marten;
using TensionTracker.Hosting;
using TensionTracker.Models;
using TensionTracker.Pipeline;
using Wolverine;
using Wolverine.ErrorHandling;
using Wolverine.Postgresql;
using Wolverine.RabbitMQ;
using Wolverine.Runtime.Handlers;

namespace TensionTracker.Replays;

/// <summary>
/// A page of a replay, handled wherever the bus delivers it: the page's events and the lane's next page commit
/// together (AutoApplyTransactions and the Marten outbox), so a node killed mid-page leaves the page in the durable
/// inbox and the replay goes on from it, on this node when it restarts or on another.
/// </summary>
public static class ReplayPageHandler
{
    /// <summary>
    /// A conflict (the replay cancelled, or a re-extracted article revised, at the same moment) runs the page again,
    /// which then finds where the lane is. A page the host's shutdown interrupted stays in the durable inbox.
    /// </summary>
    public static void Configure(HandlerChain chain)
    {
        chain.OnException(ReplayRunner.IsConflict).RetryWithCooldown(TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(250))
            .Then.ScheduleRetryIndefinitely(TimeSpan.FromSeconds(1));
        chain.OnException<HostStoppingException>().CustomAction((_, _, _) => ValueTask.CompletedTask, "left in the durable inbox for the next run");
    }

    public static async Task<OutgoingMessages> Handle(ReplayPage page, IDocumentSession session, ReplayRunner runner, CancellationToken ct)
    {
        var next = await runner.Run(page, session, ct);
        return next is null ? [] : [next];
    }
}

/// <summary>
/// At start, every replay still marked running is said to be resumed on its stream and its lanes' pages are sent
/// again: a replay whose runner died (a killed command line, or a page message lost with a broker) goes on. A page
/// another node is still on wins; the repeated one finds its lane moved on and ends.
/// </summary>
public sealed class ResumeReplays(IDocumentStore store, IServiceScopeFactory scopes, TimeProvider clock, ILogger<ResumeReplays> log) : IHostedService
{
    public async Task StartAsync(CancellationToken ct)
    {
        List<ReplayView> running;
        await using var scope = scopes.CreateAsyncScope();
        var bus = scope.ServiceProvider.GetRequiredService<IMessageBus>();
        await using (var query = store.QuerySession())
            running = (await query.Query<ReplayView>().Where(r => r.Status == ReplayStatus.Running).ToListAsync(ct)).ToList();
        foreach (var replay in running.OrderBy(r => r.StartedAt))
        {
            await using var session = store.LightweightSession();
            var stream = await session.Events.FetchForExclusiveWriting<ReplayView>(replay.Id, ct);
            if (stream.Aggregate is not { Status: ReplayStatus.Running } current) continue;
            stream.AppendOne(new ReplayResumed(replay.Id, "host at start", clock.GetUtcNow()));
            await session.SaveChangesAsync(ct);
            foreach (var page in ReplayRunner.Continue(current)) await bus.PublishAsync(page);
            log.LogInformation("resuming replay {Replay} of {Model}", replay.Id, replay.Model);
        }
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}

/// <summary>The model registry and replays, wired once (projections inline: their documents change with their events).</summary>
public static class ReplayModule
{
    public const string ReplayQueue = "replays";

    public static void ConfigureModelsAndReplays(this StoreOptions opts)
    {
        opts.Projections.Add<ModelsViewProjection>(ProjectionLifecycle.Inline);
        opts.Projections.Add<ReplayViewProjection>(ProjectionLifecycle.Inline);
    }

    /// <summary>
    /// Replay pages go on the shared durable queue "replays" (PostgreSQL's or RabbitMQ's, as the ingest queue), so every
    /// node takes pages, two at a time; promotions are announced to every node (PromoteModel.BroadcastPromotions).
    /// </summary>
    public static void ConfigureReplayMessages(this WolverineOptions opts, IConfiguration config)
    {
        if (Storage.UsesRabbitMq(config))
        {
            opts.PublishMessage<ReplayPage>().ToRabbitQueue(ReplayQueue).UseDurableOutbox();
            opts.ListenToRabbitQueue(ReplayQueue).UseDurableInbox().PreFetchCount(4).MaximumParallelMessages(ReplayRunner.DefaultLanes);
        }
        else
        {
            opts.PublishMessage<ReplayPage>().ToPostgresqlQueue(ReplayQueue);
            opts.ListenToPostgresqlQueue(ReplayQueue).PollingInterval(TimeSpan.FromMilliseconds(250)).MaximumMessagesToReceive(4)
                .UseDurableInbox().MaximumParallelMessages(ReplayRunner.DefaultLanes);
        }
        opts.BroadcastPromotions(config);
    }

    public static WebApplicationBuilder AddModelsAndReplays(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ReplayRunner>();
        builder.Services.AddHostedService<RegisterDefaultModel>();
        builder.Services.AddHostedService<ResumeReplays>();
        return builder;
    }

    public static void MapModelsAndReplays(this WebApplication app)
    {
        app.MapListModels();
        app.MapPromoteModel();
        app.MapCompareModels();
        app.MapStartReplay();
        app.MapGetReplay();
        app.MapCancelReplay();
    }
}
