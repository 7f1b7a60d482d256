using Scalar.AspNetCore;

namespace TensionTracker.Hosting;

public static class SecurityHeaders
{
    /// <summary>The dashboard renders third-party text: no inline script or style is ever needed or allowed.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

    /// <summary>
    /// The API reference page (Scalar, <see cref="ApiDocument"/>) starts with an inline script, which carries a fresh nonce on
    /// every answer, and styles its components inline; it shows only our own OpenAPI document.
    /// </summary>
    public static string ApiReferencePolicy(string nonce) =>
        $"default-src 'self'; script-src 'self' 'nonce-{nonce}'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

    public static void UseSecurityHeaders(this WebApplication app) => app.Use(async (context, next) =>
    {
        // Set as the answer starts, so an error answer (whose handler clears the headers) carries them too.
        context.Response.OnStarting(() =>
        {
            context.Response.Headers.ContentSecurityPolicy = context.Items[ScalarOptions.NonceHttpContextItemKey] is string nonce
                ? ApiReferencePolicy(nonce) : ContentSecurityPolicy;
            context.Response.Headers.XContentTypeOptions = "nosniff";
            context.Response.Headers["Referrer-Policy"] = "no-referrer";
            return Task.CompletedTask;
        });
        await next();
    });
}
