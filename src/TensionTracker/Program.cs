using JasperFx;
using TensionTracker.Articles;
using TensionTracker.Dyads;
using TensionTracker.Hosting;
using TensionTracker.Replays;

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
