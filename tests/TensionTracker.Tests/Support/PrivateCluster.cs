using System.Diagnostics;

namespace TensionTracker.Tests.Support;

/// <summary>
/// A PostgreSQL cluster of the test's own, to stop and start at will: ops/postgres.sh on a free port with its data
/// in a temporary folder (never the shared cluster the other tests use). Disposing stops it and deletes the folder,
/// whatever the test did. As root the script runs PostgreSQL as the postgres user and hands it the folder.
/// </summary>
public sealed class PrivateCluster : IAsyncDisposable
{
    readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("tension-pg-");
    public int Port { get; } = HostFixture.FreePort();
    string DataDir => Path.Combine(folder.FullName, "pg");
    public string Connection => $"Host=127.0.0.1;Port={Port};Database=tension;Username=postgres";

    PrivateCluster() { }

    public static async Task<PrivateCluster> Start()
    {
        var cluster = new PrivateCluster();
        try { await cluster.StartAgain(); }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
        return cluster;
    }

    /// <summary>pg_ctl start -w: returns once PostgreSQL accepts connections.</summary>
    public Task StartAgain() => Run("start");

    /// <summary>pg_ctl stop -m fast -w: returns once PostgreSQL is down.</summary>
    public Task Stop() => Run("stop");

    async Task Run(string command)
    {
        var start = new ProcessStartInfo(Path.Combine(HostFixture.Root, "ops", "postgres.sh"), [command, "--port", Port.ToString(), "--data", DataDir])
        {
            RedirectStandardOutput = true, RedirectStandardError = true,
        };
        start.Environment["TT_PG_DB"] = "tension";
        start.Environment["TT_PG_TUNING"] = "-c shared_buffers=32MB"; // the script's default is sized for a serving node
        using var script = Process.Start(start)!;
        var output = script.StandardOutput.ReadToEndAsync();
        var error = script.StandardError.ReadToEndAsync();
        await script.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromMinutes(2)).Token);
        if (script.ExitCode != 0)
            throw new InvalidOperationException($"ops/postgres.sh {command} --port {Port} failed ({script.ExitCode}): {await output}{await error}");
    }

    public async ValueTask DisposeAsync()
    {
        try { await Stop(); }
        finally { folder.Delete(recursive: true); }
    }
}
