using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.Json;
using JasperFx.CommandLine;
using Microsoft.Extensions.Options;
using Npgsql;
using TensionTracker.Articles;
using TensionTracker.Hosting;
using TensionTracker.Pipeline;
using Wolverine;
using Wolverine.Postgresql;
using Wolverine.Postgresql.Transport;

namespace TensionTracker.Bench;

public class BenchInput : NetCoreInput
{
    [Description("Articles in the generated corpus (the ingest backlog); default 2000")]
    [FlagAlias("articles")]
    public int ArticlesFlag { get; set; } = 2_000;

    [Description("Seed of the corpus generator; default 42")]
    [FlagAlias("seed")]
    public int SeedFlag { get; set; } = 42;

    [Description("Where to write the figures as JSON; default .artifacts/bench/bench-<time>.json")]
    [FlagAlias("output")]
    public string? OutputFlag { get; set; }

    [Description("The bench's own database, dropped and created by the bench; default tension_bench")]
    [FlagAlias("database")]
    public string DatabaseFlag { get; set; } = "tension_bench";

    [Description("Publishing rate while measuring projection lag, articles/s; default 300")]
    [FlagAlias("lag-rate")]
    public int LagRateFlag { get; set; } = 300;

    [Description("Seconds of publishing while measuring projection lag; default 10")]
    [FlagAlias("lag-seconds")]
    public int LagSecondsFlag { get; set; } = 10;

    [Description("Seconds per measurement for extraction, scoring and each read endpoint; default 10")]
    [FlagAlias("seconds")]
    public int SecondsFlag { get; set; } = 10;

    [Description("Only the ingest drain (publish the backlog, drain it, the host's memory peak): skip the limits, text speed, lag, reads and replay")]
    [FlagAlias("ingest-only")]
    public bool IngestOnlyFlag { get; set; }

    [Description("A deep model (NAME.zip in the models folder) to measure per core and to run in its lane beside the ingest drain")]
    [FlagAlias("deep-model")]
    public string? DeepModelFlag { get; set; }

    [Description("Ingest on top of the bench database as it is (kept by an earlier --keep run of the same seed with --articles N): the backlog is the corpus's articles after its first N; with --ingest-only")]
    [FlagAlias("after")]
    public int AfterFlag { get; set; }

    [Description("Keep the bench database afterwards")]
    [FlagAlias("keep")]
    public bool KeepFlag { get; set; }
}

