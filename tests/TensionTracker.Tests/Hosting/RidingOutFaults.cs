using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using TensionTracker.Articles;
using TensionTracker.Bench;
using TensionTracker.Hosting;
using TensionTracker.Tests.Support;
using Wolverine;
using Wolverine.Runtime.Serialization;
using Xunit.Abstractions;

namespace TensionTracker.Tests.Hosting;

/// <summary>
/// Faults while the host drains the ingest queue, each test on a database of its own (&lt;test db&gt;_faults_*) with a
/// host of its own: backends terminated mid-batch, rows that are not envelopes, a crash that leaves the inbox to
/// recovery, a message of a type nothing handles. Nothing valid is lost or doubled; only what can never succeed
/// reaches the dead letters, with its reason.
/// </summary>
public class riding_out_faults(ITestOutputHelper output)
{
    [Fact]
    public async Task terminated_backends_and_an_outage_mid_drain_are_ridden_out_and_every_article_lands_once()
    {
        await using var db = await FaultDatabase.Create("transient");
        var articles = Enumerable.Range(0, 2000).Select(i => Article(i, "transient")).ToList();
        await Publish(db, articles);

        var host = await db.StartHost();
        var ids = articles.Select(a => a.ArticleId).ToArray();
        // Every backend of this database (the host's connections) terminated twice while it drains, then the
        // database closed to connections for 8 s: longer than the quick retries, so the scheduled ones are needed too.
        var terminated = 0;
        foreach (var share in new[] { 0.1, 0.25 })
        {
            await db.WaitUntil(async () => await db.Stored(ids) >= ids.Length * share, $"{share:P0} of the articles stored", 180, host);
            terminated += await db.TerminateBackends();
        }
        Assert.True(terminated > 0, "no backend of the host was terminated: the test proved nothing");
        await db.WaitUntil(async () => await db.Stored(ids) >= ids.Length * 0.4, "40 % of the articles stored", 180, host);
        // More articles arrive just before the outage, so it always falls mid-drain, however fast a machine drains the rest.
        var late = Enumerable.Range(ids.Length, 1000).Select(i => Article(i, "transient")).ToList();
        await Publish(db, late);
        ids = [.. ids, .. late.Select(a => a.ArticleId)];
        var before = await db.Stored(ids);
        await db.Outage(TimeSpan.FromSeconds(8));
        Assert.True(before < ids.Length, "the drain ended before the outage: the test proved nothing");

        // A dead letter ends the wait at once: nothing valid may ever land there.
        await db.WaitUntil(async () => await db.Stored(ids) == ids.Length || await db.Scalar("select count(*) from tension.wolverine_dead_letters") > 0,
            "every article stored", 300, host);
        Assert.Empty(await db.DeadLetters());
        Assert.Equal(ids.Length, await db.Scalar("select count(distinct stream_id) from tension.mt_events where stream_id = any($1) and type = 'article_ingested'", ids));
        Assert.Equal(ids.Length, await db.Scalar("select count(*) from tension.mt_events where stream_id = any($1) and type = 'article_ingested'", ids));
        output.WriteLine($"{terminated} backends terminated; {ids.Length} articles stored once each, no dead letters");
    }

    [Fact]
    public async Task a_batch_failing_longer_than_the_quick_retries_is_retried_later_and_nothing_is_lost_if_the_host_dies_meanwhile()
    {
        await using var db = await FaultDatabase.Create("rescheduled");
        var articles = Enumerable.Range(0, 300).Select(i => Article(i, "rescheduled")).ToList();
        await Publish(db, articles);
        // Until the trigger goes, every new article stream fails with a serialization failure (40001).
        await db.Execute("create function tension.fail_new_streams() returns trigger language plpgsql as $$ begin raise exception 'no new streams for now' using errcode = '40001'; end $$");
        await db.Execute("create trigger fail_new_streams before insert on tension.mt_streams for each statement execute function tension.fail_new_streams()");

        var host = await db.StartHost();
        await db.WaitUntil(() => Task.FromResult(host.Log.ToArray().Any(l => l.Contains("was rescheduled"))), "a batch rescheduled", 120, host);
        await host.DisposeAsync();
        await db.Execute("drop trigger fail_new_streams on tension.mt_streams");

        var ids = articles.Select(a => a.ArticleId).ToArray();
        host = await db.StartHost();
        await db.WaitUntil(async () => await db.Stored(ids) == ids.Length || await db.Scalar("select count(*) from tension.wolverine_dead_letters") > 0,
            "every article stored", 180, host);
        Assert.Empty(await db.DeadLetters());
        Assert.Equal(ids.Length, await db.Scalar("select count(*) from tension.mt_events where stream_id = any($1) and type = 'article_ingested'", ids));
    }

