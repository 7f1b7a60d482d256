using TensionTracker.Tests.Support;

namespace TensionTracker.Tests.ScaleOut;

public partial class two_nodes_over_rabbitmq
{
    [Fact]
    public async Task a_model_promoted_on_one_node_is_the_default_on_the_other_at_once()
    {
        var original = (await fx.Node2.Get("/api/models")).GetProperty("default").GetString()!;
        var name = await RegisterCopyOfTheDefault(original);

        // Node 1 promotes; node 2 has no timer to read the registry again: it reads with the new default because it heard the announcement.
        Assert.Equal(System.Net.HttpStatusCode.OK, (await fx.Node1.Http.PostAsync($"/api/models/{name}/promote?force=true", null)).StatusCode);
        await fx.Node2.WaitFor("/api/dyads", d => d.GetProperty("model").GetString() == name, seconds: 10);
        Assert.Equal(name, (await fx.Node1.Get("/api/dyads")).GetProperty("model").GetString());

        // And back, the other way round.
        Assert.Equal(System.Net.HttpStatusCode.OK, (await fx.Node2.Http.PostAsync($"/api/models/{original}/promote", null)).StatusCode);
        await fx.Node1.WaitFor("/api/dyads", d => d.GetProperty("model").GetString() == original, seconds: 10);
        Assert.Equal(original, (await fx.Node2.Get("/api/dyads")).GetProperty("model").GetString());
    }

    /// <summary>The default model's files under a new name, registered in the nodes' database.</summary>
    async Task<string> RegisterCopyOfTheDefault(string source)
    {
        var name = $"tone-node-{Guid.NewGuid():N}"[..18];
        foreach (var file in Directory.EnumerateFiles(HostFixture.ModelsDir, source + ".*"))
            File.Copy(file, Path.Combine(HostFixture.ModelsDir, name + Path.GetFileName(file)[source.Length..]));
        var (exit, output) = await HostFixture.RunCli(fx.NodeEnvironment, "model", "register", "--name", name);
        Assert.True(exit == 0, output);
        return name;
    }
}
