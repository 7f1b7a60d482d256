using System.Net;
using System.Text;
using System.Text.Json;
using TensionTracker.Tests.Support;

namespace TensionTracker.Tests.Articles;

[Collection(HostCollection.Name)]
public class publishing_articles(HostFixture host)
{
    const string ChilePeru = """
        SANTIAGO (Test Wire) - Chile's foreign minister said on Tuesday that Peru had moved troops across the border and warned that Chile would respond with force if they stayed.

        "This is an unacceptable provocation by Peru," the minister told reporters in Santiago.
        """;

    [Fact]
    public async Task an_article_published_over_http_shows_up_in_its_pairs_index_and_evidence()
    {
        var answer = await host.PostArticle(Support.Articles.Make("chl-per", "Chile warns Peru over border troops", ChilePeru));
        Assert.Equal("accepted", answer.GetProperty("status").GetString());
        var id = answer.GetProperty("articleId").GetString();
        await host.WaitFor($"/api/articles/{id}", a => a.GetProperty("status").GetString() == "scored");

        var pair = await host.Get("/api/dyads/per-chl");
        Assert.Equal("CHL-PER", pair.GetProperty("pair").GetString());
        Assert.True(pair.GetProperty("tension").GetDouble() is >= 0 and <= 100);
        Assert.True(pair.GetProperty("confidence").GetDouble() > 0);

        var statements = await host.Get("/api/dyads/CHL-PER/statements");
        var first = statements.GetProperty("items").EnumerateArray().First(s => s.GetProperty("articleId").GetString() == id);
        var article = await host.Get($"/api/articles/{id}");
        var text = article.GetProperty("title").GetString() + "\n\n" + article.GetProperty("body").GetString();
        Assert.Equal(first.GetProperty("text").GetString(), text[first.GetProperty("start").GetInt32()..first.GetProperty("end").GetInt32()]);
        Assert.Equal("Test Wire", first.GetProperty("outlet").GetString());
        Assert.Equal("scored", article.GetProperty("status").GetString());
        Assert.Contains(article.GetProperty("statements").EnumerateArray(), s => s.GetProperty("scores").EnumerateObject().Any());

        var ranked = await host.Get("/api/dyads?top=100");
        Assert.Contains(ranked.GetProperty("items").EnumerateArray(), d => d.GetProperty("pair").GetString() == "CHL-PER");
    }

    [Fact]
    public async Task the_same_article_twice_is_one_stream_and_reported_as_duplicate()
    {
        var url = $"https://testwire.example/dup-{Guid.NewGuid():N}";
        var first = await host.PostArticle(Support.Articles.WithUrl(url, "Chile warns Peru", ChilePeru));
        var id = first.GetProperty("articleId").GetString();
        await host.WaitFor($"/api/articles/{id}", a => a.GetProperty("status").GetString() == "scored");

        // The same story through a tracking link is the same article.
        var second = await host.PostArticle(Support.Articles.WithUrl(url + "?utm_source=newsletter&utm_medium=email", "Chile warns Peru", ChilePeru));
        Assert.Equal(id, second.GetProperty("articleId").GetString());
        Assert.Equal("duplicate", second.GetProperty("status").GetString());
        var article = await host.Get($"/api/articles/{id}");
        Assert.Equal(1, article.GetProperty("revision").GetInt32());
    }

    [Fact]
    public async Task a_revision_replaces_the_old_statements_in_the_index()
    {
        var url = $"https://testwire.example/revision-{Guid.NewGuid():N}";
        var before = await host.PostArticle(Support.Articles.WithUrl(url, "Uruguay protests to Paraguay",
            "MONTEVIDEO (Test Wire) - Uruguay's foreign minister said Paraguay had broken the river agreement and summoned its ambassador in protest."));
        var id = before.GetProperty("articleId").GetString();
        await host.WaitFor("/api/dyads/PRY-URY", d => d.GetProperty("statements").GetInt32() > 0);

        var revised = await host.PostArticle(Support.Articles.WithUrl(url, "Uruguay protests to Bolivia",
            "MONTEVIDEO (Test Wire) - Uruguay's foreign minister said Bolivia had broken the river agreement and summoned its ambassador in protest."));
        Assert.Equal("revised", revised.GetProperty("status").GetString());
        Assert.Equal(id, revised.GetProperty("articleId").GetString());

        await host.WaitFor("/api/dyads/BOL-URY", d => d.GetProperty("statements").GetInt32() > 0);
        var old = await host.WaitFor("/api/dyads/PRY-URY", d => d.GetProperty("statements").GetInt32() == 0);
        Assert.Equal(JsonValueKind.Null, old.GetProperty("tension").ValueKind);
        var article = await host.Get($"/api/articles/{id}");
        Assert.Equal(2, article.GetProperty("revision").GetInt32());
    }

