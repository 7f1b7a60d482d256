using System.Text;
using System.Text.Json;
using TensionTracker.Text.Normalisation;

namespace TensionTracker.Articles;

/// <summary>An article as publishers send it (HTTP body, CLI file, broker message).</summary>
public sealed record ArticleSubmission(
    string? Url, string? Outlet, DateTimeOffset? PublishedAt, string? Title, string? Body, string? Language = null);

/// <summary>
/// Validation and normalisation shared by every way in (HTTP, CLI, the bus handler): an article is either
/// turned into an <see cref="IngestArticle"/> or rejected with one message per faulty field.
/// </summary>
public static class ArticleValidation
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Strict UTF-8 then JSON: a broken byte or a broken bracket is named, not guessed at.</summary>
    public static (JsonElement? Json, string? Problem) Parse(ReadOnlySpan<byte> bytes)
    {
        string text;
        try { text = StrictUtf8.GetString(bytes); }
        catch (DecoderFallbackException e) { return (null, $"the request is not valid UTF-8 (byte offset {e.Index})"); }
        try
        {
            using var doc = JsonDocument.Parse(text);
            return (doc.RootElement.Clone(), null);
        }
        catch (JsonException e) { return (null, $"malformed JSON: {e.Message}"); }
    }

    public static (ArticleSubmission? Article, Dictionary<string, string[]> Errors) Read(JsonElement json)
    {
        var errors = new Dictionary<string, string[]>();
        if (json.ValueKind != JsonValueKind.Object)
        {
            errors["article"] = ["an article must be a JSON object"];
            return (null, errors);
        }
        string? Str(string name)
        {
            if (!json.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null) return null;
            if (v.ValueKind != JsonValueKind.String)
            {
                errors[name] = [$"{name} must be a string"];
                return null;
            }
            // A "\ud800" escape without its pair decodes to no string at all: name it rather than fail.
            try { return v.GetString(); }
            catch (InvalidOperationException)
            {
                errors[name] = [$"{name} contains an invalid Unicode sequence (a lone surrogate)"];
                return null;
            }
        }
        DateTimeOffset? published = null;
        if (json.TryGetProperty("publishedAt", out var p) && p.ValueKind != JsonValueKind.Null)
        {
            if (Str("publishedAt") is { } text && DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture,
                    System.Globalization.DateTimeStyles.AssumeUniversal, out var d)) published = d;
            else errors.TryAdd("publishedAt", ["publishedAt must be an ISO 8601 date-time"]);
        }
        var article = new ArticleSubmission(Str("url"), Str("outlet"), published, Str("title"), Str("body"), Str("language"));
        return (article, errors);
    }

    /// <summary>
    /// Checks and normalises: HTML stripped, Unicode NFC, whitespace collapsed, bidi controls removed from title, body
    /// and outlet, credentials removed from the URL; then the limits of <see cref="ArticleRules"/>.
    /// </summary>
    public static (IngestArticle? Command, Dictionary<string, string[]> Errors) Validate(
        ArticleSubmission article, DateTimeOffset now, Dictionary<string, string[]>? earlier = null,
        long maxBodyBytes = ArticleRules.DefaultMaxArticleBytes)
    {
        var errors = earlier ?? new Dictionary<string, string[]>();
        void Fail(string field, string message) => errors.TryAdd(field, [message]);

        foreach (var (field, value) in new[] { ("url", article.Url), ("outlet", article.Outlet), ("title", article.Title), ("body", article.Body), ("language", article.Language) })
            if (value is not null && ArticleText.FindProblem(value) is { } problem) Fail(field, $"{field} {problem}");

        string? url = null, canonical = null;
        if (!string.IsNullOrWhiteSpace(article.Url) && !errors.ContainsKey("url"))
        {
            url = CanonicalUrl.WithoutCredentials(article.Url.Trim());
            if (url.Length > ArticleRules.MaxUrlLength) Fail("url", $"url is longer than {ArticleRules.MaxUrlLength} characters");
            else if ((canonical = CanonicalUrl.Canonicalise(url)) is null) Fail("url", "url must be an absolute http(s) URL");
        }
        if (article.PublishedAt is null) Fail("publishedAt", "publishedAt is required");
        else if (article.PublishedAt > now.AddDays(1)) Fail("publishedAt", $"publishedAt {article.PublishedAt:O} is more than a day in the future");
        else if (article.PublishedAt < new DateTimeOffset(1900, 1, 1, 0, 0, 0, TimeSpan.Zero)) Fail("publishedAt", "publishedAt is before 1900");

        // Cleaning is linear and bounded in time (ArticleText.CleaningBudget): past it the field is refused, by name.
        string Clean(string field, string? value, bool keepParagraphs)
        {
            if (errors.ContainsKey(field) || value is null) return "";
            try { return CleanText(value, keepParagraphs); }
            catch (CleaningTooSlowException e) { Fail(field, $"{field} {e.Message}"); return ""; }
        }
        var title = Clean("title", article.Title, keepParagraphs: false);
        var body = Clean("body", article.Body, keepParagraphs: true);
        if (title.Length == 0) Fail("title", "title is required and must not be empty");
        if (body.Length == 0) Fail("body", "body is required and must not be empty");
        var outlet = BidiAndLetters.WithoutBidiControls(article.Outlet?.Trim() ?? "");
        if (outlet.Length == 0) outlet = canonical is null ? "unknown" : new Uri(canonical).Host;
        var language = string.IsNullOrWhiteSpace(article.Language) ? "en" : article.Language.Trim().ToLowerInvariant();
        foreach (var (field, problem) in ArticleRules.Problems(url, outlet, title, body, language, maxBodyBytes)) Fail(field, problem);

        if (errors.Count > 0) return (null, errors);

        var hash = ArticleText.ContentHash(title, body, article.PublishedAt!.Value);
        var id = CanonicalUrl.ArticleId(canonical ?? "content:" + hash);
        return (new IngestArticle(id, url ?? "", canonical, outlet, article.PublishedAt.Value.ToUniversalTime(), title, body, language, hash), errors);
    }

    static string CleanText(string text, bool keepParagraphs) =>
        BidiAndLetters.WithoutBidiControls(ArticleText.Normalise(text, keepParagraphs));
}
