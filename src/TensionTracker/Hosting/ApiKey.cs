using Microsoft.Extensions.Options;
using TensionTracker.Articles;

namespace TensionTracker.Hosting;

/// <summary>When an API key is configured, every write (POST, PUT, PATCH, DELETE) must carry it; reads never need it.</summary>
public static class ApiKey
{
    public const string Header = "X-Api-Key";

    public static void UseApiKeyForWrites(this WebApplication app) => app.Use(async (context, next) =>
    {
        var key = context.RequestServices.GetRequiredService<IOptions<ApiOptions>>().Value.Key;
        var isWrite = !HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method) && !HttpMethods.IsOptions(context.Request.Method);
        if (!string.IsNullOrEmpty(key) && isWrite && context.Request.Path.StartsWithSegments("/api"))
        {
            var given = context.Request.Headers[Header].ToString();
            if (string.IsNullOrEmpty(given) && context.Request.Headers.Authorization.ToString() is { } auth && auth.StartsWith("Bearer "))
                given = auth["Bearer ".Length..];
            if (!System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(
                    System.Text.Encoding.UTF8.GetBytes(given), System.Text.Encoding.UTF8.GetBytes(key)))
            {
                await Results.Problem(statusCode: 401, title: "API key required", detail: $"writes need the {Header} header").ExecuteAsync(context);
                return;
            }
        }
        await next();
    });
}
