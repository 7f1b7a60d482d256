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

    [Fact]
    public async Task the_cli_holds_articles_to_the_doors_rules_and_a_bad_item_never_stops_the_rest()
    {
        var dir = Directory.CreateTempSubdirectory("tension-cli-rules-");
        var slug = Guid.NewGuid().ToString("N");
        string Line(string name, string title, string body, string publishedAt = "2026-11-21T08:00:00Z", string outlet = "Test Wire", string? url = null) =>
            System.Text.Json.JsonSerializer.Serialize(new { url = url ?? $"https://testwire.example/cli-{name}-{slug}", outlet, publishedAt, title, body });
        const string body = "RIGA (Test Wire) - Latvia's foreign minister said Estonia had signed the rail agreement and praised the cooperation.";
        var lines = new[]
        {
            // A lone surrogate, written by hand: a serializer never writes the escape without its pair.
            $$"""{"url": "https://testwire.example/cli-surrogate-{{slug}}", "publishedAt": "2026-11-21T08:00:00Z", "title": "Latvia \ud800", "body": "{{body}}"}""",
            Line("no-letters", "Latvia and Estonia", "\u200B\u200B \U0001F525"),
            Line("outlet", "Latvia and Estonia", body, outlet: new string('o', 201)),
            Line("nul", "Latvia and Estonia", "Latvia\0Estonia"),
            Line("empty-title", " ", body),
            Line("future", "Latvia and Estonia", body, publishedAt: "2090-01-01T00:00:00Z"),
            "{ broken",
            Line("credentials", "Latvia and Estonia sign rail deal", body, url: $"https://reader:s3cret@testwire.example/cli-credentials-{slug}"),
        };
        await File.WriteAllLinesAsync(Path.Combine(dir.FullName, "batch.jsonl"), lines);

        var (exit, output) = await HostFixture.RunCli("publish", dir.FullName);

        Assert.Equal(1, exit);
        Assert.Contains("batch.jsonl:1\trejected: title contains an invalid Unicode sequence", output);
        Assert.Contains("batch.jsonl:2\trejected: body contains no letters", output);
        Assert.Contains("batch.jsonl:3\trejected: outlet is longer than 200 characters", output);
        Assert.Contains("batch.jsonl:4\trejected: body contains a NUL character", output);
        Assert.Contains("batch.jsonl:5\trejected: title is required", output);
        Assert.Contains("batch.jsonl:6\trejected: publishedAt 2090-01-01", output);
        Assert.Contains("batch.jsonl:7\trejected: malformed JSON", output);
        var accepted = System.Text.RegularExpressions.Regex.Match(output, @"batch\.jsonl:8\t([0-9a-f-]{36}) accepted");
        Assert.True(accepted.Success, output);
        Assert.Contains("published 1, rejected 7", output);

        var article = await host.WaitFor($"/api/articles/{accepted.Groups[1].Value}", a => a.GetProperty("status").GetString() == "scored");
        Assert.Equal($"https://testwire.example/cli-credentials-{slug}", article.GetProperty("url").GetString());
    }
}
