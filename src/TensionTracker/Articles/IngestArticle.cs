using Marten;
using Microsoft.Extensions.Options;
using Npgsql;
using TensionTracker.Hosting;
using TensionTracker.Pipeline;
using TensionTracker.Text.Normalisation;
using Wolverine;
using Wolverine.ErrorHandling;
using Wolverine.Runtime.Handlers;

namespace TensionTracker.Articles;

/// <summary>The bus message: a validated, normalised article to store, extract and score.</summary>
public sealed record IngestArticle(
    Guid ArticleId, string Url, string? CanonicalUrl, string Outlet, DateTimeOffset PublishedAt,
    string Title, string Body, string Language, string ContentHash);

/// <summary>Raised for a message that should never have reached the bus; it goes to the dead-letter queue with this reason.</summary>
public sealed class InvalidArticleException(string reason) : Exception(reason);

/// <summary>
/// A message that can never be ingested, with the reason. Its handler throws, so the dead-letter queue keeps the
/// article and the reason (Storage.cs: InvalidArticleException moves to the error queue), and the batch it came in
/// goes on without it.
/// </summary>
public sealed record IngestRejected(IngestArticle Article, string Reason);

public static class IngestRejectedHandler
{
    public static void Handle(IngestRejected message) => throw new InvalidArticleException(message.Reason);
}

/// <summary>What one message means for its article: nothing (a duplicate), or the first event of a new revision.</summary>
public sealed record IngestDecision(object? First, int Revision)
{
    public bool IsDuplicate => First is null;
}

/// <summary>
/// Ingest in batches (Storage.cs: BatchMessagesOf&lt;IngestArticle&gt;): one transaction for many articles, the
/// current views of the whole batch in one query, extraction across the cores, one scoring call per model for
/// every statement of the batch, and one score event per article per model. A message that can never succeed
/// leaves as an <see cref="IngestRejected"/> (dead-lettered with its reason) and the rest of the batch goes on.
/// </summary>
public static class IngestArticleHandler
{
    /// <summary>
    /// A batch the host's shutdown interrupted (SIGTERM mid-extraction) is let go as it is, neither dead-lettered nor
    /// completed (Discard would mark its messages handled): they stay in the durable inbox, the node releases them as
    /// it stops, and they run again after the restart.
    /// </summary>
    public static void Configure(HandlerChain chain) =>
        chain.OnException<HostStoppingException>().CustomAction((_, _, _) => ValueTask.CompletedTask, "left in the durable inbox for the next run");