    [Fact]
    public async Task a_retraction_removes_its_statements_from_every_index_but_not_from_what_was_known_before()
    {
        var posted = await host.PostArticle(Support.Articles.Make("retract", "Ecuador accuses Guyana",
            "QUITO (Test Wire) - Ecuador's president said Guyana had insulted the nation and threatened to expel its diplomats."));
        var id = posted.GetProperty("articleId").GetString();
        await host.WaitFor("/api/dyads/ECU-GUY", d => d.GetProperty("statements").GetInt32() > 0);
        var knownAt = DateTimeOffset.UtcNow.ToString("O");

        var response = await host.Http.DeleteAsync($"/api/articles/{id}");
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);

        var now = await host.WaitFor("/api/dyads/ECU-GUY", d => d.GetProperty("statements").GetInt32() == 0);
        Assert.Equal(JsonValueKind.Null, now.GetProperty("tension").ValueKind);
        var article = await host.Get($"/api/articles/{id}");
        Assert.Equal("retracted", article.GetProperty("status").GetString());
        var then = await host.Get($"/api/dyads/ECU-GUY?asOf={Uri.EscapeDataString(knownAt)}");
        Assert.True(then.GetProperty("statements").GetInt32() > 0);
    }

    [Fact]
    public async Task malformed_articles_are_rejected_naming_the_problem_and_the_next_valid_one_goes_through()
    {
        async Task<(HttpStatusCode, string)> Post(byte[] bytes)
        {
            var response = await host.Http.PostAsync("/api/articles", new ByteArrayContent(bytes) { Headers = { { "Content-Type", "application/json" } } });
            return (response.StatusCode, await response.Content.ReadAsStringAsync());
        }
        byte[] Json(object o) => JsonSerializer.SerializeToUtf8Bytes(o);
        var valid = new { url = "https://testwire.example/bad", outlet = "Test Wire", publishedAt = "2026-11-20T09:00:00Z", title = "A title", body = "A body." };

        var (status, body) = await Post(Json(new { valid.url, valid.outlet, valid.publishedAt, valid.title }));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("body", body);

        (status, body) = await Post(Encoding.UTF8.GetBytes("{\"url\": \"https://testwire.example/x\", \"title\": "));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("malformed JSON", body);

        (status, body) = await Post(Json(new { valid.url, valid.outlet, valid.publishedAt, valid.title, body = "Before\u0000after" }));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("NUL", body);

        (status, body) = await Post([.. Encoding.UTF8.GetBytes("{\"title\": \"caf"), 0xC3, 0x28, .. Encoding.UTF8.GetBytes("\"}")]);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("UTF-8", body);

        (status, body) = await Post(Json(new { valid.url, valid.outlet, valid.publishedAt, title = "  ", valid.body }));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("title", body);

        (status, body) = await Post(Json(new { valid.url, valid.outlet, publishedAt = "2090-01-01T00:00:00Z", valid.title, valid.body }));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("publishedAt", body);

        (status, body) = await Post(Json(new { valid.url, valid.outlet, valid.publishedAt, valid.title, body = new string('x', 2 * 1024 * 1024) }));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        Assert.Contains("limit", body);

        var accepted = await host.PostArticle(Support.Articles.Make("after-bad", "Chile warns Peru again", ChilePeru));
        var id = accepted.GetProperty("articleId").GetString();
        await host.WaitFor($"/api/articles/{id}", a => a.GetProperty("status").GetString() == "scored");
    }
}
