using JasperFx;
using TensionTracker.Articles;
using TensionTracker.Dyads;
using TensionTracker.Hosting;
using TensionTracker.Replays;

// JasperFx writes its own chatter through Spectre.Console: send it to stderr, so what our commands print
// on stdout (publish results, eval and bench figures) stays machine-readable.
Spectre.Console.AnsiConsole.Console = Spectre.Console.AnsiConsole.Create(new Spectre.Console.AnsiConsoleSettings
{
    Out = new Spectre.Console.AnsiConsoleOutput(Console.Error),
});

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults().AddStorage().AddModelsAndReplays();

var app = builder.Build();
app.UseSecurityHeaders();
app.UseApiKeyForWrites();
app.UseDefaultFiles();
app.UseStaticFiles();
app.MapHealthChecks("/health");
app.MapPublishArticle();
app.MapRetractArticle();
app.MapGetArticle();
app.MapGetDyads();
app.MapGetSeries();
app.MapGetStatements();
app.MapModelsAndReplays();

return await app.RunJasperFxCommands(args);

public partial class Program;
