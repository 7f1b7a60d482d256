using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using TensionTracker.Text.Normalisation;

namespace TensionTracker.Tests.Feeds;

/// <summary>
/// Feeds followed end to end: a site on loopback (FeedServer), the real host polling on its schedule, the CLI,
/// real PostgreSQL and the real bus. Each test removes its feeds at the end, so the host stops polling them.
/// </summary>
public class following_feeds(FeedsFixture fx) : IClassFixture<FeedsFixture>
{
    static string Id(JsonElement feed) => feed.GetProperty("id").GetString()!;
    static bool Polled(JsonElement feed) => feed.GetProperty("lastPolledAt").ValueKind != JsonValueKind.Null;
    static Guid ArticleId(string url) => CanonicalUrl.ArticleId(CanonicalUrl.Canonicalise(url)!);

    [Fact]
    public async Task a_feed_served_from_loopback_is_followed_and_a_second_poll_publishes_nothing_new()
    {
        var url = fx.Server.BaseUrl + "/feeds/wire.xml";
        var id = Id(await fx.AddFeed("/feeds/wire.xml", "2s"));

        await fx.Host.WaitFor("/api/dyads/MOZ-TZA", d => d.GetProperty("statements").GetInt32() > 0, 90);
        await fx.Host.WaitFor("/api/dyads/BWA-NAM", d => d.GetProperty("statements").GetInt32() > 0);
        var ranked = await fx.Host.Get("/api/dyads?top=1000");
        Assert.Contains(ranked.GetProperty("items").EnumerateArray(), d => d.GetProperty("pair").GetString() == "MOZ-TZA");
        var article = await fx.Host.Get($"/api/articles/{ArticleId(fx.Server.BaseUrl + "/news/tanzania-protests-mozambique")}");
        Assert.Equal("Lakeside Wire", article.GetProperty("outlet").GetString());
        Assert.Equal(new DateTimeOffset(2026, 11, 22, 13, 0, 0, TimeSpan.Zero), article.GetProperty("publishedAt").GetDateTimeOffset());

        // The host polls again on its own, with the ETag it was given: 304, nothing new.
        var again = await fx.WaitForPoll(id, f => f.GetProperty("lastResult").GetString() == "not modified");
        Assert.Equal(2, again.GetProperty("itemsPublished").GetInt32());
        Assert.Contains(fx.Server.Requests, r => r.Path == "/feeds/wire.xml" && r.IfNoneMatch is not null && r.Status == 304);

        // And so does the command line.
        var (_, output) = await fx.Cli("feed", "poll", "--once");
        Assert.Contains($"{url}\tnot modified", output);
        Assert.Equal(2, (await fx.Host.Get($"/api/feeds/{id}")).GetProperty("itemsPublished").GetInt32());

        Assert.True((await fx.Host.Http.DeleteAsync($"/api/feeds/{id}")).IsSuccessStatusCode);
    }

    [Fact]
    public async Task a_broken_feed_is_reported_in_feed_list_with_its_error_and_backs_off()
    {
        var broken = fx.Server.BaseUrl + "/feeds/broken.xml";
        var looping = fx.Server.BaseUrl + "/loop/feed.xml";
        var brokenId = await CliAdd(broken);
        var loopingId = await CliAdd(looping);

        // Added from the command line, polled by the host (the CLI hands it the feed on the queue).
        var failed = await fx.WaitForPoll(brokenId, f => f.GetProperty("consecutiveFailures").GetInt32() == 1);
        Assert.True(Wait(failed) >= TimeSpan.FromMinutes(2), $"one failure waits twice the interval, not {Wait(failed)}");
        await fx.WaitForPoll(loopingId, f => f.GetProperty("consecutiveFailures").GetInt32() == 1);

        var (_, list) = await fx.Cli("feed", "list");
        Assert.Contains($"{brokenId}  {broken}", list);
        Assert.Matches(@"error \(1 failure in a row, backing off\): \S+/feeds/broken\.xml is not a readable feed: ", list);
        Assert.Matches(@"error \(1 failure in a row, backing off\): redirect loop: \S+/loop/feed\.xml\?again -> \S+/loop/feed\.xml\?again", list);

        // Failing again doubles the wait.
        var (exit, polled) = await fx.Cli("feed", "poll", "--once");
        Assert.Equal(1, exit);
        Assert.Contains($"{broken}\tfailed: ", polled);
        var twice = await fx.Host.Get($"/api/feeds/{brokenId}");
        Assert.Equal(2, twice.GetProperty("consecutiveFailures").GetInt32());
        Assert.True(Wait(twice) >= TimeSpan.FromMinutes(4), $"two failures wait four times the interval, not {Wait(twice)}");

        Assert.Equal(0, (await fx.Cli("feed", "remove", broken)).ExitCode);
        Assert.Equal(0, (await fx.Cli("feed", "remove", loopingId)).ExitCode);
        (_, list) = await fx.Cli("feed", "list");
        Assert.DoesNotContain(broken, list);
        Assert.DoesNotContain(looping, list);
        Assert.Equal(1, (await fx.Cli("feed", "remove", broken)).ExitCode);
    }