    [Fact]
    public async Task unreadable_rows_are_dead_lettered_and_never_block_the_messages_around_them_even_after_a_crash()
    {
        await using var db = await FaultDatabase.Create("poison");
        var articles = Enumerable.Range(0, 300).Select(i => Article(i, "poison")).ToList();
        await Publish(db, articles.Take(150).ToList());
        var garbage = Enumerable.Repeat((byte)0xff, 300).ToArray();
        var poison = new[] { await db.QueueRow(garbage), await db.QueueRow(garbage) };
        // A well-formed envelope of an IngestArticle whose message bytes are not JSON.
        var unreadableMessage = await db.QueueRow(new Envelope
        {
            Id = Guid.NewGuid(), MessageType = typeof(IngestArticle).FullName!, Data = garbage, ContentType = "application/json",
            Destination = new Uri("postgresql://ingest/"),
        });
        await Publish(db, articles.Skip(150).ToList());
        var lastPoison = await db.QueueRow(garbage);

        // The crash: a node took two thirds of the queue into its inbox (as the listener does) and died, leaving the
        // rows Incoming and owned by it. One poison row stays in the queue for the listener to meet.
        var stranded = await db.StrandTwoThirdsOfTheQueue(except: lastPoison);
        Assert.True(stranded > 100, $"only {stranded} rows were stranded in the inbox");

        var host = await db.StartHost();
        var ids = articles.Select(a => a.ArticleId).ToArray();
        await db.WaitUntil(async () => await db.Stored(ids) == ids.Length, "every valid article stored", 240, host);
        foreach (var id in poison.Append(lastPoison))
        {
            var reason = await db.WaitForDeadLetter(id, host);
            Assert.Contains("unreadable envelope", reason);
            Assert.Contains("outside the allowed range", reason);
        }
        Assert.NotNull(await db.WaitForDeadLetter(unreadableMessage, host));
        await db.WaitUntil(async () => await db.Scalar("select count(*) from tension.wolverine_incoming_envelopes where status = 'Incoming'") == 0,
            "the inbox emptied", 60, host);
        Assert.Equal(ids.Length, await db.Scalar("select count(*) from tension.mt_events where stream_id = any($1) and type = 'article_ingested'", ids));
        var deadLetters = await db.DeadLetters();
        Assert.True(deadLetters.Count == 4, $"expected the 4 bad rows in the dead letters, found:\n{string.Join('\n', deadLetters)}");
    }

    [Fact]
    public async Task a_message_of_a_type_nothing_handles_is_dead_lettered()
    {
        await using var db = await FaultDatabase.Create("unknown");
        var host = await db.StartHost();
        var id = await db.QueueRow(new Envelope
        {
            Id = Guid.NewGuid(), MessageType = "TensionTracker.Articles.NoSuchMessage", Data = "{}"u8.ToArray(), ContentType = "application/json",
            Destination = new Uri("postgresql://ingest/"),
        });
        var valid = Article(0, "unknown");
        await Publish(db, [valid]);

        Assert.NotNull(await db.WaitForDeadLetter(id, host));
        await db.WaitUntil(async () => await db.Stored([valid.ArticleId]) == 1, "the valid article stored", 60, host);
    }

