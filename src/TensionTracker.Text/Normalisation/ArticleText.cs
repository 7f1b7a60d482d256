using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using AngleSharp.Html;
using AngleSharp.Html.Parser;
using AngleSharp.Html.Parser.Tokens.Struct;
using AngleSharp.Text;

namespace TensionTracker.Text.Normalisation;

/// <summary>
/// Turns a publisher's title or body into the canonical text every offset refers to: HTML stripped,
/// entities decoded, Unicode NFC, whitespace collapsed (paragraphs kept as blank lines).
/// NUL and other control characters are rejected rather than stripped: they mean the input is broken,
/// and PostgreSQL jsonb would refuse them anyway.
/// Every step is one pass over the text, so the time grows with the length and nothing else: HTML goes through
/// AngleSharp's HTML5 tokenizer, not regular expressions (which took minutes on a megabyte of repeated
/// <c>&lt;script&gt;</c> or <c>&lt;!--</c>) nor AngleSharp's tree builder (quadratic on deeply nested unclosed blocks).
/// </summary>
public static class ArticleText
{
    /// <summary>
    /// How long cleaning one title or body may take. Cleaning runs at megabytes a second, so only a defect could reach
    /// it; the bound keeps such a defect from holding a request (and the host's shutdown) for minutes.
    /// </summary>
    public static readonly TimeSpan CleaningBudget = TimeSpan.FromSeconds(1);

