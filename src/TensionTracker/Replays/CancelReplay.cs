using Marten;
using TensionTracker.Hosting;

namespace TensionTracker.Replays;

/// <summary>
/// POST /api/replays/{id}/cancel: the replay stops after the pages under way (each finds it cancelled when it takes the
/// replay's stream to commit, and appends nothing). The cursors stay: POST /api/replays with the same model, or tension
/// replay, resumes it.
/// </summary>
public static class CancelReplay
{
    public static async Task<IResult> Cancel(Guid id, string reason, IDocumentStore store, DateTimeOffset now, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            await using var session = store.LightweightSession();
            // Every writer of a replay stream takes it for exclusive writing first (as the pages do), so none waits on another's events.
            var stream = await session.Events.FetchForExclusiveWriting<ReplayView>(id, ct);
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
