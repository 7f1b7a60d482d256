using Marten;
using Npgsql;
using TensionTracker.DeepLane;
using TensionTracker.Pipeline;

namespace TensionTracker.Models;

/// <summary>GET /api/models: every registered model with its card's metrics, and which one is the default.</summary>
public static class ListModels
{
    public static void MapListModels(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/models", async (IQuerySession session, ModelCatalog catalog, NpgsqlDataSource db, DeepLaneService lane, TimeProvider clock, CancellationToken ct) =>
        {
            var registry = await session.LoadAsync<ModelsView>(ModelsStream.Id, ct) ?? new ModelsView();
            var name = registry.Default ?? await catalog.DefaultName(ct);
            return Results.Ok(new
            {
                @default = name,
                items = registry.Items.OrderBy(i => i.RegisteredAt).Select(i => new
                {
                    i.Name, isDefault = i.Name == name, i.RegisteredAt, i.PromotedAt, i.FileHash, metrics = i.Metrics,
                }),
                // How far behind each model's lane is: the fast models score on the ingest path, the deep ones in the deep lane.
                lanes = await LaneBacklog.Read(db, await catalog.ScoringModels(session, ct), catalog.LaneModels(registry), lane.IsRunning, clock.GetUtcNow(), ct),
            });
        })
        .WithName("ListModels").WithTags("Model versions")
        .WithSummary("Every registered model version with its card's metrics, which one is the default, and how far each model's lane is behind")
        .Produces<ModelListAnswer>();
}
