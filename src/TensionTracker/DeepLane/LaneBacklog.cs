using Npgsql;
using TensionTracker.Articles;
using TensionTracker.Hosting;
using Wolverine.Util;

namespace TensionTracker.DeepLane;

/// <summary>How far one model's lane is behind: article revisions waiting in its queue, and how long the oldest has waited.</summary>
public sealed record LaneState(string Model, string Lane, long ArticlesWaiting, double? OldestWaitingSeconds, bool Running);

/// <summary>
/// Reads each lane's backlog from the database every node shares. The ingest lane (the fast models): articles on the
/// PostgreSQL ingest queue (none there when RabbitMQ carries it) and in the durable inbox, not yet stored, extracted and
/// scored; the oldest by the time it was queued. The deep lane: revisions stored and waiting in the inbox for the deep
/// models; the oldest by its message's own queuedAt (the inbox's clock restarts whenever a node renews its hold).
/// </summary>
public static class LaneBacklog
{
    public static async Task<List<LaneState>> Read(NpgsqlDataSource db, IReadOnlyCollection<string> fastModels,
        IReadOnlyCollection<string> deepModels, bool deepRunning, DateTimeOffset now, CancellationToken ct)
    {
        var ingest = typeof(IngestArticle).ToMessageTypeName();
        var deep = typeof(ScoreWithDeepModel).ToMessageTypeName();
        var queue = $"{Storage.QueueSchema}.wolverine_queue_{Storage.IngestQueue}";
        await using var command = db.CreateCommand($"""
            select 'ingest', count(*), min("timestamp") from {Storage.Schema}.wolverine_incoming_envelopes
                where status <> 'Handled' and message_type = $1
            union all
            select 'queue', count(*), min("timestamp") from {queue}
            union all
            select 'deep', count(*), min(substring(encode(body, 'escape') from '"queuedAt":"([^"]+)"')::timestamptz)
                from {Storage.Schema}.wolverine_incoming_envelopes where status <> 'Handled' and message_type = $2
            """);
        command.Parameters.Add(new() { Value = ingest });
        command.Parameters.Add(new() { Value = deep });
        var waiting = new Dictionary<string, (long Count, DateTimeOffset? Oldest)>();
        try
        {
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
                waiting[reader.GetString(0)] = (reader.GetInt64(1), reader.IsDBNull(2) ? null : reader.GetFieldValue<DateTimeOffset>(2));
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            // No PostgreSQL ingest queue (RabbitMQ carries ingest): the inbox alone.
            return await ReadInboxOnly(db, fastModels, deepModels, deepRunning, now, ct);
        }
        return States(waiting, fastModels, deepModels, deepRunning, now);
    }

    static async Task<List<LaneState>> ReadInboxOnly(NpgsqlDataSource db, IReadOnlyCollection<string> fastModels,
        IReadOnlyCollection<string> deepModels, bool deepRunning, DateTimeOffset now, CancellationToken ct)
    {
        await using var command = db.CreateCommand($"""
            select case when message_type = $2 then 'deep' else 'ingest' end, count(*),
                   min(case when message_type = $2 then substring(encode(body, 'escape') from '"queuedAt":"([^"]+)"')::timestamptz else "timestamp" end)
            from {Storage.Schema}.wolverine_incoming_envelopes where status <> 'Handled' and message_type in ($1, $2) group by 1
            """);
        command.Parameters.Add(new() { Value = typeof(IngestArticle).ToMessageTypeName() });
        command.Parameters.Add(new() { Value = typeof(ScoreWithDeepModel).ToMessageTypeName() });
        var waiting = new Dictionary<string, (long Count, DateTimeOffset? Oldest)>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            waiting[reader.GetString(0)] = (reader.GetInt64(1), reader.IsDBNull(2) ? null : reader.GetFieldValue<DateTimeOffset>(2));
        return States(waiting, fastModels, deepModels, deepRunning, now);
    }

    static List<LaneState> States(Dictionary<string, (long Count, DateTimeOffset? Oldest)> waiting, IReadOnlyCollection<string> fastModels,
        IReadOnlyCollection<string> deepModels, bool deepRunning, DateTimeOffset now)
    {
        var (inbox, inboxOldest) = waiting.GetValueOrDefault("ingest");
        var (queued, queuedOldest) = waiting.GetValueOrDefault("queue");
        var ingestOldest = new[] { inboxOldest, queuedOldest }.Where(t => t is not null).Min();
        var (deep, deepOldest) = waiting.GetValueOrDefault("deep");
        double? Age(DateTimeOffset? oldest) => oldest is null ? null : Math.Round(Math.Max(0, (now - oldest.Value).TotalSeconds), 1);
        return [
            .. fastModels.Select(m => new LaneState(m, "ingest", inbox + queued, Age(ingestOldest), true)),
            .. deepModels.Select(m => new LaneState(m, "deep", deep, Age(deepOldest), deepRunning)),
        ];
    }
}
