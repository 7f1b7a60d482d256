using Npgsql;
using TensionTracker.Articles;
using TensionTracker.Hosting;
using Wolverine.Util;

namespace TensionTracker.DeepLane;

/// <summary>How far one model's lane is behind: article revisions waiting in its queue, and how long the oldest has waited.</summary>
public sealed record LaneState(string Model, string Lane, long ArticlesWaiting, double? OldestWaitingSeconds, bool Running);

/// <summary>
/// Reads each lane's backlog from the durable inbox (every node's, since all share it): the ingest lane (the fast models:
/// articles received and not yet stored, extracted and scored) and the deep lane (revisions stored and waiting for the
/// deep models). Counts rows, so it stays cheap however long the backlog.
/// </summary>
public static class LaneBacklog
{
    public static async Task<List<LaneState>> Read(NpgsqlDataSource db, IReadOnlyCollection<string> fastModels,
        IReadOnlyCollection<string> deepModels, bool deepRunning, DateTimeOffset now, CancellationToken ct)
    {
        var ingest = typeof(IngestArticle).ToMessageTypeName();
        var deep = typeof(ScoreWithDeepModel).ToMessageTypeName();
        await using var command = db.CreateCommand($"""
            select message_type, count(*), min("timestamp") from {Storage.Schema}.wolverine_incoming_envelopes
            where status <> 'Handled' and message_type = any($1) group by message_type
            """);
        command.Parameters.Add(new() { Value = new[] { ingest, deep } });
        var waiting = new Dictionary<string, (long Count, DateTimeOffset? Oldest)>();
        await using (var reader = await command.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct))
                waiting[reader.GetString(0)] = (reader.GetInt64(1), reader.IsDBNull(2) ? null : reader.GetFieldValue<DateTimeOffset>(2));

        LaneState State(string model, string lane, string type, bool running)
        {
            var (count, oldest) = waiting.GetValueOrDefault(type);
            return new(model, lane, count, oldest is null ? null : Math.Round(Math.Max(0, (now - oldest.Value).TotalSeconds), 1), running);
        }
        return [.. fastModels.Select(m => State(m, "ingest", ingest, true)), .. deepModels.Select(m => State(m, "deep", deep, deepRunning))];
    }
}
