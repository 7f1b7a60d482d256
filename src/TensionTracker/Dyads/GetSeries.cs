using TensionTracker.Hosting;
using TensionTracker.Pipeline;

namespace TensionTracker.Dyads;

public sealed record SeriesPoint(DateOnly Date, double? Tension, double Confidence, double? Uncertainty, int Statements);

/// <summary>GET /api/dyads/{pair}/series: the index at the end of each UTC day, and the statements published that day.</summary>
public static class GetSeries
{
    public static void MapGetSeries(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/dyads/{pair}/series", async (string pair, string? model, string? from, string? to, string? asOf,
            EvidenceQuery query, ModelCatalog models, TimeProvider clock, CancellationToken ct) =>
        {
            var key = TensionIndex.ParsePair(pair);
            if (key is null) return TensionIndex.InvalidPair(pair);
            if (GetDyads.ReadTimes(to, asOf, clock, out var toTime, out var asOfTime, atName: "to") is { } bad) return bad;
            if (!Moments.TryParseStart(from, toTime.AddDays(-90), out var fromTime)) return Moments.Invalid("from");
            if ((toTime - fromTime).TotalDays > 3660) return Results.Problem(statusCode: 400, title: "Range too long", detail: "from..to may span at most ten years");
            var name = model ?? await models.DefaultName(ct);
            var evidence = (await query.Load(name, toTime, asOfTime, key, ct)).Select(r => r.Evidence).ToList();
            return Results.Ok(new { pair = key, model = name, asOf = asOfTime, points = Series(evidence, fromTime, toTime) });
        })
        .WithName("GetDyadSeries").WithTags("Dyads")
        .WithSummary("A pair's index at the end of each UTC day, and the statements published that day")
        .WithParameterDescriptions(("pair", ApiDocument.Pair), ("model", ApiDocument.Model),
            ("from", "First day (ISO 8601 instant or date); default: 90 days before to"), ("to", "Last day; default: now"), ("asOf", ApiDocument.AsOf))
        .Produces<DyadSeriesAnswer>()
        .ProducesProblem(StatusCodes.Status400BadRequest);

    /// <summary>
    /// The index at the end of each day, in one pass over the evidence in publication order: the grown sums of what was
    /// published by then (the running totals' identity, see DyadTotals) times the decay at that moment, which is
    /// TensionIndex.Compute at each day's end without reading every statement again for every day.
    /// </summary>
    public static List<SeriesPoint> Series(IReadOnlyList<Evidence> evidence, DateTimeOffset from, DateTimeOffset to)
    {
        var points = new List<SeriesPoint>();
        var counted = evidence.Where(e => e.Weight > 0).OrderBy(e => e.PublishedAt).ToList();
        var perDay = counted.GroupBy(e => DateOnly.FromDateTime(e.PublishedAt.UtcDateTime)).ToDictionary(g => g.Key, g => g.Count());
        double signal = 0, polar = 0, neutral = 0;
        var (next, count) = (0, 0);
        DateTimeOffset? last = null;
        for (var day = DateOnly.FromDateTime(from.UtcDateTime); day <= DateOnly.FromDateTime(to.UtcDateTime); day = day.AddDays(1))
        {
            var endOfDay = new DateTimeOffset(day.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).AddTicks(-1);
            var at = endOfDay < to ? endOfDay : to;
            for (; next < counted.Count && counted[next].PublishedAt <= at; next++, count++)
            {
                var e = counted[next];
                var (c, growth) = (e.Contribution, DyadTotals.Growth(e.PublishedAt));
                (signal, polar, neutral) = (signal + c.Signal * growth, polar + c.Polar * growth, neutral + c.Neutral * growth);
                last = e.PublishedAt;
            }
            var decay = DyadTotals.DecayAt(at);
            var value = TensionIndex.FromSums(signal * decay, polar * decay, neutral * decay, count, last);
            if (value is null) continue;
            points.Add(new SeriesPoint(day, value.Tension, value.Confidence, value.Uncertainty, perDay.GetValueOrDefault(day)));
        }
        return points;
    }
}
