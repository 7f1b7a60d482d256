using TensionTracker.Tests.Support;

namespace TensionTracker.Tests.Hosting;

public class the_command_line_help
{
    [Fact]
    public async Task help_lists_our_commands_by_activity_before_the_libraries_and_exits_0()
    {
        foreach (var asked in new[] { "--help", "help", "-h" })
        {
            var (exit, output) = await HostFixture.RunCli(asked);
            Assert.True(exit == 0, output);
            var ours = new[] { "publish", "model", "replay", "bench" }.Select(c => output.IndexOf($"\n  {c} ", StringComparison.Ordinal)).ToList();
            Assert.DoesNotContain(-1, ours);
            Assert.True(ours.Max() < output.IndexOf("Maintenance (Marten, Wolverine, JasperFx)", StringComparison.Ordinal), output);
            Assert.Contains("\n  db-apply ", output);
            Assert.Contains("Exit codes:", output);
            Assert.DoesNotContain("Searching", output);
        }
    }

    [Fact]
    public async Task help_for_a_command_shows_its_arguments_either_way()
    {
        foreach (var args in new[] { new[] { "help", "publish" }, ["publish", "--help"] })
        {
            var (exit, output) = await HostFixture.RunCli(args);
            Assert.True(exit == 0, output);
            Assert.Contains("tension publish", output);
            Assert.Contains("--published-at", output);
        }
        var (modelExit, model) = await HostFixture.RunCli("model", "train", "--help");
        Assert.True(modelExit == 0, model);
        Assert.Contains("tension model train --name NAME --data FILE", model);
    }

    [Fact]
    public async Task an_unknown_command_is_named_and_exits_2()
    {
        var (exit, output) = await HostFixture.RunCli("pubish", "x");
        Assert.Equal(2, exit);
        Assert.Contains("'pubish' is not a command", output);
        Assert.Contains("\n  publish ", output);
    }

    [Fact]
    public async Task a_command_starts_without_the_assembly_scan_lines()
    {
        var empty = Directory.CreateTempSubdirectory("tension-empty-").FullName;
        var (exit, output) = await HostFixture.RunCli("publish", empty);
        Assert.True(exit == 0, output);
        Assert.Equal("published 0, rejected 0, failed 0, from 0 file(s)", output.Trim());
    }
}
