using System.Text.RegularExpressions;
using System.Text.Json;

namespace TensionTracker.Bench;

/// <summary>
/// Replay: a second model (a copy of the default under the name <see cref="Model"/>, in the bench's own models
/// folder) is registered with `tension model register`, then `tension replay --model` re-scores every stored
/// statement with it in its own process, as a modeller runs it, while the host keeps serving. The rate is
/// statements scored from the replay's start to its end (its own events); the memory is that process's peak
/// resident set, which the command prints. Reported as n/a, with the reason, where this build has no replay.
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
        var (exit, output) = await cli(["model", "register", "--name", Model]);
        if (exit != 0) { NotAvailable(report, $"tension model register --name {Model} failed: {output.Trim().Split('\n').LastOrDefault()}"); return; }

        Console.Error.WriteLine($"  replay: tension replay --model {Model}");
        (exit, output) = await cli(["replay", "--model", Model]);
        var id = Regex.Match(output, @"replay ([0-9a-f-]{36}) of").Groups[1].Value;
        var peak = Regex.Match(output, @"([0-9]+) MB at most");
        if (exit != 0 || id.Length == 0 || !peak.Success)
        {
            NotAvailable(report, $"tension replay --model {Model} failed: {output.Trim().Split('\n').LastOrDefault()}");
            return;
        }
        var replay = JsonDocument.Parse(await host.Http.GetStringAsync($"/api/replays/{id}")).RootElement;
        var seconds = (replay.GetProperty("finishedAt").GetDateTimeOffset() - replay.GetProperty("startedAt").GetDateTimeOffset()).TotalSeconds;
        var statements = replay.GetProperty("statementsScored").GetInt64();
        report.Add("replay_statements_per_s", statements / seconds, "statements/s",
            $"{statements} statements of {replay.GetProperty("articlesScored").GetInt64()} articles re-scored with a second model and projected, from the replay's start to its end");
        report.Add("replay_peak_mb", double.Parse(peak.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), "MB",
            $"peak resident memory of the `tension replay` process over {statements} statements");
    }

    static void NotAvailable(BenchReport report, string reason)
    {
        report.NotAvailable("replay_statements_per_s", "statements/s", reason);
        report.NotAvailable("replay_peak_mb", "MB", reason);
    }
}