    public static async Task<OutgoingMessages> Handle(IngestArticle[] messages, IDocumentSession session, TextPipeline pipeline,
        ModelCatalog models, NpgsqlDataSource db, StorageNames names, TimeProvider clock, IOptions<ApiOptions> api, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var outgoing = new OutgoingMessages();
        var batch = new List<IngestArticle>(messages.Length);
        foreach (var m in messages)
        {
            var (article, reason) = IsPlain(m) ? Derive(m, now, api.Value.MaxArticleBytes) : (m, Problem(m, now, api.Value.MaxArticleBytes));
            // The rejected article is kept with its reason; NUL characters (one possible reason) are escaped so the
            // dead letter itself can be stored and read.
            if (reason is not null) outgoing.Add(new IngestRejected(m with { Title = Escape(m.Title), Body = Escape(m.Body) }, reason));
            else batch.Add(article!);
        }

        // What deciding needs of the articles already stored (hash, revision, copy link), without reading their text.
        var ids = batch.Select(m => m.ArticleId).Distinct().ToArray();
        var stored = ids.Length == 0 ? [] : (await session.LoadManyAsync<ArticleVersion>(ct, ids)).ToDictionary(v => v.Id);

        // Decide in order, so a second copy (or a revision) of an article inside the same batch sees the first.
        var latest = new Dictionary<Guid, ArticleVersion>(stored);
        var work = new List<(IngestArticle Message, IngestDecision Decision)>();
        foreach (var m in batch)
        {
            var decision = Decide(m, latest.GetValueOrDefault(m.ArticleId), now);
            if (decision.IsDuplicate) continue;
            work.Add((m, decision));
            latest[m.ArticleId] = new ArticleVersion { Id = m.ArticleId, ContentHash = m.ContentHash, Revision = decision.Revision };
        }
        if (work.Count == 0) return outgoing;

        var analysed = pipeline.AnalyseMany(
            work.Select(w => new ArticleToAnalyse(w.Message.ArticleId, w.Decision.Revision, w.Message.Title, w.Message.Body,
                w.Message.PublishedAt, w.Message.Language)).ToList(),
            await models.ScoringModels(session, ct), now, ct);

        await LinkSyndicatedCopies(work, analysed, stored, db, names, now, ct);

        var streams = new Dictionary<Guid, List<object>>();
        for (var i = 0; i < work.Count; i++)
        {
            var id = work[i].Message.ArticleId;
            if (!streams.TryGetValue(id, out var events)) streams[id] = events = [];
            events.Add(work[i].Decision.First!);
            events.AddRange(analysed[i]);
        }
        foreach (var (id, events) in streams)
        {
            if (stored.ContainsKey(id)) session.Events.Append(id, events);
            else session.Events.StartStream<ArticleView>(id, events);
        }
        // The deep models score in their own lane: a durable message per revision with statements, in this transaction.
        if ((await models.LaneModels(session, ct)).Count > 0)
            for (var i = 0; i < work.Count; i++)
                if (analysed[i].OfType<StatementsExtracted>().FirstOrDefault() is { Statements.Length: > 0 } extracted)
                    outgoing.Add(new DeepLane.ScoreWithDeepModel(extracted.ArticleId, extracted.Revision, now));
        return outgoing;
    }

    /// <summary>
    /// A new article whose body statements are largely those of one already known (or earlier in this batch) is
    /// linked as its copy, right after its statements, so none of them counts twice.
    /// </summary>
    static async Task LinkSyndicatedCopies(List<(IngestArticle Message, IngestDecision Decision)> work, List<object>[] analysed,
        Dictionary<Guid, ArticleVersion> stored, NpgsqlDataSource db, StorageNames names, DateTimeOffset now, CancellationToken ct)
    {
        var fingerprints = new ulong[]?[work.Count];
        for (var i = 0; i < work.Count; i++)
        {
            if (analysed[i].FirstOrDefault() is not StatementsExtracted extracted) continue;
            // A copy, revised, stays a copy of its original, said again for the new revision's statements.
            if (stored.GetValueOrDefault(work[i].Message.ArticleId) is { CopyOf: { } original } copy)
            {
                analysed[i].Insert(1, new ArticleLinkedAsCopy(copy.Id, original, copy.CopySimilarity ?? 0, now));
                continue;
            }
            var fingerprint = SyndicatedCopies.Fingerprint(work[i].Message.Title, work[i].Message.Body, extracted.Statements);
            analysed[i][0] = extracted with { Fingerprint = fingerprint };
            // Only a new article can be a copy; a revision keeps what it was.
            if (work[i].Decision.First is ArticleIngested) fingerprints[i] = fingerprint;
        }
        var probes = fingerprints.SelectMany((f, i) => f is null ? [] : SyndicatedCopies.Bands(f).Select(b => (b, work[i].Message.PublishedAt))).Distinct().ToList();
        if (probes.Count == 0) return;

        var known = await SyndicatedCopies.Candidates(db, names, probes, ct);
        for (var i = 0; i < work.Count; i++)
        {
            if (fingerprints[i] is not { } fingerprint) continue;
            var id = work[i].Message.ArticleId;
            if (known.BestMatch(fingerprint, id) is { } match)
                analysed[i].Insert(1, new ArticleLinkedAsCopy(id, match.Original, Math.Round(match.Similarity, 3), now));
            else known.Add(new SyndicatedCopies.Candidate(id, fingerprint, SyndicatedCopies.Bands(fingerprint)));
        }
    }

    static string Escape(string? text) => text?.Replace("\0", "\\u0000") ?? "";

