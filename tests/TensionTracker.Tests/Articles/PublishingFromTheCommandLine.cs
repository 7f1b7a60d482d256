using TensionTracker.Tests.Support;

namespace TensionTracker.Tests.Articles;

[Collection(HostCollection.Name)]
public class publishing_from_the_command_line(HostFixture host)
{
    [Fact]
    public async Task the_cli_puts_articles_on_the_queue_the_host_consumes_and_reports_each_one()
    {
        var dir = Directory.CreateTempSubdirectory("tension-cli-");
        var slug = Guid.NewGuid().ToString("N");
        await File.WriteAllTextAsync(Path.Combine(dir.FullName, "one.json"), $$"""
            {"url": "https://testwire.example/cli-{{slug}}", "outlet": "Test Wire", "publishedAt": "2026-11-21T08:00:00Z",
             "title": "Finland protests to Estonia", "body": "HELSINKI (Test Wire) - Finland's foreign minister said Estonia had violated the fisheries deal and protested strongly."}
            """);
        await File.WriteAllTextAsync(Path.Combine(dir.FullName, "batch.jsonl"),
            "{\"url\": \"https://testwire.example/cli-bad-" + slug + "\", \"publishedAt\": \"2026-11-21T08:00:00Z\", \"title\": \"No body\"}\n" +
            "{ this is not json\n");
        await File.WriteAllTextAsync(Path.Combine(dir.FullName, "note.md"), $"""
            ---
            url: https://testwire.example/cli-md-{slug}
            outlet: Test Wire
            ---
            Latvia thanks Lithuania for aid
            VILNIUS (Test Wire) - Latvia's prime minister said Lithuania had delivered generous aid and praised the cooperation.
            """);

        var (exit, output) = await HostFixture.RunCli("publish", dir.FullName, "--published-at", "2026-11-21");

        Assert.Equal(1, exit); // some items were rejected
        Assert.Matches(@"one\.json\t[0-9a-f-]{36} accepted", output);
        Assert.Matches(@"note\.md\t[0-9a-f-]{36} accepted", output);
        Assert.Contains("batch.jsonl:1\trejected: body is required", output);
        Assert.Contains("batch.jsonl:2\trejected: malformed JSON", output);

        await host.WaitFor("/api/dyads/FIN-EST", d => d.GetProperty("statements").GetInt32() > 0);
        await host.WaitFor("/api/dyads/LVA-LTU", d => d.GetProperty("statements").GetInt32() > 0);

        var (_, again) = await HostFixture.RunCli("publish", Path.Combine(dir.FullName, "one.json"));
        Assert.Matches(@"one\.json\t[0-9a-f-]{36} duplicate", again);
    }
}
