using System.Text.Json;
using Marten;
using Npgsql;
using TensionTracker.Articles;
using TensionTracker.Hosting;
using TensionTracker.Pipeline;
using TensionTracker.Text.Extraction;

namespace TensionTracker.Replays;

/// <summary>
/// Re-scores history with one model: walks the stored articles in id order (keyset pagination, a batch at a
/// time, so memory stays bounded), scores every statement of a batch in one call, and commits the batch's
/// StatementsScored events together with its progress event on the replay stream, in one transaction. An article
/// already scored by the model at its current revision (and extractor version) is skipped, so a replay resumed
/// after a kill never scores an article twice. One runner per model at a time, across processes: a PostgreSQL
/// advisory lock held on its own connection, released by the server when the process dies.
/// </summary>
public sealed class ReplayRunner(IDocumentStore store, NpgsqlDataSource db, StorageNames names, TextPipeline pipeline,
    TimeProvider clock, ILogger<ReplayRunner> log)
{
    /// <summary>Waited before a pass starts, so every process's catalog already scores new articles with the model.</summary>
    public static readonly TimeSpan CatalogSettle = ModelCatalog.RefreshInterval * 2 + TimeSpan.FromMilliseconds(500);
    /// <summary>The sweep revisits the articles analysed since shortly before the replay started (this margin covers slow handlers).</summary>
    public static readonly TimeSpan SweepMargin = TimeSpan.FromMinutes(5);
    public const int DefaultBatchSize = 500;

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

    /// <summary>The lock that makes this process the only runner of the model's replays; null when another process holds it.</summary>
    public async Task<IAsyncDisposable?> TryLock(string model, CancellationToken ct)
    {
        var connection = await db.OpenConnectionAsync(ct);
        await using var command = new NpgsqlCommand("select pg_try_advisory_lock(hashtext('tension-replay:' || $1))", connection);
        command.Parameters.Add(new() { Value = model });
        if (await command.ExecuteScalarAsync(ct) is true) return new ReplayLock(connection);
        await connection.DisposeAsync();
        return null;
    }

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

    /// <summary>Runs the replay to its end (or until it is cancelled, or <paramref name="ct"/> fires). The caller holds <see cref="TryLock"/>.</summary>
    public async Task<ReplayView> Run(Guid id, IProgress<ReplayView>? progress, CancellationToken ct)
    {
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
            var scoredAt = TimeSpan.Zero;
            var (batch, last, visited) = await LoadBatch(replay, ct);
            if (last is null)
            {
                stream.AppendOne(replay.Phase == ReplayPhase.History ? new ReplayHistoryDone(id, now) : new ReplayCompleted(id, now));
            }
            else
            {
                Text.Scoring.ToneModel model;
                try { model = pipeline.Model(replay.Model); }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    stream.AppendOne(new ReplayFailed(id, $"model '{replay.Model}' could not be loaded: {e.Message}", now));
                    await session.SaveChangesAsync(ct);
                    continue;
                }
                var already = batch.Count == 0 ? [] : await ScoredAlready(batch, replay.Model, ct);
                var (articles, statements) = ScoreBatch(session, replay.Model, model, batch, already, now);
                scoredAt = System.Diagnostics.Stopwatch.GetElapsedTime(started);
                stream.AppendOne(new ReplayBatchDone(id, replay.Phase, last.Value, visited, articles, statements, now));
            }
            try
            {
                await session.SaveChangesAsync(ct);
                log.LogDebug("replay {Replay}: {Visited} articles read and scored in {Scored:0} ms, committed at {Saved:0} ms",
                    id, visited, scoredAt.TotalMilliseconds, System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                conflicts = 0;
            }
            catch (Exception e) when (IsConflict(e) && ++conflicts < 50)
            {
                // Cancelled meanwhile, or an article of the batch was revised: read the batch again.
                log.LogDebug(e, "replay {Replay}: conflict, batch read again", id);
            }
        }
    }

    sealed record Statement(int Start, int End);
    sealed record Candidate(Guid Id, int Revision, string ExtractorVersion, string Title, string Body, Statement[] Statements);

    /// <summary>
    /// The next page after the cursor, by id, with only the fields a replay needs (the whole document, with every
    /// model's evidence, is several times larger); ineligible articles are visited and passed over.
    /// </summary>
    async Task<(List<Candidate> Batch, Guid? Last, int Visited)> LoadBatch(ReplayView replay, CancellationToken ct)
    {
        const string fields = """
            a.id, coalesce(a.data->>'status' in ('scored', 'copy') and a.data->>'retractedAt' is null, false) as eligible,
            (a.data->>'revision')::int, a.data->>'extractorVersion', a.data->>'title', a.data->>'body', a.data->'statements'
            """;
        var sql = replay.Phase == ReplayPhase.History
            ? $"""
              select {fields} from {names.ArticleTable} a
              where ($1::uuid is null or a.id > $1)
              order by a.id limit $2
              """
            : $"""
              select {fields}
              from (select distinct stream_id from {Storage.Schema}.mt_events
                    where seq_id > $3 and type = 'statements_extracted' and ($1::uuid is null or stream_id > $1)
                    order by stream_id limit $2) e
              join {names.ArticleTable} a on a.id = e.stream_id
              order by a.id
              """;
        await using var command = db.CreateCommand(sql);
        command.Parameters.Add(new() { Value = (object?)replay.Cursor ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Uuid });
        command.Parameters.Add(new() { Value = Math.Clamp(replay.BatchSize, 1, 5000) });
        if (replay.Phase == ReplayPhase.Sweep) command.Parameters.Add(new() { Value = replay.SweepAfterSequence });
        var batch = new List<Candidate>();
        Guid? last = null;
        var visited = 0;
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            last = reader.GetGuid(0);
            visited++;
            if (!reader.GetBoolean(1)) continue;
            using var json = JsonDocument.Parse(reader.GetString(6));
            var statements = json.RootElement.EnumerateArray()
                .Select(x => new Statement(x.GetProperty("start").GetInt32(), x.GetProperty("end").GetInt32())).ToArray();
            batch.Add(new Candidate(last.Value, reader.GetInt32(2), reader.IsDBNull(3) ? "" : reader.GetString(3),
                reader.GetString(4), reader.GetString(5), statements));
        }
        return (batch, last, visited);
    }

    /// <summary>Articles of the batch that already have the model's scores for their current revision and extractor (from the events).</summary>
    async Task<HashSet<Guid>> ScoredAlready(List<Candidate> batch, string model, CancellationToken ct)
    {
        await using var command = db.CreateCommand($"""
            select stream_id, (data->>'revision')::int, data->>'extractorVersion'
            from {Storage.Schema}.mt_events
            where stream_id = any($1) and type = 'statements_scored' and data->>'model' = $2
            """);
        command.Parameters.Add(new() { Value = batch.Select(b => b.Id).ToArray() });
        command.Parameters.Add(new() { Value = model });
        var current = batch.ToDictionary(b => b.Id);
        var done = new HashSet<Guid>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var article = current[reader.GetGuid(0)];
            if (article.Revision == reader.GetInt32(1) && article.ExtractorVersion == (reader.IsDBNull(2) ? "" : reader.GetString(2)))
                done.Add(article.Id);
        }
        return done;
    }

    /// <summary>One Score call for all the statements of the batch, then one StatementsScored event per article.</summary>
    static (int Articles, int Statements) ScoreBatch(IDocumentSession session, string name, Text.Scoring.ToneModel model,
        List<Candidate> batch, HashSet<Guid> skip, DateTimeOffset now)
    {
        var todo = batch.Where(b => !skip.Contains(b.Id)).ToList();
        var texts = new List<string>();
        foreach (var article in todo)
        {
            var text = ArticleDocument.Text(article.Title, article.Body);
            texts.AddRange(article.Statements.Select(s => text[s.Start..s.End]));
        }
        var scores = texts.Count == 0 ? [] : model.Score(texts);
        var offset = 0;
        foreach (var article in todo)
        {
            var count = article.Statements.Length;
            session.Events.Append(article.Id, new StatementsScored(article.Id, article.Revision, article.ExtractorVersion, name,
                scores.AsSpan(offset, count).ToArray(), now));
            offset += count;
        }
        return (todo.Count, texts.Count);
    }

    public static bool IsConflict(Exception e) =>
        e is JasperFx.ConcurrencyException || e.GetType().Name.Contains("Concurrency") || e.GetType().Name.Contains("UnexpectedMaxEventId")
        || e is PostgresException { SqlState: PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.UniqueViolation };
}
