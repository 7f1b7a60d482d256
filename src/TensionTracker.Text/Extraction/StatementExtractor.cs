namespace TensionTracker.Text.Extraction;

// TEMPORARY placeholder until the extraction branch lands (replaced wholesale on merge).
public sealed class StatementExtractor(Gazetteer gazetteer)
{
    public const string Version = "extractor-0";
    public IReadOnlyList<ExtractedStatement> Extract(string title, string body, DateTimeOffset publishedAt)
    {
        var text = ArticleDocument.Text(title, body);
        var result = new List<ExtractedStatement>();
        var start = 0;
        for (var i = 0; i <= text.Length; i++)
        {
            if (i < text.Length && !(text[i] == '.' || text[i] == '\n')) continue;
            var s = text[start..Math.Min(i + 1, text.Length)].Trim();
            if (s.Length > 0)
            {
                var countries = gazetteer.Names.Where(n => s.Contains(n.Key)).Select(n => n.Value).Distinct().ToArray();
                if (countries.Length > 0)
                    result.Add(new(text.IndexOf(s, start, StringComparison.Ordinal), s.Length, s, Sections.Body, null, SpeakerRoles.Unattributed, null, countries, true));
            }
            start = i + 1;
        }
        return result;
    }
}
