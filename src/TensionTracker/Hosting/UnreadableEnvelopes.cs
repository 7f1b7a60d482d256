using Npgsql;
using Wolverine;
using Wolverine.Runtime;
using Wolverine.Runtime.Serialization;

namespace TensionTracker.Hosting;

/// <summary>An inbox row whose bytes are not a Wolverine envelope: the reason it was dead-lettered.</summary>
public sealed class UnreadableEnvelopeException(string message, Exception inner) : Exception(message, inner);

/// <summary>
/// Moves inbox rows that Wolverine cannot read to the dead letters, with the reason, so they never block the queue
/// or its recovery. Wolverine 6.62 does not: its PostgreSQL listener leaves an unreadable queue row in the inbox,
/// Incoming, for good, and inbox recovery reads rows a page at a time and fails the whole page on the first one it
/// cannot read, so after a crash one such row kept every message of its page from ever being handled
/// (docs/upstream/wolverine-unreadable-envelope.md). Every few seconds this reads, once each, the rows waiting for
/// recovery (no owner) and the rows nobody has claimed for a while, with Wolverine's own envelope reader; a row it
/// cannot read goes to the dead letters through Wolverine's inbox, its bytes kept as the message data.
/// </summary>
public sealed class UnreadableEnvelopes(NpgsqlDataSource db, IWolverineRuntime runtime, ILogger<UnreadableEnvelopes> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    /// <summary>A row owned by a node but not claimed again for this long is read too (a live node's heartbeat restarts the clock of what it holds).</summary>
    public static readonly TimeSpan Unclaimed = TimeSpan.FromSeconds(30);

    const string Table = $"{Storage.Schema}.wolverine_incoming_envelopes";
    readonly HashSet<Guid> readable = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try { await SweepAsync(stoppingToken); }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // The database being away is already logged loudly elsewhere: one line, no stack trace.
                logger.LogWarning("Could not check the inbox for unreadable envelopes ({Reason}); trying again in {Interval}", e.Message, Interval);
            }
        }
    }

    /// <summary>One pass; the number of rows moved to the dead letters.</summary>
    public async Task<int> SweepAsync(CancellationToken ct)
    {
        var waiting = new List<Guid>();
        await using (var command = db.CreateCommand($"""
            select id from {Table} where status = 'Incoming' and (owner_id = 0 or "timestamp" < now() - $1)
            """))
        {
            command.Parameters.Add(new() { Value = Unclaimed });
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) waiting.Add(reader.GetGuid(0));
        }
        readable.IntersectWith(waiting);
        var unread = waiting.Where(id => !readable.Contains(id)).ToArray();
        if (unread.Length == 0) return 0;

        var moved = 0;
        await using var rows = db.CreateCommand($"select id, body, message_type, received_at from {Table} where id = any($1) and status = 'Incoming'");
        rows.Parameters.Add(new() { Value = unread });
        await using var row = await rows.ExecuteReaderAsync(ct);
        while (await row.ReadAsync(ct))
        {
            var id = row.GetGuid(0);
            var body = row.GetFieldValue<byte[]>(1);
            try
            {
                EnvelopeSerializer.Deserialize(body);
                readable.Add(id);
            }
            // A row without an address is never picked up by recovery either: it blocks nothing.
            catch (Exception e) when (!row.IsDBNull(3))
            {
                var messageType = row.GetString(2);
                var address = new Uri(row.GetString(3));
                var reason = new UnreadableEnvelopeException(
                    $"unreadable envelope {id} ({body.Length} bytes, message type {messageType}) in the inbox of {address}: {e.Message}", e);
                // Its bytes travel as the data of a stand-in envelope, so the dead letter itself stays readable.
                var standIn = new Envelope { Id = id, MessageType = messageType, Destination = address, Data = body, ContentType = "application/octet-stream" };
                await runtime.Storage.Inbox.MoveToDeadLetterStorageAsync(standIn, reason);
                logger.LogError(e, "Moved unreadable envelope {Id} ({Length} bytes, message type {MessageType}) from the inbox of {Address} to the dead letters",
                    id, body.Length, messageType, address);
                moved++;
            }
        }
        return moved;
    }
}
