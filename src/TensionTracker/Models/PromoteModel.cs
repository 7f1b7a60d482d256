using Marten;
using TensionTracker.Hosting;
using TensionTracker.Pipeline;
using TensionTracker.Replays;

namespace TensionTracker.Models;

/// <summary>
/// POST /api/models/{name}/promote: the model becomes the default for reads and for scoring new articles; the
/// previous default stays queryable by name (?model=). A model whose history is incomplete (no completed replay,
/// and not the seed default that scored from the start) is refused unless ?force=true: reads would silently lose
/// every article it has not scored.
/// </summary>
public static class PromoteModel
{
    public static void MapPromoteModel(this IEndpointRouteBuilder app) =>
        app.MapPost("/api/models/{name}/promote", async (string name, bool? force, IDocumentStore store, ModelCatalog catalog,
            TextPipeline pipeline, TimeProvider clock, CancellationToken ct) =>
        {
            await using var session = store.LightweightSession();
            var stream = await session.Events.FetchForWriting<ModelsView>(ModelsStream.Id, ct);
            if (stream.Aggregate?.Find(name) is null) return Results.Problem(statusCode: 404, title: $"no registered model '{name}'");
            var previous = stream.Aggregate.Default ?? pipeline.DefaultModel;
            if (previous == name) return Results.Ok(new { @default = name, previous, changed = false });

            var replayed = await session.Query<ReplayView>().AnyAsync(r => r.Model == name && r.Status == ReplayStatus.Completed, ct);
            if (!replayed && name != pipeline.DefaultModel && force != true)
                return Results.Problem(statusCode: 409, title: $"'{name}' has not scored history yet",
                    detail: $"replay history with it first (POST /api/replays {{\"model\":\"{name}\"}}), or promote with ?force=true");

            stream.AppendOne(new ModelPromoted(name, previous, clock.GetUtcNow()));
            await session.SaveChangesAsync(ct);
            await catalog.Refresh(ct);
            return Results.Ok(new { @default = name, previous, changed = true });
        })
        .WithName("PromoteModel").WithTags("Model versions")
        .WithSummary("Make a model the default for reads and for scoring new articles")
        .WithDescription("The previous default stays readable by name (?model=). A model that has not scored history (no completed replay) " +
            "is refused with 409 unless force=true: reads would lose every article it has not scored.")
        .WithParameterDescriptions(("name", "A registered model's name"), ("force", "Promote even without a completed replay"))
        .Produces<PromotionAnswer>()
        .ProducesProblem(StatusCodes.Status401Unauthorized)
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status409Conflict);
}
