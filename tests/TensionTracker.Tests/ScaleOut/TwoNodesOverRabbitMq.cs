using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using Npgsql;
using RabbitMQ.Client;
using TensionTracker.Tests.Support;
using Xunit.Abstractions;

namespace TensionTracker.Tests.ScaleOut;

/// <summary>
/// Scale-out: two host processes ("nodes") with <c>Bus__Transport=rabbitmq</c> against one PostgreSQL database
/// (its own, <c>&lt;test db&gt;_scaleout</c>) and one RabbitMQ (TT_TEST_RABBITMQ, started by ops/test.sh).
/// Without RabbitMQ these tests fail with the reason; they never skip.
/// </summary>
public sealed class ScaleOutFixture : IAsyncLifetime
{
    public const string Queue = "ingest";
    public string RabbitMq { get; private set; } = "";
    public string Connection { get; private set; } = "";
    public HostFixture Node1 { get; private set; } = null!;
    public HostFixture Node2 { get; private set; } = null!;
    public Dictionary<string, string> NodeEnvironment { get; private set; } = [];

    public async Task InitializeAsync()
    {
        RabbitMq = Environment.GetEnvironmentVariable("TT_TEST_RABBITMQ")
            ?? throw new InvalidOperationException("TT_TEST_RABBITMQ is not set: run the tests through ops/test.sh, which starts RabbitMQ (ops/rabbitmq.sh start) and exports it");
        try
        {
            // Leftovers of an earlier run on the same broker would land in this run's database: start empty.
            await using var connection = await new ConnectionFactory { Uri = new Uri(RabbitMq) }.CreateConnectionAsync();
            await using var channel = await connection.CreateChannelAsync();
            try { await channel.QueuePurgeAsync(Queue); } catch (RabbitMQ.Client.Exceptions.OperationInterruptedException) { /* not declared yet */ }
        }
        catch (Exception e) when (e is RabbitMQ.Client.Exceptions.BrokerUnreachableException or System.Net.Sockets.SocketException)
        {
            throw new InvalidOperationException($"RabbitMQ is not reachable at {Redacted(RabbitMq)} (start it with ops/rabbitmq.sh start): {e.Message}", e);
        }

        var builder = new NpgsqlConnectionStringBuilder(HostFixture.Connection);
        var database = builder.Database + "_scaleout";
        await using (var admin = NpgsqlDataSource.Create(HostFixture.Connection))
        {
            await admin.CreateCommand($"drop database if exists {database} with (force)").ExecuteNonQueryAsync();
            await admin.CreateCommand($"create database {database}").ExecuteNonQueryAsync();
        }
        builder.Database = database;
        Connection = builder.ConnectionString;

        NodeEnvironment = new()
        {
            ["ConnectionStrings__Marten"] = Connection,
            ["Bus__Transport"] = "rabbitmq",
            ["ConnectionStrings__RabbitMq"] = RabbitMq,
        };
        // TT_SCALEOUT_LOGS=DIR: Wolverine's information log of both nodes is written there at the end (diagnosis).
        if (LogDirectory is not null) NodeEnvironment["Logging__LogLevel__Wolverine"] = "Information";
        // One after the other: the first creates the schema, the second finds it.
        Node1 = new HostFixture(NodeEnvironment);
        await Node1.InitializeAsync();
        Node2 = new HostFixture(NodeEnvironment);
        await Node2.InitializeAsync();
    }

    static readonly string? LogDirectory = Environment.GetEnvironmentVariable("TT_SCALEOUT_LOGS");

    public async Task DisposeAsync()
    {
        if (LogDirectory is not null)
        {
            Directory.CreateDirectory(LogDirectory);
            if (Node1 is not null) await File.WriteAllLinesAsync(Path.Combine(LogDirectory, "node1.log"), Node1.Log.ToArray());
            if (Node2 is not null) await File.WriteAllLinesAsync(Path.Combine(LogDirectory, "node2.log"), Node2.Log.ToArray());
        }
        if (Node2 is not null) await Node2.DisposeAsync();
        if (Node1 is not null) await Node1.DisposeAsync();
    }

    static string Redacted(string uri) => new UriBuilder(uri) { Password = "" }.Uri.ToString();
}