    /// <summary>
    /// An article as people have it (the JSON that POST /api/articles takes, published straight to RabbitMQ): no id
    /// and no content hash. Messages from our own publishers (HTTP, CLI, feeds) always carry both.
    /// </summary>
    public static bool IsPlain(IngestArticle m) => m.ArticleId == Guid.Empty && string.IsNullOrEmpty(m.ContentHash);

    /// <summary>
    /// The door's own function (<see cref="ArticleValidation.Validate"/>) on a plain article: normalised, with the id,
    /// canonical URL, content hash and language HTTP and the CLI would give it, so the same article from any channel is
    /// one stream; or the reason HTTP would give for rejecting it, naming the article by the id its URL gives.
    /// </summary>
    public static (IngestArticle? Article, string? Problem) Derive(IngestArticle m, DateTimeOffset now, long maxBodyBytes = ArticleRules.DefaultMaxArticleBytes)
    {
        var submission = new ArticleSubmission(m.Url, m.Outlet, m.PublishedAt == default ? null : m.PublishedAt, m.Title, m.Body, m.Language);
        var (article, errors) = ArticleValidation.Validate(submission, now, maxBodyBytes: maxBodyBytes);
        if (article is not null) return (article, null);
        var canonical = string.IsNullOrWhiteSpace(m.Url) ? null : CanonicalUrl.Canonicalise(CanonicalUrl.WithoutCredentials(m.Url.Trim()));
        var name = canonical is null ? "without an id (no valid url)" : $"{CanonicalUrl.ArticleId(canonical)} ({canonical})";
        return (null, $"article {name}: {string.Join("; ", errors.Values.SelectMany(e => e))}");
    }

    /// <summary>
    /// Why a message can never be ingested, or null. Publishers on the broker may skip the door, so the handler holds
    /// the line too: the door's character checks and limits (<see cref="ArticleRules"/>) on the message as it came.
    /// </summary>
    public static string? Problem(IngestArticle m, DateTimeOffset now, long maxBodyBytes = ArticleRules.DefaultMaxArticleBytes)
    {
        var missing = RawIngestChecks.Missing(m).ToList();
        if (missing.Count > 0) return $"article {m.ArticleId}: missing or empty {string.Join(", ", missing)}";
        List<string>? problems = null;
        void Add(string problem) => (problems ??= []).Add(problem);
        foreach (var (field, value) in (ReadOnlySpan<(string, string)>)[("title", m.Title), ("body", m.Body), ("outlet", m.Outlet), ("url", m.Url), ("language", m.Language)])
            if (ArticleRules.CharacterProblem(value) is { } problem) Add($"{field} {problem}");
        foreach (var (_, problem) in ArticleRules.Problems(m.Url, m.Outlet, m.Title, m.Body, m.Language, maxBodyBytes)) Add(problem);
        if (m.PublishedAt > now.AddDays(1)) Add($"publishedAt {m.PublishedAt:O} is in the future");
        return problems is null ? null : $"article {m.ArticleId}: {string.Join("; ", problems)}";
    }

    /// <summary>
    /// New article, duplicate (nothing to record) or revision (<see cref="ArticleVersions.Decide(string, ArticleVersion?)"/>),
    /// for a message <see cref="Problem"/> passed. Pure: the text pipeline runs afterwards on anything new. Credentials in a
    /// URL from the bus are never stored.
    /// </summary>
    public static IngestDecision Decide(IngestArticle m, ArticleVersion? current, DateTimeOffset now)
    {
        var (outcome, revision) = ArticleVersions.Decide(m.ContentHash, current);
        if (outcome == VersionOutcome.Duplicate) return new(null, revision);
        object first = outcome == VersionOutcome.New
            ? new ArticleIngested(m.ArticleId, CanonicalUrl.WithoutCredentials(m.Url), m.CanonicalUrl is null ? null : CanonicalUrl.WithoutCredentials(m.CanonicalUrl), m.Outlet, m.PublishedAt, m.Title, m.Body, m.Language, m.ContentHash, now)
            : new ArticleRevised(m.ArticleId, revision, m.PublishedAt, m.Title, m.Body, m.ContentHash, now);
        return new(first, revision);
    }
}
