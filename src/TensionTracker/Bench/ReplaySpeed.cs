using System.Net;
using System.Net.Http.Json;

namespace TensionTracker.Bench;

/// <summary>
/// Replay: statements re-scored and projected per second by POST /api/replays, and the host's peak memory while
/// it runs. Reported as n/a, with the reason, where this build has no replay.
/// </summary>
public static class ReplaySpeed
{
    public static async Task Measure(BenchHost host, BenchReport report)
    {
        using var probe = await host.Http.PostAsJsonAsync("/api/replays", new { model = "" });
        if (probe.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed && probe.Content.Headers.ContentType?.MediaType != "application/problem+json")
        {
            const string Reason = "this build has no replay (POST /api/replays is not mapped); it lands with the replay branch";
            report.NotAvailable("replay_statements_per_s", "statements/s", Reason);
            report.NotAvailable("replay_peak_mb", "MB", Reason);
            return;
        }
        const string NotWired = "POST /api/replays exists but the bench does not drive it yet (needs a second registered model)";
        report.NotAvailable("replay_statements_per_s", "statements/s", NotWired);
        report.NotAvailable("replay_peak_mb", "MB", NotWired);
    }
}