    async Task<string> CliAdd(string url)
    {
        var (exit, output) = await fx.Cli("feed", "add", url, "--every", "1m");
        Assert.True(exit == 0, output);
        return Regex.Match(output, $@"^([0-9a-f-]{{36}})  {Regex.Escape(url)}  every 1m: followed", RegexOptions.Multiline).Groups[1].Value;
    }

    static TimeSpan Wait(JsonElement feed) =>
        feed.GetProperty("nextPollAt").GetDateTimeOffset() - feed.GetProperty("lastPolledAt").GetDateTimeOffset();

    [Fact]
    public async Task summary_items_are_read_from_their_pages_and_pages_that_cannot_be_articles_are_skipped_with_the_reason()
    {
        var id = Id(await fx.AddFeed("/feeds/edge.xml", "1h"));
        var feed = await fx.WaitForPoll(id, Polled);
        Assert.True(feed.GetProperty("lastError").ValueKind == JsonValueKind.Null, feed.ToString());
        Assert.Equal(2, feed.GetProperty("itemsPublished").GetInt32());
        var skipped = feed.GetProperty("skipped").EnumerateArray().ToDictionary(s => s.GetProperty("url").GetString()!, s => s.GetProperty("reason").GetString()!);
        var site = fx.Server.BaseUrl;
        Assert.Equal(4, skipped.Count);
        Assert.Matches(@"/pages/taken-down\.html answered 404", skipped[site + "/pages/taken-down.html"]);
        Assert.Matches(@"^redirect loop: \S+/redirect/a -> \S+/redirect/b -> \S+/redirect/a$", skipped[site + "/redirect/a"]);
        Assert.Matches(@"/huge\.html is larger than the limit of 5,242,880 bytes", skipped[site + "/huge.html"]);
        Assert.Matches(@"/report\.pdf: not an HTML page \(application/pdf\)", skipped[site + "/report.pdf"]);

        // The summary ("Tirana summoned an envoy") gave way to the page's main text, without its menus and footer.
        var albania = await fx.Host.WaitFor($"/api/articles/{ArticleId(site + "/pages/albania-montenegro.html")}", a => a.GetProperty("status").GetString() == "scored");
        var body = albania.GetProperty("body").GetString()!;
        Assert.Contains("Montenegro had sent armed police boats into Albanian waters", body);
        Assert.Contains("several boats had been stopped and searched", body);
        Assert.DoesNotContain("Subscribe now", body);
        Assert.DoesNotContain("Ferry timetable", body);
        Assert.Equal("Harbour Gazette", albania.GetProperty("outlet").GetString());
        await fx.Host.WaitFor("/api/dyads/ALB-MNE", d => d.GetProperty("statements").GetInt32() > 0);

        // A page in Spanish in a feed in English: the page's own language wins, and Spanish is stored, not scored.
        var spanish = await fx.Host.WaitFor($"/api/articles/{ArticleId(site + "/pages/uruguay-paraguay-es.html")}", a => a.GetProperty("status").GetString() == "not_scored");
        Assert.Equal("es", spanish.GetProperty("language").GetString());
        Assert.Contains("acuerdo para coordinar la navegación", spanish.GetProperty("body").GetString());

        var (_, output) = await fx.Cli("feed", "list");
        Assert.Contains("report.pdf: not an HTML page (application/pdf)", output);
        (_, output) = await fx.Cli("feed", "poll", "--once");
        Assert.Contains($"{site}/feeds/edge.xml\tnot modified", output);

        Assert.True((await fx.Host.Http.DeleteAsync($"/api/feeds?url={Uri.EscapeDataString(site + "/feeds/edge.xml")}")).IsSuccessStatusCode);
    }

