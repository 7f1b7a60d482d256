using JasperFx;
using Marten;
using TensionTracker.Hosting;
using TensionTracker.Replays;
using TensionTracker.Tests.Support;

namespace TensionTracker.Tests.Articles;

[Collection(HostCollection.Name)]
public class coming_from_before_article_versions(HostFixture host)
{
    [Fact]
    public async Task a_database_without_article_versions_gets_them_from_its_events_at_start_and_a_known_article_stays_a_duplicate()
    {
        var dir = Directory.CreateTempSubdirectory("tension-versions-");
        var file = Path.Combine(dir.FullName, "one.json");
        await File.WriteAllTextAsync(file, $$"""
            {"url": "https://testwire.example/versions-{{Guid.NewGuid():N}}", "outlet": "Test Wire", "publishedAt": "2026-11-21T08:00:00Z",
             "title": "Finland protests to Estonia", "body": "HELSINKI (Test Wire) - Finland's foreign minister said Estonia had violated the fisheries deal and protested strongly."}
            """);
        var (_, first) = await HostFixture.RunCli("publish", file);
        var id = System.Text.RegularExpressions.Regex.Match(first, @"([0-9a-f-]{36}) accepted").Groups[1].Value;
        Assert.True(id.Length > 0, first);
        await host.WaitFor($"/api/articles/{id}", a => a.GetProperty("status").GetString() == "scored");

        // The database as a build before ArticleVersion left it: the articles and their events, no versions.
        await host.KillAndRestart(whileDown: async () =>
        {
            using var store = TestStore();
            await store.Advanced.Clean.DeleteDocumentsByTypeAsync(typeof(ArticleVersion));
        });

        Assert.Contains(host.Log, line => line.Contains("built the article versions"));
        var (_, again) = await HostFixture.RunCli("publish", file);
        Assert.Contains($"{id} duplicate", again);
        using var versions = TestStore();
        await using var session = versions.QuerySession();
        var version = await session.LoadAsync<ArticleVersion>(Guid.Parse(id));
        Assert.NotNull(version);
        Assert.Equal((1, ArticleStatus.Scored), (version.Revision, version.Status));
        Assert.NotEmpty(version.ScoredBy);
        Assert.True(version.Version > 1, "the stream version comes with the document");
    }

    static DocumentStore TestStore() => DocumentStore.For(opts =>
    {
        opts.Connection(HostFixture.Connection);
        opts.ConfigureArticles();
        opts.ConfigureModelsAndReplays();
        opts.AutoCreateSchemaObjects = AutoCreate.None;
    });
}
