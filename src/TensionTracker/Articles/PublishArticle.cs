using Marten;
using Microsoft.Extensions.Options;
using Wolverine;

namespace TensionTracker.Articles;

public sealed record PublishResult(Guid ArticleId, string Status);

/// <summary>POST /api/articles: check the article, answer at once, and put it on the durable ingest queue.</summary>
public static class PublishArticle
{
    public static void MapPublishArticle(this IEndpointRouteBuilder app) =>
        app.MapPost("/api/articles", async (HttpRequest request, IQuerySession session, IMessageBus bus,
            TimeProvider clock, IOptions<ApiOptions> options, CancellationToken ct) =>
        {
            var limit = options.Value.MaxArticleBytes;
            if (request.ContentLength > limit) return TooLarge(limit);
            using var buffer = new MemoryStream();
            var chunk = new byte[81920];
            int read;
            while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
            {
                if (buffer.Length + read > limit) return TooLarge(limit);
                buffer.Write(chunk, 0, read);
            }

            var (json, problem) = ArticleValidation.Parse(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
            if (json is null) return Results.Problem(statusCode: 400, title: "Invalid request body", detail: problem);
            var (submission, readErrors) = ArticleValidation.Read(json.Value);
            if (submission is null) return Results.ValidationProblem(readErrors);
            var (command, errors) = ArticleValidation.Validate(submission, clock.GetUtcNow(), readErrors);
            if (command is null) return Results.ValidationProblem(errors, title: "The article was rejected");

            var status = await StatusOf(command, session, ct);
            if (status != "duplicate") await bus.PublishAsync(command);
            return Results.Accepted($"/api/articles/{command.ArticleId}", new PublishResult(command.ArticleId, status));
        })
        .WithName("PublishArticle").WithTags("Articles")
        .WithSummary("Publish an article")
        .WithDescription("Checks the article and answers at once; it is then extracted and scored from the durable ingest queue " +
            "(GET /api/articles/{articleId} shows how far). title, body and publishedAt are required; the canonical url is the " +
            "article's identity (without one, its content). status: accepted (new), duplicate (already here, nothing to do) or " +
            "revised (a new version of an article already here).")
        .Accepts<ArticleSubmission>("application/json")
        .Produces<PublishResult>(StatusCodes.Status202Accepted)
        .ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status401Unauthorized)
        .ProducesProblem(StatusCodes.Status413PayloadTooLarge);

    static IResult TooLarge(long limit) =>
        Results.Problem(statusCode: 413, title: "Article too large", detail: $"the request body is over the limit of {limit} bytes");

    /// <summary>What the ingest handler will make of it, as far as the store knows now.</summary>
    public static async Task<string> StatusOf(IngestArticle command, IQuerySession session, CancellationToken ct)
    {
        var current = await session.LoadAsync<ArticleView>(command.ArticleId, ct);
        return current is null ? "accepted" : current.ContentHash == command.ContentHash ? "duplicate" : "revised";
    }
}

public sealed class ApiOptions
{
    public long MaxArticleBytes { get; set; } = 1024 * 1024;
    /// <summary>When set, every write needs it in the X-Api-Key header; reads never do.</summary>
    public string? Key { get; set; }
}
