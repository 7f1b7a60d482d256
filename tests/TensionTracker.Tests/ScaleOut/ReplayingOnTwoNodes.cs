using Npgsql;

namespace TensionTracker.Tests.ScaleOut;

public partial class two_nodes_over_rabbitmq
{
    [Fact]
    public async Task a_replay_started_on_one_node_runs_its_pages_over_the_broker_and_completes_without_scoring_twice()
    {
        var raw = Enumerable.Range(0, 40).Select(i => RawArticle(i)).ToList();
        await PublishRaw(raw);
        await WaitAllScored(raw.Select(r => r.Id).ToArray());
        var original = (await fx.Node1.Get("/api/models")).GetProperty("default").GetString()!;
        var model = await RegisterCopyOfTheDefault(original);

        // Small pages: many messages on the "replays" queue, which either node takes.
        var response = await fx.Node1.Http.PostAsync("/api/replays",
            new StringContent($$"""{"model": "{{model}}", "batchSize": 3}""", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(System.Net.HttpStatusCode.Accepted, response.StatusCode);
        var id = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString();
        var done = await fx.Node2.WaitFor($"/api/replays/{id}", r => r.GetProperty("status").GetString() != "running", seconds: 120);
        Assert.Equal("completed", done.GetProperty("status").GetString());
        Assert.Equal(done.GetProperty("articlesTotal").GetInt32(), done.GetProperty("articlesDone").GetInt32());

        await using var db = NpgsqlDataSource.Create(fx.Connection);
        await using var twice = db.CreateCommand("""
            select count(*) from (select 1 from tension.mt_events where type = 'statements_scored' and data->>'model' = $1
                                  group by stream_id, data->>'revision' having count(*) > 1) d
            """);
        twice.Parameters.Add(new() { Value = model });
        Assert.Equal(0L, (long)(await twice.ExecuteScalarAsync())!);
        foreach (var (articleId, _) in raw)
            Assert.Contains(model, (await fx.Node2.Get($"/api/articles/{articleId}")).GetProperty("statements").EnumerateArray().First().GetProperty("scores").EnumerateObject().Select(s => s.Name));
    }
}
