using Marten;
using Microsoft.Extensions.Options;
using TensionTracker.Hosting;
using TensionTracker.Pipeline;
using TensionTracker.Text.Extraction;
using Wolverine;

namespace TensionTracker.Replays;

/// <summary>Model: re-score with this registered model. Extractor: re-extract with this extractor version (the one this build runs).</summary>
public sealed record StartReplayRequest(string? Model, int? BatchSize, string? Extractor = null);

/// <summary>Pages: what carries the replay on from where it is (one page per unfinished lane), for the caller to send or run.</summary>
public sealed record ReplayStart(Guid Id, string Model, bool Resumed, string? Problem = null, int Status = 202)
{
    public IReadOnlyList<ReplayPage> Pages { get; init; } = [];
}

/// <summary>
/// POST /api/replays {model, batchSize?}: re-score history with a registered model; {extractor, batchSize?}: re-extract
/// history with this build's extractor. One replay per model (or extractor) at a time: if it has an unfinished replay
/// (running, or cancelled), that one goes on from its cursors; otherwise a new one starts (it skips whatever is done).
/// The replay's first pages go on the bus (ReplayService.cs): asked again for a running replay, its pages are sent
/// again, which carries on a replay whose runner died and costs a live one nothing (the repeated page finds its lane moved on).
/// </summary>
public static class StartReplay
{
    public static async Task<ReplayStart> StartOrResume(IDocumentStore store, IOptions<PipelineOptions> options,
        string kind, string model, int? batchSize, string by, DateTimeOffset now, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            try { return await Once(store, options, kind, model, batchSize, by, now, ct); }
            catch (Exception e) when (attempt < 20 && ReplayRunner.IsConflict(e)) { }  // a runner committed at the same moment
        }
    }

    static async Task<ReplayStart> Once(IDocumentStore store, IOptions<PipelineOptions> options,
        string kind, string model, int? batchSize, string by, DateTimeOffset now, CancellationToken ct)
    {
        await using var session = store.LightweightSession();
        if (kind == ReplayKind.Extractor)
        {
            if (model != StatementExtractor.Version)
                return new(Guid.Empty, model, false, $"this build extracts with {StatementExtractor.Version}, not '{model}'", 409);
        }
        else
        {
            var registry = await session.LoadAsync<ModelsView>(Models.ModelsStream.Id, ct);
            if (registry?.Find(model) is null)
                return new(Guid.Empty, model, false, $"no registered model '{model}' (tension model register --name {model})", 404);
            if (!File.Exists(Path.Combine(options.Value.ModelsPath, model + ".zip")))
                return new(Guid.Empty, model, false, $"model '{model}' is registered but {model}.zip is not in the models folder", 409);
        }
        if (batchSize is < 1 or > 5000) return new(Guid.Empty, model, false, "batchSize must be 1..5000", 400);

        // The kind is compared here, not in SQL: replays from before kinds existed have none stored and are model replays.
        var unfinished = (await session.Query<ReplayView>()
                .Where(r => r.Model == model && (r.Status == ReplayStatus.Running || r.Status == ReplayStatus.Cancelled))
                .OrderByDescending(r => r.StartedAt).ToListAsync(ct))
            .FirstOrDefault(r => r.Kind == kind);
        if (unfinished is not null)
        {
            var stream = await session.Events.FetchForExclusiveWriting<ReplayView>(unfinished.Id, ct);
            var replay = stream.Aggregate!;
            if (replay.Status == ReplayStatus.Cancelled)
            {
                stream.AppendOne(new ReplayResumed(unfinished.Id, by, now));
                await session.SaveChangesAsync(ct);
            }
            else if (replay.Status != ReplayStatus.Running) return await Once(store, options, kind, model, batchSize, by, now, ct);
            return new(unfinished.Id, model, true) { Pages = ReplayRunner.Continue(replay) };
        }

        var id = Guid.CreateVersion7(now);
        var started = new ReplayStarted(id, model, batchSize ?? ReplayRunner.DefaultBatchSize,
            await ReplayRunner.CountArticles(session, ct), 0, now, kind, ReplayRunner.DefaultLanes);
        session.Events.StartStream<ReplayView>(id, started);
        await session.SaveChangesAsync(ct);
        return new(id, model, false) { Pages = ReplayRunner.Continue(ReplayViewProjection.Create(started)) };
    }

    public static void MapStartReplay(this IEndpointRouteBuilder app) =>
        app.MapPost("/api/replays", async (StartReplayRequest? request, IDocumentStore store, IMessageBus bus,
            IOptions<PipelineOptions> options, TimeProvider clock, CancellationToken ct) =>
        {
            var hasModel = !string.IsNullOrWhiteSpace(request?.Model);
            var hasExtractor = !string.IsNullOrWhiteSpace(request?.Extractor);
            if (hasModel == hasExtractor)
                return Results.ValidationProblem(new Dictionary<string, string[]>
                {
                    ["model"] = [$"give either model (re-score with it) or extractor (re-extract with it: this build runs {StatementExtractor.Version})"],
                });
            var (kind, name) = hasModel ? (ReplayKind.Model, request!.Model!.Trim()) : (ReplayKind.Extractor, request!.Extractor!.Trim());
            var start = await StartOrResume(store, options, kind, name, request.BatchSize, "request", clock.GetUtcNow(), ct);
            if (start.Problem is not null) return Results.Problem(statusCode: start.Status, title: "Replay not started", detail: start.Problem);
            // Sent once the replay is stored; if this process dies before, the next start resumes it (ResumeReplays).
            foreach (var page in start.Pages) await bus.PublishAsync(page);
            return Results.Accepted($"/api/replays/{start.Id}", new
            {
                id = start.Id, kind, model = hasModel ? name : null, extractor = hasModel ? null : name, resumed = start.Resumed, status = ReplayStatus.Running,
            });
        })
        .WithName("StartReplay").WithTags("Replays")
        .WithSummary("Re-score history with a model, or re-extract it with this build's extractor")
        .WithDescription("Give model or extractor. One replay per model (or extractor) at a time: an unfinished one (running or cancelled) " +
            "goes on from its cursor (resumed: true). batchSize: articles per transaction, 1-5000 (default 1000). Progress: GET /api/replays/{id}.")
        .Produces<ReplayStartAnswer>(StatusCodes.Status202Accepted)
        .ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status401Unauthorized)
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status409Conflict);
}
