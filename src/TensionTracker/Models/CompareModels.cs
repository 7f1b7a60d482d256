using Marten;
using TensionTracker.Dyads;
using TensionTracker.Hosting;
using TensionTracker.Pipeline;

namespace TensionTracker.Models;

public sealed record ComparedPair(
    string Pair, double? Base, double? Candidate, double? Difference,
    double BaseConfidence, double CandidateConfidence, int BaseStatements, int CandidateStatements);

/// <summary>
/// GET /api/compare?base=&amp;candidate=&amp;at=&amp;asOf=: every pair's index under both models (the same evidence reads and
/// index as /api/dyads), the difference (candidate - base), and the agreement across pairs: Spearman's rank
/// correlation of the two indexes over the pairs both score. With &amp;pair=&amp;from=&amp;to=, the pair's change from the
/// base model at `from` to the candidate at `to` split into news (same model, later time) and model (same time,
/// other model), each measured both ways and averaged so the two parts add up to the change.
/// </summary>
public static class CompareModels
{
    public static void MapCompareModels(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/compare", async (string? @base, string? candidate, string? at, string? asOf, string? pair, string? from, string? to,
            EvidenceQuery query, ModelCatalog catalog, IQuerySession session, TimeProvider clock, CancellationToken ct) =>
        {
            if (string.IsNullOrWhiteSpace(candidate))
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["candidate"] = ["candidate is required: the model to compare with base"] });
            var baseName = string.IsNullOrWhiteSpace(@base) ? await catalog.DefaultName(ct) : @base;
            var registry = await session.LoadAsync<ModelsView>(ModelsStream.Id, ct);
            foreach (var name in new[] { baseName, candidate })
                if (registry?.Find(name) is null) return Results.Problem(statusCode: 404, title: $"no registered model '{name}'");
            if (GetDyads.ReadTimes(at, asOf, clock, out var atTime, out var asOfTime) is { } bad) return bad;

            var baseEvidence = Group(await query.Load(baseName, atTime, asOfTime, null, ct));
            var candidateEvidence = Group(await query.Load(candidate, atTime, asOfTime, null, ct));
            var items = baseEvidence.Keys.Union(candidateEvidence.Keys).Select(p =>
                {
                    var b = GetDyads.Summarise(p, baseEvidence.GetValueOrDefault(p) ?? [], atTime);
                    var c = GetDyads.Summarise(p, candidateEvidence.GetValueOrDefault(p) ?? [], atTime);
                    return new ComparedPair(p, b.Tension, c.Tension, Difference(b.Tension, c.Tension),
                        b.Confidence, c.Confidence, b.Statements, c.Statements);
                })
                .Where(i => i.Base is not null || i.Candidate is not null)
                .OrderByDescending(i => Math.Abs(i.Difference ?? 0)).ThenBy(i => i.Pair, StringComparer.Ordinal)
                .ToList();
            var both = items.Where(i => i.Difference is not null).ToList();

            object? decomposition = null;
            if (pair is not null)
            {
                var key = TensionIndex.ParsePair(pair);
                if (key is null) return TensionIndex.InvalidPair(pair);
                if (!Moments.TryParse(to, atTime, out var toTime)) return Moments.Invalid("to");
                if (!Moments.TryParse(from, toTime.AddDays(-30), out var fromTime)) return Moments.Invalid("from");
                if (fromTime > toTime) return Results.Problem(statusCode: 400, title: "Invalid period", detail: "from is after to");
                decomposition = await Decompose(query, key, baseName, candidate, fromTime, toTime, asOfTime, ct);
            }

            return Results.Ok(new
            {
                @base = baseName, candidate, at = atTime, asOf = asOfTime,
                rankCorrelation = Spearman(both.Select(i => (i.Base!.Value, i.Candidate!.Value)).ToList()),
                pairs = items.Count, pairsScoredByBoth = both.Count,
                meanAbsoluteDifference = both.Count == 0 ? (double?)null : Math.Round(both.Average(i => Math.Abs(i.Difference!.Value)), 2),
                items, decomposition,
            });
        })
        .WithName("CompareModels").WithTags("Model versions")
        .WithSummary("Every pair's index under two models, their differences and rank correlation")
        .WithDescription("difference: candidate - base; rankCorrelation: Spearman's rho over the pairs both score. With pair (and from, to): " +
            "decomposition splits the pair's change from base at from to candidate at to into the news's part and the model's part.")
        .WithParameterDescriptions(("base", "The model compared with; default: the default model"), ("candidate", "The model to compare (required)"),
            ("at", ApiDocument.At), ("asOf", ApiDocument.AsOf), ("pair", ApiDocument.Pair + ", for the decomposition"),
            ("from", "Start of the decomposition's period; default: 30 days before to"), ("to", "End of the decomposition's period; default: at"))
        .Produces<ComparisonAnswer>()
        .ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status404NotFound);

    static Dictionary<string, List<Evidence>> Group(List<EvidenceRow> rows) =>
        rows.GroupBy(r => r.Evidence.Pair).ToDictionary(g => g.Key, g => g.Select(r => r.Evidence).ToList());

    static double? Difference(double? a, double? b) => a is null || b is null ? null : Math.Round(b.Value - a.Value, 2);

    static async Task<object> Decompose(EvidenceQuery query, string pair, string baseName, string candidate,
        DateTimeOffset from, DateTimeOffset to, DateTimeOffset asOf, CancellationToken ct)
    {
        var b = (await query.Load(baseName, to, asOf, pair, ct)).Select(r => r.Evidence).ToList();
        var c = (await query.Load(candidate, to, asOf, pair, ct)).Select(r => r.Evidence).ToList();
        double? bf = TensionIndex.Compute(b, from)?.Tension, bt = TensionIndex.Compute(b, to)?.Tension;
        double? cf = TensionIndex.Compute(c, from)?.Tension, ct2 = TensionIndex.Compute(c, to)?.Tension;
        var newsBase = Difference(bf, bt);
        var newsCandidate = Difference(cf, ct2);
        var modelFrom = Difference(bf, cf);
        var modelTo = Difference(bt, ct2);
        return new
        {
            pair, from, to,
            index = new { @base = new { from = bf, to = bt }, candidate = new { from = cf, to = ct2 } },
            change = Difference(bf, ct2),
            news = new { @base = newsBase, candidate = newsCandidate, mean = Mean(newsBase, newsCandidate) },
            model = new { from = modelFrom, to = modelTo, mean = Mean(modelFrom, modelTo) },
        };
    }

    static double? Mean(double? a, double? b) => a is null || b is null ? null : Math.Round((a.Value + b.Value) / 2, 2);

    /// <summary>Spearman's rho: Pearson's correlation of the ranks (ties take their mean rank); null under two pairs or with no spread.</summary>
    public static double? Spearman(IReadOnlyList<(double A, double B)> values)
    {
        if (values.Count < 2) return null;
        var ra = Ranks(values.Select(v => v.A).ToArray());
        var rb = Ranks(values.Select(v => v.B).ToArray());
        double ma = ra.Average(), mb = rb.Average(), cov = 0, va = 0, vb = 0;
        for (var i = 0; i < ra.Length; i++)
        {
            cov += (ra[i] - ma) * (rb[i] - mb);
            va += (ra[i] - ma) * (ra[i] - ma);
            vb += (rb[i] - mb) * (rb[i] - mb);
        }
        return va == 0 || vb == 0 ? null : Math.Round(cov / Math.Sqrt(va * vb), 4);
    }

    static double[] Ranks(double[] xs)
    {
        var order = Enumerable.Range(0, xs.Length).OrderBy(i => xs[i]).ToArray();
        var ranks = new double[xs.Length];
        for (var i = 0; i < order.Length;)
        {
            var j = i;
            while (j + 1 < order.Length && xs[order[j + 1]] == xs[order[i]]) j++;
            for (var k = i; k <= j; k++) ranks[order[k]] = (i + j) / 2.0 + 1;
            i = j + 1;
        }
        return ranks;
    }
}
