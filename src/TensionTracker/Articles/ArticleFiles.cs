using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace TensionTracker.Articles;

/// <summary>One article read from a file, or the reason it could not be read.</summary>
public sealed record ArticleFromFile(string Source, JsonElement? Json, string? Problem);

/// <summary>
/// Reads articles from files the way publishers keep them: .json (an article or an array), .jsonl (one per
/// line), .txt/.md (optional front matter, title on the first line), .html (title from &lt;title&gt; or &lt;h1&gt;).
/// A folder is read recursively. A bad item is reported and the rest of the file goes on.
/// </summary>
public static partial class ArticleFiles
{
    static readonly string[] Extensions = [".json", ".jsonl", ".txt", ".md", ".html", ".htm"];

    public static IEnumerable<string> Expand(IEnumerable<string> paths) => paths.SelectMany(p =>
        Directory.Exists(p)
            ? Directory.EnumerateFiles(p, "*", SearchOption.AllDirectories).Where(f => Extensions.Contains(Path.GetExtension(f).ToLowerInvariant())).Order(StringComparer.Ordinal)
            : Enumerable.Repeat(p, 1));

    public static IEnumerable<ArticleFromFile> Read(string path, long maxBytes, DateTimeOffset? publishedAt)
    {
        if (!File.Exists(path)) { yield return new(path, null, "no such file"); yield break; }
        var extension = Path.GetExtension(path).ToLowerInvariant();
        var bytes = File.ReadAllBytes(path);
        if (extension != ".json" && extension != ".jsonl" && bytes.Length > maxBytes)
        {
            yield return new(path, null, $"the file is over the size limit of {maxBytes} bytes");
            yield break;
        }
        switch (extension)
        {
            case ".json":
                var (json, problem) = ArticleValidation.Parse(bytes);
                if (json is null) { yield return new(path, null, problem); yield break; }
                if (json.Value.ValueKind == JsonValueKind.Array)
                {
                    var i = 0;
                    foreach (var item in json.Value.EnumerateArray())
                        yield return Sized($"{path}#{i++}", item, maxBytes, publishedAt);
                }
                else yield return Sized(path, json.Value, maxBytes, publishedAt);
                break;
            case ".jsonl":
                var line = 0;
                foreach (var raw in SplitLines(bytes))
                {
                    line++;
                    if (raw.Length == 0 || raw.All(b => b is (byte)' ' or (byte)'\t' or (byte)'\r')) continue;
                    if (raw.Length > maxBytes) { yield return new($"{path}:{line}", null, $"the article is over the size limit of {maxBytes} bytes"); continue; }
                    var (item, itemProblem) = ArticleValidation.Parse(raw);
                    yield return item is null ? new($"{path}:{line}", null, itemProblem) : WithDate($"{path}:{line}", item.Value, publishedAt);
                }
                break;
            default:
                var text = DecodeStrict(bytes, out var decodeProblem);
                if (text is null) { yield return new(path, null, decodeProblem); yield break; }
                yield return new(path, extension is ".html" or ".htm" ? FromHtml(text, path, publishedAt) : FromText(text, path, publishedAt), null);
                break;
        }
    }

    static string? DecodeStrict(byte[] bytes, out string? problem)
    {
        problem = null;
        try { return new UTF8Encoding(false, true).GetString(bytes); }
        catch (DecoderFallbackException e) { problem = $"the file is not valid UTF-8 (byte offset {e.Index})"; return null; }
    }

    static ArticleFromFile Sized(string source, JsonElement item, long maxBytes, DateTimeOffset? publishedAt) =>
        item.GetRawText().Length > maxBytes
            ? new(source, null, $"the article is over the size limit of {maxBytes} bytes")
            : WithDate(source, item, publishedAt);

    /// <summary>--published-at fills in a missing date, never overrides one the article has.</summary>
    static ArticleFromFile WithDate(string source, JsonElement item, DateTimeOffset? publishedAt)
    {
        if (publishedAt is null || item.ValueKind != JsonValueKind.Object || item.TryGetProperty("publishedAt", out _)) return new(source, item, null);
        var dict = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(item.GetRawText())!;
        dict["publishedAt"] = JsonSerializer.SerializeToElement(publishedAt.Value);
        return new(source, JsonSerializer.SerializeToElement(dict), null);
    }

    static IEnumerable<byte[]> SplitLines(byte[] bytes)
    {
        var start = 0;
        for (var i = 0; i <= bytes.Length; i++)
            if (i == bytes.Length || bytes[i] == (byte)'\n')
            {
                yield return bytes[start..i];
                start = i + 1;
            }
    }

    static JsonElement FromText(string text, string path, DateTimeOffset? publishedAt)
    {
        var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var match = FrontMatter().Match(text);
        if (match.Success)
        {
            foreach (var line in match.Groups[1].Value.Split('\n'))
            {
                var colon = line.IndexOf(':');
                if (colon > 0) fields[line[..colon].Trim()] = line[(colon + 1)..].Trim().Trim('"');
            }
            text = text[match.Length..];
        }
        var lines = text.Replace("\r\n", "\n").TrimStart('\n').Split('\n', 2);
        fields.TryAdd("title", lines[0].TrimStart('#', ' ').Trim());
        fields["body"] = lines.Length > 1 ? lines[1].Trim() : "";
        return Build(fields, path, publishedAt);
    }

    static JsonElement FromHtml(string html, string path, DateTimeOffset? publishedAt)
    {
        var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var title = TitleTag().Match(html);
        if (!title.Success) title = H1Tag().Match(html);
        fields["title"] = title.Success ? title.Groups[1].Value : "";
        var body = BodyTag().Match(html);
        fields["body"] = body.Success ? body.Groups[1].Value : html;
        var canonical = CanonicalLink().Match(html);
        if (canonical.Success) fields["url"] = canonical.Groups[1].Value;
        var published = PublishedMeta().Match(html);
        if (published.Success) fields["publishedAt"] = published.Groups[1].Value;
        return Build(fields, path, publishedAt);
    }

    static JsonElement Build(Dictionary<string, string> fields, string path, DateTimeOffset? publishedAt)
    {
        var article = new Dictionary<string, object?>
        {
            ["url"] = fields.GetValueOrDefault("url"),
            ["outlet"] = fields.GetValueOrDefault("outlet"),
            ["publishedAt"] = fields.GetValueOrDefault("publishedAt") ?? fields.GetValueOrDefault("date") ?? publishedAt?.ToString("O"),
            ["title"] = fields.GetValueOrDefault("title"),
            ["body"] = fields.GetValueOrDefault("body"),
            ["language"] = fields.GetValueOrDefault("language"),
        };
        return JsonSerializer.SerializeToElement(article);
    }

    [GeneratedRegex(@"\A---\s*\n(.*?)\n---\s*\n", RegexOptions.Singleline)]
    private static partial Regex FrontMatter();
    [GeneratedRegex(@"<title[^>]*>(.*?)</title>", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex TitleTag();
    [GeneratedRegex(@"<h1[^>]*>(.*?)</h1>", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex H1Tag();
    [GeneratedRegex(@"<body[^>]*>(.*?)</body>", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex BodyTag();
    [GeneratedRegex(@"<link[^>]+rel=[""']canonical[""'][^>]+href=[""']([^""']+)[""']", RegexOptions.IgnoreCase)]
    private static partial Regex CanonicalLink();
    [GeneratedRegex(@"<meta[^>]+(?:property|name)=[""']article:published_time[""'][^>]+content=[""']([^""']+)[""']", RegexOptions.IgnoreCase)]
    private static partial Regex PublishedMeta();
}
