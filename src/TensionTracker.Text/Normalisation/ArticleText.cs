using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace TensionTracker.Text.Normalisation;

/// <summary>
/// Turns a publisher's title or body into the canonical text every offset refers to: HTML stripped,
/// entities decoded, Unicode NFC, whitespace collapsed (paragraphs kept as blank lines).
/// NUL and other control characters are rejected rather than stripped: they mean the input is broken,
/// and PostgreSQL jsonb would refuse them anyway.
/// </summary>
public static partial class ArticleText
{
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

    public static string Normalise(string value, bool keepParagraphs)
    {
        var text = value;
        if (LooksLikeHtml(text))
        {
            text = DropInvisible().Replace(text, " ");
            text = BlockBreak().Replace(text, "\n\n");
            text = LineBreak().Replace(text, "\n");
            text = AnyTag().Replace(text, "");
        }
        text = WebUtility.HtmlDecode(text);
        text = text.Normalize(NormalizationForm.FormC);
        text = text.Replace('\u00A0', ' ').Replace("\r\n", "\n").Replace('\r', '\n');

        var paragraphs = ParagraphSplit().Split(text)
            .Select(p => Spaces().Replace(p, " ").Trim())
            .Where(p => p.Length > 0);
        return keepParagraphs ? string.Join("\n\n", paragraphs) : string.Join(" ", paragraphs);
    }

    /// <summary>A stable hash of the normalised content, to tell a duplicate from a revision.</summary>
    public static string ContentHash(string title, string body, DateTimeOffset publishedAt)
    {
        var bytes = Encoding.UTF8.GetBytes(title + "\u001f" + body + "\u001f" + publishedAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
        return Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes));
    }

    static bool LooksLikeHtml(string s) => s.Contains('<') && AnyTag().IsMatch(s) || s.Contains("&") && s.Contains(';');

    [GeneratedRegex(@"<(script|style|noscript|template)\b[^>]*>.*?</\1\s*>", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex DropInvisible();
    [GeneratedRegex(@"</?(p|div|h[1-6]|li|ul|ol|blockquote|section|article|header|footer|figure|figcaption|tr|table)\b[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex BlockBreak();
    [GeneratedRegex(@"<br\s*/?>", RegexOptions.IgnoreCase)]
    private static partial Regex LineBreak();
    [GeneratedRegex(@"<[!/?]?[A-Za-z][^<>]*>|<!--.*?-->", RegexOptions.Singleline)]
    private static partial Regex AnyTag();
    [GeneratedRegex(@"\n\s*\n")]
    private static partial Regex ParagraphSplit();
    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
