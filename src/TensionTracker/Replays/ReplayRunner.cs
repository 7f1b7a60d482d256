using Marten;
using TensionTracker.Articles;
using TensionTracker.Pipeline;
using TensionTracker.Text.Extraction;
using TensionTracker.Text.Scoring;

namespace TensionTracker.Replays;

/// <summary>
/// One page of a replay, the message a replay is made of: lane <paramref name="Lane"/>'s next articles after
/// <paramref name="After"/> in <paramref name="Phase"/>. Handling it commits the page and sends the lane's next page.
/// </summary>
public sealed record ReplayPage(Guid ReplayId, int Lane, string Phase, Guid? After);

/// <summary>
/// Re-scores one page of history with a model (or re-extracts it: ReplayRunner.Extraction.cs). A replay is a chain
/// of <see cref="ReplayPage"/> messages per lane (a range of article ids, so lanes go on side by side, on one node
/// or several): a page is read from the article versions in id order (keyset pagination, so memory stays bounded),
/// its statements scored in one call, and its StatementsScored events committed with the lane's progress event on
/// the replay stream in one transaction, with the lane's next page (Wolverine's outbox). An article already scored by
/// the model at its current revision and extractor is passed over, so a page run twice never scores twice; a page
/// whose lane has moved on (done by another runner, or the replay cancelled) appends nothing and ends its chain.
/// </summary>
public sealed partial class ReplayRunner(TextPipeline pipeline, ModelCatalog catalog, TimeProvider clock)
{
    /// <summary>The sweep revisits the articles analysed since shortly before the replay started (this margin covers slow ingest batches).</summary>
    public static readonly TimeSpan SweepMargin = TimeSpan.FromMinutes(5);
    public const int DefaultBatchSize = 1000;
    /// <summary>Lanes of a new replay: two pages under way at once, so one is scored while the other commits.</summary>
    public const int DefaultLanes = 2;

    /// <summary>Every stored article is visited; those whose current revision has scored statements are scored (retracted ones count for nothing and stay as they are).</summary>
    public static Task<int> CountArticles(IQuerySession session, CancellationToken ct) => session.Query<ArticleVersion>().CountAsync(ct);

    /// <summary>The pages that carry a replay on from where it is: one per unfinished lane, at its cursor.</summary>
    public static IReadOnlyList<ReplayPage> Continue(ReplayView replay) =>
        Enumerable.Range(0, LaneCount(replay)).Where(i => !replay.Lane(i).Done)
            .Select(i => new ReplayPage(replay.Id, i, replay.Lane(i).Phase, replay.Lane(i).Cursor)).ToList();

    static int LaneCount(ReplayView replay) => Math.Max(1, replay.Lanes.Count);

    /// <summary>Whether the page is the lane's next one: the replay running, the lane where the page starts.</summary>
    static bool IsNext(ReplayView? replay, ReplayPage page) =>
        replay is { Status: ReplayStatus.Running } && page.Lane < LaneCount(replay)
        && replay.Lane(page.Lane) is { Done: false } lane && lane.Phase == page.Phase && lane.Cursor == page.After;