    static IngestArticle Article(int i, string test)
    {
        var now = DateTimeOffset.UtcNow;
        return ArticleValidation.Validate(new ArticleSubmission(
            $"https://testwire.example/faults-{test}-{i}-{Guid.NewGuid():N}", "Test Wire", now.AddHours(-1), $"Bhutan and Nepal sign water deal {i}",
            $"THIMPHU (Test Wire) - Bhutan's foreign minister said on Monday that Bhutan and Nepal had signed agreement {i} to share river data, and warned that Nepal would respond."), now).Command!;
    }

    /// <summary>Onto the PostgreSQL ingest queue by a publishing-only node (as `tension publish` does); returns once every message is in the table.</summary>
    static async Task Publish(FaultDatabase db, IReadOnlyList<IngestArticle> articles)
    {
        var before = await db.Scalar("select count(*) from wolverine_queues.wolverine_queue_ingest");
        using var publisher = await BenchCommand.StartPublisher(db.Connection, "tension_test_publisher");
        var bus = publisher.Services.GetRequiredService<IMessageBus>();
        foreach (var article in articles) await bus.PublishAsync(article);
        await db.WaitUntil(async () => await db.Scalar("select count(*) from wolverine_queues.wolverine_queue_ingest") >= before + articles.Count
            || await db.Stored(articles.Select(a => a.ArticleId).ToArray()) > 0, "the articles in the queue table", 60);
        await publisher.StopAsync();
    }
}

/// <summary>A database of one test's own, dropped at the end; only its backends are ever terminated.</summary>
public sealed class FaultDatabase : IAsyncDisposable
{
    public string Name { get; }
    public string Connection { get; }
    readonly NpgsqlDataSource source;

    FaultDatabase(string name, string connection)
    {
        Name = name;
        Connection = connection;
        source = NpgsqlDataSource.Create(connection);
    }

    public static async Task<FaultDatabase> Create(string suffix)
    {
        var builder = new NpgsqlConnectionStringBuilder(HostFixture.Connection);
        var name = $"{builder.Database}_faults_{suffix}";
        await using (var admin = NpgsqlDataSource.Create(HostFixture.Connection))
        {
            await admin.CreateCommand($"drop database if exists {name} with (force)").ExecuteNonQueryAsync();
            await admin.CreateCommand($"create database {name}").ExecuteNonQueryAsync();
        }
        builder.Database = name;
        var db = new FaultDatabase(name, builder.ConnectionString);
        // A first host sets up the schema (queue, inbox, event store) and is killed before anything is published.
        await (await db.StartHost()).DisposeAsync();
        return db;
    }

    readonly List<HostFixture> hosts = [];

    /// <summary>A host process of its own on this database; killed (as by kill -9) when disposed, or at the end.</summary>
    public async Task<HostFixture> StartHost()
    {
        var host = new HostFixture(new() { ["ConnectionStrings__Marten"] = Connection });
        hosts.Add(host);
        await host.InitializeAsync();
        return host;
    }

    /// <summary>pg_terminate_backend for every other backend connected to this database (never another database's).</summary>
    public async Task<int> TerminateBackends() =>
        (int)await Scalar("select count(*) from (select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()) t");

    /// <summary>
    /// The database refuses connections for a while, as during a restart: its backends are terminated and new
    /// connections are refused (ALLOW_CONNECTIONS false, set from the tests' own database), then let in again.
    /// </summary>
    public async Task Outage(TimeSpan length)
    {
        await using var admin = NpgsqlDataSource.Create(HostFixture.Connection);
        await admin.CreateCommand($"alter database {Name} allow_connections false").ExecuteNonQueryAsync();
        try
        {
            for (var clock = System.Diagnostics.Stopwatch.StartNew(); clock.Elapsed < length; await Task.Delay(500))
                await admin.CreateCommand($"select pg_terminate_backend(pid) from pg_stat_activity where datname = '{Name}'").ExecuteNonQueryAsync();
        }
        finally { await admin.CreateCommand($"alter database {Name} allow_connections true").ExecuteNonQueryAsync(); }
    }

