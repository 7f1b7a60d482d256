using Npgsql;
using TensionTracker.Tests.Support;

namespace TensionTracker.Tests.Hosting;

/// <summary><c>tension publish</c> while PostgreSQL is away: it retries for --retry-seconds, then reports and gives up.</summary>
public class publishing_while_the_database_is_unavailable
{
    [Fact]
    public async Task gives_up_after_its_retries_and_still_ends_with_its_summary_line()
    {
        var dir = Articles();
        var nobody = $"Host=127.0.0.1;Port={HostFixture.FreePort()};Database=tension;Username=postgres"; // nothing listens there

        using var cli = HostFixture.StartCli(new Dictionary<string, string> { ["ConnectionStrings__Marten"] = nobody }, "publish", dir.FullName, "--retry-seconds", "10");
        var stdout = cli.StandardOutput.ReadToEndAsync();
        var stderr = cli.StandardError.ReadToEndAsync();
        await cli.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromMinutes(2)).Token);
        var lines = (await stdout).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(1, cli.ExitCode);
        Assert.Contains("retrying in", await stderr);
        Assert.Contains(lines, l => l.StartsWith(Path.Combine(dir.FullName, "good.json") + "\t") && l.Contains(" failed: database unavailable ("));
        Assert.Contains(lines, l => l.StartsWith(Path.Combine(dir.FullName, "bad.json") + "\trejected: body is required"));
        Assert.Equal("published 0, rejected 1, failed 1, from 2 file(s)", lines.Last());
    }

    [Fact]
    public async Task publishes_once_the_database_returns_during_its_retries()
    {
        await using var pg = await PrivateCluster.Start();
        await pg.Stop();
        var dir = Articles();
        using var cli = HostFixture.StartCli(new Dictionary<string, string> { ["ConnectionStrings__Marten"] = pg.Connection }, "publish", dir.FullName, "--retry-seconds", "120");
        var stdout = new List<string>();
        var retrying = new TaskCompletionSource();
        cli.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (stdout) stdout.Add(e.Data); };
        cli.ErrorDataReceived += (_, e) => { if (e.Data?.Contains("retrying in") == true) retrying.TrySetResult(); };
        cli.BeginOutputReadLine();
        cli.BeginErrorReadLine();

        await retrying.Task.WaitAsync(TimeSpan.FromSeconds(60)); // it has met the outage
        await pg.StartAgain();
        await cli.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromMinutes(3)).Token);
        cli.WaitForExit(); // the last lines of output

        Assert.Equal(1, cli.ExitCode); // bad.json is rejected
        Assert.Equal("published 1, rejected 1, failed 0, from 2 file(s)", stdout.Last());
        Assert.Contains(stdout, l => l.StartsWith(Path.Combine(dir.FullName, "good.json") + "\t") && l.EndsWith(" accepted"));
        // No host runs on this cluster: the article waits, once, on the ingest queue.
        await using var db = NpgsqlDataSource.Create(pg.Connection);
        Assert.Equal(1L, await db.CreateCommand("select count(*) from wolverine_queues.wolverine_queue_ingest").ExecuteScalarAsync());
    }

    static DirectoryInfo Articles()
    {
        var dir = Directory.CreateTempSubdirectory("tension-cli-outage-");
        File.WriteAllText(Path.Combine(dir.FullName, "good.json"), $$"""
            {"url": "https://testwire.example/outage-{{Guid.NewGuid():N}}", "outlet": "Test Wire", "publishedAt": "2026-11-21T08:00:00Z",
             "title": "Finland protests to Estonia", "body": "HELSINKI (Test Wire) - Finland's foreign minister said Estonia had violated the fisheries deal."}
            """);
        File.WriteAllText(Path.Combine(dir.FullName, "bad.json"), """
            {"url": "https://testwire.example/outage-bad", "outlet": "Test Wire", "publishedAt": "2026-11-21T08:00:00Z", "title": "No body"}
            """);
        return dir;
    }
}
