using System.Buffers;
using System.Text;
using System.Text.RegularExpressions;
using TensionTracker.Text.Normalisation;

namespace TensionTracker.Articles;

/// <summary>
/// The limits every way in holds an article to, each named in its error: at the door (HTTP and CLI, through
/// <see cref="ArticleValidation"/>) on the normalised fields, and again in the ingest handler on what arrives on
/// the bus, where a publisher may have skipped the door.
/// </summary>
public static partial class ArticleRules
{
    public const int MaxUrlLength = 2_048;
    public const int MaxOutletLength = 200;
    public const int MaxTitleLength = 1_000;
    public const int MaxLanguageLength = 12;
    public const long DefaultMaxArticleBytes = 1024 * 1024;

    /// <summary>The problems of an article's normalised fields, one per field at most.</summary>
    public static IEnumerable<(string Field, string Problem)> Problems(
        string? url, string outlet, string title, string body, string language, long maxBodyBytes)
    {
        if (url is { Length: > MaxUrlLength }) yield return ("url", $"url is longer than {MaxUrlLength} characters");
        if (outlet.Length > MaxOutletLength) yield return ("outlet", $"outlet is longer than {MaxOutletLength} characters");
        if (title.Length > MaxTitleLength) yield return ("title", $"title is longer than {MaxTitleLength} characters");
        else if (!BidiAndLetters.HasLetter(title)) yield return ("title", "title contains no letters");
        // A body cannot be longer than the request that carried it; one on the bus, or grown by normalisation, can.
        // (A UTF-16 unit is at most 3 bytes of UTF-8: most bodies are measured without being read.)
        if (body.Length > maxBodyBytes || body.Length * 3L > maxBodyBytes && Encoding.UTF8.GetByteCount(body) > maxBodyBytes)
            yield return ("body", $"body is over the limit of {maxBodyBytes} bytes");
        else if (!BidiAndLetters.HasLetter(body)) yield return ("body", "body contains no letters");
        if (!IsLanguageCode(language))
            yield return ("language", $"language must be a language code such as \"en\" or \"pt-br\" (at most {MaxLanguageLength} characters)");
    }

    /// <summary>
    /// <see cref="ArticleText.FindProblem"/> (control characters, NUL, lone surrogates), with a vectorised look first:
    /// the ingest handler asks it of every message, and almost every text has none of them.
    /// </summary>
    public static string? CharacterProblem(string value)
    {
        var span = value.AsSpan();
        if (span.IndexOfAny(Controls) < 0 && span.IndexOfAnyInRange('\uD800', '\uDFFF') < 0) return null;
        return ArticleText.FindProblem(value);
    }

    static readonly SearchValues<char> Controls = SearchValues.Create(
        Enumerable.Range(0, 0xA0).Select(c => (char)c).Where(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t')).ToArray());

    public static bool IsLanguageCode(string language) => language.Length <= MaxLanguageLength && LanguageCode().IsMatch(language);

    /// <summary>An ISO 639 code, optionally with subtags (BCP 47: "en", "pt-br", "zh-hant").</summary>
    [GeneratedRegex("^[a-z]{2,3}(-[a-z0-9]{2,8})*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex LanguageCode();
}
