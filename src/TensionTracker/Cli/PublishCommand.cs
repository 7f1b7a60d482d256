using JasperFx.CommandLine;
using Marten;
using Npgsql;
using TensionTracker.Articles;
using TensionTracker.Hosting;
using Wolverine;
using Wolverine.Postgresql;
using Wolverine.Postgresql.Transport;
using Wolverine.Runtime;

namespace TensionTracker.Cli;

public class PublishInput : NetCoreInput
{
    [Description("Files or folders: .json (an article or an array), .jsonl, .txt/.md (front matter, title on the first line), .html")]
    public List<string> Paths { get; set; } = [];

    [Description("Publication time for files that carry none (ISO 8601)")]
    [FlagAlias("published-at")]
    public string? PublishedAtFlag { get; set; }

    [Description("How long to keep retrying while the database is unavailable, in seconds (default 60)")]
    [FlagAlias("retry-seconds")]
    public int RetrySecondsFlag { get; set; } = 60;
}

/// <summary>
/// tension publish PATH...: validates each article here, answers for each (accepted, duplicate, revised or
/// rejected with the reason) and puts the valid ones on the same durable PostgreSQL queue the host consumes.
/// It runs as a publishing-only Wolverine node with its own envelope schema, so it never takes the host's inbox.
/// </summary>
[Description("Publish articles onto the ingest queue", Name = "publish")]
public class PublishCommand : JasperFxAsyncCommand<PublishInput>
{
    public override async Task<bool> Execute(PublishInput input)
    {
        DateTimeOffset? fallbackDate = null;
        if (input.PublishedAtFlag is not null)
        {
            if (!Dyads.Moments.TryParse(input.PublishedAtFlag, default, out var d, dateMeansEnd: false)) { Console.Error.WriteLine($"--published-at must be an ISO 8601 date or instant between {Dyads.Moments.Earliest:yyyy-MM-dd} and {Dyads.Moments.Latest:yyyy-MM-dd}"); return false; }
            fallbackDate = d;
        }
        var configuration = new ConfigurationBuilder().AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
            .AddEnvironmentVariables().Build();
        var connection = Storage.ConnectionString(configuration);
        var maxBytes = configuration.GetValue("Api:MaxArticleBytes", 1024L * 1024);
        var patience = new Patience(TimeSpan.FromSeconds(input.RetrySecondsFlag));

        int accepted = 0, rejected = 0, failed = 0;
        var files = ArticleFiles.Expand(input.Paths).ToList();
        IHost? host = null;
        string? gaveUp = null; // once the database stayed away for the whole patience, nothing more is tried
        try
        {
            try { host = await patience.Run(() => StartPublisher(configuration, connection)); }
            catch (Exception e) when (DatabaseOutage.Is(e)) { gaveUp = e.Message; }
            using var versions = VersionStore(connection);

            var now = DateTimeOffset.UtcNow;
            await Terminal.WithProgress("publishing", files.Count, async bar =>
            {
            foreach (var file in files)
            {
            foreach (var item in ArticleFiles.Read(file, maxBytes, fallbackDate))
            {
                if (item.Json is null) { Report(item.Source, "rejected: " + item.Problem); rejected++; continue; }
                var (submission, readErrors) = ArticleValidation.Read(item.Json.Value);
                var (command, errors) = submission is null ? (null, readErrors) : ArticleValidation.Validate(submission, now, readErrors, maxBytes);
                if (command is null)
                {
                    Report(item.Source, "rejected: " + string.Join("; ", errors.SelectMany(e => e.Value)));
                    rejected++;
                    continue;
                }
                if (gaveUp is null)
                {
                    try
                    {
                        var status = await patience.Run(() => StatusOf(versions, command));
                        if (status != "duplicate")
                        {
                            var send = Sender(host!, command); // one envelope for every attempt: a repeated send is ignored
                            await patience.Run(async () => { await send(); return true; });
                        }
                        Report(item.Source, $"{command.ArticleId} {status}");
                        accepted++;
                        continue;
                    }
                    catch (Exception e) when (DatabaseOutage.Is(e)) { gaveUp = e.Message; }
                }
                Report(item.Source, $"{command.ArticleId} failed: database unavailable ({gaveUp})");
                failed++;
            }
            bar.Advance();
            }
            return files.Count;
            });
            if (host is not null)
            {
                try { await host.StopAsync(); }
                catch (Exception e) when (DatabaseOutage.Is(e)) { Console.Error.WriteLine($"publish: stopping with the database unavailable: {e.Message}"); }
            }
        }
        finally
        {
            host?.Dispose();
            // The last line, whatever happened: scripts read it (ops/run.sh shows it).
            Console.WriteLine($"published {accepted}, rejected {rejected}, failed {failed}, from {files.Count} file(s)");
        }
        return rejected == 0 && failed == 0;
    }

