using System.Globalization;
using System.ServiceModel.Syndication;
using System.Xml;

namespace TensionTracker.Feeds;

/// <summary>One item of a feed, as the feed has it: full content (content:encoded, Atom content) or only a summary.</summary>
public sealed record FeedItem(string Key, Uri? Link, string? Title, DateTimeOffset? PublishedAt, string? Content, string? Summary);

/// <summary>An RSS 2.0 or Atom 1.0 feed read with System.ServiceModel.Syndication.</summary>
public sealed record FeedDocument(string? Title, string? Language, IReadOnlyList<FeedItem> Items)
{
    const string ContentModule = "http://purl.org/rss/1.0/modules/content/";

    /// <summary>The feed, or an XmlException naming what is wrong. No DTDs, no external entities.</summary>
    public static FeedDocument Parse(byte[] xml, Uri feedUrl)
    {
        using var reader = XmlReader.Create(new MemoryStream(xml), new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Ignore, XmlResolver = null, IgnoreComments = true,
        });
        SyndicationFeedFormatter formatter = new Rss20FeedFormatter();
        if (!formatter.CanRead(reader)) formatter = new Atom10FeedFormatter();
        if (!formatter.CanRead(reader)) throw new XmlException($"not an RSS 2.0 or Atom feed (the document starts with <{reader.LocalName}>)");
        // Dates are where real feeds stray most: one the library cannot read is left out rather than failing the feed.
        var strict = formatter.DateTimeParser;
        formatter.DateTimeParser = (XmlDateTimeData data, out DateTimeOffset value) =>
        {
            if (strict(data, out value)) return true;
            if (!DateTimeOffset.TryParse(data.DateTimeString, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out value))
                value = default;
            return true;
        };
        formatter.ReadFrom(reader);
        var feed = formatter.Feed;
        var items = feed.Items.Select(i => Item(i, feedUrl)).Where(i => i is not null).Select(i => i!).ToList();
        return new FeedDocument(feed.Title?.Text, feed.Language, items);
    }

    static FeedItem? Item(SyndicationItem item, Uri feedUrl)
    {
        var href = item.Links.FirstOrDefault(l => l.RelationshipType is null or "alternate")?.Uri ?? item.Links.FirstOrDefault()?.Uri;
        Uri? link = href is null ? null : href.IsAbsoluteUri ? href : new Uri(item.BaseUri ?? feedUrl, href);
        if (link is not null && link.Scheme is not ("http" or "https")) link = null;
        var content = item.ElementExtensions.ReadElementExtensions<string>("encoded", ContentModule).FirstOrDefault()
            ?? (item.Content as TextSyndicationContent)?.Text;
        var summary = item.Summary?.Text;
        var key = !string.IsNullOrWhiteSpace(item.Id) ? item.Id.Trim() : link?.AbsoluteUri ?? item.Title?.Text;
        if (key is null) return null;
        DateTimeOffset? published = item.PublishDate != default ? item.PublishDate : item.LastUpdatedTime != default ? item.LastUpdatedTime : null;
        return new FeedItem(key, link, item.Title?.Text, published, Blank(content), Blank(summary));
    }

    static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s;

    /// <summary>"es-ES" is published as "es": the pipeline keys languages by their primary tag.</summary>
    public static string? PrimaryLanguage(string? tag)
    {
        if (string.IsNullOrWhiteSpace(tag)) return null;
        var primary = tag.Trim().Split('-', '_')[0].ToLowerInvariant();
        return primary.Length is >= 2 and <= 3 && primary.All(char.IsAsciiLetterLower) ? primary : null;
    }
}
