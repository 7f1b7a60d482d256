using System.Text;
using System.Text.Json;
using TensionTracker.Articles;
using TensionTracker.Hosting;
using TensionTracker.Text.Normalisation;

namespace TensionTracker.Tests.Articles;

/// <summary>The door's rules as pure functions: no host, no database.</summary>
public class validating_articles
{
    static readonly DateTimeOffset Now = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);
    const string Body = "SANTIAGO (Test Wire) - Chile's foreign minister said Peru had moved troops across the border.";

    static (IngestArticle? Command, Dictionary<string, string[]> Errors) Validate(
        string? url = "https://testwire.example/a", string? outlet = "Test Wire", string? title = "Chile warns Peru",
        string? body = Body, string? language = null) =>
        ArticleValidation.Validate(new ArticleSubmission(url, outlet, Now.AddHours(-1), title, body, language), Now);

    static string ErrorOf(string field, (IngestArticle? Command, Dictionary<string, string[]> Errors) result)
    {
        Assert.Null(result.Command);
        Assert.True(result.Errors.ContainsKey(field), $"no error for {field}: {string.Join("; ", result.Errors.SelectMany(e => e.Value))}");
        return result.Errors[field].Single();
    }

    [Fact]
    public void a_lone_surrogate_in_the_json_is_named_not_thrown()
    {
        var json = JsonDocument.Parse("""{"url": "https://testwire.example/a", "publishedAt": "2026-11-20T09:00:00Z", "title": "Chile \ud800 warns", "body": "A body."}""").RootElement;
        var (article, errors) = ArticleValidation.Read(json);
        Assert.Equal("title contains an invalid Unicode sequence (a lone surrogate)", errors["title"].Single());
        var (command, all) = ArticleValidation.Validate(article!, Now, errors);
        Assert.Null(command);
        Assert.Equal("title contains an invalid Unicode sequence (a lone surrogate)", all["title"].Single());
    }

    [Fact]
    public void a_lone_surrogate_in_a_string_is_named()
    {
        Assert.Equal("title contains an invalid Unicode sequence", ErrorOf("title", Validate(title: "Chile \ud800 warns")));
        Assert.Equal("body contains an invalid Unicode sequence", ErrorOf("body", Validate(body: "Chile warns \udc00 Peru")));
    }

    [Theory]
    [InlineData("outlet", 200)]
    [InlineData("url", 2_048)]
    [InlineData("title", 1_000)]
    public void every_field_has_a_limit_named_in_its_error(string field, int limit)
    {
        string Long(int n) => field == "url" ? "https://testwire.example/" + new string('a', n - 25) : new string('a', n);
        var atLimit = field switch
        {
            "outlet" => Validate(outlet: Long(limit)), "url" => Validate(url: Long(limit)), _ => Validate(title: Long(limit)),
        };
        Assert.NotNull(atLimit.Command);
        var over = field switch
        {
            "outlet" => Validate(outlet: Long(limit + 1)), "url" => Validate(url: Long(limit + 1)), _ => Validate(title: Long(limit + 1)),
        };
        Assert.Equal($"{field} is longer than {limit} characters", ErrorOf(field, over));
    }

    [Fact]
    public void a_body_over_the_byte_limit_is_named_with_the_limit()
    {
        var body = "Chile " + new string('\u00E9', 600); // 2 bytes each in UTF-8: under 1,000 characters, over 1,000 bytes
        var result = ArticleValidation.Validate(new ArticleSubmission("https://testwire.example/a", "Test Wire", Now.AddHours(-1), "Chile warns Peru", body), Now,
            maxBodyBytes: 1_000);
        Assert.Equal("body is over the limit of 1000 bytes", ErrorOf("body", result));
    }

    [Theory]
    [InlineData("en", true)]
    [InlineData("EN", true)]
    [InlineData("pt-br", true)]
    [InlineData("zh-hant-tw", true)]
    [InlineData("e", false)]
    [InlineData("english", false)]
    [InlineData("en_US", false)]
    [InlineData("en-us-xxxxxxxx", false)]
    public void language_is_a_short_code(string language, bool valid)
    {
        var result = Validate(language: language);
        if (valid) Assert.NotNull(result.Command);
        else Assert.StartsWith("language must be a language code", ErrorOf("language", result));
    }

    [Theory]
    [InlineData("\u200B\u200C\u200D\u2060")]
    [InlineData("\U0001F525\U0001F4A5\U0001F525")]
    [InlineData("1234 5678 -- !!! ?")]
    public void text_with_no_letters_is_refused(string text)
    {
        Assert.Equal("body contains no letters", ErrorOf("body", Validate(body: text)));
        Assert.Equal("title contains no letters", ErrorOf("title", Validate(title: text)));
    }

    [Fact]
    public void bidi_controls_are_removed_from_title_body_and_outlet()
    {
        var (command, _) = Validate(title: "Chile \u202Ewarns\u202C Peru", body: "\u2066SANTIAGO\u2069 " + Body[9..], outlet: "\u202BTest Wire\u202C");
        Assert.Equal("Chile warns Peru", command!.Title);
        Assert.Equal(Body, command.Body);
        Assert.Equal("Test Wire", command.Outlet);
        // The same text with and without them is the same content: a duplicate, not a revision.
        Assert.Equal(Validate().Command!.ContentHash, command.ContentHash);
    }

    [Fact]
    public void credentials_are_stripped_from_the_stored_url_and_the_id_is_that_of_the_url_without_them()
    {
        var (command, _) = Validate(url: "https://reader:s3cret@testwire.example/a?utm_source=x");
        Assert.Equal("https://testwire.example/a?utm_source=x", command!.Url);
        Assert.DoesNotContain("s3cret", command.CanonicalUrl);
        Assert.Equal(Validate(url: "https://testwire.example/a").Command!.ArticleId, command.ArticleId);
    }

    [Fact]
    public void the_handler_holds_a_message_from_the_bus_to_the_same_rules()
    {
        var valid = Validate().Command!;
        Assert.Null(IngestArticleHandler.Problem(valid, Now));
        Assert.Contains("body contains no letters", IngestArticleHandler.Problem(valid with { Body = "\u200B\u200B" }, Now));
        Assert.Contains("title contains an invalid Unicode sequence", IngestArticleHandler.Problem(valid with { Title = "Chile \ud800" }, Now));
        Assert.Contains("outlet is longer than 200 characters", IngestArticleHandler.Problem(valid with { Outlet = new string('o', 201) }, Now));
        Assert.Contains("url is longer than 2048 characters", IngestArticleHandler.Problem(valid with { Url = "https://x.example/" + new string('u', 2_048) }, Now));
        Assert.Contains("body is over the limit of 50 bytes", IngestArticleHandler.Problem(valid, Now, maxBodyBytes: 50));
        Assert.Contains("body contains a NUL character", IngestArticleHandler.Problem(valid with { Body = "Chile\0" }, Now));
        Assert.Contains("is in the future", IngestArticleHandler.Problem(valid with { PublishedAt = new DateTimeOffset(2090, 1, 1, 0, 0, 0, TimeSpan.Zero) }, Now));
        // Several problems are all named.
        var many = IngestArticleHandler.Problem(valid with { Title = "!!!", Language = "english" }, Now)!;
        Assert.Contains("title contains no letters", many);
        Assert.Contains("language must be", many);
    }

    [Fact]
    public void a_plain_article_from_the_bus_gets_the_id_hash_and_language_http_would_give_it()
    {
        // The HTTP body's JSON, read as the RabbitMQ listener reads a message without Wolverine headers.
        const string json = """
            {"url": "https://testwire.example/a?utm_source=x", "outlet": "Test Wire", "publishedAt": "2026-11-21T11:00:00Z",
             "title": "<b>Chile</b> warns  Peru", "body": "SANTIAGO - Chile's foreign minister said on Tuesday that Peru had moved troops."}
            """;
        var plain = JsonSerializer.Deserialize<IngestArticle>(json, ArticleValidation.Json)!;
        Assert.True(IngestArticleHandler.IsPlain(plain));
        var (derived, problem) = IngestArticleHandler.Derive(plain, Now);
        Assert.Null(problem);
        var (http, _) = ArticleValidation.Validate(ArticleValidation.Read(JsonDocument.Parse(json).RootElement).Article!, Now);
        Assert.Equal(http, derived);
        Assert.Equal(("Chile warns Peru", "en", "https://testwire.example/a"), (derived!.Title, derived.Language, derived.CanonicalUrl));
        // A message from our own publishers is derived already and is not derived again.
        Assert.False(IngestArticleHandler.IsPlain(derived));
    }

    [Fact]
    public void a_plain_article_from_the_bus_is_rejected_for_what_http_would_reject_it_for()
    {
        var plain = new IngestArticle(Guid.Empty, "https://testwire.example/b", null, "Test Wire", Now.AddHours(-1), "  ", Body, null!, null!);
        var (derived, problem) = IngestArticleHandler.Derive(plain, Now);
        Assert.Null(derived);
        Assert.Equal($"article {CanonicalUrl.ArticleId("https://testwire.example/b")} (https://testwire.example/b): title is required and must not be empty", problem);
        (_, problem) = IngestArticleHandler.Derive(plain with { Url = "ftp://x", Title = "Chile", PublishedAt = default }, Now);
        Assert.Equal("article without an id (no valid url): url must be an absolute http(s) URL; publishedAt is required", problem);
    }

    [Fact]
    public void a_message_from_the_bus_never_stores_credentials()
    {
        var message = Validate().Command! with { Url = "https://u:p@testwire.example/a", CanonicalUrl = "https://u:p@testwire.example/a" };
        var ingested = (ArticleIngested)IngestArticleHandler.Decide(message, null, Now).First!;
        Assert.Equal("https://testwire.example/a", ingested.Url);
        Assert.Equal("https://testwire.example/a", ingested.CanonicalUrl);
    }

    [Theory]
    [InlineData("application/json", null)]
    [InlineData("application/json; charset=utf-8", null)]
    [InlineData("Application/JSON; charset=UTF-8", null)]
    [InlineData("application/problem+json", null)]
    [InlineData(null, "none was given")]
    [InlineData("", "none was given")]
    [InlineData("text/plain", "not text/plain")]
    [InlineData("application/x-www-form-urlencoded", "not application/x-www-form-urlencoded")]
    [InlineData("application/json; charset=iso-8859-1", "not charset=iso-8859-1")]
    [InlineData("json", "not json")]
    public void a_body_must_be_utf8_json(string? contentType, string? problem)
    {
        if (problem is null) Assert.Null(JsonBodies.Problem(contentType));
        else Assert.Contains(problem, JsonBodies.Problem(contentType));
    }

    [Theory]
    [InlineData("h1", null, null, "accepted")]
    [InlineData("h1", null, "h1", "duplicate")]                  // stored by the CLI or the bus, never through the door
    [InlineData("h2", null, "h1", "revised")]
    [InlineData("h1", "h1", null, "duplicate")]                  // accepted, not ingested yet
    [InlineData("h2", "h1", null, "revised")]
    [InlineData("h2", "h1,h2", "h1", "duplicate")]               // a revision accepted, pending behind the stored first version
    [InlineData("h1", "h1,h2", "h1", "revised")]                 // back to the first version while the second is pending
    [InlineData("h3", "h1", "h3", "duplicate")]                  // the store holds a version the door never saw: it counts
    public void status_is_measured_against_what_the_article_will_be(string hash, string? doorHashes, string? stored, string expected)
    {
        var receipt = doorHashes is null ? null : new ArticleReceipt { Hashes = [.. doorHashes.Split(',')], ContentHash = doorHashes.Split(',')[^1] };
        Assert.Equal(expected, PublishArticle.StatusOf(hash, receipt, stored));
    }
}