    public static string? FindProblem(string value)
    {
        foreach (var c in value)
        {
            if (c == '\0') return "contains a NUL character";
            if (char.IsControl(c) && c is not ('\n' or '\r' or '\t')) return $"contains the control character U+{(int)c:X4}";
        }
        for (var i = 0; i < value.Length; i++)
        {
            // Lone surrogates are what invalid UTF-8 becomes after lenient decoding.
            if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1])) { i++; continue; }
            if (char.IsSurrogate(value[i])) return "contains an invalid Unicode sequence";
        }
        return null;
    }

    /// <summary>The canonical text; throws <see cref="CleaningTooSlowException"/> past <see cref="CleaningBudget"/>.</summary>
    public static string Normalise(string value, bool keepParagraphs) => Normalise(value, keepParagraphs, CleaningBudget);

    public static string Normalise(string value, bool keepParagraphs, TimeSpan budget)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(budget.TotalSeconds * Stopwatch.Frequency);
        // Text without markup is only entity-decoded, as it always was: the HTML5 rules would also decode a bare
        // "&not" inside "&notice", which a plain-text publisher did not mean.
        var text = LooksLikeHtml(value) ? VisibleText(value, deadline, budget) : WebUtility.HtmlDecode(value);
        text = text.Normalize(NormalizationForm.FormC);
        return CollapseWhitespace(text, keepParagraphs);
    }

    /// <summary>A stable hash of the normalised content, to tell a duplicate from a revision.</summary>
    public static string ContentHash(string title, string body, DateTimeOffset publishedAt)
    {
        var bytes = Encoding.UTF8.GetBytes(title + "\u001f" + body + "\u001f" + publishedAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
        return Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes));
    }

    /// <summary>
    /// A tag (<c>&lt;b&gt;</c>, <c>&lt;/p&gt;</c>, <c>&lt;!DOCTYPE …&gt;</c>: "&lt;", an optional "!", "/" or "?", a letter,
    /// then a "&gt;" before the next "&lt;") or a closed comment. One pass: each scan for "&gt;" stops at the next "&lt;",
    /// where the outer loop resumes.
    /// </summary>
    static bool LooksLikeHtml(string s)
    {
        var comment = s.IndexOf("<!--", StringComparison.Ordinal);
        if (comment >= 0 && s.IndexOf("-->", comment + 4, StringComparison.Ordinal) >= 0) return true;
        var i = s.IndexOf('<');
        while (i >= 0)
        {
            var j = i + 1;
            if (j < s.Length && s[j] is '!' or '/' or '?') j++;
            if (j < s.Length && char.IsAsciiLetter(s[j]))
            {
                var end = s.AsSpan(j).IndexOfAny('<', '>');
                if (end < 0) return false;
                if (s[j + end] == '>') return true;
                i = j + end;
                continue;
            }
            i = s.IndexOf('<', j);
        }
        return false;
    }

    /// <summary>
    /// What a reader sees, from the HTML5 token stream: text with its entities decoded; nothing of script, style,
    /// noscript, template, iframe, comments or attributes; a blank line at every block element's start and end tag,
    /// a line break at &lt;br&gt;. The tree builder is not needed for that, and it is where the quadratic cases are.
    /// </summary>
    static string VisibleText(string html, long deadline, TimeSpan budget)
    {
        using var tokenizer = new HtmlTokenizer(new TextSource(html), HtmlEntityProvider.Resolver)
        {
            SkipComments = true, SkipScriptText = true, SkipRawText = true, SkipProcessingInstructions = true, SkipCDATA = true,
            ShouldEmitAttribute = static (ref StructHtmlToken _, ReadOnlyMemory<char> _) => false,
            DisableElementPositionTracking = true,
        };
        var text = new StringBuilder(html.Length);
        var inTemplate = 0;
        for (var n = 1; ; n++)
        {
            if (n % 1024 == 0 && Stopwatch.GetTimestamp() > deadline) throw new CleaningTooSlowException(budget);
            // The struct token is the tokenizer's own buffer: nothing allocated per token.
            ref var token = ref tokenizer.GetStructToken();
            switch (token.Type)
            {
                case HtmlTokenType.EndOfFile:
                    return text.ToString();
                case HtmlTokenType.Character when inTemplate == 0:
                    text.Append((ReadOnlySpan<char>)token.Data);
                    break;
                case HtmlTokenType.StartTag:
                    // The states the tree builder would switch the tokenizer to (HTML5 §13.2.6.4.7, scripting on).
                    switch ((ReadOnlySpan<char>)token.Name)
                    {
                        case "script": tokenizer.State = HtmlParseMode.Script; break;
                        case "style" or "noscript" or "iframe" or "noembed" or "noframes" or "xmp": tokenizer.State = HtmlParseMode.Rawtext; break;
                        case "title" or "textarea": tokenizer.State = HtmlParseMode.RCData; break;
                        case "plaintext": tokenizer.State = HtmlParseMode.Plaintext; break;
                        case "template": inTemplate++; break;
                    }
                    if (inTemplate == 0) Break(text, token.Name);
                    break;
                case HtmlTokenType.EndTag:
                    if ((ReadOnlySpan<char>)token.Name is "template" && inTemplate > 0) inTemplate--;
                    else if (inTemplate == 0) Break(text, token.Name);
                    break;
            }
        }
    }

    static void Break(StringBuilder text, ReadOnlySpan<char> tag)
    {
        switch (tag)
        {
            case "br":
                text.Append('\n');
                break;
            case "p" or "div" or "h1" or "h2" or "h3" or "h4" or "h5" or "h6" or "li" or "ul" or "ol" or "blockquote" or "section"
                or "article" or "header" or "footer" or "figure" or "figcaption" or "tr" or "table":
                text.Append("\n\n");
                break;
        }
    }

    /// <summary>
    /// Every run of whitespace becomes one space, or a paragraph break where it holds two line breaks or more
    /// (\r\n, \r and \n alike); none at either end. One pass, where <c>\n\s*\n</c> then <c>\s+</c> rescanned runs.
    /// </summary>
    static string CollapseWhitespace(string text, bool keepParagraphs)
    {
        var result = new StringBuilder(text.Length);
        var pending = false;
        var lineBreaks = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                pending = true;
                if (c == '\n' || c == '\r' && (i + 1 == text.Length || text[i + 1] != '\n')) lineBreaks++;
                continue;
            }
            if (pending && result.Length > 0) result.Append(keepParagraphs && lineBreaks >= 2 ? "\n\n" : " ");
            pending = false;
            lineBreaks = 0;
            result.Append(c);
        }
        return result.ToString();
    }
}

/// <summary>Cleaning a title or body took longer than its budget; the message names the bound.</summary>
public sealed class CleaningTooSlowException(TimeSpan budget)
    : Exception($"took longer than {budget.TotalSeconds:0.###} s to clean");
