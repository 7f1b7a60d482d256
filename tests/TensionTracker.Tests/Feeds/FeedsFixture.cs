using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using TensionTracker.Tests.Support;

namespace TensionTracker.Tests.Feeds;

/// <summary>
/// The news site on loopback, and a real host on a database of its own (<c>&lt;test db&gt;_feeds</c>), so `feed list`
/// shows only these tests' feeds and no other host polls them. Every request to one host is allowed at once here
/// (Feeds__PerHostSeconds=0: everything is on 127.0.0.1), and intervals down to one second.
/// </summary>
public sealed class FeedsFixture : IAsyncLifetime
{
    public FeedServer Server { get; private set; } = null!;
    public HostFixture Host { get; private set; } = null!;
    Dictionary<string, string> environment = [];

    public async Task InitializeAsync()
    {
        var builder = new NpgsqlConnectionStringBuilder(HostFixture.Connection);
        var database = builder.Database + "_feeds";
        await using (var admin = NpgsqlDataSource.Create(HostFixture.Connection))
        {
            await admin.CreateCommand($"drop database if exists {database} with (force)").ExecuteNonQueryAsync();
            await admin.CreateCommand($"create database {database}").ExecuteNonQueryAsync();
        }
        builder.Database = database;
        environment = new()
        {
            ["ConnectionStrings__Marten"] = builder.ConnectionString,
            ["Feeds__PerHostSeconds"] = "0",
            ["Feeds__MinimumEverySeconds"] = "1",
        };
        Server = await FeedServer.Start();
        Host = new HostFixture(environment);
        await Host.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        if (Host is not null) await Host.DisposeAsync();
        if (Server is not null) await Server.DisposeAsync();
    }

    /// <summary>`tension ARGS` in its own process, on this fixture's database and settings.</summary>
    public async Task<(int ExitCode, string Output)> Cli(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet", [HostFixture.HostDll, .. args])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = HostFixture.Root,
        };
        start.Environment["TensionTracker__Seeds"] = Path.Combine(HostFixture.Root, "seeds");
        start.Environment["TensionTracker__Models"] = HostFixture.ModelsDir;
        foreach (var (k, v) in environment) start.Environment[k] = v;
        using var cli = Process.Start(start)!;
        var output = cli.StandardOutput.ReadToEndAsync();
        var error = cli.StandardError.ReadToEndAsync();
        await cli.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromMinutes(3)).Token);
        return (cli.ExitCode, await output + await error);
    }

    public async Task<JsonElement> AddFeed(string path, string every)
    {
        var response = await Host.Http.PostAsJsonAsync("/api/feeds", new { url = Server.BaseUrl + path, every });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Created, $"POST /api/feeds: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>Waits until the feed, as GET /api/feeds/{id} shows it, satisfies the condition (the host polls on its own schedule).</summary>
    public Task<JsonElement> WaitForPoll(string id, Func<JsonElement, bool> condition, int seconds = 90) =>
        Host.WaitFor($"/api/feeds/{id}", condition, seconds);
}
