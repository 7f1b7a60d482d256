using System.Diagnostics;
using System.Text.Json;
using TensionTracker.Deep;
using TensionTracker.Text.Scoring;

namespace TensionTracker.Bench;

/// <summary>
/// The deep model (bench --deep-model NAME): its statements per second on one core and the memory it takes, and in the
/// host, its lane's catch-up after the ingest drain it ran beside.
/// </summary>
public static class DeepSpeed
{
    public static void MeasurePerCore(string modelsDir, string name, IReadOnlyList<string> statements, TimeSpan budget, BenchReport report)
    {
        if (statements.Count == 0) { report.NotAvailable("deep_statements_per_s_per_core", "statements/s", "no statements to score"); return; }
        var process = Process.GetCurrentProcess();
        GC.Collect();
        process.Refresh();
        var before = process.WorkingSet64;
        using var model = DeepModel.Load(Path.Combine(modelsDir, name + ".zip"), threads: 1);
        const int Chunk = 64;
        model.Score(statements.Take(Chunk).Select(ScoringInput.Untargeted).ToList()); // warm-up
        process.Refresh();
        var cpuStart = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var scored = 0;
        for (var start = 0; scored < 2 * Chunk || clock.Elapsed < budget; start = (start + Chunk) % statements.Count)
        {
            var chunk = statements.Skip(start).Take(Chunk).Select(ScoringInput.Untargeted).ToList();
            model.Score(chunk);
            scored += chunk.Count;
        }
        process.Refresh();
        var cpu = (process.TotalProcessorTime - cpuStart).TotalSeconds;
        GC.Collect();
        process.Refresh();
        report.Add("deep_statements_per_s_per_core", scored / clock.Elapsed.TotalSeconds, "statements/s",
            $"one thread, wall clock, model {name} ({model.Encoder.Description}), batches of {Chunk}");
        report.Add("deep_statements_per_cpu_s", scored / cpu, "statements/s", "the same loop per second of this process's CPU time");
        report.Add("deep_resident_mb", (process.WorkingSet64 - before) / 1048576.0, "MB",
            "resident memory the loaded deep model added to this process (encoder, ONNX Runtime, heads)");
    }

    /// <summary>After the drain: how long the deep lane takes to score what it queued, read from GET /api/models.</summary>
    public static async Task MeasureCatchUp(BenchHost host, string name, BenchReport report)
    {
        var start = await Lane(host, name);
        var waiting = start.GetProperty("articlesWaiting").GetInt64();
        report.Add("deep_lane_waiting_after_drain", waiting, "articles", "article revisions the deep lane had left when ingest finished");
        var clock = Stopwatch.StartNew();
        var last = waiting;
        while (last > 0 && clock.Elapsed < TimeSpan.FromMinutes(30))
        {
            await Task.Delay(2000);
            last = (await Lane(host, name)).GetProperty("articlesWaiting").GetInt64();
        }
        if (last > 0) report.NotAvailable("deep_lane_catch_up_articles_per_s", "articles/s", $"{last} articles still waiting after 30 min");
        else if (waiting > 0) report.Add("deep_lane_catch_up_articles_per_s", waiting / clock.Elapsed.TotalSeconds, "articles/s",
            "the deep lane alone after the drain (one core), from its backlog to empty");
    }

    static async Task<JsonElement> Lane(BenchHost host, string name)
    {
        var models = await host.Http.GetFromJsonAsync<JsonElement>("/api/models");
        return models.GetProperty("lanes").EnumerateArray().Single(l => l.GetProperty("model").GetString() == name);
    }
}
