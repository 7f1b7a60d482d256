using System.Text.Json;
using TensionTracker.Tests.Support;
using static TensionTracker.Tests.Replays.ReplayHelpers;

namespace TensionTracker.Tests.DeepLane;

/// <summary>
/// The deep model scores new articles in a lane of its own: ingest stores the fast model's scores at once, and the deep
/// scores follow when the lane gets to them. A database of its own, so the deep model registered here never reaches the
/// other tests' articles.
/// </summary>
public class the_deep_lane : IAsyncLifetime
{
    const string Deep = "deep-minilm-v1";
    string connection = "";

    public async Task InitializeAsync()
    {
        connection = await Databases.Fresh("_deep_lane");
        var env = new Dictionary<string, string> { ["ConnectionStrings__Marten"] = connection };
        var (exit, output) = await HostFixture.RunCli(env, "model", "register", "--name", Deep);
        Assert.True(exit == 0, output);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    HostFixture Host(bool laneEnabled) => new(new Dictionary<string, string>
    {
        ["ConnectionStrings__Marten"] = connection,
        ["TensionTracker__DeepLane__Enabled"] = laneEnabled ? "true" : "false",
    });

    [Fact]
    public async Task an_article_gets_the_fast_scores_at_once_and_the_deep_scores_when_the_lane_catches_up()
    {
        await using var host = new Disposing(Host(laneEnabled: true));
        await host.Fixture.InitializeAsync();
        var fast = (await host.Fixture.Get("/api/models")).GetProperty("default").GetString()!;

        var ids = new List<string>();
        for (var i = 0; i < 6; i++) ids.Add(await PostScored(host.Fixture, Article(i, "deep-lane").Article));

        foreach (var id in ids)
        {
            var article = await host.Fixture.WaitFor($"/api/articles/{id}", a => Statements(a).All(s => s.GetProperty("scores").TryGetProperty(Deep, out _)), seconds: 120);
            var statements = Statements(article);
            Assert.NotEmpty(statements);
            Assert.All(statements, s =>
            {
                Assert.True(s.GetProperty("scores").TryGetProperty(fast, out _), $"{id}: no {fast} score");
                var deep = s.GetProperty("scores").GetProperty(Deep);
                Assert.InRange(deep.GetProperty("stance").GetDouble(), -1, 1);
                Assert.Contains(deep.GetProperty("class").GetString(), new[] { "conflict", "neutral", "cooperation" });
            });
        }
        var lanes = await host.Fixture.WaitFor("/api/models", m => Lane(m, Deep).GetProperty("articlesWaiting").GetInt64() == 0);
        Assert.Equal("deep", Lane(lanes, Deep).GetProperty("lane").GetString());
        Assert.Equal("ingest", Lane(lanes, fast).GetProperty("lane").GetString());
    }

    [Fact]
    public async Task ingest_goes_on_while_the_lane_is_stopped_and_the_lane_catches_up_when_it_runs_again()
    {
        var ids = new List<string>();
        var stopped = Host(laneEnabled: false);
        await stopped.InitializeAsync();
        var fast = (await stopped.Get("/api/models")).GetProperty("default").GetString()!;
        try
        {
            // Every article stored and scored by the fast model while the lane does nothing.
            for (var i = 0; i < 8; i++) ids.Add(await PostScored(stopped, Article(i, "deep-stopped").Article));
            foreach (var id in ids)
            {
                var article = await stopped.Get($"/api/articles/{id}");
                Assert.Equal("scored", article.GetProperty("status").GetString());
                Assert.All(Statements(article), s =>
                {
                    Assert.True(s.GetProperty("scores").TryGetProperty(fast, out _));
                    Assert.False(s.GetProperty("scores").TryGetProperty(Deep, out _));
                });
            }
            var behind = await stopped.WaitFor("/api/models", m => Lane(m, Deep).GetProperty("articlesWaiting").GetInt64() == ids.Count);
            Assert.False(Lane(behind, Deep).GetProperty("running").GetBoolean());
            Assert.True(Lane(behind, Deep).GetProperty("oldestWaitingSeconds").GetDouble() >= 0);
            Assert.NotNull(await stopped.Terminate(TimeSpan.FromSeconds(60)));
        }
        finally { await stopped.DisposeAsync(); }

        // The same database, the lane running: it scores what waited.
        await using var running = new Disposing(Host(laneEnabled: true));
        await running.Fixture.InitializeAsync();
        foreach (var id in ids)
            await running.Fixture.WaitFor($"/api/articles/{id}", a => Statements(a).All(s => s.GetProperty("scores").TryGetProperty(Deep, out _)), seconds: 120);
        await running.Fixture.WaitFor("/api/models", m => Lane(m, Deep).GetProperty("articlesWaiting").GetInt64() == 0);
    }

    static List<JsonElement> Statements(JsonElement article) => article.GetProperty("statements").EnumerateArray().ToList();

    static JsonElement Lane(JsonElement models, string model) =>
        models.GetProperty("lanes").EnumerateArray().Single(l => l.GetProperty("model").GetString() == model);

    sealed class Disposing(HostFixture fixture) : IAsyncDisposable
    {
        public HostFixture Fixture => fixture;
        public async ValueTask DisposeAsync() => await fixture.DisposeAsync();
    }
}
