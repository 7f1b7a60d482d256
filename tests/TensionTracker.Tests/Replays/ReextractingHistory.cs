using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using JasperFx;
using Marten;
using Npgsql;
using TensionTracker.Articles;
using TensionTracker.Hosting;
using TensionTracker.Replays;
using TensionTracker.Tests.Support;
using TensionTracker.Text.Extraction;
using TensionTracker.Text.Scoring;
using static TensionTracker.Tests.Replays.ReplayHelpers;

namespace TensionTracker.Tests.Replays;

[Collection(HostCollection.Name)]
public class reextracting_history(HostFixture host)
{
    const string Older = "extractor-0";

    [Fact]
    public async Task history_from_an_older_extractor_is_extracted_again_scored_by_the_models_that_scored_it_and_still_readable_as_it_was()
    {
        var a = (await host.Get("/api/models")).GetProperty("default").GetString()!;
        var b = await CopyOfTheDefaultModel("tone-x");
        var tag = $"reextract-{Guid.NewGuid():N}"[..18];
        var ids = new List<Guid>();
        for (var i = 0; i < 12; i++) ids.Add(Guid.Parse(await PostScored(host, Article(i, tag, daysAgo: 6 - i * 0.1).Article)));
        var pair = Article(1, tag).Pair;
        var original = await Tension(pair, a);
        var originalStatements = new Dictionary<Guid, int>();
        foreach (var id in ids) originalStatements[id] = (await host.Get($"/api/articles/{id}")).GetProperty("statements").GetArrayLength();

        // History as an older extractor left it: every other statement, read as hostile by A, and by B on half the articles.
        await using (var store = TestStore())
        await using (var session = store.LightweightSession())
        {
            var now = DateTimeOffset.UtcNow;
            foreach (var (id, i) in ids.Select((id, i) => (id, i)))
            {
                var view = (await session.LoadAsync<ArticleView>(id))!;
                var kept = view.Statements.Where(s => s.Index % 2 == 0)
                    .Select(s => new StatementRecord(s.Start, s.End - s.Start, s.Section, s.Speaker, s.SpeakerRole, s.SpeakerCountry, s.Targets, s.Direct)).ToArray();
                var hostile = kept.Select(_ => new StatementScore(-0.8f, -0.8f, StanceClasses.Conflict)).ToArray();
                var events = new List<object>
                {
                    // Test scaffolding: the same event a re-extraction writes, here going back to the older extractor.
                    new ArticleReextracted(id, view.Revision, Older, view.ExtractorVersion!, now),
                    new StatementsExtracted(id, view.Revision, Older, kept, now, view.PublishedAt),
                };
                // These templated articles are near-copies: a copy's statements count under its original.
                if (view.CopyOf is { } originalArticle) events.Add(new ArticleLinkedAsCopy(id, originalArticle, view.CopySimilarity ?? 0, now));
                events.Add(new StatementsScored(id, view.Revision, Older, a, hostile, now));
                if (i % 2 == 0) events.Add(new StatementsScored(id, view.Revision, Older, b, hostile, now));
                session.Events.Append(id, events);
            }
            await session.SaveChangesAsync();
        }
        var legacy = await Tension(pair, a);
        Assert.True(legacy > original, $"the hostile older reading should raise {pair}: {legacy} vs {original}");
        await Task.Delay(1100);
        var beforeReplay = DateTimeOffset.UtcNow;
        await Task.Delay(1100);

        var response = await host.Http.PostAsJsonAsync("/api/replays", new { extractor = StatementExtractor.Version, batchSize = 5 });
        var started = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, started.ToString());
        Assert.Equal("extractor", started.GetProperty("kind").GetString());
        var done = await WaitForReplay(host, started.GetProperty("id").GetString()!, r => r.Status() != "running");
        Assert.Equal("completed", done.Status());
        Assert.Equal(StatementExtractor.Version, done.GetProperty("extractor").GetString());
        Assert.True(done.GetProperty("articlesScored").GetInt32() >= ids.Count, done.ToString());

        // Every article: this build's statements again, scored by A everywhere and by B exactly where B had scored.
        foreach (var (id, i) in ids.Select((id, i) => (id, i)))
        {
            var view = await host.Get($"/api/articles/{id}");
            Assert.Equal(StatementExtractor.Version, view.GetProperty("extractorVersion").GetString());
            var statements = view.GetProperty("statements").EnumerateArray().ToList();
            Assert.Equal(originalStatements[id], statements.Count);
            Assert.All(statements, s =>
            {
                Assert.True(s.GetProperty("scores").TryGetProperty(a, out _), $"{id}: no {a} score");
                Assert.Equal(i % 2 == 0, s.GetProperty("scores").TryGetProperty(b, out _));
            });
        }
        Assert.Empty(await OpenEvidenceFrom(Older));
        // The index is what this build's extraction gave in the first place; as known before the replay, the older reading.
        Assert.Equal(original, await Tension(pair, a), 2);
        Assert.Equal(legacy, await Tension(pair, a, beforeReplay), 2);

        // Run again: nothing is left to re-extract.
        response = await host.Http.PostAsJsonAsync("/api/replays", new { extractor = StatementExtractor.Version });
        var again = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var second = await WaitForReplay(host, again.GetProperty("id").GetString()!, r => r.Status() != "running");
        Assert.Equal("completed", second.Status());
        Assert.Equal(0, second.GetProperty("articlesScored").GetInt32());
    }

    [Fact]
    public async Task a_replay_request_names_either_a_model_or_this_builds_extractor()
    {
        Assert.Equal(HttpStatusCode.Conflict, (await host.Http.PostAsJsonAsync("/api/replays", new { extractor = "extractor-999" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await host.Http.PostAsJsonAsync("/api/replays", new { model = "x", extractor = "y" })).StatusCode);
    }

    /// <summary>A Marten store on the test database with the host's projections, to write history the way an older build would have.</summary>
    static DocumentStore TestStore() => DocumentStore.For(opts =>
    {
        opts.Connection(HostFixture.Connection);
        opts.ConfigureArticles();
        opts.ConfigureModelsAndReplays();
        opts.AutoCreateSchemaObjects = AutoCreate.None;
    });

    async Task<double> Tension(string pair, string model, DateTimeOffset? asOf = null)
    {
        var query = asOf is null ? "" : $"&asOf={Uri.EscapeDataString(asOf.Value.ToString("O"))}";
        return (await host.Get($"/api/dyads/{pair}?model={model}{query}")).GetProperty("tension").GetDouble();
    }

    static async Task<List<string>> OpenEvidenceFrom(string extractor)
    {
        await using var db = NpgsqlDataSource.Create(HostFixture.Connection);
        await using var command = db.CreateCommand("""
            select article_id::text from tension.dyad_readings where extractor_version = $1 and removed_at is null
            union all
            select article_id::text from tension.dyad_statements where extractor_version = $1 and closed_at is null
            """);
        command.Parameters.Add(new() { Value = extractor });
        var rows = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) rows.Add(reader.GetString(0));
        return rows;
    }
}