    public async Task<long> Stored(Guid[] ids) => await Scalar("select count(*) from tension.mt_doc_articleview where id = any($1)", ids);

    /// <summary>A row put straight into the ingest queue table, as a broken or foreign publisher would; its id.</summary>
    public async Task<Guid> QueueRow(byte[] body, string? messageType = null) =>
        await QueueRow(Guid.NewGuid(), body, messageType ?? typeof(IngestArticle).FullName!);

    /// <summary>An envelope written straight into the ingest queue table under its own id, as the sending side of the transport does.</summary>
    public async Task<Guid> QueueRow(Envelope envelope) => await QueueRow(envelope.Id, EnvelopeSerializer.Serialize(envelope), envelope.MessageType!);

    async Task<Guid> QueueRow(Guid id, byte[] body, string messageType)
    {
        await using var command = source.CreateCommand("insert into wolverine_queues.wolverine_queue_ingest (id, body, message_type) values ($1, $2, $3)");
        command.Parameters.Add(new() { Value = id });
        command.Parameters.Add(new() { Value = body });
        command.Parameters.Add(new() { Value = messageType });
        await command.ExecuteNonQueryAsync();
        return id;
    }

    /// <summary>What a node killed mid-drain leaves behind: queue rows moved into its inbox, Incoming and owned by it (node 1).</summary>
    public async Task<long> StrandTwoThirdsOfTheQueue(Guid except) => await Scalar("""
        with taken as (
            delete from wolverine_queues.wolverine_queue_ingest
            where id in (select id from wolverine_queues.wolverine_queue_ingest where id <> $1 order by timestamp limit (select count(*) * 2 / 3 from wolverine_queues.wolverine_queue_ingest))
            returning id, body, message_type)
        , stranded as (
            insert into tension.wolverine_incoming_envelopes (id, status, owner_id, body, message_type, received_at)
            select id, 'Incoming', 1, body, message_type, 'postgresql://ingest/' from taken returning id)
        select count(*) from stranded
        """, except);

    public async Task<string> WaitForDeadLetter(Guid id, HostFixture host)
    {
        string? reason = null;
        await WaitUntil(async () =>
        {
            await using var command = source.CreateCommand("select exception_message from tension.wolverine_dead_letters where id = $1");
            command.Parameters.Add(new() { Value = id });
            reason = await command.ExecuteScalarAsync() as string;
            return reason is not null;
        }, $"message {id} dead-lettered", 90, host);
        return reason!;
    }

    public async Task<List<string>> DeadLetters()
    {
        var all = new List<string>();
        await using var command = source.CreateCommand("select id, message_type, exception_type, exception_message from tension.wolverine_dead_letters");
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) all.Add($"{reader.GetGuid(0)} {reader.GetString(1)} {reader.GetString(2)}: {reader.GetString(3)}");
        return all;
    }

    public async Task Execute(string sql)
    {
        await using var command = source.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }

    public async Task<long> Scalar(string sql, object? parameter = null)
    {
        await using var command = source.CreateCommand(sql);
        if (parameter is not null) command.Parameters.Add(new() { Value = parameter });
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }

    /// <summary>Polls; a query failing meanwhile (the database being away) is retried, not fatal.</summary>
    public async Task WaitUntil(Func<Task<bool>> condition, string what, int seconds, HostFixture? host = null)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        Exception? last = null;
        while (DateTime.UtcNow < deadline)
        {
            try { if (await condition()) return; }
            catch (NpgsqlException e) { last = e; }
            await Task.Delay(200);
        }
        throw new TimeoutException($"never {what} within {seconds} s{(last is null ? "" : $" (last error: {last.Message})")}"
            + (host is null ? "" : $"\nhost log:\n{string.Join('\n', host.Log.TakeLast(40))}"));
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var host in hosts) await host.DisposeAsync();
        await source.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        await using var admin = NpgsqlDataSource.Create(HostFixture.Connection);
        await admin.CreateCommand($"drop database if exists {Name} with (force)").ExecuteNonQueryAsync();
    }
}
