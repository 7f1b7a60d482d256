using System.Text.Json;

namespace TensionTracker.Deep;

/// <summary>One target mention of a NewsMTSC sentence: characters [From, To), its class key (1 negative/conflict, 2 neutral, 3 positive/cooperation).</summary>
public sealed record NewsTarget(int From, int To, uint Class);

/// <summary>A NewsMTSC sentence (JSON lines: sentence_normalized, targets with from/to/polarity 2.0/4.0/6.0) and its source document.</summary>
public sealed record NewsSentence(string Document, string Text, NewsTarget[] Targets)
{
    /// <summary>Reads the published format; a malformed line is an error naming the file and line.</summary>
    public static List<NewsSentence> Load(string path)
    {
        var rows = new List<NewsSentence>();
        var lineNo = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNo++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            try
            {
                using var doc = JsonDocument.Parse(line);
                var root = doc.RootElement;
                var text = root.GetProperty("sentence_normalized").GetString() ?? throw new FormatException("sentence_normalized is null");
                var id = root.TryGetProperty("primary_gid", out var g) ? g.GetString() ?? "" : "";
                var targets = root.GetProperty("targets").EnumerateArray().Select(t =>
                {
                    int from = t.GetProperty("from").GetInt32(), to = t.GetProperty("to").GetInt32();
                    if (from < 0 || to > text.Length || to <= from) throw new FormatException($"target {from}..{to} outside the sentence");
                    var polarity = t.GetProperty("polarity").GetDouble();
                    uint key = polarity switch { 2.0 => 1, 4.0 => 2, 6.0 => 3, _ => throw new FormatException($"polarity {polarity} is not 2.0, 4.0 or 6.0") };
                    return new NewsTarget(from, to, key);
                }).ToArray();
                rows.Add(new NewsSentence(DocumentOf(id), text, targets));
            }
            catch (Exception e) when (e is JsonException or FormatException or KeyNotFoundException or InvalidOperationException)
            {
                throw new InvalidDataException($"{path}:{lineNo}: {e.Message}");
            }
        }
        return rows;
    }

    /// <summary>"allsides_1000_401_25_Reality Leigh Winner_0_6": the article is "allsides_1000_401" (the sentence is its 25th).</summary>
    public static string DocumentOf(string gid)
    {
        var parts = gid.Split('_');
        return parts.Length >= 3 ? string.Join('_', parts[..3]) : gid;
    }
}
