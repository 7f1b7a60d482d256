using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Npgsql;
using TensionTracker.Pipeline;

namespace TensionTracker.Hosting;

/// <summary>
/// A quiet start: our own information (one summary once the host serves) and every warning and error as it comes.
/// The libraries' start-up chatter shows with Logging__LogLevel__Default=Information (or --verbose), their schema
/// changes only at Debug, and the request log only when Microsoft.AspNetCore is configured (or --verbose).
/// The levels themselves are in appsettings.json.
/// </summary>
public static class StartupLogs
{
    /// <summary>Marten and Wolverine log the DDL of each schema change at Information: about 900 lines on a new database.</summary>
    static readonly string[] SchemaChangeCategories = ["Marten.IDocumentStore", "Wolverine.Postgresql.PostgresqlMessageStore"];

    public static WebApplicationBuilder AddStartupLogs(this WebApplicationBuilder builder, bool serving, bool verbose)
    {
        // A command's answer is its stdout: its log goes to stderr.
        if (!serving) builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        if (verbose)
            builder.Configuration.AddInMemoryCollection([
                new("Logging:LogLevel:Default", "Information"), new("Logging:LogLevel:Microsoft.AspNetCore", "Information"),
            ]);
        // A category configured by name is left as configured; otherwise its schema changes need Debug.
        foreach (var category in SchemaChangeCategories)
            if (builder.Configuration[$"Logging:LogLevel:{category}"] is null && ConfiguredLevel(builder.Configuration, category) > LogLevel.Debug)
                builder.Logging.AddFilter(category, LogLevel.Warning);
        builder.Services.AddHostedService<StartupSummary>();
        return builder;
    }

    /// <summary>
    /// Runs the host until it stops. Wolverine creates its PostgreSQL queue tables through Weasel's default migration
    /// logger, which writes the DDL straight to Console.Out (about 50 lines on a new database): during start-up that
    /// text goes to the log at Debug instead (category Weasel.Core.Migrations), and is printed only if start-up fails.
    /// The console logger keeps the stdout it was built with, so log lines are not caught.
    /// </summary>
    public static async Task RunWithQuietStart(this WebApplication app)
    {
        var stdout = Console.Out;
        var caught = new StringWriter();
        Console.SetOut(TextWriter.Synchronized(caught));
        try { await app.StartAsync(); }
        catch
        {
            Console.SetOut(stdout);
            Console.Write(caught.ToString());
            throw;
        }
        finally { Console.SetOut(stdout); }
        if (caught.GetStringBuilder().Length > 0)
            app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Weasel.Core.Migrations")
                .LogDebug("schema changes written to the console during start-up:\n{Text}", caught.ToString());
        await app.WaitForShutdownAsync();
    }

    /// <summary>The level configured for the category's nearest prefix (Marten for Marten.IDocumentStore), else the default.</summary>
    static LogLevel ConfiguredLevel(IConfiguration config, string category)
    {
        for (var name = category; name.Contains('.');)
        {
            name = name[..name.LastIndexOf('.')];
            if (config.GetValue<LogLevel?>($"Logging:LogLevel:{name}") is { } level) return level;
        }
        return config.GetValue("Logging:LogLevel:Default", LogLevel.Information);
    }
}

/// <summary>Once the host serves: where, on which database (no password) and bus, and the default model.</summary>
public sealed class StartupSummary(IServer server, IConfiguration config, ModelCatalog models, IHostApplicationLifetime lifetime,
    ILogger<StartupSummary> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken ct)
    {
        var started = new TaskCompletionSource();
        await using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
            await started.Task.WaitAsync(ct);
        var urls = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var database = new NpgsqlConnectionStringBuilder(Storage.ConnectionString(config));
        log.LogInformation("TensionTracker serving on {Urls}\n  database {Host}:{Port}/{Database} (schema {Schema})\n  bus      {Bus}\n  model    {Model} (the default)",
            string.Join(' ', urls), database.Host, database.Port, database.Database, Storage.Schema, Bus(config), await models.DefaultName(ct));
    }

    static string Bus(IConfiguration config)
    {
        if (!Storage.UsesRabbitMq(config)) return $"PostgreSQL, queue {Storage.IngestQueue} (schema {Storage.QueueSchema})";
        var broker = new Uri(config.GetConnectionString("RabbitMq") ?? Storage.DefaultRabbitMq);
        return $"RabbitMQ at {broker.Host}:{broker.Port}, queue {Storage.IngestQueue}";
    }
}
