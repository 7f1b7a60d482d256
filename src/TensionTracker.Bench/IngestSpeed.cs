using System.Diagnostics;
using Npgsql;
using TensionTracker.Articles;
using TensionTracker.Hosting;
using Wolverine;

namespace TensionTracker.Bench;

/// <summary>
/// End-to-end ingest, durable, on the default embedded bus: the corpus is published onto the PostgreSQL `ingest`
/// queue (by a publishing-only node, as `tension publish` does), then the host drains it - store, extract, score,
/// project - and the rate is articles made readable per second of draining. Projection lag is measured apart, at a
/// steady publishing rate: from publishing an article to its document being readable.
/// </summary>
public static class IngestSpeed
{
    static readonly string Table = new StorageNames(Storage.Schema).ArticleTable;

    public static async Task<double> Publish(IMessageBus bus, NpgsqlDataSource db, IReadOnlyList<IngestArticle> articles, BenchReport report)
    {
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(articles, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (a, _) => await bus.PublishAsync(a));
        // Published means in the queue table, where the host will find it.
        while (await QueueDepth(db) < articles.Count)
        {
            if (clock.Elapsed > TimeSpan.FromMinutes(5)) throw new TimeoutException("the published articles never all reached the queue table");
            await Task.Delay(50);
        }
        var rate = articles.Count / clock.Elapsed.TotalSeconds;
        report.Add("publish_articles_per_s", rate, "articles/s", "onto the durable PostgreSQL queue, 16 concurrent publishers, host stopped");
        return rate;
    }

