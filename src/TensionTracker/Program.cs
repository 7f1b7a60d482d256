using JasperFx;
using TensionTracker.Articles;
using TensionTracker.Cli;
using TensionTracker.Dyads;
using TensionTracker.Feeds;
using TensionTracker.Hosting;
using TensionTracker.Replays;

// JasperFx writes its own chatter through Spectre.Console: send it to stderr, so what our commands print
// on stdout (publish results, eval and bench figures) stays machine-readable. The progress bars (Cli/Terminal)
// are drawn there too, whenever stderr is a terminal, even when stdout is not.
Spectre.Console.AnsiConsole.Console = Spectre.Console.AnsiConsole.Create(new Spectre.Console.AnsiConsoleSettings
{
    Out = new Spectre.Console.AnsiConsoleOutput(Console.Error),
    Interactive = Console.IsErrorRedirected ? Spectre.Console.InteractionSupport.No : Spectre.Console.InteractionSupport.Yes,
});

// tension --help, help CMD, CMD --help (and an unknown command): answered before any host is built.
if (CommandLine.Help(args) is { } helped) return helped;
// tension model train|eval: the trainer's own command line, no host needed.
if (TensionTracker.Models.ModelCommand.TrainOrEval(args) is { } exitCode) return exitCode;

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
builder.AddServiceDefaults().AddStorage().AddModelsAndReplays();
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

public partial class Program;
