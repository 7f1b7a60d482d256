using Marten;
using TensionTracker.Hosting;
using Wolverine;
using Wolverine.Marten;

namespace TensionTracker.Articles;

public sealed record RetractArticle(Guid ArticleId, string Reason);

public static class RetractArticleHandler
{
    public static Task<ArticleView?> LoadAsync(RetractArticle message, IQuerySession session, CancellationToken ct) =>
        session.LoadAsync<ArticleView>(message.ArticleId, ct);

    public static IMartenOp Handle(RetractArticle message, ArticleView? current, TimeProvider clock) =>
        current is null || current.RetractedAt is not null
            ? MartenOps.Nothing()
            : MartenOps.Append(message.ArticleId, new ArticleRetracted(message.ArticleId, message.Reason, clock.GetUtcNow()));

    public static void MapRetractArticle(this IEndpointRouteBuilder app) =>
        app.MapDelete("/api/articles/{id:guid}", async (Guid id, string? reason, IQuerySession session, IMessageBus bus) =>
        {
            var current = await session.LoadAsync<ArticleView>(id);
            if (current is null) return Results.Problem(statusCode: 404, title: $"no article {id}");
            if (current.RetractedAt is not null) return Results.Accepted(value: new { articleId = id, status = "retracted" });
            await bus.InvokeAsync(new RetractArticle(id, reason ?? "retracted by the publisher"));
            return Results.Accepted(value: new { articleId = id, status = "retracted" });
        })
        .WithName("RetractArticle").WithTags("Articles")
        .WithSummary("Retract an article")
        .WithDescription("Its statements stop counting from now on; reads as known before the retraction (asOf) still see them.")
        .WithParameterDescriptions(("id", "The article's id (from POST /api/articles)"), ("reason", "Why, recorded with the retraction"))
        .Produces<RetractAnswer>(StatusCodes.Status202Accepted)
        .ProducesProblem(StatusCodes.Status401Unauthorized)
        .ProducesProblem(StatusCodes.Status404NotFound);
}
