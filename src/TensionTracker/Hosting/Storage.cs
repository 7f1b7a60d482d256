using JasperFx;
using JasperFx.CodeGeneration;
using JasperFx.Events.Projections;
using JasperFx.Resources;
using Marten;
using Npgsql;
using TensionTracker.Articles;
using TensionTracker.DeepLane;
using TensionTracker.Dyads;
using TensionTracker.Pipeline;
using TensionTracker.Replays;
using Weasel.Core;
using Wolverine;
using Wolverine.ErrorHandling;
using Wolverine.Marten;
using Wolverine.Postgresql;
using Wolverine.Postgresql.Transport;
using Wolverine.RabbitMQ;
using Wolverine.Transports;

namespace TensionTracker.Hosting;

public sealed record StorageNames(string Schema)
{
    public string ArticleTable => $"{Schema}.mt_doc_articleview";
}

/// <summary>Marten (event store, projections) and Wolverine (durable bus on PostgreSQL queues), wired once.</summary>
public static partial class Storage
{
    public const string Schema = "tension";
    public const string QueueSchema = "wolverine_queues";
    public const string IngestQueue = "ingest";

    public static string ConnectionString(IConfiguration config)
    {
        var configured = config.GetConnectionString("Marten")
            ?? "Host=127.0.0.1;Port=55432;Database=tension;Username=postgres;Maximum Pool Size=50";
        // Statements used repeatedly are prepared, unless the connection string sets it itself: the ingest sends the
        // same dozen statements for every batch, and PostgreSQL planned each of them every time (the bench measured
        // about a fifth less PostgreSQL CPU per article with them prepared).
        if (configured.Replace(" ", "").Contains("AutoPrepare", StringComparison.OrdinalIgnoreCase)) return configured;
        return new NpgsqlConnectionStringBuilder(configured) { MaxAutoPrepare = 64, AutoPrepareMinUsages = 2 }.ConnectionString;
    }

    public static void ConfigureArticles(this StoreOptions opts)
    {
        opts.DatabaseSchemaName = Schema;
        opts.UseSystemTextJsonForSerialization(casing: Casing.CamelCase);
        opts.Projections.Add<ArticleViewProjection>(ProjectionLifecycle.Inline);
        opts.Projections.Add<ArticleVersionProjection>(ProjectionLifecycle.Inline);
        // The evidence and the pair totals: tables of their own, emptied when the projection is rebuilt.
        opts.Projections.Add(new EvidenceProjection(), ProjectionLifecycle.Inline, EvidenceProjection.Name, rebuild =>
        {
            foreach (var table in EvidenceTables.All) rebuild.DeleteDataInTableOnTeardown($"{Schema}.{table}");
        });
        opts.Storage.ExtendedSchemaObjects.AddRange(EvidenceTables.Define(Schema));
        opts.Schema.For<ArticleReceipt>();
    }

