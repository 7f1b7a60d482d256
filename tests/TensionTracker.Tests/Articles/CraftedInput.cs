using System.Net;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Npgsql;
using TensionTracker.Tests.Support;

namespace TensionTracker.Tests.Articles;

/// <summary>Input made to be slow: a megabyte of markup, an article whose analysis runs long.</summary>
public static class Crafted
{
    /// <summary>The unit repeated to fill a body that keeps the whole request under the 1 MiB limit.</summary>
    public static string Body(string unit, string prefix = "")
    {
        var text = new StringBuilder(prefix, 1 << 20);
        while (text.Length + unit.Length <= (1 << 20) - 2048) text.Append(unit);
        return text.ToString();
    }

    /// <summary>POSTed as it is: the default JSON writer would escape every '&lt;' into six bytes and go over the limit.</summary>
    public static async Task<(HttpStatusCode Status, JsonElement Answer)> Post(HttpClient http, string slug, string body)
    {
        var json = JsonSerializer.Serialize(Support.Articles.Make(slug, "Crafted " + slug, body),
            new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        var response = await http.PostAsync("/api/articles", new StringContent(json, Encoding.UTF8, "application/json"));
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }
}

[Collection(HostCollection.Name)]
public class crafted_input(HostFixture host)
{
    async Task StaysResponsive()
    {
        Assert.Equal(HttpStatusCode.OK, (await host.Http.GetAsync("/health")).StatusCode);
        var answer = await host.PostArticle(Support.Articles.Make("after-crafted", "Chile and Peru sign a deal",
            "Chile's foreign minister said on Tuesday that Chile welcomed the agreement with Peru."));
        await host.WaitFor($"/api/articles/{answer.GetProperty("articleId").GetString()}", a => a.GetProperty("status").GetString() == "scored");
    }

    [Fact]
    public async Task a_megabyte_of_script_tags_is_refused_at_once_as_an_empty_body()
    {
        var (status, answer) = await Crafted.Post(host.Http, "script", Crafted.Body("<script>"));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("body", answer.GetProperty("errors").GetProperty("body")[0].GetString());

        // Text before the script is what is kept.
        (status, answer) = await Crafted.Post(host.Http, "script-after-text", Crafted.Body("<script>", "<p>Chile's minister said Peru was a partner.</p>"));
        Assert.Equal(HttpStatusCode.Accepted, status);
        var article = await host.WaitFor($"/api/articles/{answer.GetProperty("articleId").GetString()}", a => a.GetProperty("status").GetString() == "scored");
        Assert.Equal("Chile's minister said Peru was a partner.", article.GetProperty("body").GetString());
        await StaysResponsive();
    }

    [Fact]
    public async Task a_megabyte_of_comment_openings_is_answered_and_an_unclosed_comment_after_markup_is_dropped()
    {
        // Alone, no comment ever closes and nothing is a tag: plain text, kept as sent (or refused as a body with no words).
        var openings = Crafted.Body("<!--");
        var (status, answer) = await Crafted.Post(host.Http, "comment", openings);
        Assert.True(status is HttpStatusCode.Accepted or HttpStatusCode.BadRequest, $"{(int)status}: {answer}");
        if (status == HttpStatusCode.Accepted)
        {
            var stored = await host.WaitFor($"/api/articles/{answer.GetProperty("articleId").GetString()}",
                a => a.GetProperty("status").GetString() is "scored" or "not_scored", seconds: 90);
            Assert.Equal(openings, stored.GetProperty("body").GetString());
        }
        else Assert.True(answer.GetProperty("errors").TryGetProperty("body", out _), answer.ToString());

        // After markup it is a comment that runs to the end, as a browser reads it.
        (status, answer) = await Crafted.Post(host.Http, "comment-after-text", Crafted.Body("<!--", "<p>Peru's president said Chile was a friend.</p>"));
        Assert.Equal(HttpStatusCode.Accepted, status);
        var article = await host.WaitFor($"/api/articles/{answer.GetProperty("articleId").GetString()}", a => a.GetProperty("status").GetString() == "scored");
        Assert.Equal("Peru's president said Chile was a friend.", article.GetProperty("body").GetString());
        await StaysResponsive();
    }

