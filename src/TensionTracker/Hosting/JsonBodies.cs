using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;

namespace TensionTracker.Hosting;

/// <summary>
/// Every write under /api that carries a body must say it is JSON in UTF-8 (<c>application/json</c>, with or without
/// <c>charset=utf-8</c>): anything else, or no Content-Type at all (what <c>curl -d</c> sends is a form), is answered
/// 415 with the problem named, before an endpoint reads a byte of it.
/// </summary>
public static class JsonBodies
{
    public static void UseJsonBodiesForWrites(this WebApplication app) => app.Use(async (context, next) =>
    {
        var request = context.Request;
        var isWrite = HttpMethods.IsPost(request.Method) || HttpMethods.IsPut(request.Method) || HttpMethods.IsPatch(request.Method);
        if (isWrite && request.Path.StartsWithSegments("/api")
            && context.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody == true
            && Problem(request.ContentType) is { } problem)
        {
            await Results.Problem(statusCode: 415, title: "Unsupported media type", detail: problem).ExecuteAsync(context);
            return;
        }
        await next();
    });

    /// <summary>Why a body of this Content-Type is not read, or null for JSON in UTF-8.</summary>
    public static string? Problem(string? contentType)
    {
        if (string.IsNullOrWhiteSpace(contentType)) return "the body must be JSON: send Content-Type: application/json (none was given)";
        if (!MediaTypeHeaderValue.TryParse(contentType, out var type)
            || !(type.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase) || type.MediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase)))
            return $"the body must be JSON (Content-Type: application/json), not {contentType}";
        if (type.Charset.HasValue && !type.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase) && !type.Charset.Equals("utf8", StringComparison.OrdinalIgnoreCase))
            return $"the body must be UTF-8 JSON, not charset={type.Charset}";
        return null;
    }
}
