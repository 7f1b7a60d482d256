using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace TensionTracker.Hosting;

/// <summary>
/// The answer to any exception an endpoint let through, as problem+json without a stack trace: a database outage
/// is 503 with Retry-After (nothing was accepted; the same request will do once the database is back), a broken
/// request its 4xx, anything else 500.
/// </summary>
public sealed class UnhandledErrors(IProblemDetailsService problems, ILogger<UnhandledErrors> log) : IExceptionHandler
{
    public const int RetryAfterSeconds = 5;

    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken ct)
    {
        var request = $"{context.Request.Method} {context.Request.Path}";
        ProblemDetails problem;
        if (exception is BadHttpRequestException bad)
        {
            // The request itself is broken (a malformed chunked body, say): Kestrel's own status, not 500.
            problem = new() { Status = bad.StatusCode, Title = "Bad request", Detail = bad.Message };
        }
        else if (DatabaseOutage.Is(exception))
        {
            log.LogWarning("{Request}: answered 503, the database is unavailable ({Error})", request, exception.Message);
            context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString();
            problem = new() { Status = 503, Title = "Database unavailable", Detail = $"the database cannot be reached just now and nothing was stored; try again in {RetryAfterSeconds} s" };
        }
        else
        {
            log.LogError(exception, "{Request}: answered 500", request);
            problem = new() { Status = 500, Title = "Unexpected error", Detail = "the server failed on this request; the error is in its log" };
        }
        context.Response.StatusCode = problem.Status.Value;
        return await problems.TryWriteAsync(new() { HttpContext = context, ProblemDetails = problem });
    }
}
