using JasperFx.CommandLine;
using Npgsql;
using TensionTracker.Articles;
using TensionTracker.Hosting;
using Wolverine;
using Wolverine.Postgresql;
using Wolverine.Postgresql.Transport;

namespace TensionTracker.Cli;

public class PublishInput : NetCoreInput
{
    [Description("Files or folders: .json (an article or an array), .jsonl, .txt/.md (front matter, title on the first line), .html")]
    public List<string> Paths { get; set; } = [];

    [Description("Publication time for files that carry none (ISO 8601)")]
    [FlagAlias("published-at")]
    public string? PublishedAtFlag { get; set; }
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

        using var host = Host.CreateDefaultBuilder()
            .ConfigureLogging(l => l.SetMinimumLevel(LogLevel.Warning))
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
        await host.StartAsync();
        var bus = host.Services.GetRequiredService<IMessageBus>();
        await using var db = NpgsqlDataSource.Create(connection);

        int accepted = 0, rejected = 0;
        var files = ArticleFiles.Expand(input.Paths).ToList();
        var now = DateTimeOffset.UtcNow;
        foreach (var file in files)
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
            var status = await StatusOf(db, command);
            if (status != "duplicate") await bus.PublishAsync(command);
            Report(item.Source, $"{command.ArticleId} {status}");
            accepted++;
        }
        await host.StopAsync();
        Console.WriteLine($"published {accepted}, rejected {rejected}, from {files.Count} file(s)");
        return rejected == 0;
    }

    static void Report(string source, string outcome) => Console.WriteLine($"{source}\t{outcome}");

    static async Task<string> StatusOf(NpgsqlDataSource db, IngestArticle command)
    {
        try
        {
            await using var sql = db.CreateCommand($"select data->>'contentHash' from {new StorageNames(Storage.Schema).ArticleTable} where id = $1");
            sql.Parameters.Add(new() { Value = command.ArticleId });
            var hash = await sql.ExecuteScalarAsync() as string;
            return hash is null ? "accepted" : hash == command.ContentHash ? "duplicate" : "revised";
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UndefinedTable) { return "accepted"; }
    }
}
