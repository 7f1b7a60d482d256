using System.Diagnostics;
using System.Globalization;

namespace TensionTracker.Bench;

/// <summary>
/// The peer: VADER's npm package (ops/vader/score.js, the scorer `tension model eval` also uses) run with node on
/// the same statements the ML.NET model scored. The figure is the script's own scoring time (input already read).
/// </summary>
public static class VaderSpeed
{
    public static async Task Measure(string root, IReadOnlyList<string> statements, BenchReport report)
    {
        const string Name = "vader_statements_per_s", Unit = "statements/s";
        var script = Path.Combine(root, "ops", "vader", "score.js");
        if (!File.Exists(script)) { report.NotAvailable(Name, Unit, "ops/vader/score.js (the npm vader-sentiment scorer) is not on this branch yet"); return; }
        if (!Directory.Exists(Path.Combine(root, "ops", "vader", "node_modules", "vader-sentiment")))
        {
            report.NotAvailable(Name, Unit, "vader-sentiment is not installed: npm ci --prefix ops/vader (ops/bench.sh does it)");
            return;
        }
        if (statements.Count == 0) { report.NotAvailable(Name, Unit, "no statements to score"); return; }

        var sample = statements.Take(100_000).Select(s => s.Replace('\n', ' ').Replace('\r', ' ')).ToList();
        var start = new ProcessStartInfo("node", [script])
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true,
        };
        Process process;
        try { process = Process.Start(start)!; }
        catch (Exception e) { report.NotAvailable(Name, Unit, $"node could not be started: {e.Message}"); return; }
        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            await process.StandardInput.WriteAsync(string.Join('\n', sample) + "\n");
            process.StandardInput.Close();
            await process.WaitForExitAsync();
            await output;
            var stderr = await error;
            var line = stderr.Split('\n').FirstOrDefault(l => l.StartsWith("vader_seconds ", StringComparison.Ordinal));
            if (process.ExitCode != 0 || line is null
                || !double.TryParse(line["vader_seconds ".Length..], NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
            {
                report.NotAvailable(Name, Unit, $"node ops/vader/score.js failed (exit {process.ExitCode}): {stderr.Trim().Split('\n').LastOrDefault()}");
                return;
            }
            report.Add(Name, sample.Count / Math.Max(seconds, 1e-9), Unit, $"node {NodeVersion()}, one thread, {sample.Count} statements, scoring time only");
        }
    }

    static string NodeVersion()
    {
        try
        {
            using var p = Process.Start(new ProcessStartInfo("node", ["--version"]) { RedirectStandardOutput = true })!;
            var v = p.StandardOutput.ReadToEnd().Trim();
            p.WaitForExit();
            return v;
        }
        catch { return "?"; }
    }
}
