using System.Diagnostics;
using System.Text.Json;

namespace TensionTracker.Bench;

/// <summary>
/// Reads with the corpus loaded: GET /api/dyads (the ranking) and GET /api/dyads/{pair}/series for the ranked
/// pairs in turn, one client, sequential, each for a bounded time; p50 and p95 of the response times.
/// </summary>
public static class ReadSpeed
{
    public static async Task Measure(BenchHost host, DateTimeOffset corpusEnd, TimeSpan budget, BenchReport report)
    {
        var (dyads, ranking) = await Time(host, "/api/dyads?top=50", budget);
        Add(report, "dyads", dyads);

        var pairs = new List<string>();
        if (ranking is { } json && json.TryGetProperty("items", out var items))
            pairs.AddRange(items.EnumerateArray().Select(i => i.GetProperty("pair").GetString()!).Take(20));
        if (pairs.Count == 0)
        {
            report.NotAvailable("series_p50_ms", "ms", "the ranking listed no pair");
            report.NotAvailable("series_p95_ms", "ms", "the ranking listed no pair");
            return;
        }
        var from = corpusEnd.AddDays(-90).ToString("yyyy-MM-dd");
        var to = corpusEnd.ToString("yyyy-MM-dd");
        var (series, _) = await Time(host, i => $"/api/dyads/{pairs[i % pairs.Count]}/series?from={from}&to={to}", budget);
        Add(report, "series", series);
    }

    static void Add(BenchReport report, string name, List<double> times)
    {
        var note = $"{times.Count} sequential requests, the first included";
        report.Add($"{name}_p50_ms", BenchReport.Percentile(times, 50), "ms", note);
        report.Add($"{name}_p95_ms", BenchReport.Percentile(times, 95), "ms", note);
    }

    static Task<(List<double>, JsonElement?)> Time(BenchHost host, string path, TimeSpan budget) => Time(host, _ => path, budget);

    static async Task<(List<double>, JsonElement?)> Time(BenchHost host, Func<int, string> path, TimeSpan budget)
    {
        // At least three requests, then as many as the budget allows (up to 200). The first counts too: with a large
        // corpus one request can take longer than the budget, and its JIT cost is then small beside it.
        JsonElement? first = null;
        var times = new List<double>();
        var total = Stopwatch.StartNew();
        // One request slower than the budget is all there is time for (a large corpus on a slow read path).
        for (var i = 0; times.Count < 200 && (times.Count < 3 || total.Elapsed < budget) && !(times.Count >= 1 && times[0] > budget.TotalMilliseconds); i++)
        {
            var clock = Stopwatch.StartNew();
            var answer = await Get(host, path(i));
            first ??= answer;
            times.Add(clock.Elapsed.TotalMilliseconds);
        }
        return (times, first);
    }

    static async Task<JsonElement> Get(BenchHost host, string path)
    {
        using var response = await host.Http.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"GET {path}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }
}
