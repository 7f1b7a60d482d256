using JasperFx;
using TensionTracker.Articles;
using TensionTracker.Cli;
using TensionTracker.DeepLane;
using TensionTracker.Dyads;
using TensionTracker.Feeds;
using TensionTracker.Replays;

namespace TensionTracker.Hosting;

/// <summary>
/// The application, the same whichever program runs it: the host (Program.cs) serves and runs the serving-side commands;
/// the `tension` CLI (TensionTracker.Cli) runs it with the training, evaluation and bench commands added.
/// </summary>
public static class TensionTrackerApp
{
    /// <summary>No command: serve. Otherwise run the command; <paramref name="more"/> is what the CLI adds.</summary>
    public static async Task<int> Run(string[] args, CommandLineAdditions? more = null)
    {
        more ??= CommandLineAdditions.None;
        // JasperFx writes its own chatter through Spectre.Console: send it to stderr, so what our commands print
        // on stdout (publish results, eval and bench figures) stays machine-readable. The progress bars (Cli/Terminal)
        // are drawn there too, whenever stderr is a terminal, even when stdout is not.
        Spectre.Console.AnsiConsole.Console = Spectre.Console.AnsiConsole.Create(new Spectre.Console.AnsiConsoleSettings
        {
            Out = new Spectre.Console.AnsiConsoleOutput(Console.Error),
            Interactive = Console.IsErrorRedirected ? Spectre.Console.InteractionSupport.No : Spectre.Console.InteractionSupport.Yes,
        });

        // tension --help, help CMD, CMD --help (and an unknown command): answered before any host is built.
        if (CommandLine.Help(args, more) is { } helped) return helped;
        // Commands that need no host (tension model train|eval in the CLI).
        if (more.WithoutHost(args) is { } exitCode) return exitCode;

        // No command: serve. --verbose shows the libraries' start-up and the request log too (StartupLogs).
        var serving = args is [] || args[0].StartsWith('-');
        var verbose = serving && args.Contains("--verbose");
        if (verbose) args = [.. args.Where(a => a != "--verbose")];

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            // No reloading of appsettings on change: the watcher on the content root took about 2% of the machine during an
            // ingest (when the content root was the repository, with the PostgreSQL data directory under it).
            Args = [.. args, "--hostBuilder:reloadConfigOnChange=false"],
            // appsettings.json and the dashboard (wwwroot/) are copied next to the binary at build time: found whatever the
            // working directory.
            ContentRootPath = AppContext.BaseDirectory,
            WebRootPath = Path.Combine(AppContext.BaseDirectory, "wwwroot"),
        });
        builder.AddServiceDefaults().AddStorage().AddModelsAndReplays().AddDeepLane();
        builder.AddFeeds();
        builder.AddStartupLogs(serving, verbose);
        builder.AddApiDocument();

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseSecurityHeaders();
        app.UseApiKeyForWrites();
        app.UseJsonBodiesForWrites();
        app.UseDefaultFiles();
        app.UseStaticFiles();
        app.MapHealth();
        app.MapPublishArticle();
        app.MapRetractArticle();
        app.MapGetArticle();
        app.MapGetDyads();
        app.MapGetSeries();
        app.MapGetStatements();
        app.MapModelsAndReplays();
        app.MapFeeds();
        app.MapApiDocument();

        if (serving)
        {
            await app.RunWithQuietStart();
            return 0;
        }
        CommandLine.QuietAssemblyScan();
        return await app.RunJasperFxCommands(args);
    }
}
