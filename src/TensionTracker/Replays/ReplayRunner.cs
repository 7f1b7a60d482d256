using System.Text.Json;
using Marten;
using Npgsql;
using TensionTracker.Articles;
using TensionTracker.Hosting;
using TensionTracker.Pipeline;
using TensionTracker.Text.Extraction;
using TensionTracker.Text.Scoring;

namespace TensionTracker.Replays;

/// <summary>
/// Re-scores history with one model (or re-extracts it: ReplayRunner.Extraction.cs): walks the stored articles in id order (keyset pagination, a batch at a
/// time, so memory stays bounded), scores every statement of a batch in one call, and commits the batch's
/// StatementsScored events together with its progress event on the replay stream, in one transaction. An article
/// already scored by the model at its current revision (and extractor version) is skipped, so a replay resumed
/// after a kill never scores an article twice. One runner per model at a time, across processes: a PostgreSQL
/// advisory lock held on its own connection, released by the server when the process dies.
/// </summary>
public sealed partial class ReplayRunner(IDocumentStore store, NpgsqlDataSource db, StorageNames names, TextPipeline pipeline,
    ModelCatalog catalog, TimeProvider clock, ILogger<ReplayRunner> log)
{
    /// <summary>
    /// Waited before a pass starts, so every process's catalog (refreshed every RefreshInterval) already scores new
    /// articles with the model; a batch that was already under way is caught by the closing sweep.
    /// </summary>
    public static readonly TimeSpan CatalogSettle = ModelCatalog.RefreshInterval + TimeSpan.FromMilliseconds(500);
    /// <summary>The sweep revisits the articles analysed since shortly before the replay started (this margin covers slow handlers).</summary>
    public static readonly TimeSpan SweepMargin = TimeSpan.FromMinutes(5);
    public const int DefaultBatchSize = 1000;

    /// <summary>Every stored article is visited; those whose current revision has scored statements are scored (retracted ones count for nothing and stay as they are).</summary>
    public async Task<int> CountArticles(CancellationToken ct)
    {
        await using var command = db.CreateCommand($"select count(*) from {names.ArticleTable}");
        try { return Convert.ToInt32(await command.ExecuteScalarAsync(ct)); }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UndefinedTable) { return 0; }
    }

    /// <summary>The last event sequence recorded before (start - margin): the sweep looks at the analyses after it. A backward index scan over the recent tail.</summary>
    public async Task<long> SweepStart(DateTimeOffset now, CancellationToken ct)
    {
        await using var command = db.CreateCommand($"select seq_id from {Storage.Schema}.mt_events where timestamp < $1 order by seq_id desc limit 1");
        command.Parameters.Add(new() { Value = (now - SweepMargin).UtcDateTime });
        try { return await command.ExecuteScalarAsync(ct) is long seq ? seq : 0; }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UndefinedTable) { return 0; }
    }

    /// <summary>The lock that makes this process the only runner of the model's (or extractor version's) replays; null when another process holds it.</summary>
    public async Task<IAsyncDisposable?> TryLock(string kind, string model, CancellationToken ct)
    {
        var connection = await db.OpenConnectionAsync(ct);
        await using var command = new NpgsqlCommand("select pg_try_advisory_lock(hashtext('tension-replay:' || $1))", connection);
        command.Parameters.Add(new() { Value = LockKey(kind, model) });
        if (await command.ExecuteScalarAsync(ct) is true) return new ReplayLock(connection);
        await connection.DisposeAsync();
        return null;
    }

    /// <summary>A model's replays keep the key they always had; an extractor version's are apart from any model's.</summary>
    public static string LockKey(string kind, string model) => kind == ReplayKind.Extractor ? $"extractor:{model}" : model;

    /// <summary>Unlocks before the connection goes back to the pool (a pooled connection would keep a session lock).</summary>
    sealed class ReplayLock(NpgsqlConnection connection) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try
            {
                await using var unlock = new NpgsqlCommand("select pg_advisory_unlock_all()", connection);
                await unlock.ExecuteNonQueryAsync();
            }
            catch (NpgsqlException) { }  // connection already broken: the server released the lock with it
            await connection.DisposeAsync();
        }
    }

    /// <summary>
    /// Runs the replay to its end (or until it is cancelled, or <paramref name="ct"/> fires). The caller holds
    /// <see cref="TryLock"/>. While one page commits, the next is read and scored (PostgreSQL and the cores work
    /// at once); a page read ahead is used only if the replay's cursor is where it expected.
    /// </summary>
    public async Task<ReplayView> Run(Guid id, IProgress<ReplayView>? progress, CancellationToken ct)
    {
        // The first page is read and scored (the model loaded) while the catalogs settle: anything ingested
        // meanwhile without the model is caught by the sweep.
        Task<Page>? ahead = null;
        await using (var first = store.QuerySession())
            if (await first.LoadAsync<ReplayView>(id, ct) is { Status: ReplayStatus.Running } view)
                ahead = Prepare(view.Phase, view.Cursor, view, ct);
        await Task.Delay(CatalogSettle, ct);
        var conflicts = 0;
        while (true)
        {
            await using var session = store.LightweightSession();
            var stream = await session.Events.FetchForWriting<ReplayView>(id, ct);
            var replay = stream.Aggregate ?? throw new InvalidOperationException($"no replay {id}");
            progress?.Report(replay);
            if (replay.Status != ReplayStatus.Running) return replay;

            var now = clock.GetUtcNow();
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            Page page;
            try
            {
                var next = ahead is not null ? await ahead : null;
                ahead = null;
                page = next is not null && next.Phase == replay.Phase && next.After == replay.Cursor ? next
                    : await Prepare(replay.Phase, replay.Cursor, replay, ct);
            }
            catch (Exception e) when (e is not OperationCanceledException and not NpgsqlException)
            {
                stream.AppendOne(new ReplayFailed(id, $"scoring with model '{replay.Model}' failed: {e.Message}", now));
                await session.SaveChangesAsync(ct);
                continue;
            }
            var prepared = System.Diagnostics.Stopwatch.GetElapsedTime(started);
            if (page.Last is null)
            {
                stream.AppendOne(replay.Phase == ReplayPhase.History ? new ReplayHistoryDone(id, now) : new ReplayCompleted(id, now));
            }
            else
            {
                foreach (var article in page.Appends)
                {
                    var events = article.Events.Select(e => Stamped(e, now)).ToArray();
                    // A re-extraction is appended only onto the stream it read: a revision meanwhile makes the batch conflict.
                    if (article.ReadVersion is { } version) session.Events.Append(article.ArticleId, version + events.Length, events);
                    else session.Events.Append(article.ArticleId, events);
                }
                stream.AppendOne(new ReplayBatchDone(id, replay.Phase, page.Last.Value, page.Visited, page.Appends.Count, page.Statements, now));
                ahead = Prepare(replay.Phase, page.Last, replay, ct);
            }
            try
            {
                await session.SaveChangesAsync(ct);
                log.LogDebug("replay {Replay}: {Visited} articles ready in {Prepared:0} ms, committed at {Saved:0} ms",
                    id, page.Visited, prepared.TotalMilliseconds, System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                conflicts = 0;
            }
            catch (Exception e) when (IsConflict(e) && ++conflicts < 50)
            {
                // Cancelled meanwhile, or an article of the batch was revised: read the batch again.
                log.LogDebug(e, "replay {Replay}: conflict, batch read again", id);
                if (ahead is not null) { try { await ahead; } catch (Exception) { } ahead = null; }
            }
        }
    }

    /// <summary>A page of history after <see cref="After"/>, read and analysed: the events to append per article (their time is set when appended).</summary>
    sealed record Page(string Phase, Guid? After, Guid? Last, int Visited, List<ArticleAppend> Appends, int Statements);

    /// <summary>Events for one article; ReadVersion, when set, is the stream version they were computed from.</summary>
    sealed record ArticleAppend(Guid ArticleId, long? ReadVersion, List<object> Events);

    async Task<Page> Prepare(string phase, Guid? after, ReplayView replay, CancellationToken ct)
    {
        if (replay.Kind == ReplayKind.Extractor)
        {
            var (articles, lastRead, visitedCount) = await LoadForExtraction(phase, after, replay, ct);
            var appends = Reextract(articles, replay.Model, ct);
            return new Page(phase, after, lastRead, visitedCount, appends,
                appends.Sum(a => a.Events.OfType<StatementsExtracted>().Sum(e => e.Statements.Length)));
        }
        var (batch, last, visited) = await LoadBatch(phase, after, replay, ct);
        var scores = batch.Count == 0 ? [] : ScoreBatch(replay.Model, pipeline.Scorer(replay.Model), batch);
        return new Page(phase, after, last, visited, scores.Select(e => new ArticleAppend(e.ArticleId, null, [e])).ToList(),
            scores.Sum(e => e.Scores.Length));
    }

    static object Stamped(object e, DateTimeOffset now) => e switch
    {
        StatementsScored x => x with { RecordedAt = now },
        StatementsExtracted x => x with { RecordedAt = now },
        ArticleReextracted x => x with { RecordedAt = now },
        ArticleLinkedAsCopy x => x with { RecordedAt = now },
        _ => e,
    };

    sealed record Statement(int Start, int End);
    sealed record Candidate(Guid Id, int Revision, string ExtractorVersion, string Title, string Body, Statement[] Statements);

    /// <summary>
    /// The next page after the cursor, by id, with only the fields a replay needs, read in one pass over each
    /// document. Ineligible articles (retracted, not scored, or already scored by the model at their current
    /// revision and extractor, which is what makes a resumed replay or the sweep skip them) are visited and
    /// passed over without their text.
    /// </summary>
    async Task<(List<Candidate> Batch, Guid? Last, int Visited)> LoadBatch(string phase, Guid? after, ReplayView replay, CancellationToken ct)
    {
        var source = phase == ReplayPhase.History
            ? $"select a.id, a.data from {names.ArticleTable} a where ($1::uuid is null or a.id > $1) order by a.id limit $2"
            : $"""
              select a.id, a.data
              from (select x.stream_id
                    from (select stream_id, max(seq_id) as extracted from {Storage.Schema}.mt_events
                          where seq_id > $4 and type = 'statements_extracted' and ($1::uuid is null or stream_id > $1)
                          group by stream_id) x
                    -- already scored by the model after its latest extraction: nothing to sweep, and no text to read
                    left join lateral (select 1 as any from {Storage.Schema}.mt_events s
                                       where s.stream_id = x.stream_id and s.seq_id > x.extracted
                                         and s.type = 'statements_scored' and s.data->>'model' = $3 limit 1) scored on true
                    where scored.any is null
                    order by x.stream_id limit $2) e
              join {names.ArticleTable} a on a.id = e.stream_id
              """;
        // The lateral lookup with a limit is evaluated per article, through the (stream_id, version) index.
        var sql = $"""
            with page as materialized (
                select a.id, d.* from ({source}) a
                cross join lateral jsonb_to_record(a.data) as d(status text, "retractedAt" text, revision int, "extractorVersion" text,
                    title text, body text, statements jsonb)
            ), checked as materialized (
                select p.*, coalesce(p.status in ('scored', 'copy') and p."retractedAt" is null, false) and scored.any is null as eligible
                from page p
                left join lateral (select 1 as any from {Storage.Schema}.mt_events s
                                   where s.stream_id = p.id and s.type = 'statements_scored' and s.data->>'model' = $3
                                     and (s.data->>'revision')::int = p.revision
                                     and coalesce(s.data->>'extractorVersion', '') = coalesce(p."extractorVersion", '')
                                   limit 1) scored on true
            )
            select id, eligible, revision, "extractorVersion",
                   case when eligible then title end, case when eligible then body end, case when eligible then statements end
            from checked order by id
            """;
        return await ReadPage(sql, phase, after, replay, reader =>
        {
            using var json = JsonDocument.Parse(reader.GetString(6));
            var statements = json.RootElement.EnumerateArray()
                .Select(x => new Statement(x.GetProperty("start").GetInt32(), x.GetProperty("end").GetInt32())).ToArray();
            return new Candidate(reader.GetGuid(0), reader.GetInt32(2), reader.IsDBNull(3) ? "" : reader.GetString(3),
                reader.GetString(4), reader.GetString(5), statements);
        }, ct);
    }

    /// <summary>
    /// Runs a page query ($1 cursor, $2 page size, $3 model or extractor version, $4 sweep sequence in the sweep)
    /// whose rows start with (id, eligible): the eligible rows read, the last id visited and how many were visited.
    /// </summary>
    async Task<(List<T> Batch, Guid? Last, int Visited)> ReadPage<T>(string sql, string phase, Guid? after, ReplayView replay,
        Func<NpgsqlDataReader, T> read, CancellationToken ct)
    {
        await using var command = db.CreateCommand(sql);
        command.Parameters.Add(new() { Value = (object?)after ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Uuid });
        command.Parameters.Add(new() { Value = Math.Clamp(replay.BatchSize, 1, 5000) });
        command.Parameters.Add(new() { Value = replay.Model });
        if (phase == ReplayPhase.Sweep) command.Parameters.Add(new() { Value = replay.SweepAfterSequence });
        var batch = new List<T>();
        Guid? last = null;
        var visited = 0;
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            last = reader.GetGuid(0);
            visited++;
            if (reader.GetBoolean(1)) batch.Add(read(reader));
        }
        return (batch, last, visited);
    }

    /// <summary>The statements of the batch scored across the cores (the model is thread-safe): one StatementsScored per article.</summary>
    static List<StatementsScored> ScoreBatch(string name, IStatementScorer model, List<Candidate> batch)
    {
        var texts = new List<string>();
        foreach (var article in batch)
        {
            var text = ArticleDocument.Text(article.Title, article.Body);
            texts.AddRange(article.Statements.Select(s => text[s.Start..s.End]));
        }
        var parts = texts.Chunk(Math.Max(1, (texts.Count + Environment.ProcessorCount - 1) / Environment.ProcessorCount)).ToArray();
        var scored = new StatementScore[parts.Length][];
        Parallel.For(0, parts.Length, i => scored[i] = model.Score(parts[i].Select(ScoringInput.Untargeted).ToArray()));
        var scores = scored.SelectMany(s => s).ToArray();
        var offset = 0;
        var events = new List<StatementsScored>(batch.Count);
        foreach (var article in batch)
        {
            var count = article.Statements.Length;
            events.Add(new StatementsScored(article.Id, article.Revision, article.ExtractorVersion, name, scores.AsSpan(offset, count).ToArray(), default));
            offset += count;
        }
        return events;
    }

    public static bool IsConflict(Exception e) =>
        e is JasperFx.ConcurrencyException || e.GetType().Name.Contains("Concurrency") || e.GetType().Name.Contains("UnexpectedMaxEventId")
        || e is PostgresException { SqlState: PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.UniqueViolation };
}
