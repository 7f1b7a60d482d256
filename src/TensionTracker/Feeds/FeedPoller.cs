using System.Xml;
using Marten;
using Microsoft.Extensions.Options;
using TensionTracker.Articles;
using TensionTracker.Text.Normalisation;

namespace TensionTracker.Feeds;

/// <summary>
/// One poll of one feed, shared by the host's PollFeed handler and `feed poll --once`: a conditional GET, the items
/// not seen before, the page of each item that carries only a summary, and every article checked by the same
/// validation as POST /api/articles. Publishing and saving the feed are the caller's.
/// </summary>
public sealed class FeedPoller(PoliteFetcher fetcher, IOptions<FeedOptions> options)
{
    public async Task<PollOutcome> Poll(Feed feed, IQuerySession session, DateTimeOffset now, CancellationToken ct)
    {
        Fetched fetched;
        try { fetched = await fetcher.GetFeed(new Uri(feed.Url), feed.ETag, feed.LastModified, ct); }
        catch (FetchFailedException e) { return PollOutcome.Failed(e.Message); }
        if (fetched.NotModified) return new PollOutcome(null, NotModified: true, ETag: fetched.ETag, LastModified: fetched.LastModified);

        FeedDocument document;
        try { document = FeedDocument.Parse(fetched.Body, fetched.Url); }
        // The library throws XmlException for what is not XML or not a feed, FormatException for a bad link in one.
        catch (Exception e) when (e is XmlException or FormatException or ArgumentException) { return PollOutcome.Failed($"{feed.Url} is not a readable feed: {e.Message}"); }

        var outlet = string.IsNullOrWhiteSpace(document.Title) ? fetched.Url.Host : document.Title.Trim();
        var seen = new List<string>();
        var skipped = new List<SkippedItem>();
        var articles = new List<IngestArticle>();
        int published = 0, duplicates = 0;
        var retryLater = false;
        // Feeds list the newest first; the oldest is published first.
        foreach (var item in document.Items.Reverse())
        {
            if (feed.Seen.Contains(item.Key) || seen.Contains(item.Key)) continue;
            var (submission, problem, permanent) = await Read(item, document, outlet, now, ct);
            if (submission is not null)
            {
                var (command, errors) = ArticleValidation.Validate(submission, now);
                if (command is null) (problem, permanent) = ("rejected: " + string.Join("; ", errors.SelectMany(e => e.Value)), true);
                else if (await PublishArticle.StatusOf(command, session, ct) == "duplicate") duplicates++;
                else { articles.Add(command); published++; }
            }
            if (problem is not null) skipped.Add(new SkippedItem(item.Link?.AbsoluteUri ?? item.Key, problem, now));
            if (problem is null || permanent) seen.Add(item.Key);
            else retryLater = true;
        }
        return new PollOutcome(null, false, document.Title, fetched.ETag, fetched.LastModified, published, duplicates, retryLater)
        {
            Seen = seen, Skipped = skipped, Articles = articles,
        };
    }

    /// <summary>The item as an article, or why not (and whether that will still hold next time).</summary>
    async Task<(ArticleSubmission? Article, string? Problem, bool Permanent)> Read(
        FeedItem item, FeedDocument document, string outlet, DateTimeOffset now, CancellationToken ct)
    {
        var text = item.Content ?? item.Summary;
        var title = item.Title;
        var published = item.PublishedAt;
        var language = FeedDocument.PrimaryLanguage(document.Language);
        if (item.Content is null && item.Link is not null && PlainLength(item.Summary) < options.Value.SummaryCharacters)
        {
            Fetched page;
            try { page = await fetcher.GetPage(item.Link, ct); }
            catch (FetchFailedException e) { return (null, e.Message, e.Permanent); }
            PageText extracted;
            try { extracted = PageText.Extract(page.Url, page.Body, page.Charset); }
            catch (Exception e) when (e is not OperationCanceledException) { return (null, $"{item.Link}: the page could not be read ({e.Message})", true); }
            if (extracted.Text is null && item.Summary is null) return (null, $"{item.Link}: no main text found on the page", true);
            text = extracted.Text ?? item.Summary;
            language = extracted.Language ?? language;
            title ??= extracted.Title;
            published ??= extracted.PublishedAt;
        }
        if (text is null) return (null, "the item has neither text nor a link", true);
        // An item without a date is dated when it was first read: validation needs a publication time.
        return (new ArticleSubmission(item.Link?.AbsoluteUri, outlet, published ?? now, title, text, language), null, false);
    }

    static int PlainLength(string? html) => html is null ? 0 : ArticleText.Normalise(html, keepParagraphs: false).Length;
}
