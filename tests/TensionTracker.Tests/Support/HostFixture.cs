using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;

namespace TensionTracker.Tests.Support;

/// <summary>
/// The real host, started as its own process on a free port against the test database that ops/test.sh
/// prepares (TT_TEST_CONNECTION): real PostgreSQL, real PostgreSQL-queue bus, real HTTP.
/// </summary>
public sealed class HostFixture : IAsyncLifetime
{
    public static readonly string Root = FindRoot();
    public static string HostDll => Path.Combine(Root, "src", "TensionTracker", "bin", Configuration, "net10.0", "TensionTracker.dll");
    /// <summary>The `tension` CLI (ops/tension): the host's commands plus training, evaluation and the bench.</summary>
    public static string CliDll => Path.Combine(Root, "src", "TensionTracker.Cli", "bin", Configuration, "net10.0", "TensionTracker.Cli.dll");
    static string Configuration => AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Debug{Path.DirectorySeparatorChar}") ? "Debug" : "Release";

    public static string Connection => Environment.GetEnvironmentVariable("TT_TEST_CONNECTION")
        ?? throw new InvalidOperationException("TT_TEST_CONNECTION is not set: run the tests through ops/test.sh, which starts PostgreSQL and creates the test database");

    /// <summary>
    /// The models folder of every host and CLI the tests start: a copy of seeds/models, so tests can add models
    /// (NAME.zip and NAME.card.json) without touching the repository.
    /// </summary>
    public static readonly string ModelsDir = CopyModels();

    readonly Dictionary<string, string> extraEnvironment;
    Process? process;
    public HttpClient Http { get; private set; } = null!;
    public string BaseUrl { get; private set; } = "";

    public HostFixture() : this([]) { }
    internal HostFixture(Dictionary<string, string> extraEnvironment) => this.extraEnvironment = extraEnvironment;

    public async Task InitializeAsync()
    {
        var port = FreePort();
        BaseUrl = $"http://127.0.0.1:{port}";
        var start = new ProcessStartInfo("dotnet", [HostDll, "--urls", BaseUrl])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Root,
        };
        start.Environment["ConnectionStrings__Marten"] = Connection;
        start.Environment["TensionTracker__Seeds"] = Path.Combine(Root, "seeds");
        start.Environment["TensionTracker__Models"] = ModelsDir;
        foreach (var (k, v) in extraEnvironment) start.Environment[k] = v;
        process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) Log.Add(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) Log.Add(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        Http = new HttpClient { BaseAddress = new Uri(BaseUrl), Timeout = TimeSpan.FromSeconds(60) };
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited) throw new InvalidOperationException("the host exited during start-up:\n" + string.Join('\n', Log.TakeLast(40)));
            try { if ((await Http.GetAsync("/health/ready")).IsSuccessStatusCode) return; } catch (HttpRequestException) { }
            await Task.Delay(250);
        }
        throw new TimeoutException("the host did not become healthy:\n" + string.Join('\n', Log.TakeLast(40)));
    }

    public List<string> Log { get; } = [];

    /// <summary>kill -9 of the host (no shutdown of any kind), <paramref name="whileDown"/>, then a new host process on the same database.</summary>
    public async Task KillAndRestart(Func<Task>? whileDown = null)
    {
        process!.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
        Http.Dispose();
        if (whileDown is not null) await whileDown();
        Log.Add("---- killed; starting again ----");
        await InitializeAsync();
    }

    /// <summary>SIGTERM, as a service manager stops the host; returns how long it took to exit (null: still running after <paramref name="wait"/>).</summary>
    public async Task<TimeSpan?> Terminate(TimeSpan wait)
    {
        var clock = Stopwatch.StartNew();
        using (var kill = Process.Start("kill", ["-TERM", process!.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])) await kill.WaitForExitAsync();
        try { await process.WaitForExitAsync(new CancellationTokenSource(wait).Token); }
        catch (OperationCanceledException) { return null; }
        Http.Dispose();
        Log.Add("---- terminated ----");
        return clock.Elapsed;
    }

    public Task DisposeAsync()
    {
        if (process is { HasExited: false }) { process.Kill(entireProcessTree: true); process.WaitForExit(10_000); }
        Http.Dispose();
        return Task.CompletedTask;
    }

    public async Task<JsonElement> PostArticle(object article, HttpStatusCode expected = HttpStatusCode.Accepted)
    {
        var response = await Http.PostAsJsonAsync("/api/articles", article);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"expected {expected}, got {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    public async Task<JsonElement> Get(string path)
    {
        var response = await Http.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>Polls a read until it satisfies the condition: the bus and projections are asynchronous.</summary>
    public async Task<JsonElement> WaitFor(string path, Func<JsonElement, bool> condition, int seconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        JsonElement last = default;
        while (DateTime.UtcNow < deadline)
        {
            var response = await Http.GetAsync(path);
            if (response.IsSuccessStatusCode)
            {
                last = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
                if (condition(last)) return last;
            }
            await Task.Delay(200);
        }
        throw new TimeoutException($"GET {path} never satisfied the condition; last answer: {last}\nhost log:\n{string.Join('\n', Log.TakeLast(30))}");
    }

    /// <summary>Runs the CLI (the same binary) in its own process against the test database.</summary>
    public static Task<(int ExitCode, string Output)> RunCli(params string[] args) => RunCli(new Dictionary<string, string>(), args);

    /// <summary>The same, with environment variables of its own (another ConnectionStrings__Marten, say).</summary>
    public static async Task<(int ExitCode, string Output)> RunCli(Dictionary<string, string> environment, params string[] args)
    {
        using var cli = StartCli(environment, args);
        var output = cli.StandardOutput.ReadToEndAsync();
        var error = cli.StandardError.ReadToEndAsync();
        await cli.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromMinutes(5)).Token);
        return (cli.ExitCode, await output + await error);
    }

    /// <summary>Starts the CLI and hands back its process (to kill it halfway, say); output is redirected.</summary>
    public static Process StartCli(params string[] args) => StartCli(new Dictionary<string, string>(), args);

    public static Process StartCli(Dictionary<string, string> environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet", [CliDll, .. args])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Root,
        };
        start.Environment["ConnectionStrings__Marten"] = Connection;
        start.Environment["TensionTracker__Seeds"] = Path.Combine(Root, "seeds");
        start.Environment["TensionTracker__Models"] = ModelsDir;
        foreach (var (k, v) in environment) start.Environment[k] = v;
        return Process.Start(start)!;
    }

    static string CopyModels()
    {
        var dir = Directory.CreateTempSubdirectory("tension-models-").FullName;
        foreach (var file in Directory.EnumerateFiles(Path.Combine(Root, "seeds", "models")))
            File.Copy(file, Path.Combine(dir, Path.GetFileName(file)));
        AppDomain.CurrentDomain.ProcessExit += (_, _) => { try { Directory.Delete(dir, recursive: true); } catch (IOException) { } };
        return dir;
    }

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "TensionTracker.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException("TensionTracker.sln not found above the test binaries");
    }
}

[CollectionDefinition(Name)]
public sealed class HostCollection : ICollectionFixture<HostFixture>
{
    public const string Name = "host";
}
