using Marten;
using TensionTracker.Hosting;
using TensionTracker.Pipeline;
using TensionTracker.Replays;
using Wolverine;
using Wolverine.Marten;
using Wolverine.RabbitMQ;

namespace TensionTracker.Models;

/// <summary>A model was promoted: every node reads its default again. Sent to every node (<see cref="PromoteModel.BroadcastPromotions"/>).</summary>
public sealed record DefaultModelChanged(string Name, string? Previous, DateTimeOffset PromotedAt);

public static class DefaultModelChangedHandler
{
    /// <summary>The registry is read again rather than the message trusted: two promotions heard out of order still end on the latest.</summary>
    public static Task Handle(DefaultModelChanged message, ModelCatalog catalog, CancellationToken ct) => catalog.Refresh(ct);
}

/// <summary>
/// POST /api/models/{name}/promote: the model becomes the default for reads and for scoring new articles; the
/// previous default stays queryable by name (?model=). A model whose history is incomplete (no completed replay,
/// and not the seed default that scored from the start) is refused unless ?force=true: reads would silently lose
/// every article it has not scored. The promotion is announced to every node with <see cref="DefaultModelChanged"/>.
/// </summary>
public static class PromoteModel
{
    /// <summary>Every node's own queue on RabbitMQ is bound to this fanout exchange.</summary>
    public const string Exchange = "tension-models";

    /// <summary>
    /// On RabbitMQ, <see cref="DefaultModelChanged"/> goes to a fanout exchange and each node listens on a queue of its
    /// own bound to it (deleted with the node's connection); on the PostgreSQL bus there is one node, which hears it
    /// on a local queue. Either way the node that promotes hears it too.
    /// </summary>
    public static void BroadcastPromotions(this WolverineOptions opts, IConfiguration config)
    {
        if (!Storage.UsesRabbitMq(config))
        {
            opts.PublishMessage<DefaultModelChanged>().ToLocalQueue("models");
            return;
        }
        var queue = $"{Exchange}-{Guid.NewGuid():N}";
        opts.UseRabbitMq(new Uri(config.GetConnectionString("RabbitMq") ?? Storage.DefaultRabbitMq))
            .DeclareExchange(Exchange, exchange =>
            {
                exchange.ExchangeType = ExchangeType.Fanout;
                exchange.BindQueue(queue);
            });
        opts.ListenToRabbitQueue(queue, q =>
        {
            q.AutoDelete = true;
            q.IsDurable = false;
        });
        opts.PublishMessage<DefaultModelChanged>().ToRabbitExchange(Exchange);
    }

    public static void MapPromoteModel(this IEndpointRouteBuilder app) =>
        app.MapPost("/api/models/{name}/promote", async (string name, bool? force, IMartenOutbox outbox, ModelCatalog catalog,
            TextPipeline pipeline, TimeProvider clock, CancellationToken ct) =>
        {
            var session = outbox.Session!;
            var stream = await session.Events.FetchForWriting<ModelsView>(ModelsStream.Id, ct);
            if (stream.Aggregate?.Find(name) is null) return Results.Problem(statusCode: 404, title: $"no registered model '{name}'");
            var previous = stream.Aggregate.Default ?? pipeline.DefaultModel;
            if (previous == name) return Results.Ok(new { @default = name, previous, changed = false });

            var replayed = await session.Query<ReplayView>().AnyAsync(r => r.Model == name && r.Status == ReplayStatus.Completed, ct);
            if (!replayed && name != pipeline.DefaultModel && force != true)
                return Results.Problem(statusCode: 409, title: $"'{name}' has not scored history yet",
                    detail: $"replay history with it first (POST /api/replays {{\"model\":\"{name}\"}}), or promote with ?force=true");

            var promoted = new ModelPromoted(name, previous, clock.GetUtcNow());
            stream.AppendOne(promoted);
            // The announcement leaves with the event or not at all (Wolverine's Marten outbox).
            await outbox.PublishAsync(new DefaultModelChanged(name, previous, promoted.PromotedAt));
            await session.SaveChangesAsync(ct);
            // This node reads with it at once; the others when they hear the announcement.
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