public partial class two_nodes_over_rabbitmq(ScaleOutFixture fx, ITestOutputHelper output) : IClassFixture<ScaleOutFixture>
{
    static readonly (string A, string B)[] Pairs =
        [("Chile", "Peru"), ("Uruguay", "Paraguay"), ("Japan", "China"), ("Greece", "Turkey"), ("India", "Pakistan")];

    static string Body(int i)
    {
        var (a, b) = Pairs[i % Pairs.Length];
        return $"CAPITAL (Test Wire) - {a}'s foreign minister said on Tuesday that {b} had broken agreement number {i} and warned that {a} would respond.";
    }

    /// <summary>The plain JSON of an IngestArticle, as a publisher in any language writes it (camelCase).</summary>
    static (Guid Id, byte[] Json) RawArticle(int i, string? title = null, string? body = null, DateTimeOffset? publishedAt = null, bool omitBody = false)
    {
        var id = Guid.NewGuid();
        var article = new Dictionary<string, object?>
        {
            ["articleId"] = id,
            ["url"] = $"https://rawwire.example/{id:N}",
            ["canonicalUrl"] = $"https://rawwire.example/{id:N}",
            ["outlet"] = "Raw Wire",
            ["publishedAt"] = publishedAt ?? new DateTimeOffset(2026, 11, 20, 9, 0, 0, TimeSpan.Zero),
            ["title"] = title ?? $"{Pairs[i % Pairs.Length].A} warns {Pairs[i % Pairs.Length].B}",
            ["language"] = "en",
            ["contentHash"] = $"raw-{id:N}",
        };
        if (!omitBody) article["body"] = body ?? Body(i);
        return (id, JsonSerializer.SerializeToUtf8Bytes(article));
    }

    /// <summary>A raw AMQP publish with RabbitMQ's own client: no Wolverine headers, no message type.</summary>
    async Task PublishRaw(IEnumerable<(Guid Id, byte[] Json)> messages, bool withContentType = true)
    {
        await using var connection = await new ConnectionFactory { Uri = new Uri(fx.RabbitMq) }.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
        foreach (var (id, json) in messages)
        {
            var props = new BasicProperties { MessageId = id.ToString(), DeliveryMode = DeliveryModes.Persistent };
            if (withContentType) props.ContentType = "application/json";
            await channel.BasicPublishAsync("", ScaleOutFixture.Queue, mandatory: true, basicProperties: props, body: json);
        }
    }

    /// <summary>Times the bus, not HTTP polling: one query for how many of these articles are scored.</summary>
    async Task WaitAllScored(Guid[] ids, int seconds = 180)
    {
        await using var db = NpgsqlDataSource.Create(fx.Connection);
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        long scored = 0;
        while (DateTime.UtcNow < deadline)
        {
            await using var sql = db.CreateCommand("select count(*) from tension.mt_doc_articleview where id = any($1) and data->>'status' = 'scored'");
            sql.Parameters.Add(new() { Value = ids });
            scored = (long)(await sql.ExecuteScalarAsync())!;
            if (scored == ids.Length) return;
            await Task.Delay(50);
        }
        throw new TimeoutException($"only {scored} of {ids.Length} articles scored after {seconds} s");
    }

    async Task<long> IngestEvents(Guid id)
    {
        await using var db = NpgsqlDataSource.Create(fx.Connection);
        await using var sql = db.CreateCommand("select count(*) from tension.mt_events where stream_id = $1 and type = 'article_ingested'");
        sql.Parameters.Add(new() { Value = id });
        return (long)(await sql.ExecuteScalarAsync())!;
    }

    async Task<(string Type, string Message)?> DeadLetter(Guid id)
    {
        await using var db = NpgsqlDataSource.Create(fx.Connection);
        // Batched ingest hands a bad member on as IngestRejected: its dead letter names the article in its reason.
        await using var sql = db.CreateCommand("select exception_type, exception_message from tension.wolverine_dead_letters where id = $1 or exception_message like '%' || $1::text || '%'");
        sql.Parameters.Add(new() { Value = id });
        await using var reader = await sql.ExecuteReaderAsync();
        return await reader.ReadAsync() ? (reader.GetString(0), reader.GetString(1)) : null;
    }

