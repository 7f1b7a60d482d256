using Marten;
using TensionTracker.Hosting;

namespace TensionTracker.Replays;

/// <summary>
/// POST /api/replays/{id}/cancel: the runner stops after the batch it is on (its next commit conflicts with this
/// event). The cursor stays: POST /api/replays with the same model, or tension replay, resumes it.
/// </summary>
public static class CancelReplay
{
    public static async Task<IResult> Cancel(Guid id, string reason, IDocumentStore store, DateTimeOffset now, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            await using var session = store.LightweightSession();
            var stream = await session.Events.FetchForWriting<ReplayView>(id, ct);
            var replay = stream.Aggregate;
            if (replay is null) return Results.Problem(statusCode: 404, title: $"no replay {id}");
            if (replay.Status is ReplayStatus.Completed or ReplayStatus.Failed)
                return Results.Problem(statusCode: 409, title: $"replay {id} is {replay.Status}", detail: "only a running replay can be cancelled");
            if (replay.Status == ReplayStatus.Cancelled) return Results.Accepted($"/api/replays/{id}", new { id, status = ReplayStatus.Cancelled });
            stream.AppendOne(new ReplayCancelled(id, reason, now));
            try
            {
                await session.SaveChangesAsync(ct);
                return Results.Accepted($"/api/replays/{id}", new { id, status = ReplayStatus.Cancelled });
            }
            catch (Exception e) when (attempt < 20 && ReplayRunner.IsConflict(e))
            {
                // The runner committed a batch at the same moment: read the stream again.
            }
        }
    }

    public static void MapCancelReplay(this IEndpointRouteBuilder app) =>
        app.MapPost("/api/replays/{id:guid}/cancel", (Guid id, IDocumentStore store, TimeProvider clock, CancellationToken ct) =>
            Cancel(id, "cancelled by request", store, clock.GetUtcNow(), ct))
        .WithName("CancelReplay").WithTags("Replays")
        .WithSummary("Stop a replay after its current batch")
        .WithDescription("The cursor stays: POST /api/replays with the same model (or tension replay) resumes it.")
        .WithParameterDescriptions(("id", "The replay's id"))
        .Produces<ReplayCancelAnswer>(StatusCodes.Status202Accepted)
        .ProducesProblem(StatusCodes.Status401Unauthorized)
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status409Conflict);
}
