using System.Text.Json;
using System.Text.Json.Nodes;
using Marten;
using Microsoft.Extensions.Options;
using Npgsql;
using TensionTracker.DeepLane;
using TensionTracker.Pipeline;

namespace TensionTracker.Models;

/// <summary>GET /api/models: every registered model with its card's metrics and the card itself, and which one is the default.</summary>
public static class ListModels
{
    public static void MapListModels(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/models", async (IQuerySession session, ModelCatalog catalog, IOptions<PipelineOptions> options, NpgsqlDataSource db, DeepLaneService lane, TimeProvider clock, CancellationToken ct) =>
        {
            var registry = await session.LoadAsync<ModelsView>(ModelsStream.Id, ct) ?? new ModelsView();
            var name = registry.Default ?? await catalog.DefaultName(ct);
            return Results.Ok(new
            {
                @default = name,
                items = registry.Items.OrderBy(i => i.RegisteredAt).Select(i => new
                {
                    i.Name, isDefault = i.Name == name, i.RegisteredAt, i.PromotedAt, i.FileHash, metrics = i.Metrics,
                    card = Card(options.Value.ModelsPath, i.Name),
                }),
                // How far behind each model's lane is: the fast models score on the ingest path, the deep ones in the deep lane.
                lanes = await LaneBacklog.Read(db, await catalog.ScoringModels(session, ct), catalog.LaneModels(registry), lane.IsRunning, clock.GetUtcNow(), ct),
            });
        })
        .WithName("ListModels").WithTags("Model versions")
        .WithSummary("Every registered model version with its card (metrics, calibration, speed, memory, data, command), which one is the default, and how far each model's lane is behind")
        .Produces<ModelListAnswer>();

    /// <summary>The model's card as its file has it, without the training rows' hashes (thousands of lines nobody reads here); null without a card.</summary>
    static JsonElement? Card(string modelsPath, string name)
    {
        var path = Path.Combine(modelsPath, name + ".card.json");
        if (!File.Exists(path)) return null;
        try
        {
            var card = JsonNode.Parse(File.ReadAllText(path))?.AsObject();
            if (card is null) return null;
            card.Remove("training_row_hashes");
            return JsonSerializer.SerializeToElement(card);
        }
        catch (JsonException)
        {
            return null; // registration refuses an unreadable card; one spoiled since is left out rather than failing the list
        }
    }
}