    /// <summary>
    /// Reads and scores the page, then takes the replay's stream for writing (a row lock until the transaction ends,
    /// so lanes commit one after the other and never waste a page on a conflict), appends the page, and returns the
    /// lane's next page (null when the lane or the replay is done, or the page was not the lane's next).
    /// The caller commits <paramref name="session"/>.
    /// </summary>
    public async Task<ReplayPage?> Run(ReplayPage page, IDocumentSession session, CancellationToken ct)
    {
        var replay = await session.LoadAsync<ReplayView>(page.ReplayId, ct);
        if (!IsNext(replay, page)) return null;
        Prepared prepared;
        try { prepared = await Prepare(session, page, replay!, ct); }
        catch (Exception e) when (e is not OperationCanceledException and not Npgsql.NpgsqlException)
        {
            var failing = await session.Events.FetchForExclusiveWriting<ReplayView>(page.ReplayId, ct);
            if (IsNext(failing.Aggregate, page))
                failing.AppendOne(new ReplayFailed(page.ReplayId, $"scoring with model '{replay!.Model}' failed: {e.Message}", clock.GetUtcNow()));
            return null;
        }

        var stream = await session.Events.FetchForExclusiveWriting<ReplayView>(page.ReplayId, ct);
        var current = stream.Aggregate;
        if (!IsNext(current, page)) return null;
        var now = clock.GetUtcNow();
        if (prepared.Last is null)
        {
            if (page.Phase == ReplayPhase.History)
            {
                stream.AppendOne(new ReplayHistoryDone(page.ReplayId, now, page.Lane));
                return page with { Phase = ReplayPhase.Sweep, After = null };
            }
            stream.AppendOne(new ReplayLaneDone(page.ReplayId, page.Lane, now));
            if (Enumerable.Range(0, LaneCount(current!)).All(i => i == page.Lane || current!.Lane(i).Done))
                stream.AppendOne(new ReplayCompleted(page.ReplayId, now));
            return null;
        }
        foreach (var article in prepared.Appends)
        {
            var events = article.Events.Select(e => Stamped(e, now)).ToArray();
            // A re-extraction is appended only onto the stream it read: a revision meanwhile makes the page conflict.
            if (article.ReadVersion is { } version) session.Events.Append(article.ArticleId, version + events.Length, events);
            else session.Events.Append(article.ArticleId, events);
        }
        stream.AppendOne(new ReplayBatchDone(page.ReplayId, page.Phase, prepared.Last.Value, prepared.Visited, prepared.Appends.Count,
            prepared.Statements, now, page.Lane));
        return page with { After = prepared.Last };
    }

    /// <summary>A page read and analysed: the events to append per article (their time is set when appended).</summary>
    sealed record Prepared(Guid? Last, int Visited, List<ArticleAppend> Appends, int Statements);

    /// <summary>Events for one article; ReadVersion, when set, is the stream version they were computed from.</summary>
    sealed record ArticleAppend(Guid ArticleId, long? ReadVersion, List<object> Events);

    async Task<Prepared> Prepare(IDocumentSession session, ReplayPage page, ReplayView replay, CancellationToken ct)
    {
        var (versions, texts) = await Read(session, page, replay, ct);
        var last = versions.Count == 0 ? (Guid?)null : versions[^1].Id;
        if (replay.Kind == ReplayKind.Extractor)
        {
            var appends = Reextract(versions, texts, replay.Model, await catalog.ScoringModels(session, ct), ct);
            return new Prepared(last, versions.Count, appends, appends.Sum(a => a.Events.OfType<StatementsExtracted>().Sum(e => e.Statements.Length)));
        }
        var scores = texts.Count == 0 ? [] : ScoreBatch(replay.Model, pipeline.Scorer(replay.Model), pipeline, versions, texts);
        return new Prepared(last, versions.Count, scores.Select(e => new ArticleAppend(e.ArticleId, null, [e])).ToList(), scores.Sum(e => e.Scores.Length));
    }

    /// <summary>
    /// The lane's next page after the cursor, by id: the article versions (small), then the text and statements of
    /// the eligible ones only (scorable, and not yet scored by the model, or extracted by the extractor, as they are now:
    /// what makes a resumed replay or the sweep pass the rest over). The sweep reads only what was analysed since
    /// shortly before the replay started.
    /// </summary>
    static async Task<(List<ArticleVersion> Versions, Dictionary<Guid, ArticleText> Texts)> Read(IDocumentSession session, ReplayPage page,
        ReplayView replay, CancellationToken ct)
    {
        var (low, high) = Bounds(page.Lane, LaneCount(replay));
        IQueryable<ArticleVersion> query = session.Query<ArticleVersion>();
        if (page.After is { } after) query = query.Where(v => v.Id > after);
        else if (low is { } from) query = query.Where(v => v.Id >= from);
        if (high is { } to) query = query.Where(v => v.Id < to);
        if (page.Phase == ReplayPhase.Sweep)
        {
            // Only what is still to do: most articles analysed meanwhile were scored with the model by ingest itself.
            var (since, model) = (replay.StartedAt - SweepMargin, replay.Model);
            query = query.Where(v => v.AnalysedAt >= since);
            query = replay.Kind == ReplayKind.Extractor ? query.Where(v => v.ExtractorVersion != model) : query.Where(v => !v.ScoredBy.Contains(model));
        }
        var versions = (await query.OrderBy(v => v.Id).Take(Math.Clamp(replay.BatchSize, 1, 5000)).ToListAsync(ct)).ToList();
        var eligible = versions.Where(v => v.Scorable()
            && (replay.Kind == ReplayKind.Extractor ? v.ExtractorVersion != replay.Model : !v.ScoredBy.Contains(replay.Model))).Select(v => v.Id).ToArray();
        if (eligible.Length == 0) return (versions, []);
        // Only the fields a replay uses, not whole article documents (their URLs, outlet, reasons and dates).
        var texts = await session.Query<ArticleView>().Where(a => a.Id.IsOneOf(eligible))
            .Select(a => new ArticleText { Id = a.Id, Title = a.Title, Body = a.Body, PublishedAt = a.PublishedAt, Language = a.Language, Statements = a.Statements })
            .ToListAsync(ct);
        return (versions, texts.ToDictionary(a => a.Id));
    }