    public static WebApplicationBuilder AddStorage(this WebApplicationBuilder builder)
    {
        var connection = ConnectionString(builder.Configuration);
        builder.Services.AddSingleton(_ => NpgsqlDataSource.Create(connection));
        builder.Services.AddSingleton(new StorageNames(Schema));
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.Configure<PipelineOptions>(builder.Configuration.GetSection("TensionTracker"));
        builder.Services.Configure<ApiOptions>(builder.Configuration.GetSection("Api"));
        builder.Services.AddSingleton<TextPipeline>();
        builder.Services.AddSingleton<ModelCatalog>();
        builder.Services.AddSingleton<EvidenceQuery>();
        builder.Services.AddSingleton<CurrentRanking>();

        builder.Services.AddMarten(opts =>
            {
                opts.Connection(connection);
                opts.ConfigureArticles();
                opts.ConfigureModelsAndReplays();
            })
            .UseLightweightSessions()
            .IntegrateWithWolverine(integration => integration.TransportSchemaName = QueueSchema);
        builder.Services.AddResourceSetupOnStartup();
        builder.Services.AddHostedService<BuildArticleVersions>();
        builder.Services.AddHostedService<UpgradeEvidence>();
        builder.Services.AddHostedService<UnreadableEnvelopes>();

        // `codegen write` (ops/codegen.sh) writes the handler code into this project's Internal/Generated, not bin/.
        builder.Services.CritterStackDefaults(defaults => defaults.AutoResolveProjectRoot = true);
        builder.Host.UseWolverine(opts =>
        {
            opts.ApplicationAssembly = typeof(Storage).Assembly;
            // The handlers' adapter code is generated ahead of time (Internal/Generated, by ops/codegen.sh; a test fails
            // when it is stale) and compiled into this assembly, so the host never loads Roslyn: compiling at run time kept
            // a copy of every referenced assembly in memory, the encoder's 91 MB one included (an idle host: 451 MB
            // resident with it, 239 MB without; docs/operations.md).
            opts.CodeGeneration.TypeLoadMode = TypeLoadMode.Static;
            opts.Policies.AutoApplyTransactions();
            opts.Policies.UseDurableLocalQueues();
            opts.Durability.Mode = DurabilityMode.Solo;
            // Handled envelopes are kept only briefly: the listener's clean-up reads the whole handled set on every
            // fetch, so five minutes of a busy ingest (the default) slowed every later batch, and 30 s still cost a
            // few percent of PostgreSQL's time at 500 articles/s. A repeated article is recognised by its content
            // hash anyway (IngestArticleHandler.Decide).
            opts.Durability.KeepAfterMessageHandling = TimeSpan.FromSeconds(10);
            // The inbox heartbeat: every few seconds it restarts the clock of the inbox rows this node holds and hands
            // back the ones nobody holds (a row stranded for good, which UnreadableEnvelopes then reads). It also
            // lets go of the batch members Wolverine 6.62 otherwise keeps in memory after their batch committed (one
            // envelope per article handled: 400 MB of the host's heap after 17,000 articles; the bench).
            opts.Durability.InboxStaleTime = InboxStaleTime;

            if (!UsesRabbitMq(builder.Configuration))
            {
                opts.Transports.GetOrCreate<PostgresqlTransport>().EnableQueueNotifications = true;
                opts.PublishMessage<IngestArticle>().ToPostgresqlQueue(IngestQueue);
            }
            opts.ConfigureIngest(IngestOptions.From(builder.Configuration),
                listenToPostgresqlQueue: !UsesRabbitMq(builder.Configuration));

            // A message that can never succeed goes to the dead-letter queue with its reason (an IngestArticle batch
            // hands it on as IngestRejected, whose handler raises this), and so does one of a type nothing handles. A
            // conflict is retried, and so is a failure that passes (TransientFailures), for as long as it lasts.
            opts.OnException<InvalidArticleException>().MoveToErrorQueue();
            opts.OnException<JasperFx.ConcurrencyException>().RetryWithCooldown(TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(250))
                .Then.ScheduleRetryIndefinitely(TimeSpan.FromSeconds(1));
            opts.OnException<Marten.Exceptions.ExistingStreamIdCollisionException>().RetryWithCooldown(TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(250))
                .Then.ScheduleRetryIndefinitely(TimeSpan.FromSeconds(1));
            opts.RetryTransientFailures();
            opts.Services.AddSingleton<IMissingHandler, DeadLetterUnknownMessages>();

            opts.ConfigureDeepLane(builder.Configuration);
            opts.UseConfiguredBusTransport(builder.Configuration, listen: true);
            opts.ConfigureReplayMessages(builder.Configuration);
        });
        return builder;
    }

    /// <summary>How long an inbox row may go unclaimed before it is handed back (see the inbox heartbeat above).</summary>
    public static readonly TimeSpan InboxStaleTime = TimeSpan.FromSeconds(20);

    /// <summary>
    /// The ingest path: the durable PostgreSQL queue feeds batches of articles to IngestArticleHandler. The members
    /// stay in the durable inbox until their batch commits, so the batches themselves run on an in-memory local
    /// queue, two at a time: one extracts and scores while the other waits on PostgreSQL. Two batches holding the
    /// same article meet as a stream conflict, and the later one is retried (see the error policies). Back-pressure:
    /// the listener stops fetching while more than <see cref="IngestOptions.MaximumBufferedMessages"/> articles are
    /// in the host (batches waiting or running included), so memory stays bounded however long the backlog.
    /// </summary>
    public static void ConfigureIngest(this WolverineOptions opts, IngestOptions ingest, bool listenToPostgresqlQueue)
    {
        if (listenToPostgresqlQueue)
            opts.ListenToPostgresqlQueue(IngestQueue)
                .PollingInterval(TimeSpan.FromMilliseconds(ingest.PollingMilliseconds))
                .MaximumMessagesToReceive(ingest.MaximumMessagesToReceive)
                .UseDurableInbox(ingest.ListenerLimits());
        opts.BatchMessagesOf<IngestArticle>(batching =>
        {
            batching.BatchSize = ingest.BatchSize;
            batching.TriggerTime = TimeSpan.FromMilliseconds(ingest.TriggerMilliseconds);
            batching.LocalExecutionQueueName = IngestBatches;
        });
        opts.LocalQueue(IngestBatches).BufferedInMemory().MaximumParallelMessages(ingest.ParallelBatches);
    }