    public static async Task<long> QueueDepth(NpgsqlDataSource db)
    {
        await using var command = db.CreateCommand($"select count(*) from {Storage.QueueSchema}.wolverine_queue_{Storage.IngestQueue}");
        try { return (long)(await command.ExecuteScalarAsync())!; }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UndefinedTable) { return 0; }
    }

    /// <summary>CPU seconds used so far by each PostgreSQL backend connected to this database (Linux /proc; empty elsewhere).</summary>
    static async Task<Dictionary<int, double>> PostgresCpu(NpgsqlDataSource db)
    {
        var result = new Dictionary<int, double>();
        await using var command = db.CreateCommand("select pid from pg_stat_activity where datname = current_database()");
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var pid = reader.GetInt32(0);
            try
            {
                var stat = await File.ReadAllTextAsync($"/proc/{pid}/stat");
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                result[pid] = (long.Parse(fields[11]) + long.Parse(fields[12])) / 100.0;
            }
            catch (Exception) { }
        }
        return result;
    }

    public static async Task<long> Stored(NpgsqlDataSource db)
    {
        await using var command = db.CreateCommand($"select count(*) from {Table}");
        try { return (long)(await command.ExecuteScalarAsync())!; }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UndefinedTable) { return 0; }
    }

    /// <summary>Waits for the host to drain the queue into <paramref name="expected"/> documents; the drain rate in articles/s.</summary>
    public static async Task Drain(BenchHost host, NpgsqlDataSource db, long expected, BenchReport report, StoreProgress stored)
    {
        var held = stored.Held;
        var hostClock = Stopwatch.StartNew(); // the host is up (healthy) now; its listener started a little earlier
        TimeSpan? firstSeen = null, halfSeen = null;
        long firstCount = 0, halfCount = 0, last = -1;
        double? firstCpu = null;
        Dictionary<int, double>? firstPg = null;
        var lastProgress = hostClock.Elapsed;
        var lastPrint = TimeSpan.Zero;
        while (true)
        {
            // Exact when it decides something: the first batch, half the backlog, the end.
            var count = await stored.Count(e => e > 0 && firstSeen is null || e >= expected / 2 && halfSeen is null || e >= expected - 2_000);
            var now = hostClock.Elapsed;
            if (count > 0 && firstSeen is null) { firstSeen = now; firstCount = count; firstCpu = host.CpuSeconds(); firstPg = await PostgresCpu(db); }
            if (count >= expected / 2 && halfSeen is null) { halfSeen = now; halfCount = count; }
            if (count != last) { last = count; lastProgress = now; }
            if (now - lastPrint > TimeSpan.FromSeconds(5))
            {
                Console.Error.WriteLine($"  ingest: {count}/{expected} articles stored ({now.TotalSeconds:0} s)");
                lastPrint = now;
            }
            if (count >= expected) break;
            if (host.HasExited) throw new InvalidOperationException("the host exited while ingesting:\n" + host.Tail());
            if (now - lastProgress > TimeSpan.FromSeconds(120))
                throw new TimeoutException($"ingest stalled at {count}/{expected} articles:\n" + host.Tail());
            await Task.Delay(100);
        }
        var end = hostClock.Elapsed;
        var endCpu = host.CpuSeconds();
        var endPg = await PostgresCpu(db);

        // The steady rate: from the first batch becoming readable to the last; with too few articles to see a
        // steady state, from the host being healthy.
        double seconds, articles;
        string note;
        if (firstSeen is { } first && expected - firstCount >= expected / 2 && end > first)
        {
            seconds = (end - first).TotalSeconds;
            articles = expected - firstCount;
            note = $"backlog of {expected} drained; from the first batch readable to the last";
        }
        else
        {
            seconds = end.TotalSeconds;
            articles = expected;
            note = $"backlog of {expected} drained; from the host healthy to the last (too few articles for a steady state)";
        }
        await using var statementsQuery = db.CreateCommand(held == 0 ? $"select coalesce(sum(jsonb_array_length(data->'statements')), 0) from {Table}"
            : $"select coalesce(sum(jsonb_array_length(data->'statements')), 0)::float8 / count(*) * {expected} from {Table}");
        var statements = Convert.ToDouble(await statementsQuery.ExecuteScalarAsync());
        report.Add("ingest_articles_per_s", articles / seconds, "articles/s", note);
        report.Add("ingest_statements_per_s", statements / expected * articles / seconds, "statements/s",
            $"{statements / expected:0.0} statements per article on average");
        if (firstCpu is { } c0 && endCpu is { } c1 && expected > firstCount)
            report.Add("ingest_host_cpu_ms_per_article", (c1 - c0) * 1000 / (expected - firstCount), "ms",
                "CPU time of the host process (not PostgreSQL's) per article while draining: less sensitive to other load than the rate");
        if (firstPg is not null && expected > firstCount)
        {
            var pgSeconds = endPg.Sum(p => p.Value - firstPg.GetValueOrDefault(p.Key));
            var pgMs = pgSeconds * 1000 / (expected - firstCount);
            report.Add("ingest_postgres_cpu_ms_per_article", pgMs, "ms",
                "CPU time of the PostgreSQL backends serving the bench database per article while draining (WAL writer and checkpointer not included)");
            if (firstCpu is { } h0 && endCpu is { } h1)
            {
                var perArticle = (h1 - h0) * 1000 / (expected - firstCount) + pgMs;
                report.Add("ingest_cpu_bound_articles_per_s", Environment.ProcessorCount * 1000 / perArticle, "articles/s",
                    $"{Environment.ProcessorCount} cores / (host + PostgreSQL CPU per article): the rate if nothing else ran on the machine");
            }
        }
        if (halfSeen is { } half && expected - halfCount >= expected / 4 && end > half)
            report.Add("ingest_second_half_articles_per_s", (expected - halfCount) / (end - half).TotalSeconds, "articles/s",
                "the second half of the backlog alone: the host warmed up (its JIT done), history already half there");
        report.Add("ingest_drain_seconds", end.TotalSeconds, "s", "host healthy to the last article readable");
        report.Add("corpus_statements_per_article", statements / expected, "statements");
    }

    /// <summary>
    /// Waits, after the drain, for the store to be idle: the drain's handled messages cleared from the durable inbox
    /// (Wolverine deletes them a few seconds after handling, Storage.cs) and no autovacuum at work on the bench database. Lag is a
    /// steady-state figure at the publishing rate; right after a drain of many thousand articles that clean-up
    /// competes with the new articles for a few seconds, which is a burst's after-effect, not the steady state.
    /// </summary>
    public static async Task Settle(NpgsqlDataSource db, BenchReport report)
    {
        var clock = Stopwatch.StartNew();
        var idle = 0;
        while (idle < 2 && clock.Elapsed < TimeSpan.FromSeconds(120))
        {
            await using var command = db.CreateCommand($"""
                select (select count(*) from pg_stat_activity where backend_type = 'autovacuum worker' and datname = current_database())
                     + (select count(*) from {Storage.Schema}.wolverine_incoming_envelopes)
                """);
            idle = Convert.ToInt64(await command.ExecuteScalarAsync()) == 0 ? idle + 1 : 0;
            await Task.Delay(1000);
        }
        report.Add("lag_settle_seconds", clock.Elapsed.TotalSeconds, "s",
            "waited after the drain until the durable inbox was cleared and no autovacuum ran on the bench database (at most 120 s)");
    }

    /// <summary>
    /// Publishes at a steady rate with the host running and measures publish -> readable for each article: readable is
    /// the commit of the transaction that wrote its document (PostgreSQL's commit timestamp of the row, kept because
    /// ops/postgres.sh turns track_commit_timestamp on), read once at the end. Polling for each article instead
    /// cost the machine more the longer the lag grew (every pending id probed a hundred times a second), slowing
    /// the very thing it measured.
    /// </summary>
    public static async Task Lag(BenchHost host, IMessageBus bus, NpgsqlDataSource db, IReadOnlyList<IngestArticle> articles, double rate, BenchReport report)
    {
        var note = $"{articles.Count} articles published at {rate:0}/s with the host running; publish to the commit that made each readable";
        await using (var check = db.CreateCommand("select current_setting('track_commit_timestamp') = 'on'"))
            if (await check.ExecuteScalarAsync() is not true)
            {
                foreach (var name in new[] { "projection_lag_p50_ms", "projection_lag_p99_ms" })
                    report.NotAvailable(name, "ms", "track_commit_timestamp is off on this server (ops/postgres.sh turns it on)");
                return;
            }

        var published = new Dictionary<Guid, DateTimeOffset>();
        var stored = await StoreProgress.Start(db);
        var clock = Stopwatch.StartNew();
        var start = DateTimeOffset.UtcNow;   // one clock for publishing and commits: this machine's
        var sends = new List<Task>();
        for (var i = 0; i < articles.Count; i++)
        {
            var wait = TimeSpan.FromSeconds(i / rate) - clock.Elapsed;
            if (wait > TimeSpan.FromMilliseconds(1)) await Task.Delay(wait);
            published[articles[i].ArticleId] = start + clock.Elapsed;
            sends.Add(bus.PublishAsync(articles[i]).AsTask());
        }
        await Task.WhenAll(sends);
        var lastProgress = clock.Elapsed;
        for (long seen = 0, now; (now = await stored.Count(e => e >= articles.Count - 500)) < articles.Count; seen = now)
        {
            if (now > seen) lastProgress = clock.Elapsed;
            if (host.HasExited) throw new InvalidOperationException("the host exited while measuring lag:\n" + host.Tail());
            if (clock.Elapsed - lastProgress > TimeSpan.FromSeconds(120)) throw new TimeoutException("lag measurement stalled:\n" + host.Tail());
            await Task.Delay(200);
        }

        var lags = new List<double>();
        var lagsBySecond = new SortedDictionary<int, List<double>>();   // by the second of publishing: shows a backlog building or clearing
        await using (var command = db.CreateCommand($"select id, pg_xact_commit_timestamp(xmin) from {Table} where id = any($1)"))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = published.Keys.ToArray() });
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                var sent = published[reader.GetGuid(0)];
                var lag = (reader.GetFieldValue<DateTimeOffset>(1) - sent).TotalMilliseconds;
                lags.Add(lag);
                var second = (int)(sent - start).TotalSeconds;
                if (!lagsBySecond.TryGetValue(second, out var bucket)) lagsBySecond[second] = bucket = [];
                bucket.Add(lag);
            }
        }
        foreach (var (second, bucket) in lagsBySecond)
            Console.Error.WriteLine($"  lag: published in second {second}: {bucket.Count} articles, p50 {BenchReport.Percentile(bucket, 50):0} ms, p99 {BenchReport.Percentile(bucket, 99):0} ms");
        report.Add("projection_lag_p50_ms", BenchReport.Percentile(lags, 50), "ms", note);
        report.Add("projection_lag_p99_ms", BenchReport.Percentile(lags, 99), "ms", note);
        report.Add("lag_publish_rate_articles_per_s", articles.Count / (published.Values.Max() - published.Values.Min()).TotalSeconds,
            "articles/s", "achieved publishing rate during the lag phase");
    }
}

