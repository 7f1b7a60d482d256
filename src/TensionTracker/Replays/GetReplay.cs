using Marten;
using TensionTracker.Hosting;

namespace TensionTracker.Replays;

/// <summary>GET /api/replays/{id}: a replay's progress; GET /api/replays: the latest replays, newest first.</summary>
public static class GetReplay
{
    public static object Describe(ReplayView r) => new
    {
        r.Id, r.Kind, model = r.Kind == ReplayKind.Model ? r.Model : null, extractor = r.Kind == ReplayKind.Extractor ? r.Model : null, r.Status, r.Phase, r.ArticlesDone, r.ArticlesTotal, r.ArticlesScored, r.StatementsScored, r.SweptArticles,
        r.Batches, r.BatchSize, r.Resumes, r.StartedAt, r.UpdatedAt, r.FinishedAt, r.Error,
        progress = r.Status == ReplayStatus.Completed ? 1.0 : r.ArticlesTotal == 0 ? 0.0 : Math.Round((double)r.ArticlesDone / r.ArticlesTotal, 4),
    };

    public static void MapGetReplay(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/replays/{id:guid}", async (Guid id, IQuerySession session, CancellationToken ct) =>
            await session.LoadAsync<ReplayView>(id, ct) is { } replay
                ? Results.Ok(Describe(replay))
                : Results.Problem(statusCode: 404, title: $"no replay {id}"))
            .WithName("GetReplay").WithTags("Replays")
            .WithSummary("A replay's progress")
            .WithParameterDescriptions(("id", "The replay's id (from POST /api/replays)"))
            .Produces<ReplayAnswer>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        app.MapGet("/api/replays", async (IQuerySession session, CancellationToken ct) =>
        {
            var replays = await session.Query<ReplayView>().OrderByDescending(r => r.StartedAt).Take(50).ToListAsync(ct);
            return Results.Ok(new { items = replays.Select(Describe) });
        })
        .WithName("ListReplays").WithTags("Replays")
        .WithSummary("The latest 50 replays, newest first")
        .Produces<ReplayListAnswer>();
    }
}
