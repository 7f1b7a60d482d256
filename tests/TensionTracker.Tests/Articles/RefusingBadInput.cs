using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Npgsql;
using TensionTracker.Tests.Support;

namespace TensionTracker.Tests.Articles;

/// <summary>
/// A hostile tester's inputs over HTTP, against the real host: each is answered 4xx with the problem named (never
/// 500), what can be cleaned is cleaned, and a valid article after them still goes through.
/// </summary>
[Collection(HostCollection.Name)]
public class refusing_bad_input(HostFixture host)
{
    const string Body = "SANTIAGO (Test Wire) - Chile's foreign minister said on Tuesday that Peru had moved troops across the border and warned that Chile would respond.";

    static string Url(string slug) => $"https://testwire.example/{slug}-{Guid.NewGuid():N}";

    static Dictionary<string, object?> Article(string slug) => new()
    {
        ["url"] = Url(slug), ["outlet"] = "Test Wire", ["publishedAt"] = "2026-11-20T09:00:00Z", ["title"] = "Chile warns Peru", ["body"] = Body,
    };

    async Task<(HttpStatusCode Status, string Body, string? ContentType)> Post(string path, byte[] bytes, string? contentType = "application/json")
    {
        var content = new ByteArrayContent(bytes);
        if (contentType is not null) content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        var response = await host.Http.PostAsync(path, content);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(), response.Content.Headers.ContentType?.MediaType);
    }

    Task<(HttpStatusCode Status, string Body, string? ContentType)> PostArticle(object article, string? contentType = "application/json") =>
        Post("/api/articles", JsonSerializer.SerializeToUtf8Bytes(article), contentType);

    /// <summary>400 with a problem body whose errors name the field and say the given words.</summary>
    async Task Rejected(object article, string field, string words)
    {
        var (status, body, type) = await PostArticle(article);
        Assert.True(status == HttpStatusCode.BadRequest, $"expected 400, got {(int)status}: {body}");
        Assert.Equal("application/problem+json", type);
        var errors = JsonDocument.Parse(body).RootElement.GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out var messages), $"no error for {field}: {body}");
        Assert.Contains(words, messages[0].GetString());
    }

    async Task StillAccepting()
    {
        var answer = await host.PostArticle(Article("after-bad"));
        await host.WaitFor($"/api/articles/{answer.GetProperty("articleId").GetString()}", a => a.GetProperty("status").GetString() == "scored");
    }

    [Fact]
    public async Task a_lone_surrogate_in_a_title_is_400_naming_the_title()
    {
        // Written by hand: a serializer would never produce the escape without its pair.
        var json = $$"""{"url": "{{Url("surrogate")}}", "outlet": "Test Wire", "publishedAt": "2026-11-20T09:00:00Z", "title": "Chile \ud800 warns Peru", "body": "{{Body}}"}""";
        var (status, body, _) = await Post("/api/articles", Encoding.UTF8.GetBytes(json));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("title contains an invalid Unicode sequence", JsonDocument.Parse(body).RootElement.GetProperty("errors").GetProperty("title")[0].GetString());
        await StillAccepting();
    }

    public static TheoryData<string, string> TimesAtTheEndsOfTheCalendar()
    {
        var data = new TheoryData<string, string>();
        foreach (var end in new[] { "9999-12-31", "0001-01-01", "9999-12-31T23:59:59Z", "0001-01-01T00:00:00Z" })
        {
            data.Add($"/api/dyads?at={end}", "at");
            data.Add($"/api/dyads?asOf={end}", "asOf");
            data.Add($"/api/dyads/CHL-PER?at={end}", "at");
            data.Add($"/api/dyads/CHL-PER?asOf={end}", "asOf");
            data.Add($"/api/dyads/CHL-PER/series?to={end}", "to");
            data.Add($"/api/dyads/CHL-PER/series?asOf={end}", "asOf");
            data.Add($"/api/dyads/CHL-PER/statements?to={end}", "to");
            data.Add($"/api/dyads/CHL-PER/statements?asOf={end}", "asOf");
            data.Add($"/api/compare?candidate={{model}}&at={end}", "at");
            data.Add($"/api/compare?candidate={{model}}&asOf={end}", "asOf");
            data.Add($"/api/compare?candidate={{model}}&pair=CHL-PER&to={end}", "to");
            data.Add($"/api/compare?candidate={{model}}&pair=CHL-PER&from={end}", "from");
        }
        data.Add("/api/dyads/CHL-PER/series?from=9999-12-31", "from");
        data.Add("/api/dyads/CHL-PER/statements?from=9999-12-31", "from");
        return data;
    }

    [Theory]
    [MemberData(nameof(TimesAtTheEndsOfTheCalendar))]
    public async Task a_time_at_the_ends_of_the_calendar_is_400_naming_the_parameter(string path, string parameter)
    {
        var model = (await host.Get("/api/models")).GetProperty("default").GetString()!;
        var response = await host.Http.GetAsync(path.Replace("{model}", model));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{path}: expected 400, got {(int)response.StatusCode}: {body}");
        var problem = JsonDocument.Parse(body).RootElement;
        Assert.Equal($"Invalid {parameter}", problem.GetProperty("title").GetString());
        Assert.StartsWith($"{parameter} must be an ISO 8601 instant or date between 1900-01-01 and 2999-12-31", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task a_far_past_start_of_a_period_means_from_the_beginning()
    {
        var answer = await host.PostArticle(Article("far-past"));
        var id = answer.GetProperty("articleId").GetString();
        await host.WaitFor($"/api/articles/{id}", a => a.GetProperty("status").GetString() == "scored");
        var all = await host.Get("/api/dyads/CHL-PER/statements?from=0001-01-01&limit=5000");
        Assert.Contains(all.GetProperty("items").EnumerateArray(), s => s.GetProperty("articleId").GetString() == id);
        // The series still holds a period to ten years: from the beginning of the calendar is named as too long.
        var series = await host.Http.GetAsync("/api/dyads/CHL-PER/series?from=0001-01-01");
        Assert.Equal(HttpStatusCode.BadRequest, series.StatusCode);
        Assert.Contains("ten years", await series.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/api/articles", "text/plain", "not text/plain")]
    [InlineData("/api/articles", "application/x-www-form-urlencoded", "not application/x-www-form-urlencoded")]   // curl -d
    [InlineData("/api/articles", null, "none was given")]
    [InlineData("/api/articles", "application/json; charset=iso-8859-1", "not charset=iso-8859-1")]
    [InlineData("/api/replays", "text/plain", "not text/plain")]
    [InlineData("/api/models/{model}/promote", "text/plain", "not text/plain")]
    public async Task a_body_that_is_not_json_is_415(string path, string? contentType, string words)
    {
        var model = (await host.Get("/api/models")).GetProperty("default").GetString()!;
        var (status, body, type) = await Post(path.Replace("{model}", model), JsonSerializer.SerializeToUtf8Bytes(Article("media-type")), contentType);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, status);
        Assert.Equal("application/problem+json", type);
        Assert.Contains(words, JsonDocument.Parse(body).RootElement.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("application/json; charset=utf-8")]
    public async Task json_with_or_without_its_charset_is_accepted(string contentType)
    {
        var (status, body, _) = await PostArticle(Article("json"), contentType);
        Assert.True(status == HttpStatusCode.Accepted, body);
    }

    [Fact]
    public async Task every_field_has_a_limit_named_in_its_error()
    {
        var article = Article("limits");
        article["outlet"] = new string('o', 100 * 1024);
        await Rejected(article, "outlet", "outlet is longer than 200 characters");

        article = Article("limits");
        article["url"] = "https://testwire.example/" + new string('u', 10 * 1024);
        await Rejected(article, "url", "url is longer than 2048 characters");

        article = Article("limits");
        article["title"] = "Chile " + new string('t', 1_000);
        await Rejected(article, "title", "title is longer than 1000 characters");

        article = Article("limits");
        article["language"] = "english";
        await Rejected(article, "language", "language must be a language code");

        await StillAccepting();
    }

    [Fact]
    public async Task a_50_mb_body_is_413_naming_the_limit()
    {
        var article = Article("huge");
        article["body"] = "Chile " + new string('x', 50 * 1024 * 1024);
        // The host answers from the Content-Length, without reading 50 MB, and closes the connection. A client that
        // sends "Expect: 100-continue" (curl does for large bodies) reads that answer; one that keeps writing gets a
        // broken pipe instead.
        using var client = new HttpClient(new SocketsHttpHandler { Expect100ContinueTimeout = TimeSpan.FromSeconds(30) }) { BaseAddress = new Uri(host.BaseUrl) };
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/articles") { Content = JsonContent.Create(article) };
        request.Headers.ExpectContinue = true;
        await request.Content.LoadIntoBufferAsync();
        var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("over the limit of 1048576 bytes", await response.Content.ReadAsStringAsync());
        await StillAccepting();
    }

    [Theory]
    [InlineData("body", "\u200B\u200C\u200D\u2060\uFEFF")]       // only zero-width characters
    [InlineData("body", "\U0001F525\U0001F4A5 \U0001F525")]      // only emoji
    [InlineData("body", "1, 2, 3... 42!!! -- 99%")]              // only punctuation and digits
    [InlineData("title", "\u200B\u200B")]
    [InlineData("title", "\U0001F525\U0001F525")]
    [InlineData("title", "2026 -- 11 -- 20")]
    public async Task text_with_no_letters_is_400(string field, string text)
    {
        var article = Article("no-letters");
        article[field] = text;
        await Rejected(article, field, $"{field} contains no letters");
    }

    [Fact]
    public async Task bidi_controls_are_removed_from_title_body_and_outlet()
    {
        var article = Article("bidi");
        article["title"] = "Chile \u202Ewarns\u202C Peru \u2066over troops\u2069";
        article["body"] = "\u202B" + Body + "\u202C";
        article["outlet"] = "\u202DTest Wire\u202C";
        var answer = await host.PostArticle(article);
        var stored = await host.WaitFor($"/api/articles/{answer.GetProperty("articleId").GetString()}", a => a.GetProperty("status").GetString() == "scored");
        Assert.Equal("Chile warns Peru over troops", stored.GetProperty("title").GetString());
        Assert.Equal(Body, stored.GetProperty("body").GetString());
        Assert.Equal("Test Wire", stored.GetProperty("outlet").GetString());
    }

    [Fact]
    public async Task credentials_in_a_url_are_never_stored_or_served()
    {
        var path = $"testwire.example/credentials-{Guid.NewGuid():N}";
        var article = Article("credentials");
        article["url"] = $"https://reader:s3cret@{path}?utm_source=x";
        var answer = await host.PostArticle(article);
        var id = answer.GetProperty("articleId").GetString()!;
        var stored = await host.WaitFor($"/api/articles/{id}", a => a.GetProperty("status").GetString() == "scored");
        Assert.Equal($"https://{path}?utm_source=x", stored.GetProperty("url").GetString());

        var evidence = await host.Get("/api/dyads/CHL-PER/statements?limit=5000");
        Assert.Contains(evidence.GetProperty("items").EnumerateArray(), s => s.GetProperty("articleId").GetString() == id && s.GetProperty("url").GetString() == $"https://{path}?utm_source=x");
        await using (var db = NpgsqlDataSource.Create(HostFixture.Connection))
        {
            await using var sql = db.CreateCommand("select count(*) from tension.mt_events where stream_id = $1 and data::text like '%s3cret%'");
            sql.Parameters.Add(new() { Value = Guid.Parse(id) });
            Assert.Equal(0L, await sql.ExecuteScalarAsync());
        }

        // The id is that of the URL without them: the same article.
        article["url"] = $"https://{path}";
        var again = await host.PostArticle(article);
        Assert.Equal(id, again.GetProperty("articleId").GetString());
        Assert.Equal("duplicate", again.GetProperty("status").GetString());
    }

    [Fact]
    public async Task ten_concurrent_posts_of_one_article_are_one_accepted_and_nine_duplicates()
    {
        var article = Article("concurrent");
        var answers = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Task.Run(() => host.PostArticle(article))));
        var statuses = answers.Select(a => a.GetProperty("status").GetString()).ToList();
        Assert.True(statuses.Count(s => s == "accepted") == 1 && statuses.Count(s => s == "duplicate") == 9, string.Join(", ", statuses));
        var id = answers[0].GetProperty("articleId").GetString()!;
        Assert.All(answers, a => Assert.Equal(id, a.GetProperty("articleId").GetString()));
        await host.WaitFor($"/api/articles/{id}", a => a.GetProperty("status").GetString() == "scored");

        // A revision posted ten times at once: one revised, nine duplicates.
        article["body"] = Body + " Peru denied it.";
        answers = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Task.Run(() => host.PostArticle(article))));
        statuses = answers.Select(a => a.GetProperty("status").GetString()).ToList();
        Assert.True(statuses.Count(s => s == "revised") == 1 && statuses.Count(s => s == "duplicate") == 9, string.Join(", ", statuses));
        var revised = await host.WaitFor($"/api/articles/{id}", a => a.GetProperty("revision").GetInt32() == 2 && a.GetProperty("status").GetString() == "scored");
        Assert.EndsWith("Peru denied it.", revised.GetProperty("body").GetString());

        await using var db = NpgsqlDataSource.Create(HostFixture.Connection);
        await using var sql = db.CreateCommand("select type, count(*) from tension.mt_events where stream_id = $1 and type in ('article_ingested', 'article_revised') group by type order by type");
        sql.Parameters.Add(new() { Value = Guid.Parse(id) });
        await using var reader = await sql.ExecuteReaderAsync();
        var counts = new Dictionary<string, long>();
        while (await reader.ReadAsync()) counts[reader.GetString(0)] = reader.GetInt64(1);
        Assert.Equal(new Dictionary<string, long> { ["article_ingested"] = 1, ["article_revised"] = 1 }, counts);
    }
}
