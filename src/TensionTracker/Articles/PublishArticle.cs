using JasperFx;
using Marten;
using Microsoft.Extensions.Options;
using Wolverine.Marten;

namespace TensionTracker.Articles;

public sealed record PublishResult(Guid ArticleId, string Status);

/// <summary>
/// What the door has accepted for one article: the content hash of its latest version and the recent ones before it.
/// Written in the same transaction as the outgoing message (Wolverine's Marten outbox), so of ten concurrent POSTs of
/// one article exactly one inserts it (accepted) and the other nine conflict, read it back and answer duplicate, on
/// one node or several. The ingest handler's own duplicate check stays the authority on what is stored.
/// </summary>
public sealed class ArticleReceipt : IRevisioned
{
    public const int KeptHashes = 16;

    public Guid Id { get; set; }
    public string ContentHash { get; set; } = "";
    /// <summary>The hashes accepted at the door, oldest first, the latest last (at most <see cref="KeptHashes"/>).</summary>
    public List<string> Hashes { get; set; } = [];
    public int Version { get; set; }
}

/// <summary>POST /api/articles: check the article, put it on the durable ingest queue, and answer at once.</summary>
public static class PublishArticle
{
    const int MaxAttempts = 20;

    public static void MapPublishArticle(this IEndpointRouteBuilder app) =>
        app.MapPost("/api/articles", async (HttpRequest request, IServiceScopeFactory scopes, TimeProvider clock,
            IOptions<ApiOptions> options, CancellationToken ct) =>
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
            var (command, errors) = ArticleValidation.Validate(submission, clock.GetUtcNow(), readErrors, limit);
            if (command is null) return Results.ValidationProblem(errors, title: "The article was rejected");

            // A conflict means another request recorded this article first: read again and decide again. Each attempt has
            // its own scope, so a message of a rolled-back attempt is never sent.
            for (var attempt = 1; ; attempt++)
            {
                await using var scope = scopes.CreateAsyncScope();
                try
                {
                    var status = await Receive(command, scope.ServiceProvider.GetRequiredService<IMartenOutbox>(), ct);
                    return Results.Accepted($"/api/articles/{command.ArticleId}", new PublishResult(command.ArticleId, status));
                }
                catch (Exception e) when (e is DocumentAlreadyExistsException or ConcurrencyException)
                {
                    if (attempt == MaxAttempts)
                        return Results.Problem(statusCode: 409, title: "Article changed concurrently", detail: $"{MaxAttempts} concurrent versions of article {command.ArticleId} met: try again");
                }
            }
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
        .ProducesProblem(StatusCodes.Status409Conflict)
        .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
        .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
        .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

    /// <summary>Records the receipt and the outgoing message in one transaction, unless the article is a duplicate.</summary>
    static async Task<string> Receive(IngestArticle command, IMartenOutbox outbox, CancellationToken ct)
    {
        var session = outbox.Session!;
        // One round trip for both: the door's receipt, and the hash of what is stored (not the whole document).
        var batch = session.CreateBatchQuery();
        var loadReceipt = batch.Load<ArticleReceipt>(command.ArticleId);
        var loadStored = batch.Load<ArticleVersion>(command.ArticleId);
        await batch.Execute(ct);
        var (receipt, stored) = (await loadReceipt, await loadStored);
        var status = StatusOf(command.ContentHash, receipt, stored?.ContentHash);
        if (status == "duplicate") return status;

        if (receipt is null) session.Insert(new ArticleReceipt { Id = command.ArticleId, ContentHash = command.ContentHash, Hashes = [command.ContentHash] });
        else
        {
            receipt.ContentHash = command.ContentHash;
            receipt.Hashes = [.. receipt.Hashes.Where(h => h != command.ContentHash).TakeLast(ArticleReceipt.KeptHashes - 1), command.ContentHash];
            session.UpdateRevision(receipt, receipt.Version + 1);
        }
        await outbox.PublishAsync(command);
        await session.SaveChangesAsync(ct);
        return status;
    }

    /// <summary>What the door would answer for this article now, without recording anything (the feed poller asks it).</summary>
    public static async Task<string> StatusOf(IngestArticle command, IQuerySession session, CancellationToken ct)
    {
        var receipt = await session.LoadAsync<ArticleReceipt>(command.ArticleId, ct);
        var stored = await session.LoadAsync<ArticleVersion>(command.ArticleId, ct);
        return StatusOf(command.ContentHash, receipt, stored?.ContentHash);
    }

    /// <summary>
    /// accepted, duplicate or revised, measured against what the article will be once everything accepted so far is
    /// ingested: the door's latest version, unless the store holds a version that never came through the door (the
    /// CLI or the bus), which then counts.
    /// </summary>
    public static string StatusOf(string contentHash, ArticleReceipt? receipt, string? storedHash)
    {
        var latest = receipt is not null && (storedHash is null || receipt.Hashes.Contains(storedHash)) ? receipt.ContentHash : storedHash;
        return ArticleVersions.Answer(ArticleVersions.Decide(contentHash, latest, 0).Outcome);
    }

    static IResult TooLarge(long limit) =>
        Results.Problem(statusCode: 413, title: "Article too large", detail: $"the request body is over the limit of {limit} bytes");
}

public sealed class ApiOptions
{
    public long MaxArticleBytes { get; set; } = ArticleRules.DefaultMaxArticleBytes;
    /// <summary>When set, every write needs it in the X-Api-Key header; reads never do.</summary>
    public string? Key { get; set; }
}