    public const string IngestBatches = "ingest-batches";
}

/// <summary>Ingest tuning (configuration section TensionTracker:Ingest); the defaults are what the bench measured best.</summary>
public sealed class IngestOptions
{
    public static IngestOptions From(IConfiguration config) => config.GetSection("TensionTracker:Ingest").Get<IngestOptions>() ?? new IngestOptions();

    public int BatchSize { get; set; } = 100;
    public int TriggerMilliseconds { get; set; } = 50;
    public int PollingMilliseconds { get; set; } = 100;
    public int MaximumMessagesToReceive { get; set; } = 250;
    public int ParallelBatches { get; set; } = 2;

    /// <summary>
    /// The listener pauses above this many articles in the host and resumes at two thirds of it. Wolverine checks
    /// every 2 s, so what is left when it resumes must last that long: 1,000 articles is 2 s of a fast drain.
    /// </summary>
    public int MaximumBufferedMessages { get; set; } = 1500;

    public BufferingLimits ListenerLimits() => new(MaximumBufferedMessages, MaximumBufferedMessages * 2 / 3);
}

public static partial class Storage
{
    // ---------------------------------------------------------------------------------------------------------
    // Scale-out: the bus transport switch (Bus:Transport). Kept in this one method, called last by the host and
    // by the CLI; the PostgreSQL ingest queue is set up only when UsesRabbitMq is false.
    // ---------------------------------------------------------------------------------------------------------

    public const string DefaultRabbitMq = "amqp://guest:guest@127.0.0.1:5672";

    public static bool UsesRabbitMq(IConfiguration config) =>
        string.Equals(config["Bus:Transport"], "rabbitmq", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// <c>Bus:Transport=rabbitmq</c> (environment <c>Bus__Transport</c>) moves the ingest queue from Wolverine's
    /// PostgreSQL transport to the durable RabbitMQ queue <c>ingest</c> at <c>ConnectionStrings:RabbitMq</c>,
    /// declared by the app (AutoProvision). The inbox, outbox and dead letters stay in PostgreSQL (Marten), and
    /// a listening node runs in <see cref="DurabilityMode.Balanced"/> so several nodes share one database.
    /// A body without Wolverine headers is read as the JSON of an <see cref="IngestArticle"/>. Any other value
    /// (or none) does nothing here: the caller then sets up the PostgreSQL ingest queue.
    /// </summary>
    public static void UseConfiguredBusTransport(this WolverineOptions opts, IConfiguration config, bool listen)
    {
        if (!UsesRabbitMq(config)) return;

        opts.UseRabbitMq(new Uri(config.GetConnectionString("RabbitMq") ?? DefaultRabbitMq)).AutoProvision();
        // A node publishes through its durable outbox; the CLI, which exits right after, sends inline and so
        // returns only once the broker has the message.
        if (!listen)
        {
            opts.PublishMessage<IngestArticle>().ToRabbitQueue(IngestQueue).SendInline();
            return;
        }
        opts.PublishMessage<IngestArticle>().ToRabbitQueue(IngestQueue).UseDurableOutbox();

        opts.Durability.Mode = DurabilityMode.Balanced;
        opts.ListenToRabbitQueue(IngestQueue)
            .UseDurableInbox(IngestOptions.From(config).ListenerLimits())
            .DefaultIncomingMessage<IngestArticle>()
            .PreFetchCount(200)
            // Failures go to Wolverine's dead-letter table in PostgreSQL (with the exception type and message),
            // not to a RabbitMQ dead-letter queue: the durable inbox already owns the message.
            .DeadLetterQueueing(new DeadLetterQueue(IngestQueue + "-dead-letters", DeadLetterQueueMode.WolverineStorage));
    }
}
