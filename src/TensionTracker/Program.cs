using JasperFx;
using TensionTracker.Articles;
using TensionTracker.Dyads;
using TensionTracker.Feeds;
using TensionTracker.Hosting;
using TensionTracker.Replays;

// JasperFx writes its own chatter through Spectre.Console: send it to stderr, so what our commands print
// on stdout (publish results, eval and bench figures) stays machine-readable.
Spectre.Console.AnsiConsole.Console = Spectre.Console.AnsiConsole.Create(new Spectre.Console.AnsiConsoleSettings
{
    Out = new Spectre.Console.AnsiConsoleOutput(Console.Error),
});

// tension model train|eval: the trainer's own command line, no host needed.
if (TensionTracker.Models.ModelCommand.TrainOrEval(args) is { } exitCode) return exitCode;

var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    // No reloading of appsettings on change: it watches the content root recursively, and with the PostgreSQL data
    // directory under it (ops/postgres.sh) the watcher thread took about 2% of the machine during an ingest.
    Args = [.. args, "--hostBuilder:reloadConfigOnChange=false"],
    // The dashboard (wwwroot/) is copied next to the binary at build time: served whatever the working directory.
    WebRootPath = Path.Combine(AppContext.BaseDirectory, "wwwroot"),
});
builder.AddServiceDefaults().AddStorage().AddModelsAndReplays();
builder.AddFeeds();

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

return await app.RunJasperFxCommands(args);

public partial class Program;
