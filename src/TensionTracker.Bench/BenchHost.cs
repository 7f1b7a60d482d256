using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using TensionTracker.Hosting;

namespace TensionTracker.Bench;

/// <summary>
/// The real host (its own dll and runtime configuration, beside the CLI's) as a child process on a free loopback port against
/// the bench database: the ingest it measures is the one `ops/run.sh` serves. Its memory is read from /proc.
/// </summary>
public sealed class BenchHost : IAsyncDisposable
{
    readonly Process process;
    readonly Queue<string> log = new();
    public string BaseUrl { get; }
    public HttpClient Http { get; }
    public DateTime StartedAt { get; } = DateTime.UtcNow;

    BenchHost(Process process, string baseUrl)
    {
        this.process = process;
        BaseUrl = baseUrl;
        Http = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromMinutes(5) };
    }

    public int ProcessId => process.Id;
    public bool HasExited => process.HasExited;

    public static async Task<BenchHost> Start(string connection, string seeds, IDictionary<string, string>? environment = null)
    {
        var url = $"http://127.0.0.1:{FreePort()}";
        var self = typeof(TensionTrackerApp).Assembly.Location; // the host's dll, beside the CLI's
        var processPath = Environment.ProcessPath ?? "dotnet";
        var viaDotnet = Path.GetFileNameWithoutExtension(processPath) == "dotnet";
        var start = new ProcessStartInfo(viaDotnet ? processPath : processPath, viaDotnet ? [self, "--urls", url] : ["--urls", url])
        {
            RedirectStandardOutput = true, RedirectStandardError = true,
        };
        start.Environment["ConnectionStrings__Marten"] = connection;
        start.Environment["TensionTracker__Seeds"] = seeds;
        foreach (var (k, v) in environment ?? new Dictionary<string, string>()) start.Environment[k] = v;
        var host = new BenchHost(Process.Start(start)!, url);
        host.process.OutputDataReceived += (_, e) => host.Keep(e.Data);
        host.process.ErrorDataReceived += (_, e) => host.Keep(e.Data);
        host.process.BeginOutputReadLine();
        host.process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (DateTime.UtcNow < deadline)
        {
            if (host.process.HasExited) throw new InvalidOperationException("the host exited during start-up:\n" + host.Tail());
            try { if ((await host.Http.GetAsync("/health")).IsSuccessStatusCode) return host; }
            catch (HttpRequestException) { }
            await Task.Delay(100);
        }
        throw new TimeoutException("the host did not become healthy:\n" + host.Tail());
    }

    /// <summary>Runs the host as the CLI (`tension ARGS...`) against the bench database; its exit code and output.</summary>
    public static async Task<(int Exit, string Output)> RunCli(string connection, string seeds, IDictionary<string, string> environment, string[] args)
    {
        var self = typeof(TensionTrackerApp).Assembly.Location; // the host's dll, beside the CLI's
        var processPath = Environment.ProcessPath ?? "dotnet";
        var viaDotnet = Path.GetFileNameWithoutExtension(processPath) == "dotnet";
        var start = new ProcessStartInfo(processPath, viaDotnet ? [self, .. args] : args) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["ConnectionStrings__Marten"] = connection;
        start.Environment["TensionTracker__Seeds"] = seeds;
        foreach (var (k, v) in environment) start.Environment[k] = v;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromMinutes(15)).Token);
        return (process.ExitCode, await output + await error);
    }

    void Keep(string? line)
    {
        if (line is null) return;
        lock (log)
        {
            log.Enqueue(line);
            while (log.Count > 60) log.Dequeue();
        }
    }

    public string Tail()
    {
        lock (log) return string.Join('\n', log);
    }

    /// <summary>Peak resident memory of the host since start, in MB; null off Linux.</summary>
    public double? PeakMb() => ReadStatus("VmHWM:");

    public double? CurrentMb() => ReadStatus("VmRSS:");

    /// <summary>CPU time (user + system) the host has used so far, in seconds; null off Linux.</summary>
    public double? CpuSeconds()
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{process.Id}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return (long.Parse(fields[11]) + long.Parse(fields[12])) / 100.0; // utime, stime in clock ticks (USER_HZ = 100)
        }
        catch (Exception) { return null; }
    }

    double? ReadStatus(string key)
    {
        try
        {
            var line = File.ReadLines($"/proc/{process.Id}/status").FirstOrDefault(l => l.StartsWith(key, StringComparison.Ordinal));
            if (line is null) return null;
            var kb = long.Parse(line[key.Length..].Trim().Split(' ')[0]);
            return kb / 1024.0;
        }
        catch (Exception) { return null; }
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromSeconds(10)).Token).ConfigureAwait(false);
        }
        Http.Dispose();
        process.Dispose();
    }

    static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
