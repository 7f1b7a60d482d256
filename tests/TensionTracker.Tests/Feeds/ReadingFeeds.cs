using System.Text;
using System.Xml;
using TensionTracker.Feeds;

namespace TensionTracker.Tests.Feeds;

/// <summary>The pure parts of following a feed: parsing, page text, intervals, backoff and the per-host pace.</summary>
public class reading_feeds
{
    static readonly Uri FeedUrl = new("http://news.test/feeds/world.xml");
    static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void an_rss_feed_gives_its_items_with_full_content_summaries_and_lenient_dates()
    {
        var feed = FeedDocument.Parse(Encoding.UTF8.GetBytes("""
            <?xml version="1.0"?>
            <rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
              <title>Test Desk</title><language>pt-BR</language>
              <item><title>Full</title><link>/news/full</link><guid>g-1</guid><pubDate>Tue, 01 Dec 2026 09:00:00 GMT</pubDate>
                <description>Short.</description><content:encoded><![CDATA[<p>The whole story.</p>]]></content:encoded></item>
              <item><title>Odd date</title><link>http://news.test/news/odd</link><pubDate>the day before yesterday</pubDate><description>Only this.</description></item>
            </channel></rss>
            """), FeedUrl);
        Assert.Equal("Test Desk", feed.Title);
        Assert.Equal("pt", FeedDocument.PrimaryLanguage(feed.Language));
        Assert.Equal(2, feed.Items.Count);
        var full = feed.Items[0];
        Assert.Equal(("g-1", "http://news.test/news/full", "<p>The whole story.</p>", "Short."), (full.Key, full.Link!.AbsoluteUri, full.Content, full.Summary));
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero), full.PublishedAt);
        // No guid: the link is the key; an unreadable date is no date, not a broken feed.
        Assert.Equal(("http://news.test/news/odd", null, null), (feed.Items[1].Key, feed.Items[1].PublishedAt, feed.Items[1].Content));
    }

    [Fact]
    public void an_atom_feed_gives_its_language_and_dates_by_updated()
    {
        var feed = FeedDocument.Parse(Encoding.UTF8.GetBytes("""
            <feed xmlns="http://www.w3.org/2005/Atom" xml:lang="fr-CA"><title>Bulletin</title><id>urn:b</id><updated>2026-12-01T08:00:00Z</updated>
              <entry><title>Une</title><id>urn:b:1</id><link href="http://news.test/une"/><updated>2026-12-01T08:00:00Z</updated>
                <summary>Résumé.</summary></entry></feed>
            """), FeedUrl);
        Assert.Equal("fr", FeedDocument.PrimaryLanguage(feed.Language));
        var entry = Assert.Single(feed.Items);
        Assert.Equal(("urn:b:1", "Résumé.", new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero)), (entry.Key, entry.Summary, entry.PublishedAt!.Value));
    }

    [Theory]
    [InlineData("<html><body>a page, not a feed</body></html>", "not an RSS 2.0 or Atom feed")]
    [InlineData("<rss version=\"2.0\"><channel><title>cut", "")]
    [InlineData("<!DOCTYPE rss [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><rss version=\"2.0\"><channel><title>&x;</title></channel></rss>", "")]
    public void what_is_not_a_well_formed_feed_is_an_error_and_no_entity_is_resolved(string xml, string message)
    {
        var error = Assert.ThrowsAny<XmlException>(() => FeedDocument.Parse(Encoding.UTF8.GetBytes(xml), FeedUrl));
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void a_page_gives_its_main_text_and_language_without_menus_and_offline()
    {
        var html = """
            <html lang="es-UY"><head><title>Acuerdo fluvial</title></head><body>
            <nav><a href="/">Portada</a> <a href="/mundo">Mundo</a></nav>
            <article><h1>Acuerdo fluvial</h1>
            <p>El canciller dijo el miércoles que los dos gobiernos firmaron un acuerdo para coordinar la navegación en el río que comparten.</p>
            <p>Según el canciller, el acuerdo permitirá reducir las demoras en los puertos y compartir los datos sobre el nivel del agua.</p>
            <p>Una reunión técnica el mes próximo definirá los detalles del calendario y de las inspecciones conjuntas de las barcazas.</p>
            </article><footer>Todos los derechos reservados</footer></body></html>
            """;
        var page = PageText.Extract(new Uri("http://unreachable.invalid/acuerdo"), Encoding.UTF8.GetBytes(html), "utf-8");
        Assert.Equal("es", page.Language);
        Assert.Contains("coordinar la navegación", page.Text);
        Assert.DoesNotContain("Portada", page.Text);
        Assert.DoesNotContain("derechos reservados", page.Text);
    }

    [Theory]
    [InlineData("90s", 90)]
    [InlineData("5m", 300)]
    [InlineData("1h30m", 5400)]
    [InlineData("1d", 86400)]
    [InlineData("00:05:00", 300)]
    public void intervals_are_read_as_people_write_them(string text, int seconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(seconds), AddFeed.ParseEvery(text));
        Assert.Equal(TimeSpan.FromSeconds(seconds), AddFeed.ParseEvery(AddFeed.FormatEvery(TimeSpan.FromSeconds(seconds))));
    }

    [Theory]
    [InlineData("")]
    [InlineData("5")]
    [InlineData("m")]
    [InlineData("5 minutes")]
    [InlineData("9999999d")]
    [InlineData("-5m")]
    public void a_bad_interval_is_no_interval(string text) => Assert.Null(AddFeed.ParseEvery(text));

    [Fact]
    public void failures_back_off_exponentially_up_to_a_cap_and_a_success_resets_them()
    {
        var feed = Feed.Create("http://news.test/feed.xml", TimeSpan.FromMinutes(5), Now);
        var waits = new List<TimeSpan>();
        for (var i = 0; i < 10; i++)
        {
            feed.Record(PollOutcome.Failed("http://news.test/feed.xml answered 503 (Service Unavailable)"), Now);
            waits.Add(feed.NextPollAt - Now);
        }
        Assert.Equal([10, 20, 40, 80, 160, 320, 360, 360, 360, 360], waits.Select(w => (int)w.TotalMinutes));
        Assert.Equal(10, feed.ConsecutiveFailures);
        Assert.Contains("503", feed.LastError);

        feed.Record(new PollOutcome(null, ETag: "\"v1\"", Published: 2) { Seen = ["a", "b"] }, Now);
        Assert.Equal((0, null, TimeSpan.FromMinutes(5), 2, "\"v1\""), (feed.ConsecutiveFailures, feed.LastError, feed.NextPollAt - Now, feed.ItemsPublished, feed.ETag));
    }

    [Fact]
    public void an_item_to_retry_keeps_the_validators_back_so_the_next_poll_reads_the_whole_feed()
    {
        var feed = Feed.Create("http://news.test/feed.xml", TimeSpan.FromMinutes(5), Now);
        feed.Record(new PollOutcome(null, ETag: "\"v1\"", LastModified: "Tue, 01 Dec 2026 09:00:00 GMT", RetryLater: true)
        {
            Seen = ["a"], Skipped = [new SkippedItem("http://news.test/b", "http://news.test/b did not answer within 30 s", Now)],
        }, Now);
        Assert.Equal((null, null), (feed.ETag, feed.LastModified));
        Assert.Equal(["a"], feed.Seen);
    }

    [Fact]
    public void the_seen_keys_are_bounded_keeping_the_newest()
    {
        var feed = Feed.Create("http://news.test/feed.xml", TimeSpan.FromMinutes(5), Now);
        feed.Record(new PollOutcome(null) { Seen = [.. Enumerable.Range(0, Feed.SeenLimit + 10).Select(i => $"k{i}")] }, Now);
        Assert.Equal(Feed.SeenLimit, feed.Seen.Count);
        Assert.Equal("k10", feed.Seen[0]);
    }

    [Fact]
    public void one_host_gets_one_request_per_interval_and_other_hosts_are_not_held_up()
    {
        var turns = new HostTurns(TimeSpan.FromSeconds(2));
        Assert.Equal(Now, turns.Take("news.test", Now));
        Assert.Equal(Now.AddSeconds(2), turns.Take("news.test", Now));
        Assert.Equal(Now.AddSeconds(4), turns.Take("NEWS.test", Now.AddSeconds(1)));
        Assert.Equal(Now, turns.Take("other.test", Now));
        Assert.Equal(Now.AddSeconds(10), turns.Take("news.test", Now.AddSeconds(10)));
    }
}
