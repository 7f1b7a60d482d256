using Marten;
using TensionTracker.Hosting;
using TensionTracker.Pipeline;

namespace TensionTracker.Dyads;

public sealed record StatementEvidence(
    string Text, string? Speaker, string SpeakerRole, string? SpeakerCountry, string? TargetCountry,
    float Tone, float Stance, float Conflict, float Neutral, float Cooperation, double Weight, double Contribution, double Lean, Guid ArticleId, string Outlet, string Url, string Title,
    DateTimeOffset PublishedAt, int Start, int End);

/// <summary>GET /api/dyads/{pair}/statements: the weighted statements behind a pair's number, heaviest first.</summary>
public static class GetStatements
{
    public static void MapGetStatements(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/dyads/{pair}/statements", async (string pair, string? model, string? from, string? to, string? asOf, int? limit,
            EvidenceQuery query, ModelCatalog models, IQuerySession session, TimeProvider clock, CancellationToken ct) =>
        {
            var key = TensionIndex.ParsePair(pair);
            if (key is null) return TensionIndex.InvalidPair(pair);
            if (GetDyads.ReadTimes(to, asOf, clock, out var toTime, out var asOfTime, atName: "to") is { } bad) return bad;
            if (!Moments.TryParseStart(from, Moments.Earliest, out var fromTime)) return Moments.Invalid("from");
            var name = model ?? await models.DefaultName(ct);
            var rows = await query.Load(name, toTime, asOfTime, key, ct);
            var chosen = rows.Where(r => r.Evidence.PublishedAt >= fromTime)
                .OrderByDescending(r => Weighs(r.Evidence, toTime))
                .ThenByDescending(r => r.Evidence.PublishedAt).ThenBy(r => r.Evidence.Start)
                .Take(Math.Clamp(limit ?? 100, 1, 5000))
                .ToList();
            // Evidence keeps offsets, not copies of the text: slice the articles' text for the statements shown.
            // Evidence read as known before a revision points into that revision's text.
            var texts = await ArticleTexts.Load(session, chosen.Select(r => (r.ArticleId, r.Evidence.Revision)), ct);
            var items = chosen.Select(r =>
            {
                var (e, article) = (r.Evidence, texts[(r.ArticleId, r.Evidence.Revision)]);
                return new StatementEvidence(article.Text[e.Start..e.End], e.Speaker, e.SpeakerRole, e.SpeakerCountry, e.TargetCountry,
                    e.Tone, e.Stance, e.Conflict, e.Neutral, e.Cooperation, e.Weight, Math.Round(Weighs(e, toTime), 4),
                    Math.Round(e.Contribution.Signal * TensionIndex.Decay(e.PublishedAt, toTime), 4),
                    r.ArticleId, article.Outlet, article.Url, article.Title, e.PublishedAt, e.Start, e.End);
            }).ToList();
            return Results.Ok(new { pair = key, model = name, items });
        })
        .WithName("GetDyadStatements").WithTags("Dyads")
        .WithSummary("The weighted statements behind a pair's index, heaviest first")
        .WithDescription("conflict, neutral, cooperation: the model's class probabilities toward the pair's other country; " +
            "contribution: how much the statement weighs in the index at to (its weight, severity and recency: polar and neutral parts together); " +
            "lean: its pull, positive toward tension, negative toward warmth; start and end: its place in the article's text.")
        .WithParameterDescriptions(("pair", ApiDocument.Pair), ("model", ApiDocument.Model),
            ("from", "Only statements published from then (ISO 8601 instant or date)"), ("to", "Read the index at this moment; default: now"),
            ("asOf", ApiDocument.AsOf), ("limit", "How many statements (1-5000); default 100"))
        .Produces<DyadStatementsAnswer>()
        .ProducesProblem(StatusCodes.Status400BadRequest);

    /// <summary>How much a statement weighs in its pair's index at a moment: its polar and neutral parts, decayed.</summary>
    static double Weighs(Evidence e, DateTimeOffset at) =>
        (e.Contribution.Polar + e.Contribution.Neutral) * TensionIndex.Decay(e.PublishedAt, at);
}
