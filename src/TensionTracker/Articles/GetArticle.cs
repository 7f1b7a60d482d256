using Marten;
using TensionTracker.Hosting;
using TensionTracker.Text.Extraction;
using TensionTracker.Text.Normalisation;

namespace TensionTracker.Articles;

/// <summary>GET /api/articles/{id}: the article, its processing status and its statements under every model.</summary>
public static class GetArticle
{
    public static void MapGetArticle(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/articles/{id:guid}", async (Guid id, IQuerySession session, CancellationToken ct) =>
        {
            var view = await session.LoadAsync<ArticleView>(id, ct);
            if (view is null) return Results.Problem(statusCode: 404, title: $"no article {id}", detail: "not ingested (yet), or rejected before it reached the bus");
            var text = ArticleDocument.Text(view.Title, view.Body);
            // Credentials in a URL are stripped before it is stored; an article stored before that is served without them too.
            // Syndicated copies count once, here; their outlets are other sources of the same evidence.
            var copies = await session.Query<ArticleView>().Where(x => x.CopyOf == id).ToListAsync(ct);
            // Every model's scores of the current statements, from the article's own events (one per model).
            var scores = (await session.Events.FetchStreamAsync(id, token: ct))
                .Select(e => e.Data).OfType<StatementsScored>()
                .Where(s => s.Revision == view.Revision && s.ExtractorVersion == view.ExtractorVersion && s.Scores.Length == view.Statements.Count)
                .GroupBy(s => s.Model).Select(g => g.Last()).ToList();
            return Results.Ok(new
            {
                view.Id, url = CanonicalUrl.WithoutCredentials(view.Url), view.Outlet, view.Title, view.Body, view.PublishedAt, view.Language, view.Status, view.Reason,
                view.Revision, view.RecordedAt, view.RetractedAt, view.CopyOf, view.ExtractorVersion,
                copies = copies.Select(c => new { c.Id, c.Outlet, url = CanonicalUrl.WithoutCredentials(c.Url), c.Title, c.PublishedAt }),
                statements = view.Statements.Select(s => new
                {
                    text = text[s.Start..s.End], s.Start, s.End, s.Section, s.Speaker, s.SpeakerRole, s.SpeakerCountry, s.Targets, s.Direct,
                    scores = scores.ToDictionary(m => m.Model, m => m.Scores[s.Index]),
                }),
            });
        })
        .WithName("GetArticle").WithTags("Articles")
        .WithSummary("An article, its processing status and its statements under every model")
        .WithDescription("status: received, scored, not_scored (with reason), copy (a syndicated copy of copyOf, counted once there) or retracted.")
        .WithParameterDescriptions(("id", "The article's id (from POST /api/articles)"))
        .Produces<ArticleAnswer>()
        .ProducesProblem(StatusCodes.Status404NotFound);
}