    [Fact]
    public async Task an_article_past_its_analysis_budget_is_stored_as_not_scored_with_the_reason()
    {
        // A megabyte of one-line statements, each quotation continuing the speaker before it: the extractor looks back over
        // the article for each, so this would take minutes.
        var (status, answer) = await Crafted.Post(host.Http, "slow", Crafted.Body("China said. 'Yes.' "));
        Assert.Equal(HttpStatusCode.Accepted, status);
        var article = await host.WaitFor($"/api/articles/{answer.GetProperty("articleId").GetString()}",
            a => a.GetProperty("status").GetString() == "not_scored", seconds: 90);
        Assert.Matches(@"^took longer than \d+(\.\d+)? s to analyse", article.GetProperty("reason").GetString());
        await StaysResponsive();
    }
}

/// <summary>A host whose analysis budget is long enough to be stopped in the middle of one.</summary>
public sealed class PatientHost : IAsyncLifetime
{
    public const int BudgetSeconds = 8;
    public HostFixture Host { get; } = new(new() { ["TensionTracker__AnalysisBudgetSeconds"] = BudgetSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture) });
    public Task InitializeAsync() => Host.InitializeAsync();
    public Task DisposeAsync() => Host.DisposeAsync();
}

public class stopping_the_host(PatientHost patient) : IClassFixture<PatientHost>
{
    [Fact]
    public async Task sigterm_in_the_middle_of_an_analysis_stops_the_host_and_the_article_is_analysed_after_the_restart()
    {
        var host = patient.Host;
        // an analysis longer than the budget: a megabyte of quotations each continuing the speaker before it ("China said."
        // alone is now read in about 3 s, under the budget)
        var (status, answer) = await Crafted.Post(host.Http, "stopped", Crafted.Body("China said. 'Yes.' "));
        Assert.Equal(HttpStatusCode.Accepted, status);
        var id = Guid.Parse(answer.GetProperty("articleId").GetString()!);

        await using var db = NpgsqlDataSource.Create(HostFixture.Connection);
        async Task<string?> Envelope()
        {
            await using var command = db.CreateCommand("""
                select status || ' ' || owner_id from tension.wolverine_incoming_envelopes
                where message_type = 'TensionTracker.Articles.IngestArticle' and position(convert_to($1, 'UTF8') in body) > 0
                """);
            command.Parameters.Add(new() { Value = id.ToString() });
            return (string?)await command.ExecuteScalarAsync();
        }
        // Picked up by the host (owned by its node), then a moment into the analysis.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (await Envelope() is not { } owned || owned.EndsWith(" 0", StringComparison.Ordinal))
        {
            Assert.True(DateTime.UtcNow < deadline, "the host never picked the article up");
            await Task.Delay(100);
        }
        await Task.Delay(1500);

        // The shutdown timeout is 15 s; the analysis stops on the stopping token, well before.
        var took = await host.Terminate(TimeSpan.FromSeconds(30));
        Assert.True(took is not null, "the host was still running 30 s after SIGTERM:\n" + string.Join('\n', host.Log.TakeLast(30)));

        // Nothing dead-lettered and nothing marked handled: the message waits in the inbox, released by the node.
        Assert.Equal("Incoming 0", await Envelope());
        await using (var dead = db.CreateCommand("select count(*) from tension.wolverine_dead_letters where position(convert_to($1, 'UTF8') in body) > 0"))
        {
            dead.Parameters.Add(new() { Value = id.ToString() });
            Assert.Equal(0L, (long)(await dead.ExecuteScalarAsync())!);
        }

        await host.InitializeAsync();
        var article = await host.WaitFor($"/api/articles/{id}", a => a.GetProperty("status").GetString() == "not_scored", seconds: 90);
        Assert.Equal($"took longer than {PatientHost.BudgetSeconds} s to analyse (TensionTracker:AnalysisBudgetSeconds)", article.GetProperty("reason").GetString());
    }
}
