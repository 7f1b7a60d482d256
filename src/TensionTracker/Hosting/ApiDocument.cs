using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace TensionTracker.Hosting;

/// <summary>
/// The API described: the OpenAPI document ASP.NET Core generates from the endpoints and their metadata
/// (<see cref="DocumentPath"/>), and the Scalar reference page that reads it (<see cref="ReferencePath"/>). Scalar's
/// script bundle is embedded in its package and served by this host; its CDN fonts, telemetry and AI agent are off,
/// so the page works offline. Its inline set-up script carries a nonce that <see cref="SecurityHeaders"/> allows.
/// </summary>
public static class ApiDocument
{
    public const string DocumentPath = "/openapi/v1.json";
    public const string ReferencePath = "/scalar";

    // Parameters several endpoints share.
    public const string Model = "A registered model's name (GET /api/models); default: the default model";
    public const string At = "The moment the index is read at: an ISO 8601 instant, or a date (its end); default: now";
    public const string AsOf = "Read as known then: an ISO 8601 instant or date; revisions and retractions recorded later are left out; default: now";
    public const string Pair = "Two ISO 3166-1 alpha-3 country codes joined by '-', in either order (CHN-USA)";

    public static WebApplicationBuilder AddApiDocument(this WebApplicationBuilder builder)
    {
        builder.Services.AddOpenApi(options => options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "TensionTracker API";
            document.Info.Description =
                "Diplomatic tension between pairs of countries, scored from the statements in news articles. " +
                "Publish articles, read the index per pair, its daily series and the statements behind it, manage model versions " +
                "and replay history with them. When an API key is configured (Api:Key), every write needs it in the X-Api-Key " +
                "header (or as a bearer token); reads never do. Errors are RFC 9457 problem details.";
            return Task.CompletedTask;
        }));
        return builder;
    }

    public static void MapApiDocument(this WebApplication app)
    {
        app.MapOpenApi();
        app.MapScalarApiReference(ReferencePath, options => options
            .WithTitle("TensionTracker API")
            .DisableDefaultFonts()
            .DisableTelemetry()
            .DisableAgent()
            .DisableMcp()
            .HideDeveloperTools() // its toolbar links to Scalar's online services
            .WithNonce());
    }

    /// <summary>Describes the endpoint's route and query parameters in the document, by name.</summary>
    public static RouteHandlerBuilder WithParameterDescriptions(this RouteHandlerBuilder endpoint, params (string Name, string Description)[] parameters) =>
        endpoint.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            foreach (var parameter in operation.Parameters?.OfType<OpenApiParameter>() ?? [])
                if (parameters.FirstOrDefault(p => p.Name == parameter.Name) is { Description: { } description })
                    parameter.Description = description;
            return Task.CompletedTask;
        });
}
