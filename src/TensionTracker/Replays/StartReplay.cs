using Marten;
using Microsoft.Extensions.Options;
using TensionTracker.Pipeline;

namespace TensionTracker.Replays;

public sealed record StartReplayRequest(string? Model, int? BatchSize);

public sealed record ReplayStart(Guid Id, string Model, bool Resumed, string? Problem = null, int Status = 202);

/// <summary>
/// POST /api/replays {model, batchSize?}: re-score history with a registered model. One replay per model at a
/// time: if the model has an unfinished replay (running, or cancelled), that one goes on from its cursor; otherwise
/// a new one starts (it skips whatever the model has already scored).
/// </summary>
public static class StartReplay
{
    public static async Task<ReplayStart> StartOrResume(IDocumentStore store, ReplayRunner runner, IOptions<PipelineOptions> options,
        string model, int? batchSize, string by, DateTimeOffset now, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            try { return await Once(store, runner, options, model, batchSize, by, now, ct); }
            catch (Exception e) when (attempt < 20 && ReplayRunner.IsConflict(e)) { }  // a runner committed at the same moment
        }
    }

    static async Task<ReplayStart> Once(IDocumentStore store, ReplayRunner runner, IOptions<PipelineOptions> options,
        string model, int? batchSize, string by, DateTimeOffset now, CancellationToken ct)
    {
        await using var session = store.LightweightSession();
        var registry = await session.LoadAsync<ModelsView>(Models.ModelsStream.Id, ct);
        if (registry?.Find(model) is null)
            return new(Guid.Empty, model, false, $"no registered model '{model}' (tension model register --name {model})", 404);
        if (!File.Exists(Path.Combine(options.Value.ModelsPath, model + ".zip")))
            return new(Guid.Empty, model, false, $"model '{model}' is registered but {model}.zip is not in the models folder", 409);
        if (batchSize is < 1 or > 5000) return new(Guid.Empty, model, false, "batchSize must be 1..5000", 400);

        var unfinished = await session.Query<ReplayView>()
            .Where(r => r.Model == model && (r.Status == ReplayStatus.Running || r.Status == ReplayStatus.Cancelled))
            .OrderByDescending(r => r.StartedAt).FirstOrDefaultAsync(ct);
        if (unfinished is not null)
        {
            if (unfinished.Status == ReplayStatus.Cancelled)
            {
                var stream = await session.Events.FetchForWriting<ReplayView>(unfinished.Id, ct);
                if (stream.Aggregate?.Status == ReplayStatus.Cancelled)
                {
                    stream.AppendOne(new ReplayResumed(unfinished.Id, by, now));
                    await session.SaveChangesAsync(ct);
                }
            }
            return new(unfinished.Id, model, true);
        }

        var id = Guid.CreateVersion7(now);
        session.Events.StartStream<ReplayView>(id, new ReplayStarted(id, model, batchSize ?? ReplayRunner.DefaultBatchSize,
            await runner.CountArticles(ct), await runner.SweepStart(now, ct), now));
        await session.SaveChangesAsync(ct);
        return new(id, model, false);
    }

    public static void MapStartReplay(this IEndpointRouteBuilder app) =>
        app.MapPost("/api/replays", async (StartReplayRequest? request, IDocumentStore store, ReplayRunner runner, ReplayService service,
            IOptions<PipelineOptions> options, TimeProvider clock, CancellationToken ct) =>
        {
            if (string.IsNullOrWhiteSpace(request?.Model))
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["model"] = ["model is required"] });
            var start = await StartOrResume(store, runner, options, request.Model.Trim(), request.BatchSize, "request", clock.GetUtcNow(), ct);
            if (start.Problem is not null) return Results.Problem(statusCode: start.Status, title: "Replay not started", detail: start.Problem);
            service.Wake(start.Id);
            return Results.Accepted($"/api/replays/{start.Id}", new { id = start.Id, model = start.Model, resumed = start.Resumed, status = ReplayStatus.Running });
        });
}
