using TensionTracker.Hosting;
using TensionTracker.Pipeline;

namespace TensionTracker.Dyads;

/// <summary>A pair's index, with the uncertainty the evidence leaves (tension ± uncertainty) and the lower bound the default ranking sorts by.</summary>
public sealed record DyadSummary(
    string Pair, string[] Countries, double? Tension, double Confidence, double? Uncertainty, double? LowerBound, int Statements,
    double? Trend7d, double? Trend30d, DateTimeOffset? LastStatementAt)
{
    public static DyadSummary From(string pair, IndexValue? now, double? trend7d, double? trend30d) =>
        new(pair, pair.Split('-'), now?.Tension, now?.Confidence ?? 0, now?.Uncertainty, now?.LowerBound, now?.Statements ?? 0,
            trend7d, trend30d, now?.LastStatementAt);
}

public sealed record DirectedComponent(string From, string To, double? Tension, double Confidence, double? Uncertainty, int Statements);

/// <summary>GET /api/dyads (ranked) and GET /api/dyads/{pair} (one pair with its directed components).</summary>
public static class GetDyads
{
    public static void MapGetDyads(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/dyads", async (string? model, int? top, string? order, string? at, string? asOf, EvidenceQuery query,
            CurrentRanking current, ModelCatalog models, TimeProvider clock, CancellationToken ct) =>
        {
            if (ReadTimes(at, asOf, clock, out var atTime, out var asOfTime) is { } bad) return bad;
            var ordering = TensionIndex.ParseOrder(order);
            if (ordering is null) return TensionIndex.InvalidOrder(order!);
            var name = model ?? await models.DefaultName(ct);
            var count = Math.Clamp(top ?? 50, 1, 1000);
            // Now, as known now: the running totals answer. Any other moment: the evidence itself.
            if (at is null && asOf is null)
                return Results.Ok(new { model = name, order = ordering, at = atTime, asOf = asOfTime, items = await current.Top(name, count, ordering, atTime, ct) });
            var rows = await query.Load(name, atTime, asOfTime, null, ct);
            var items = TensionIndex.Rank(rows.GroupBy(r => r.Evidence.Pair)
                    .Select(g => Summarise(g.Key, g.Select(r => r.Evidence).ToList(), atTime))
                    .Where(s => s.Tension is not null), ordering)
                .Take(count)
                .ToList();
            return Results.Ok(new { model = name, order = ordering, at = atTime, asOf = asOfTime, items });
        })
        .WithName("GetDyads").WithTags("Dyads")
        .WithSummary("Pairs of countries ranked by tension")
        .WithDescription("tension: 0 close allies, 25 warm, 50 nothing either way, 75 open hostility, 100 a crisis at the top; " +
            "confidence (0-1) grows with the threats, complaints and praise behind it and falls with neutral statements; " +
            "uncertainty: index points either way the evidence leaves open; lowerBound: tension minus uncertainty; " +
            "trend7d and trend30d: the change since 7 and 30 days before at.")
        .WithParameterDescriptions(("model", ApiDocument.Model), ("top", "How many pairs (1-1000); default 50"),
            ("order", "evidence (default: pairs with confidence of at least 0.15 first, by lowerBound), tension, confidence, statements or latest"),
            ("at", ApiDocument.At), ("asOf", ApiDocument.AsOf))
        .Produces<DyadRankingAnswer>()
        .ProducesProblem(StatusCodes.Status400BadRequest);

        app.MapGet("/api/dyads/{pair}", async (string pair, string? model, string? at, string? asOf, EvidenceQuery query,
            ModelCatalog models, TimeProvider clock, CancellationToken ct) =>
        {
            var key = TensionIndex.ParsePair(pair);
            if (key is null) return TensionIndex.InvalidPair(pair);
            if (ReadTimes(at, asOf, clock, out var atTime, out var asOfTime) is { } bad) return bad;
            var name = model ?? await models.DefaultName(ct);
            var evidence = (await query.Load(name, atTime, asOfTime, key, ct)).Select(r => r.Evidence).ToList();
            var summary = Summarise(key, evidence, atTime);
            var countries = key.Split('-');
            var directed = new[] { (countries[0], countries[1]), (countries[1], countries[0]) }
                .Select(d =>
                {
                    var value = TensionIndex.Compute(evidence.Where(e => e.From == d.Item1 && e.To == d.Item2), atTime);
                    return new DirectedComponent(d.Item1, d.Item2, value?.Tension, value?.Confidence ?? 0, value?.Uncertainty, value?.Statements ?? 0);
                }).ToArray();
            return Results.Ok(new
            {
                model = name, at = atTime, asOf = asOfTime, summary.Pair, summary.Countries, summary.Tension, summary.Confidence,
                summary.Uncertainty, summary.LowerBound, summary.Statements, summary.Trend7d, summary.Trend30d, summary.LastStatementAt, directed,
            });
        })
        .WithName("GetDyad").WithTags("Dyads")
        .WithSummary("One pair, with its two directed components (A about B, B about A)")
        .WithParameterDescriptions(("pair", ApiDocument.Pair), ("model", ApiDocument.Model), ("at", ApiDocument.At), ("asOf", ApiDocument.AsOf))
        .Produces<DyadAnswer>()
        .ProducesProblem(StatusCodes.Status400BadRequest);
    }

    public static DyadSummary Summarise(string pair, IReadOnlyList<Evidence> evidence, DateTimeOffset at)
    {
        var now = TensionIndex.Compute(evidence, at);
        var week = TensionIndex.Compute(evidence, at.AddDays(-7));
        var month = TensionIndex.Compute(evidence, at.AddDays(-30));
        return DyadSummary.From(pair, now, Trend(now, week), Trend(now, month));
    }

    public static double? Trend(IndexValue? now, IndexValue? then) =>
        now is null || then is null ? null : Math.Round(now.Tension - then.Tension, 2) + 0.0; // + 0.0: no "-0" in the JSON

    /// <summary>The moment on the news timeline (`at`, or `to` for a period) and the moment of knowledge (`asOf`), both defaulting to now.</summary>
    public static IResult? ReadTimes(string? at, string? asOf, TimeProvider clock, out DateTimeOffset atTime, out DateTimeOffset asOfTime,
        string atName = "at")
    {
        var now = clock.GetUtcNow();
        asOfTime = now;
        if (!Moments.TryParse(at, now, out atTime)) return Moments.Invalid(atName);
        if (!Moments.TryParse(asOf, now, out asOfTime)) return Moments.Invalid("asOf");
        return null;
    }
}
