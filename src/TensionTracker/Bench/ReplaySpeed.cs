using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace TensionTracker.Bench;

/// <summary>
/// Replay: a second model (a copy of the default under the name <see cref="Model"/>, in the bench's own models
/// folder) is registered with `tension model register`, then POST /api/replays re-scores every stored statement
/// with it; the figure is statements scored per second from the request to completion, with the host's peak
/// resident memory over that time (reset just before). Reported as n/a, with the reason, where this build has no replay.
/// </summary>
public static class ReplaySpeed
{
    public const string Model = "bench-replay";

    /// <summary>A models folder for the bench host: the default model, and the same files again under <see cref="Model"/>.</summary>
    public static string PrepareModels(string modelsPath, string defaultModel)
    {
        var folder = Directory.CreateTempSubdirectory("tension-bench-models-").FullName;
        foreach (var file in Directory.EnumerateFiles(modelsPath, defaultModel + ".*"))
        {
            var name = Path.GetFileName(file);
            File.Copy(file, Path.Combine(folder, name));
            File.Copy(file, Path.Combine(folder, Model + name[defaultModel.Length..]));
        }
        return folder;
    }

    public static async Task Measure(BenchHost host, Func<string[], Task<(int Exit, string Output)>> cli, BenchReport report)
    {
        using var probe = await host.Http.PostAsJsonAsync("/api/replays", new { model = "" });
        if (probe.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed && probe.Content.Headers.ContentType?.MediaType != "application/problem+json")
        {
            NotAvailable(report, "this build has no replay (POST /api/replays is not mapped)");
            return;
        }
        var (exit, output) = await cli(["model", "register", "--name", Model]);
        if (exit != 0) { NotAvailable(report, $"tension model register --name {Model} failed: {output.Trim().Split('\n').LastOrDefault()}"); return; }

        host.ResetPeak();
        var clock = Stopwatch.StartNew();
        using var start = await host.Http.PostAsJsonAsync("/api/replays", new { model = Model });
        var started = await start.Content.ReadAsStringAsync();
        if (!start.IsSuccessStatusCode) { NotAvailable(report, $"POST /api/replays: {(int)start.StatusCode} {started}"); return; }
        var id = JsonDocument.Parse(started).RootElement.GetProperty("id").GetString();

        JsonElement replay = default;
        var lastPrint = TimeSpan.Zero;
        while (true)
        {
            await Task.Delay(100);
            replay = JsonDocument.Parse(await host.Http.GetStringAsync($"/api/replays/{id}")).RootElement.Clone();
            var status = replay.GetProperty("status").GetString();
            if (status == "completed") break;
            if (status is "failed" or "cancelled") { NotAvailable(report, $"the replay ended {status}: {replay}"); return; }
            if (clock.Elapsed - lastPrint > TimeSpan.FromSeconds(5))
            {
                Console.Error.WriteLine($"  replay: {replay.GetProperty("progress").GetDouble():P0}, {replay.GetProperty("statementsScored").GetInt64()} statements");
                lastPrint = clock.Elapsed;
            }
            if (clock.Elapsed > TimeSpan.FromMinutes(10)) { NotAvailable(report, "the replay did not finish within 10 minutes"); return; }
        }
        var seconds = clock.Elapsed.TotalSeconds;
        var statements = replay.GetProperty("statementsScored").GetInt64();
        report.Add("replay_statements_per_s", statements / seconds, "statements/s",
            $"{statements} statements of {replay.GetProperty("articlesScored").GetInt64()} articles re-scored with a second model and projected, POST to completed");
        report.Add("replay_peak_mb", host.PeakMb(), "MB", "host resident memory peak during the replay (VmHWM reset before it)");
    }

    static void NotAvailable(BenchReport report, string reason)
    {
        report.NotAvailable("replay_statements_per_s", "statements/s", reason);
        report.NotAvailable("replay_peak_mb", "MB", reason);
    }
}