    static async Task<IHost> StartPublisher(IConfiguration configuration, string connection)
    {
        var host = Host.CreateDefaultBuilder()
            // Warnings and errors on stderr (stdout is the answer); this node publishes only, so it has no handlers by design.
            .ConfigureLogging(l => l.SetMinimumLevel(LogLevel.Warning).AddFilter("Wolverine.Configuration.HandlerDiscovery", LogLevel.Error)
                .AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace))
            .UseWolverine(opts =>
            {
                opts.ApplicationAssembly = typeof(PublishCommand).Assembly;
                opts.Discovery.DisableConventionalDiscovery();
                opts.Durability.Mode = DurabilityMode.Solo;
                opts.UsePostgresqlPersistenceAndTransport(connection, "tension_cli", transportSchema: Storage.QueueSchema);
                opts.Transports.GetOrCreate<PostgresqlTransport>().EnableQueueNotifications = true;
                if (!Storage.UsesRabbitMq(configuration)) opts.PublishMessage<IngestArticle>().ToPostgresqlQueue(Storage.IngestQueue);
                opts.UseConfiguredBusTransport(configuration, listen: false);
            }).Build();
        try
        {
            await host.StartAsync();
            return host;
        }
        catch
        {
            host.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Puts the article on the ingest queue and returns only once it is there. On the PostgreSQL queue the
    /// envelope is written straight into the queue table: PublishAsync would hand it to a background retry loop
    /// that this short-lived process cannot wait on or hear failing. RabbitMQ is sent inline (UseConfiguredBusTransport).
    /// </summary>
    static Func<Task> Sender(IHost host, IngestArticle command)
    {
        var runtime = host.Services.GetRequiredService<IWolverineRuntime>();
        var envelopes = runtime.RoutingFor(typeof(IngestArticle)).RouteForPublish(command, null);
        var queues = envelopes.Select(e => runtime.Endpoints.EndpointFor(e.Destination!) as PostgresqlQueue).ToArray();
        if (queues.Any(q => q is null)) return async () => await host.Services.GetRequiredService<IMessageBus>().PublishAsync(command);
        return async () =>
        {
            for (var i = 0; i < envelopes.Length; i++) await queues[i]!.SendAsync(envelopes[i]);
        };
    }

    static void Report(string source, string outcome) => Terminal.WriteLine($"{source}\t{outcome}");

    /// <summary>Retries what fails for a database outage, pausing 0.5 s, 1 s, 2 s ... 5 s, until the budget is spent.</summary>
    sealed class Patience(TimeSpan budget)
    {
        public async Task<T> Run<T>(Func<Task<T>> action)
        {
            var started = DateTime.UtcNow;
            var pause = TimeSpan.FromMilliseconds(500);
            while (true)
            {
                try { return await action(); }
                catch (Exception e) when (DatabaseOutage.Is(e) && DateTime.UtcNow - started + pause <= budget)
                {
                    Console.Error.WriteLine($"publish: database unavailable ({e.Message}); retrying in {pause.TotalSeconds:0.#} s");
                    await Task.Delay(pause);
                    pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, TimeSpan.FromSeconds(5).Ticks));
                }
            }
        }
    }

    /// <summary>Reads the article versions the host keeps (it never creates or changes the schema: the host owns it).</summary>
    static DocumentStore VersionStore(string connection) => DocumentStore.For(opts =>
    {
        opts.Connection(connection);
        opts.DatabaseSchemaName = Storage.Schema;
        opts.UseSystemTextJsonForSerialization(casing: Weasel.Core.Casing.CamelCase);
        opts.AutoCreateSchemaObjects = JasperFx.AutoCreate.None;
        opts.Schema.For<ArticleVersion>();
    });

    /// <summary>accepted, duplicate or revised against the version the store holds (none yet, before the host's first start).</summary>
    static async Task<string> StatusOf(IDocumentStore store, IngestArticle command)
    {
        try
        {
            await using var session = store.QuerySession();
            var held = await session.LoadAsync<ArticleVersion>(command.ArticleId);
            return ArticleVersions.Answer(ArticleVersions.Decide(command.ContentHash, held).Outcome);
        }
        catch (Exception e) when (e is PostgresException { SqlState: PostgresErrorCodes.UndefinedTable }
                                  || e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UndefinedTable }) { return "accepted"; }
    }
}