/// <summary>
/// Articles stored since <see cref="Start"/>, read cheaply. An exact count scans the whole article table: polled every
/// 100 ms over 60,000 articles it took a tenth of PostgreSQL's CPU (perf by backend), a cost of the bench's own that grew
/// with the history and counted in its PostgreSQL CPU per article. In between, progress comes from PostgreSQL's statistics
/// of inserts into that table (a second behind at most); the count is exact where the caller says it matters, and at least
/// every 2 s.
/// </summary>
public sealed class StoreProgress
{
    readonly NpgsqlDataSource db;
    readonly long inserted;
    readonly Stopwatch sinceExact = Stopwatch.StartNew();

    StoreProgress(NpgsqlDataSource db, long held, long inserted) { this.db = db; Held = held; this.inserted = inserted; }

    /// <summary>Articles already stored at the start.</summary>
    public long Held { get; }

    public static async Task<StoreProgress> Start(NpgsqlDataSource db) => new(db, await IngestSpeed.Stored(db), await Inserted(db));

    /// <summary>New articles stored: exact when <paramref name="exactAt"/> holds for the estimate (or 2 s passed), else the estimate.</summary>
    public async Task<long> Count(Func<long, bool> exactAt)
    {
        var estimate = Math.Max(0, await Inserted(db) - inserted);
        if (!exactAt(estimate) && sinceExact.Elapsed < TimeSpan.FromSeconds(2)) return estimate;
        sinceExact.Restart();
        return await IngestSpeed.Stored(db) - Held;
    }

    static async Task<long> Inserted(NpgsqlDataSource db)
    {
        await using var command = db.CreateCommand(
            $"select coalesce(sum(n_tup_ins), 0) from pg_stat_user_tables where schemaname = '{Storage.Schema}' and relname = 'mt_doc_articleview'");
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }
}
