using System.Net;
using System.Text.Json;
using TensionTracker.Tests.Support;
using static TensionTracker.Tests.Replays.ReplayHelpers;

namespace TensionTracker.Tests.Replays;

[Collection(HostCollection.Name)]
public class replaying_history_with_a_new_model(HostFixture host)
{
    [Fact]
    public async Task every_article_ends_up_scored_by_both_models_the_comparison_answers_for_every_pair_and_promotion_switches_the_default()
    {
        var models = await host.Get("/api/models");
        var a = models.GetProperty("default").GetString()!;
        var tag = $"replay-{Guid.NewGuid():N}"[..15];

        // History, scored by A only.
        var history = new List<string>();
        for (var i = 0; i < 16; i++) history.Add(await PostScored(host, Article(i, tag, daysAgo: 20 - i).Article));
        var b = await TrainSecondModel("tone-b");
        var listed = (await host.Get("/api/models")).GetProperty("items").EnumerateArray().Single(m => m.GetProperty("name").GetString() == b);
        Assert.False(listed.GetProperty("isDefault").GetBoolean());
        Assert.True(listed.GetProperty("metrics").GetProperty("stance_held_out").GetProperty("n").GetInt32() > 0, listed.ToString());

        // Replay with B while articles keep arriving: small batches, so it runs long enough to overlap.
        var replay = await StartReplay(host, b, batchSize: 2);
        var id = replay.GetProperty("id").GetString()!;
        var during = new List<string>();
        for (var i = 100; during.Count < 40; i++)
        {
            var article = await PostScored(host, Article(i, tag, daysAgo: 1).Article);
            // Counted as "during" only if the replay was still running once the article was stored.
            if ((await host.Get($"/api/replays/{id}")).Status() != "running") break;
            during.Add(article);
        }
        Assert.NotEmpty(during);
        var done = await WaitForReplay(host, id, r => r.Status() != "running");
        Assert.Equal("completed", done.Status());
        Assert.Equal(done.GetProperty("articlesTotal").GetInt32(), done.Done());
        Assert.True(done.GetProperty("statementsScored").GetInt64() > 0);
        Assert.NotNull(done.GetProperty("finishedAt").GetString());

        // Every article: both models' scores on every statement, one score event per model.
        foreach (var article in history.Concat(during))
        {
            var view = await host.Get($"/api/articles/{article}");
            var statements = view.GetProperty("statements").EnumerateArray().ToList();
            Assert.NotEmpty(statements);
            Assert.All(statements, s =>
            {
                Assert.True(s.GetProperty("scores").TryGetProperty(a, out _), $"{article}: no {a} score");
                Assert.True(s.GetProperty("scores").TryGetProperty(b, out _), $"{article}: no {b} score");
            });
            Assert.Equal(1, await ScoreEvents(Guid.Parse(article), a));
            Assert.Equal(1, await ScoreEvents(Guid.Parse(article), b));
        }
        // Every article analysed before the replay ended (the last one posted may have come after).
        Assert.Empty(await ArticlesNotScoredBy(b, before: done.GetProperty("finishedAt").GetDateTimeOffset()));
        Assert.Empty(await DuplicateScoreEvents(b));

        // Side by side: every pair A ranks is in the comparison with both indexes and their difference.
        var compare = await host.Get($"/api/compare?base={a}&candidate={b}");
        Assert.Equal(a, compare.GetProperty("base").GetString());
        Assert.Equal(b, compare.GetProperty("candidate").GetString());
        Assert.Equal(JsonValueKind.Number, compare.GetProperty("rankCorrelation").ValueKind);
        var items = compare.GetProperty("items").EnumerateArray().ToDictionary(i => i.GetProperty("pair").GetString()!);
        var ranked = (await host.Get($"/api/dyads?model={a}&top=1000")).GetProperty("items").EnumerateArray().Select(i => i.GetProperty("pair").GetString()!).ToList();
        Assert.All(AllPairs, pair => Assert.Contains(pair, ranked));
        Assert.Contains(items.Values, i => i.GetProperty("difference").ValueKind == JsonValueKind.Number && i.GetProperty("difference").GetDouble() != 0);
        foreach (var pair in ranked)
        {
            Assert.True(items.TryGetValue(pair, out var item), $"{pair} missing from the comparison");
            var (baseIndex, candidateIndex) = (item.GetProperty("base").GetDouble(), item.GetProperty("candidate").GetDouble());
            Assert.Equal(Math.Round(candidateIndex - baseIndex, 2), item.GetProperty("difference").GetDouble(), 2);
            var underA = await host.Get($"/api/dyads/{pair}?model={a}");
            var underB = await host.Get($"/api/dyads/{pair}?model={b}");
            Assert.Equal(underA.GetProperty("tension").GetDouble(), baseIndex, 2);
            Assert.Equal(underB.GetProperty("tension").GetDouble(), candidateIndex, 2);
        }

        // A pair's change over a period: news and model parts add up to the change.
        var from = DateTimeOffset.UtcNow.AddDays(-12).ToString("O");
        var split = (await host.Get($"/api/compare?base={a}&candidate={b}&pair=per-bol&from={Uri.EscapeDataString(from)}")).GetProperty("decomposition");
        var change = split.GetProperty("change").GetDouble();
        Assert.Equal(change, split.GetProperty("news").GetProperty("mean").GetDouble() + split.GetProperty("model").GetProperty("mean").GetDouble(), 0.05);

        // Promote B: reads default to B, A stays queryable by name; then A back, as the other tests expect.
        var promoted = await host.Http.PostAsync($"/api/models/{b}/promote", null);
        Assert.Equal(HttpStatusCode.OK, promoted.StatusCode);
        Assert.Equal(b, (await host.Get("/api/models")).GetProperty("default").GetString());
        Assert.Equal(b, (await host.Get("/api/dyads")).GetProperty("model").GetString());
        Assert.Equal(b, (await host.Get("/api/dyads/BOL-PER")).GetProperty("model").GetString());
        Assert.NotEmpty((await host.Get($"/api/dyads?model={a}")).GetProperty("items").EnumerateArray());
        // New articles are now scored by B (the default), not A.
        var after = await PostScored(host, Article(1, tag, daysAgo: 0.5).Article);
        Assert.Equal(1, await ScoreEvents(Guid.Parse(after), b));
        Assert.Equal(0, await ScoreEvents(Guid.Parse(after), a));

        Assert.Equal(HttpStatusCode.NotFound, (await host.Http.PostAsync("/api/models/no-such-model/promote", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await host.Http.PostAsync($"/api/models/{a}/promote", null)).StatusCode);
        Assert.Equal(a, (await host.Get("/api/models")).GetProperty("default").GetString());
    }

    [Fact]
    public async Task a_model_without_a_replayed_history_is_not_promoted_and_an_unknown_model_is_not_replayed()
    {
        var c = await CopyOfTheDefaultModel("tone-unreplayed");
        var refused = await host.Http.PostAsync($"/api/models/{c}/promote", null);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var unknown = await host.Http.PostAsync("/api/replays", JsonContent("""{"model": "no-such-model"}"""));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        var missing = await host.Http.PostAsync("/api/replays", JsonContent("{}"));
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await host.Http.GetAsync($"/api/replays/{Guid.NewGuid()}")).StatusCode);
    }

    static StringContent JsonContent(string json) => new(json, System.Text.Encoding.UTF8, "application/json");
}