/// <summary>
/// tension bench: every speed docs/benchmarks.md reports, measured in one run on a fresh database against PostgreSQL's
/// own limit and the peer tool. Prints one `name value unit` line per figure and writes them as JSON.
/// </summary>
[Description("Measure ingest, the PostgreSQL limit, extraction, scoring, VADER, replay and reads on a generated corpus", Name = "bench")]
public class BenchCommand : JasperFxAsyncCommand<BenchInput>
{
    /// <summary>The corpus's news timeline ends here (fixed, so a seed always gives the same articles).</summary>
    public static readonly DateTimeOffset CorpusEnd = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    public override async Task<bool> Execute(BenchInput input)
    {
        if (input.ArticlesFlag < 10) { Console.Error.WriteLine("--articles must be at least 10"); return false; }
        if (input.AfterFlag < 0 || input.AfterFlag > 0 && !input.IngestOnlyFlag) { Console.Error.WriteLine("--after takes a count of articles, with --ingest-only"); return false; }
        var total = Stopwatch.StartNew();
        var configuration = new ConfigurationBuilder().AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
            .AddEnvironmentVariables().Build();
        var pipelineOptions = configuration.GetSection("TensionTracker").Get<PipelineOptions>() ?? new PipelineOptions();
        var seeds = Path.GetFullPath(pipelineOptions.SeedsPath);
        var root = Path.GetDirectoryName(seeds)!;
        var connection = BenchDatabase(Storage.ConnectionString(configuration), input.DatabaseFlag);
        var output = input.OutputFlag ?? Path.Combine(".artifacts", "bench", $"bench-{DateTime.UtcNow:yyyyMMdd-HHmmss}.json");
        var report = new BenchReport();

        if (input.AfterFlag == 0) await RecreateDatabase(connection);
        await using var db = NpgsqlDataSource.Create(connection);
        await Describe(report, db, input);

        // 1. The corpus: the ingest backlog, then the articles published while measuring lag.
        Console.Error.WriteLine($"bench: generating {input.ArticlesFlag} articles (seed {input.SeedFlag})");
        var lagCount = Math.Max(10, Math.Min(input.LagRateFlag * input.LagSecondsFlag, input.ArticlesFlag / 4));
        var corpus = new SyntheticCorpus(SyntheticCorpus.LoadGazetteer(Path.Combine(seeds, "gazetteer", "world_countries.tsv")), input.SeedFlag, CorpusEnd);
        // On top of a kept database: the articles after those it holds (the same seed gives the same corpus).
        var generated = corpus.Generate(input.AfterFlag + input.ArticlesFlag + lagCount).Skip(input.AfterFlag).ToList();
        var now = DateTimeOffset.UtcNow;
        var commands = generated.Select(a => ArticleValidation.Validate(new ArticleSubmission(a.Url, a.Outlet, a.PublishedAt, a.Title, a.Body), now).Command
            ?? throw new InvalidOperationException($"the generator made an invalid article: {a.Url}")).ToList();
        var backlog = commands.Take(input.ArticlesFlag).ToList();
        var lagArticles = commands.Skip(input.ArticlesFlag).ToList();
        var words = generated.Take(input.ArticlesFlag).Select(a => SyntheticCorpus.WordCount(a.Body)).ToList();
        report.Add("corpus_articles", backlog.Count, "articles", $"{generated.Take(input.ArticlesFlag).Count(a => a.IsCopy)} syndicated copies; plus {lagCount} for the lag phase");
        report.Add("corpus_words_mean", words.Average(), "words", $"min {words.Min()}, max {words.Max()}");

        var budget = TimeSpan.FromSeconds(input.SecondsFlag);
        if (!input.IngestOnlyFlag)
        {
            // 2. PostgreSQL's own limit for the same article JSON.
            Console.Error.WriteLine("bench: PostgreSQL limit (COPY, batched INSERT)");
            var json = generated.Take(input.ArticlesFlag).Zip(backlog, (a, c) => (c.ArticleId,
                JsonSerializer.Serialize(new { url = a.Url, outlet = a.Outlet, publishedAt = a.PublishedAt, title = a.Title, body = a.Body }))).ToList();
            await PostgresLimit.Measure(db, json, report);

            // 3. Cleaning, extraction and scoring per core, and the peer on the same statements.
            Console.Error.WriteLine("bench: cleaning, extraction and scoring per core, VADER");
            var pipeline = new TextPipeline(Options.Create(new PipelineOptions { Seeds = seeds, DefaultModel = pipelineOptions.DefaultModel }));
            TextSpeed.MeasureCleaning(generated.Take(input.ArticlesFlag).ToList(), budget, report);
            var statements = TextSpeed.Measure(pipeline, backlog, budget, report);
            if (input.DeepModelFlag is { } deep) DeepSpeed.MeasurePerCore(Path.GetFullPath(pipelineOptions.ModelsPath), deep, statements, budget, report);
            await VaderSpeed.Measure(root, statements, report);
            if (report.Figures.FirstOrDefault(f => f.Name == "vader_statements_per_s")?.Value is { } vader
                && report.Figures.FirstOrDefault(f => f.Name == "score_statements_per_s_per_core")?.Value is { } score)
                report.Add("score_to_vader_ratio", score / vader, "x", "ML.NET per core / VADER npm, same statements");
            statements.Clear();
        }

        // 4. Ingest: publish the backlog with the host stopped, then start it and let it drain.
        var stored = await StoreProgress.Start(db);
        Console.Error.WriteLine($"bench: publishing {backlog.Count} articles onto the ingest queue ({stored.Held} already stored)");
        using var publisher = await StartPublisher(connection);
        var bus = publisher.Services.GetRequiredService<IMessageBus>();
        await IngestSpeed.Publish(bus, db, backlog, report);

        Console.Error.WriteLine("bench: starting the host and draining the queue");
        var models = ReplaySpeed.PrepareModels(Path.GetFullPath(pipelineOptions.ModelsPath), pipelineOptions.DefaultModel);
        var environment = new Dictionary<string, string> { ["TensionTracker__Models"] = models };
        // The deep model registered before the drain: its lane runs beside the ingest.
        if (input.DeepModelFlag is { } deepModel)
        {
            foreach (var file in Directory.EnumerateFiles(Path.GetFullPath(pipelineOptions.ModelsPath), deepModel + ".*"))
                File.Copy(file, Path.Combine(models, Path.GetFileName(file)), overwrite: true);
            var (exit, said) = await BenchHost.RunCli(connection, seeds, environment, ["model", "register", "--name", deepModel]);
            if (exit != 0) throw new InvalidOperationException($"could not register {deepModel}: {said}");
        }
        await using (var host = await BenchHost.Start(connection, seeds, environment))
        {
            await IngestSpeed.Drain(host, db, backlog.Select(c => c.ArticleId).Distinct().LongCount(), report, stored);
            if (report.Figures.First(f => f.Name == "ingest_articles_per_s").Value is { } ingest
                && report.Figures.FirstOrDefault(f => f.Name == "copy_limit_articles_per_s")?.Value is { } copy)
                report.Add("ingest_to_copy_ratio", ingest / copy, "ratio", "ingest_articles_per_s / copy_limit_articles_per_s");
            report.Add("host_peak_mb", host.PeakMb(), "MB", "host resident memory peak while ingesting");
            if (input.DeepModelFlag is { } deepLane) await DeepSpeed.MeasureCatchUp(host, deepLane, report);
            if (!input.IngestOnlyFlag) await MeasureTheServingHost(host);
        }
        await publisher.StopAsync();
        try { Directory.Delete(models, recursive: true); } catch (IOException) { }

        report.Conditions["load_average_end"] = LoadAverage();
        report.Conditions["bench_seconds"] = Math.Round(total.Elapsed.TotalSeconds, 1);
        report.Add("bench_seconds", total.Elapsed.TotalSeconds, "s", "the whole run");
        report.Write(output);
        Console.WriteLine($"# figures written to {output}");
        if (!input.KeepFlag) await DropDatabase(connection);
        return true;

        // 5-7. With the backlog in: lag at a steady rate, reads, replay.
        async Task MeasureTheServingHost(BenchHost host)
        {
            Console.Error.WriteLine($"bench: projection lag at {input.LagRateFlag} articles/s");
            await IngestSpeed.Settle(db, report);
            await IngestSpeed.Lag(host, bus, db, lagArticles, input.LagRateFlag, report);

            Console.Error.WriteLine("bench: reads");
            try { await ReadSpeed.Measure(host, CorpusEnd, budget, report); }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or InvalidOperationException)
            {
                foreach (var name in new[] { "dyads_p50_ms", "dyads_p95_ms", "series_p50_ms", "series_p95_ms" })
                    if (!report.Figures.Any(f => f.Name == name)) report.NotAvailable(name, "ms", $"the read failed: {e.Message.Split('\n')[0]}");
            }

            Console.Error.WriteLine("bench: replay");
            try { await ReplaySpeed.Measure(host, args => BenchHost.RunCli(connection, seeds, environment, args), report); }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or InvalidOperationException)
            {
                report.NotAvailable("replay_statements_per_s", "statements/s", $"the replay failed: {e.Message.Split('\n')[0]}");
                report.NotAvailable("replay_peak_mb", "MB", $"the replay failed: {e.Message.Split('\n')[0]}");
            }
        }
    }

    static string BenchDatabase(string connection, string database) =>
        new NpgsqlConnectionStringBuilder(connection) { Database = database, Pooling = true }.ConnectionString;

    static async Task RecreateDatabase(string connection)
    {
        var builder = new NpgsqlConnectionStringBuilder(connection);
        var name = builder.Database!;
        if (!System.Text.RegularExpressions.Regex.IsMatch(name, "^[a-z_][a-z0-9_]*$")) throw new ArgumentException($"unsafe database name '{name}'");
        builder.Database = "postgres";
        await using var admin = NpgsqlDataSource.Create(builder.ConnectionString);
        await using var command = admin.CreateCommand($"drop database if exists {name} with (force)");
        await command.ExecuteNonQueryAsync();
        await using var create = admin.CreateCommand($"create database {name}");
        await create.ExecuteNonQueryAsync();
    }

    static async Task DropDatabase(string connection)
    {
        NpgsqlConnection.ClearAllPools();
        var builder = new NpgsqlConnectionStringBuilder(connection);
        var name = builder.Database!;
        builder.Database = "postgres";
        await using var admin = NpgsqlDataSource.Create(builder.ConnectionString);
        await using var command = admin.CreateCommand($"drop database if exists {name} with (force)");
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>
    /// A publishing-only Wolverine node, as `tension publish` runs, with its own envelope schema. It buffers on its
    /// side and writes to the durable queue table in batches (the bench waits until every article is in the table).
    /// </summary>
    public static async Task<IHost> StartPublisher(string connection, string schema = "tension_bench_publisher")
    {
        var host = Host.CreateDefaultBuilder()
            .ConfigureLogging(l => l.SetMinimumLevel(LogLevel.Warning))
            .UseWolverine(opts =>
            {
                opts.ApplicationAssembly = typeof(BenchCommand).Assembly;
                opts.Discovery.DisableConventionalDiscovery();
                opts.Durability.Mode = DurabilityMode.Solo;
                opts.UsePostgresqlPersistenceAndTransport(connection, schema, transportSchema: Storage.QueueSchema);
                opts.Transports.GetOrCreate<PostgresqlTransport>().EnableQueueNotifications = true;
                opts.PublishMessage<IngestArticle>().ToPostgresqlQueue(Storage.IngestQueue).BufferedInMemory();
            }).Build();
        await host.StartAsync();
        return host;
    }

    static async Task Describe(BenchReport report, NpgsqlDataSource db, BenchInput input)
    {
        var m = report.Machine;
        m["cores"] = Environment.ProcessorCount;
        m["cpu"] = CpuModel();
        m["memory_gb"] = MemoryGb();
        m["os"] = RuntimeInformation.OSDescription;
        m["dotnet"] = RuntimeInformation.FrameworkDescription;
        await using (var version = db.CreateCommand("show server_version"))
            m["postgresql"] = (string?)await version.ExecuteScalarAsync();
        var c = report.Conditions;
        c["started_at"] = DateTimeOffset.UtcNow.ToString("O");
        c["articles"] = input.ArticlesFlag;
        c["seed"] = input.SeedFlag;
        c["lag_rate"] = input.LagRateFlag;
        c["seconds_per_measurement"] = input.SecondsFlag;
        c["load_average_start"] = LoadAverage();
        c["note"] = "PostgreSQL, the host, the publisher and the bench share the machine's cores";
        Console.WriteLine($"# machine: {m["cores"]} cores, {m["cpu"]}, {m["memory_gb"]} GB, {m["os"]}, {m["dotnet"]}, PostgreSQL {m["postgresql"]}");
        Console.WriteLine($"# load average at start: {c["load_average_start"]}");
    }

    static string CpuModel()
    {
        try
        {
            var line = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
            return line?.Split(':', 2)[1].Trim() ?? RuntimeInformation.ProcessArchitecture.ToString();
        }
        catch (Exception) { return RuntimeInformation.ProcessArchitecture.ToString(); }
    }

    static double? MemoryGb()
    {
        try
        {
            var line = File.ReadLines("/proc/meminfo").First(l => l.StartsWith("MemTotal:", StringComparison.Ordinal));
            return Math.Round(long.Parse(line["MemTotal:".Length..].Trim().Split(' ')[0]) / 1024.0 / 1024.0, 1);
        }
        catch (Exception) { return null; }
    }

    static string LoadAverage()
    {
        try { return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)); }
        catch (Exception) { return "n/a"; }
    }
}