    /// <summary>What a replay reads of an article: its text and statement offsets (and what extraction takes).</summary>
    sealed class ArticleText
    {
        public Guid Id { get; set; }
        public string Title { get; set; } = "";
        public string Body { get; set; } = "";
        public DateTimeOffset PublishedAt { get; set; }
        public string Language { get; set; } = "en";
        public List<StatementView> Statements { get; set; } = [];
    }

    /// <summary>
    /// Lane i of n: the article ids from the i-th n-th of the id space (by the first hex digit, as PostgreSQL orders
    /// uuids) to the next; null where a lane is open-ended.
    /// </summary>
    public static (Guid? Low, Guid? High) Bounds(int lane, int lanes)
    {
        static Guid? Edge(int digit) => digit is <= 0 or >= 16 ? null : Guid.Parse($"{digit:x}0000000-0000-0000-0000-000000000000");
        return (Edge(lane * 16 / lanes), Edge((lane + 1) * 16 / lanes));
    }

    static object Stamped(object e, DateTimeOffset now) => e switch
    {
        StatementsScored x => x with { RecordedAt = now },
        StatementsExtracted x => x with { RecordedAt = now },
        ArticleReextracted x => x with { RecordedAt = now },
        ArticleLinkedAsCopy x => x with { RecordedAt = now },
        _ => e,
    };

    /// <summary>
    /// The statements of the page located and scored across the cores (the gazetteer and the model are thread-safe): the
    /// articles in one run per core, each run reading where its statements name their targets (stored at extraction, or
    /// found again for older statements) and scoring them in one call. One StatementsScored per article.
    /// </summary>
    static List<StatementsScored> ScoreBatch(string name, IStatementScorer model, TextPipeline pipeline, List<ArticleVersion> versions,
        Dictionary<Guid, ArticleText> texts)
    {
        var batch = versions.Where(v => texts.ContainsKey(v.Id)).Select(v => (Version: v, Article: texts[v.Id])).ToList();
        var runs = Math.Min(batch.Count, Environment.ProcessorCount);
        var scored = new StatementScore[runs][];
        Parallel.For(0, runs, run =>
        {
            var inputs = new List<ScoringInput>();
            for (var i = run * batch.Count / runs; i < (run + 1) * batch.Count / runs; i++)
            {
                var article = batch[i].Article;
                var text = ArticleDocument.Text(article.Title, article.Body);
                // Where each statement names its targets as ingest stored it; found again for statements extracted before.
                foreach (var s in article.Statements)
                    inputs.Add(s.Mentions is { } mentions
                        ? new ScoringInput(text[s.Start..s.End], TargetMentions.Decode(mentions, s.Targets))
                        : pipeline.Input(text[s.Start..s.End], s.Targets));
            }
            scored[run] = inputs.Count == 0 ? [] : model.Score(inputs);
        });
        var scores = scored.SelectMany(s => s).ToArray();
        var offset = 0;
        var events = new List<StatementsScored>(batch.Count);
        foreach (var (version, article) in batch)
        {
            var count = article.Statements.Count;
            events.Add(new StatementsScored(version.Id, version.Revision, version.ExtractorVersion ?? "", name, scores.AsSpan(offset, count).ToArray(), default));
            offset += count;
        }
        return events;
    }

    public static bool IsConflict(Exception e) =>
        e is JasperFx.ConcurrencyException || e.GetType().Name.Contains("Concurrency") || e.GetType().Name.Contains("UnexpectedMaxEventId")
        || e is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.SerializationFailure or Npgsql.PostgresErrorCodes.UniqueViolation };
}