    [Fact]
    public async Task an_atom_feed_without_validators_is_read_and_its_items_are_not_published_twice()
    {
        var url = fx.Server.BaseUrl + "/feeds/atom.xml?plain";
        var id = Id(await fx.AddFeed("/feeds/atom.xml?plain", "1h"));
        var feed = await fx.WaitForPoll(id, Polled);
        Assert.Equal(1, feed.GetProperty("itemsPublished").GetInt32());
        Assert.Equal("Alpine Courier", feed.GetProperty("title").GetString());

        // The entry's relative link is resolved against the feed; its date is its <updated>.
        var article = await fx.Host.WaitFor($"/api/articles/{ArticleId(fx.Server.BaseUrl + "/news/slovenia-croatia-fishing")}", a => a.GetProperty("status").GetString() == "scored");
        Assert.Equal("Slovenia accuses Croatia over fishing boats", article.GetProperty("title").GetString());
        Assert.Equal(new DateTimeOffset(2026, 11, 24, 9, 15, 0, TimeSpan.Zero), article.GetProperty("publishedAt").GetDateTimeOffset());
        Assert.Equal("en", article.GetProperty("language").GetString());
        await fx.Host.WaitFor("/api/dyads/HRV-SVN", d => d.GetProperty("statements").GetInt32() > 0);

        // No ETag, no Last-Modified: the whole feed comes again, and its item is known.
        var (_, output) = await fx.Cli("feed", "poll", "--once");
        Assert.Contains($"{url}\t0 new, 0 already known, 0 skipped", output);
        Assert.Equal(2, fx.Server.Count("/feeds/atom.xml?plain", 200));
        Assert.Equal(1, (await fx.Host.Get($"/api/feeds/{id}")).GetProperty("itemsPublished").GetInt32());

        Assert.True((await fx.Host.Http.DeleteAsync($"/api/feeds/{id}")).IsSuccessStatusCode);
    }

    [Fact]
    public async Task the_command_line_publishes_what_it_polls_onto_the_queue_the_host_consumes()
    {
        var url = fx.Server.BaseUrl + "/feeds/growing.xml";
        var id = Id(await fx.AddFeed("/feeds/growing.xml", "1h"));
        await fx.WaitForPoll(id, f => f.GetProperty("itemsPublished").GetInt32() == 1);
        await fx.Host.WaitFor("/api/dyads/MRT-SEN", d => d.GetProperty("statements").GetInt32() > 0);

        // The feed has grown since: a new ETag, one new item.
        var (_, output) = await fx.Cli("feed", "poll", "--once");
        Assert.Contains($"{url}\t1 new, 0 already known, 0 skipped", output);
        await fx.Host.WaitFor("/api/dyads/KHM-LAO", d => d.GetProperty("statements").GetInt32() > 0);
        Assert.Equal(2, (await fx.Host.Get($"/api/feeds/{id}")).GetProperty("itemsPublished").GetInt32());

        Assert.True((await fx.Host.Http.DeleteAsync($"/api/feeds/{id}")).IsSuccessStatusCode);
    }

    [Fact]
    public async Task a_feed_that_is_not_a_url_is_refused_with_the_reason()
    {
        var response = await fx.Host.Http.PostAsJsonAsync("/api/feeds", new { url = "ftp://example.test/feed", every = "5m" });
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("url must be an absolute http(s) URL", await response.Content.ReadAsStringAsync());
        response = await fx.Host.Http.PostAsJsonAsync("/api/feeds", new { url = fx.Server.BaseUrl + "/feeds/wire.xml", every = "soon" });
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("every must be a duration such as 90s, 5m, 1h or 1d, not \"soon\"", problem.GetProperty("errors").GetProperty("every")[0].GetString());
        var (exit, output) = await fx.Cli("feed", "add", "not a url");
        Assert.Equal(1, exit);
        Assert.Contains("url must be an absolute http(s) URL", output);
    }
}
