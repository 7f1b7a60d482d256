using System.Diagnostics;
using TensionTracker.Tests.Support;

namespace TensionTracker.Tests.Hosting;

/// <summary>
/// The host carries what serving needs: training, evaluation and the bench are the `tension` CLI's
/// (TensionTracker.Cli), so the host binary neither ships their assemblies nor knows their commands.
/// </summary>
public class the_host_binary
{
    [Fact]
    public void ships_no_training_or_bench_assembly()
    {
        var hostDir = Path.GetDirectoryName(HostFixture.HostDll)!;
        Assert.True(File.Exists(HostFixture.HostDll), HostFixture.HostDll);
        Assert.False(File.Exists(Path.Combine(hostDir, "TensionTracker.Training.dll")));
        Assert.False(File.Exists(Path.Combine(hostDir, "TensionTracker.Bench.dll")));
        Assert.True(File.Exists(Path.Combine(Path.GetDirectoryName(HostFixture.CliDll)!, "TensionTracker.Training.dll")));
    }

    [Fact]
    public async Task lists_the_serving_commands_but_not_bench_or_extraction()
    {
        var (exit, output) = await RunHost("--help");
        Assert.True(exit == 0, output);
        Assert.Contains("\n  publish ", output);
        Assert.Contains("\n  replay ", output);
        Assert.DoesNotContain("\n  bench ", output);
        Assert.DoesNotContain("\n  extraction ", output);

        var (benchExit, bench) = await RunHost("bench", "--articles", "1");
        Assert.Equal(2, benchExit);
        Assert.Contains("'bench' is not a command", bench);
    }

    [Fact]
    public async Task sends_model_training_to_the_cli()
    {
        var (exit, output) = await RunHost("model", "train", "--name", "x");
        Assert.Equal(1, exit);
        Assert.Contains("model train runs in the tension CLI", output);
    }

    static async Task<(int ExitCode, string Output)> RunHost(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet", [HostFixture.HostDll, .. args])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = HostFixture.Root,
        };
        start.Environment["ConnectionStrings__Marten"] = HostFixture.Connection;
        using var host = Process.Start(start)!;
        var output = host.StandardOutput.ReadToEndAsync();
        var error = host.StandardError.ReadToEndAsync();
        await host.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromMinutes(2)).Token);
        return (host.ExitCode, await output + await error);
    }
}
