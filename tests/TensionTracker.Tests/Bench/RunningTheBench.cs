using System.Text.Json;
using Npgsql;
using TensionTracker.Tests.Support;

namespace TensionTracker.Tests.Bench;

/// <summary>
/// The benchmark suite on a tiny corpus, so it cannot rot: every figure the README promises is reported, as a
/// number or as n/a with its reason, on stdout and in the JSON file. No figure is compared with a speed here.
/// </summary>
public class running_the_bench
{
    static readonly string[] Measured =
    [
        "ingest_articles_per_s", "ingest_statements_per_s", "projection_lag_p50_ms", "projection_lag_p99_ms",
        "copy_limit_articles_per_s", "insert_limit_articles_per_s", "ingest_to_copy_ratio",
        "extract_articles_per_s_per_core", "score_statements_per_s_per_core",
        "clean_articles_per_s_per_core", "clean_1mib_script_ms", "clean_1mib_comment_ms", "clean_1mib_nested_div_ms",
        "dyads_p50_ms", "dyads_p95_ms", "series_p50_ms", "series_p95_ms",
    ];

    // Reported as n/a with a reason where this build cannot measure them yet (the peer not installed, no replay).
    static readonly string[] MeasuredOrExplained = ["vader_statements_per_s", "replay_statements_per_s", "replay_peak_mb"];

    [Fact]
    public async Task a_tiny_bench_reports_every_figure_on_stdout_and_in_its_json_file()
    {
        var output = Path.Combine(Directory.CreateTempSubdirectory("tension-bench-").FullName, "bench.json");
        var database = new NpgsqlConnectionStringBuilder(HostFixture.Connection).Database + "_bench";
        var (exit, stdout) = await HostFixture.RunCli("bench", "--articles", "30", "--seconds", "1", "--lag-seconds", "1",
            "--database", database, "--output", output);
        Assert.True(exit == 0, stdout);

        var lines = stdout.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
        string LineOf(string name) => lines.FirstOrDefault(l => l.StartsWith(name + " ", StringComparison.Ordinal))
            ?? throw new Xunit.Sdk.XunitException($"no line for {name} in:\n{stdout}");

        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(output));
        var figures = json.RootElement.GetProperty("figures");
        foreach (var name in Measured)
        {
            var parts = LineOf(name).Split(' ');
            Assert.True(double.TryParse(parts[1], System.Globalization.CultureInfo.InvariantCulture, out _), $"{name} is not a number: {LineOf(name)}");
            Assert.Equal(JsonValueKind.Number, figures.GetProperty(name).GetProperty("value").ValueKind);
            Assert.False(string.IsNullOrEmpty(figures.GetProperty(name).GetProperty("unit").GetString()));
        }
        foreach (var name in MeasuredOrExplained)
        {
            var line = LineOf(name);
            var figure = figures.GetProperty(name);
            if (figure.GetProperty("value").ValueKind == JsonValueKind.Null)
            {
                Assert.Contains(" n/a ", line);
                Assert.False(string.IsNullOrWhiteSpace(figure.GetProperty("note").GetString()), $"{name} is n/a without a reason");
            }
            else Assert.Equal(JsonValueKind.Number, figure.GetProperty("value").ValueKind);
        }
        Assert.True(json.RootElement.GetProperty("machine").GetProperty("cores").GetInt32() > 0);
    }

    [Fact]
    public async Task a_kept_bench_database_takes_a_second_drain_on_top_of_its_history()
    {
        var database = new NpgsqlConnectionStringBuilder(HostFixture.Connection).Database + "_bench_after";
        var (exit, stdout) = await HostFixture.RunCli("bench", "--articles", "20", "--ingest-only", "--keep", "--database", database);
        Assert.True(exit == 0, stdout);
        (exit, stdout) = await HostFixture.RunCli("bench", "--articles", "20", "--after", "20", "--ingest-only", "--keep", "--database", database);
        Assert.True(exit == 0, stdout);
        Assert.Contains("ingest_articles_per_s ", stdout);

        // The first run's 20 articles and the next 20 of the same corpus, none twice.
        var connection = new NpgsqlConnectionStringBuilder(HostFixture.Connection) { Database = database, Pooling = false }.ConnectionString;
        await using (var db = new NpgsqlConnection(connection))
        {
            await db.OpenAsync();
            await using var count = new NpgsqlCommand("select count(*) from tension.mt_doc_articleview", db);
            Assert.Equal(40L, (long)(await count.ExecuteScalarAsync())!);
        }
        await using var admin = new NpgsqlConnection(HostFixture.Connection);
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"drop database if exists {database} with (force)", admin);
        await drop.ExecuteNonQueryAsync();
    }
}
