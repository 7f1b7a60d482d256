using Marten;

namespace TensionTracker.Articles;

/// <summary>
/// At start-up, before the bus runs: a database from before ArticleVersion (articles stored, no versions) gets the
/// projection built from its events, with one log line. Ingest decides duplicates with it, so it must be complete.
/// </summary>
public sealed class BuildArticleVersions(IDocumentStore store, ILogger<BuildArticleVersions> log) : IHostedService
{
    public async Task StartAsync(CancellationToken ct)
    {
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        await using (var session = store.QuerySession())
        {
            if (await session.Query<ArticleVersion>().AnyAsync(ct) || !await session.Query<ArticleView>().AnyAsync(ct)) return;
        }
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        using var daemon = await store.BuildProjectionDaemonAsync();
        await daemon.RebuildProjectionAsync<ArticleVersionProjection>(ct);
        log.LogInformation("built the article versions (which version we hold, which models scored it) from the events in {Seconds:0.0} s",
            System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds);
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
