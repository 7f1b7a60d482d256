using System.Text;

namespace TensionTracker.Feeds;

/// <summary>The main text of an article page (SmartReader, a port of Mozilla's Readability), with what the page says of itself.</summary>
public sealed record PageText(string? Title, string? Text, string? Language, DateTimeOffset? PublishedAt)
{
    /// <summary>Works on the bytes already fetched: SmartReader is given the text, so it never goes to the network itself.</summary>
    public static PageText Extract(Uri url, byte[] html, string? charset)
    {
        var article = charset is not null && EncodingOf(charset) is { } encoding
            ? new SmartReader.Reader(url.AbsoluteUri, encoding.GetString(html)).GetArticle()
            // Without a charset in the header, the parser finds it in the page (BOM or <meta charset>).
            : new SmartReader.Reader(url.AbsoluteUri, new MemoryStream(html)).GetArticle();
        // Not IsReadable: that is Readability's guess whether a page is worth a reader view, and it says no to a short
        // wire story whose text it extracts perfectly well.
        var text = string.IsNullOrWhiteSpace(article.TextContent) ? null : article.TextContent.Trim();
        return new PageText(
            string.IsNullOrWhiteSpace(article.Title) ? null : article.Title.Trim(), text,
            FeedDocument.PrimaryLanguage(article.Language),
            article.PublicationDate is { } date ? new DateTimeOffset(DateTime.SpecifyKind(date, date.Kind == DateTimeKind.Unspecified ? DateTimeKind.Utc : date.Kind)) : null);
    }

    static Encoding? EncodingOf(string charset)
    {
        try { return Encoding.GetEncoding(charset.Trim('"', ' ')); }
        catch (ArgumentException) { return null; }
    }
}