    async Task<(string Type, string Message)> WaitForDeadLetter(Guid id, int seconds = 60)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (DateTime.UtcNow < deadline)
        {
            if (await DeadLetter(id) is { } found) return found;
            await Task.Delay(200);
        }
        throw new TimeoutException($"message {id} never reached tension.wolverine_dead_letters\nnode 1:\n{string.Join('\n', fx.Node1.Log.TakeLast(20))}\nnode 2:\n{string.Join('\n', fx.Node2.Log.TakeLast(20))}");
    }

    [Fact]
    public async Task both_nodes_consume_the_one_durable_ingest_queue()
    {
        await using var connection = await new ConnectionFactory { Uri = new Uri(fx.RabbitMq) }.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        var queue = await channel.QueueDeclarePassiveAsync(ScaleOutFixture.Queue);
        Assert.True(queue.ConsumerCount >= 2, $"expected both nodes on the queue, found {queue.ConsumerCount} consumer(s)");
    }

    [Fact]
    public async Task each_node_is_ready_only_with_its_rabbitmq_listener_accepting()
    {
        foreach (var node in new[] { fx.Node1, fx.Node2 })
        {
            var bus = (await node.Get("/health/ready")).GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "bus");
            Assert.Equal("Healthy", bus.GetProperty("status").GetString());
            Assert.Equal($"rabbitmq://queue/{ScaleOutFixture.Queue} Accepting", bus.GetProperty("description").GetString());
        }
    }

    [Fact]
    public async Task articles_over_http_to_node_1_and_raw_json_on_the_queue_all_show_up_once_on_node_2()
    {
        var count = int.TryParse(Environment.GetEnvironmentVariable("TT_SCALEOUT_ARTICLES"), out var n) ? n : 20;

        // Raw JSON straight onto the broker: half with a content type, half with no properties at all.
        var clock = Stopwatch.StartNew();
        var raw = Enumerable.Range(0, count).Select(i => RawArticle(i)).ToList();
        await PublishRaw(raw.Take(count / 2));
        await PublishRaw(raw.Skip(count / 2), withContentType: false);
        // The same raw message again (a publisher's retry) is still one article.
        await PublishRaw([raw[0]]);
        var rawPublished = clock.Elapsed;
        await WaitAllScored(raw.Select(r => r.Id).ToArray());
        var rawDone = clock.Elapsed;

        // Over HTTP to node 1, read on node 2.
        clock.Restart();
        var httpIds = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var answer = await fx.Node1.PostArticle(Support.Articles.Make($"scaleout-{i}", $"{Pairs[i % Pairs.Length].A} warns {Pairs[i % Pairs.Length].B}", Body(i)));
            Assert.Equal("accepted", answer.GetProperty("status").GetString());
            httpIds.Add(answer.GetProperty("articleId").GetString()!);
        }
        var httpPublished = clock.Elapsed;
        await WaitAllScored(httpIds.Select(Guid.Parse).ToArray());
        var httpDone = clock.Elapsed;
        output.WriteLine($"raw: {count} articles published in {rawPublished.TotalSeconds:F1} s, all scored and readable on node 2 after {rawDone.TotalSeconds:F1} s: {count / rawDone.TotalSeconds:F0} articles/s");
        output.WriteLine($"http: {count} POSTs to node 1 (one client, sequential) in {httpPublished.TotalSeconds:F1} s, all scored and readable on node 2 after {httpDone.TotalSeconds:F1} s: {count / httpDone.TotalSeconds:F0} articles/s");

        // Every one of them, read through node 2's API.
        foreach (var id in httpIds.Select(Guid.Parse).Concat(raw.Select(r => r.Id)))
        {
            await fx.Node2.WaitFor($"/api/articles/{id}", a => a.GetProperty("status").GetString() == "scored");
            var article = await fx.Node2.Get($"/api/articles/{id}");
            Assert.Equal(1, article.GetProperty("revision").GetInt32());
            Assert.NotEmpty(article.GetProperty("statements").EnumerateArray());
            Assert.Equal(1, await IngestEvents(id));
        }
        Assert.Equal("Raw Wire", (await fx.Node2.Get($"/api/articles/{raw[0].Id}")).GetProperty("outlet").GetString());
    }

    [Fact]
    public async Task an_invalid_raw_message_is_dead_lettered_in_postgresql_with_its_reason()
    {
        var noBody = RawArticle(1, omitBody: true);
        var future = RawArticle(2, publishedAt: DateTimeOffset.UtcNow.AddDays(10));
        var nul = RawArticle(3, body: "Chile's minister said\0 Peru had moved troops.");
        var good = RawArticle(4);
        await PublishRaw([noBody, future, nul, good]);

        var (type, message) = await WaitForDeadLetter(noBody.Id);
        Assert.Equal(typeof(TensionTracker.Articles.InvalidArticleException).FullName, type);
        Assert.Contains("missing or empty body", message);

        (type, message) = await WaitForDeadLetter(future.Id);
        Assert.Equal(typeof(TensionTracker.Articles.InvalidArticleException).FullName, type);
        Assert.Contains("in the future", message);

        (_, message) = await WaitForDeadLetter(nul.Id);
        Assert.Contains("NUL", message);

        // The bad ones stop nothing: the good one after them is ingested, and the bad ones never are.
        await fx.Node2.WaitFor($"/api/articles/{good.Id}", a => a.GetProperty("status").GetString() == "scored", seconds: 60);
        foreach (var bad in new[] { noBody.Id, future.Id, nul.Id })
        {
            Assert.Equal(0, await IngestEvents(bad));
            Assert.Equal(HttpStatusCode.NotFound, (await fx.Node2.Http.GetAsync($"/api/articles/{bad}")).StatusCode);
        }
    }

    [Fact]
    public async Task the_cli_publishes_onto_rabbitmq_too()
    {
        var dir = Directory.CreateTempSubdirectory("tt-scaleout-");
        try
        {
            var url = $"https://cliwire.example/{Guid.NewGuid():N}";
            await File.WriteAllTextAsync(Path.Combine(dir.FullName, "one.json"), JsonSerializer.Serialize(new
            {
                url, outlet = "CLI Wire", publishedAt = "2026-11-20T09:00:00Z", title = "Greece warns Turkey", body = Body(3),
            }));
            var start = new ProcessStartInfo("dotnet", [HostFixture.HostDll, "publish", dir.FullName])
            {
                RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = HostFixture.Root,
            };
            foreach (var (k, v) in fx.NodeEnvironment) start.Environment[k] = v;
            using var cli = Process.Start(start)!;
            var stdout = cli.StandardOutput.ReadToEndAsync();
            var stderr = cli.StandardError.ReadToEndAsync();
            await cli.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromMinutes(2)).Token);
            var printed = await stdout + await stderr;
            Assert.True(cli.ExitCode == 0, printed);
            var id = printed.Split('\t', '\n', ' ').First(w => Guid.TryParse(w, out _));
            await fx.Node2.WaitFor($"/api/articles/{id}", a => a.GetProperty("status").GetString() == "scored", seconds: 60);
            Assert.Equal("CLI Wire", (await fx.Node2.Get($"/api/articles/{id}")).GetProperty("outlet").GetString());
        }
        finally { dir.Delete(recursive: true); }
    }

    [Fact]
    public async Task a_raw_message_breaking_the_doors_rules_is_dead_lettered_with_its_reason()
    {
        // A lone surrogate can only come as raw JSON: a serializer would have replaced it.
        var surrogate = RawArticle(5, title: "Chile warns SURROGATE");
        surrogate.Json = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(surrogate.Json).Replace("SURROGATE", "\\ud800"));
        var noLetters = RawArticle(6, body: "\u200B\u200B \U0001F525");
        var longOutlet = RawArticle(7);
        longOutlet.Json = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(longOutlet.Json).Replace("\"Raw Wire\"", $"\"{new string('o', 100 * 1024)}\""));
        var credentials = RawArticle(8);
        credentials.Json = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(credentials.Json).Replace("\"url\":\"https://", "\"url\":\"https://reader:s3cret@"));
        await PublishRaw([surrogate, noLetters, longOutlet, credentials]);

        var (_, message) = await WaitForDeadLetter(surrogate.Id);
        Assert.Contains("$.title", message);   // Wolverine cannot read it: the JSON path is named
        (_, message) = await WaitForDeadLetter(noLetters.Id);
        Assert.Contains("body contains no letters", message);
        (_, message) = await WaitForDeadLetter(longOutlet.Id);
        Assert.Contains("outlet is longer than 200 characters", message);

        var stored = await fx.Node2.WaitFor($"/api/articles/{credentials.Id}", a => a.GetProperty("status").GetString() == "scored", seconds: 60);
        Assert.Equal($"https://rawwire.example/{credentials.Id:N}", stored.GetProperty("url").GetString());
        foreach (var bad in new[] { surrogate.Id, noLetters.Id, longOutlet.Id }) Assert.Equal(0, await IngestEvents(bad));
    }
}
