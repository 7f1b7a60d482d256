using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;
using Npgsql;

namespace TensionTracker.BrowserTests;

/// <summary>
/// One host, one browser and one set of seeded articles for all browser tests.
///
/// Environment:
///  - TT_TEST_CONNECTION  connection string of a PostgreSQL database for tests (ops/test.sh exports it).
///                        The fixture creates its own database next to it (name + "_browser"), recreated
///                        each run, so other test projects running at the same time are not disturbed.
///  - TT_CHROMIUM         browser executable (default /usr/bin/chromium, Debian's `chromium` package).
///  - TT_HOST_DLL         the host to start (default: src/TensionTracker/bin/&lt;configuration&gt;/net10.0/TensionTracker.dll).
///  - TT_BROWSER_BASE_URL use an already running host instead of starting one (development only).
/// </summary>
public sealed class DashboardFixture : IAsyncLifetime
{
    public static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run",
    ];

    private Process? _host;
    private readonly StringBuilder _hostLog = new();
    private IPlaywright? _playwright;

    public string BaseUrl { get; private set; } = "";
    public string RepoRoot { get; } = FindRepoRoot();
    public string ArtifactsDir => Path.Combine(RepoRoot, "tests", "TensionTracker.BrowserTests", "artifacts");
    public IBrowser Browser { get; private set; } = null!;
    public HttpClient Http { get; private set; } = null!;
    public Seeded Seed { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        // Fail loudly (never skip) when the browser is missing: CI must install it.
        var chromium = Environment.GetEnvironmentVariable("TT_CHROMIUM") is { Length: > 0 } c ? c : "/usr/bin/chromium";
        if (!File.Exists(chromium))
        {
            throw new InvalidOperationException(
                $"Chromium not found at '{chromium}'. The browser tests use the system browser and never download one: " +
                "run ops/install-chromium.sh (Debian's chromium package) or set TT_CHROMIUM to a Chromium executable.");
        }

        Directory.CreateDirectory(ArtifactsDir);
        try
        {
            await StartAsync(chromium);
        }
        catch
        {
            await DisposeAsync(); // never leave a host process behind
            throw;
        }
    }

    private async Task StartAsync(string chromium)
    {
        var external = Environment.GetEnvironmentVariable("TT_BROWSER_BASE_URL");
        if (!string.IsNullOrWhiteSpace(external))
        {
            BaseUrl = external.TrimEnd('/');
        }
        else
        {
            await StartHostAsync();
        }

        Http = new HttpClient { BaseAddress = new Uri(BaseUrl + "/"), Timeout = TimeSpan.FromSeconds(30) };
        await WaitForHealthAsync(TimeSpan.FromSeconds(120));
        Seed = await SeedArticles.PublishAsync(Http, HostLog);

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = ChromiumArgs,
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        Browser = null!;
        _playwright?.Dispose();
        _playwright = null;
        Http?.Dispose();
        if (_host is { HasExited: false })
        {
            try
            {
                _host.Kill(entireProcessTree: true);
                await _host.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(15));
            }
            catch (Exception)
            {
                // already gone
            }
        }
        _host?.Dispose();
        _host = null;
        try
        {
            await File.WriteAllTextAsync(Path.Combine(ArtifactsDir, "host.log"), FullHostLog());
        }
        catch (IOException)
        {
            // artifacts are best effort
        }
    }

    /// <summary>The end of the host's output so far, for failure messages (the whole log goes to artifacts/host.log).</summary>
    public string HostLog() => Tail(FullHostLog(), 6000);

    private string FullHostLog()
    {
        lock (_hostLog) return _hostLog.ToString();
    }

    private static string Tail(string s, int max) => s.Length <= max ? s : "...\n" + s[^max..];

    private async Task StartHostAsync()
    {
        var connection = Environment.GetEnvironmentVariable("TT_TEST_CONNECTION");
        if (string.IsNullOrWhiteSpace(connection))
        {
            throw new InvalidOperationException(
                "TT_TEST_CONNECTION is not set: the browser tests start the real host against PostgreSQL. " +
                "Run them through ops/test.sh (which starts PostgreSQL and exports it), or export a connection string " +
                "to a database the tests may recreate (e.g. Host=127.0.0.1;Port=5432;Database=tensiontracker_test;Username=postgres).");
        }
        var database = await CreateOwnDatabaseAsync(connection);

        var dll = Environment.GetEnvironmentVariable("TT_HOST_DLL") is { Length: > 0 } d ? d : DefaultHostDll();
        if (!File.Exists(dll))
        {
            throw new InvalidOperationException($"Host not built: '{dll}' is missing (build the solution, or set TT_HOST_DLL).");
        }
        var port = Environment.GetEnvironmentVariable("TT_BROWSER_PORT") is { Length: > 0 } p ? int.Parse(p) : FreePort();
        BaseUrl = $"http://127.0.0.1:{port}";

        var psi = new ProcessStartInfo("dotnet")
        {
            // The host serves wwwroot/ from its build output; seeds/ (gazetteer, models) from the repository.
            WorkingDirectory = RepoRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add(dll);
        psi.ArgumentList.Add("--urls");
        psi.ArgumentList.Add(BaseUrl);
        psi.Environment["ConnectionStrings__Marten"] = database;
        psi.Environment["TensionTracker__Seeds"] = Environment.GetEnvironmentVariable("TensionTracker__Seeds") is { Length: > 0 } seeds ? seeds : Path.Combine(RepoRoot, "seeds");
        psi.Environment["ASPNETCORE_URLS"] = BaseUrl;
        psi.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        psi.Environment["DOTNET_ENVIRONMENT"] = "Development";

        _host = new Process { StartInfo = psi, EnableRaisingEvents = true };
        _host.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (_hostLog) _hostLog.AppendLine(e.Data); };
        _host.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_hostLog) _hostLog.AppendLine(e.Data); };
        if (!_host.Start()) throw new InvalidOperationException("could not start the host process");
        _host.BeginOutputReadLine();
        _host.BeginErrorReadLine();
    }

    /// <summary>Recreates "&lt;test database&gt;_browser" and returns its connection string.</summary>
    private static async Task<string> CreateOwnDatabaseAsync(string connection)
    {
        var builder = new NpgsqlConnectionStringBuilder(connection);
        var name = (builder.Database ?? "tensiontracker_test") + "_browser";
        var admin = new NpgsqlConnectionStringBuilder(connection) { Database = "postgres", Pooling = false };
        await using (var conn = new NpgsqlConnection(admin.ConnectionString))
        {
            await conn.OpenAsync();
            var quoted = "\"" + name.Replace("\"", "\"\"") + "\"";
            await using (var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {quoted} WITH (FORCE)", conn))
                await drop.ExecuteNonQueryAsync();
            await using (var create = new NpgsqlCommand($"CREATE DATABASE {quoted}", conn))
                await create.ExecuteNonQueryAsync();
        }
        builder.Database = name;
        return builder.ConnectionString;
    }

    private async Task WaitForHealthAsync(TimeSpan timeout)
    {
        var sw = Stopwatch.StartNew();
        Exception? last = null;
        while (sw.Elapsed < timeout)
        {
            if (_host is { HasExited: true })
            {
                throw new InvalidOperationException($"The host exited with code {_host.ExitCode} before it was ready:\n{HostLog()}");
            }
            try
            {
                using var res = await Http.GetAsync("health");
                if (res.StatusCode == HttpStatusCode.OK) return;
                last = new HttpRequestException($"/health answered {(int)res.StatusCode}");
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                last = e;
            }
            await Task.Delay(250);
        }
        throw new TimeoutException($"The host at {BaseUrl} was not healthy after {timeout.TotalSeconds} s ({last?.Message}):\n{HostLog()}");
    }

    private string DefaultHostDll()
    {
        // This assembly lives in tests/TensionTracker.BrowserTests/bin/<configuration>/<tfm>/: use the same
        // configuration and framework for the host.
        var here = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var tfm = here.Name;
        var configuration = here.Parent?.Name ?? "Debug";
        return Path.Combine(RepoRoot, "src", "TensionTracker", "bin", configuration, tfm, "TensionTracker.dll");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "TensionTracker.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("TensionTracker.sln not found above " + AppContext.BaseDirectory);
    }
}

[CollectionDefinition(Name)]
public sealed class DashboardCollection : ICollectionFixture<DashboardFixture>
{
    public const string Name = "dashboard";
}

internal static class Json
{
    public static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    public static async Task<JsonElement> GetAsync(HttpClient http, string path)
    {
        using var res = await http.GetAsync(path);
        var body = await res.Content.ReadAsStringAsync();
        if (!res.IsSuccessStatusCode) throw new HttpRequestException($"GET {path} answered {(int)res.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    public static async Task<(HttpStatusCode Status, JsonElement? Body)> PostAsync(HttpClient http, string path, object payload)
    {
        using var res = await http.PostAsJsonAsync(path, payload, Web);
        var body = await res.Content.ReadAsStringAsync();
        JsonElement? json = null;
        try
        {
            json = JsonDocument.Parse(body).RootElement.Clone();
        }
        catch (JsonException)
        {
            // not json
        }
        return (res.StatusCode, json);
    }
}
