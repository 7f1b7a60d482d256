using System.Text.Json;

namespace TensionTracker.Text.Scoring;

/// <summary>One target mention with its gold class (-1 negative, 0 neutral, 1 positive): characters [From, To).</summary>
public sealed record LabelledTarget(int From, int To, string Mention, int Class);

/// <summary>
/// A sentence with the stance toward each of its targets, as NewsMTSC gives it. <see cref="Group"/> is the source
/// document from the primary id (an AllSides story, a POLUSA article), so a split keeps a document together.
/// </summary>
public sealed record TargetedSentence(string File, int Line, string Group, string Text, LabelledTarget[] Targets)
{
    public string Hash => LabelledSentences.TextHash(Text);
}

/// <summary>
/// Reads NewsMTSC's JSON lines natively: <c>primary_gid</c>, <c>sentence_normalized</c>, <c>targets</c> with
/// <c>from</c>/<c>to</c> character offsets and <c>polarity</c> 2.0 / 4.0 / 6.0 = negative / neutral / positive.
/// A malformed line is an <see cref="InvalidDataException"/> naming the file and line.
/// </summary>
public static class TargetedSentences
{
    public static bool IsJsonLines(string path) =>
        path.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".json", StringComparison.OrdinalIgnoreCase);

    public static List<TargetedSentence> Load(string path)
    {
        var name = Path.GetFileName(path);
        var rows = new List<TargetedSentence>();
        var lineNo = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNo++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            try { rows.Add(Parse(name, lineNo, line)); }
            catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException or KeyNotFoundException)
            {
                throw new InvalidDataException($"{path}:{lineNo}: {e.Message}");
            }
        }
        return rows;
    }

    private static TargetedSentence Parse(string file, int lineNo, string line)
    {
        using var doc = JsonDocument.Parse(line);
        var root = doc.RootElement;
        if (root.ValueKind != JsonValueKind.Object) throw new FormatException("expected a JSON object");
        var text = Required(root, "sentence_normalized").GetString() ?? throw new FormatException("sentence_normalized is null");
        var gid = Required(root, "primary_gid").GetString() ?? "";
        var parts = gid.Split('_');
        // The document: "allsides_1018_..." is AllSides story 1018 (every outlet's article on it kept together),
        // "polusa_v1_113704059_..." is POLUSA article 113704059 (the "v1" is the corpus version).
        var versioned = parts.Length >= 3 && parts[1].Length > 1 && parts[1][0] == 'v' && parts[1][1..].All(char.IsAsciiDigit);
        var group = versioned ? string.Join('_', parts[..3]) : parts.Length >= 2 ? parts[0] + "_" + parts[1] : gid;
        var targets = new List<LabelledTarget>();
        foreach (var t in Required(root, "targets").EnumerateArray())
        {
            int from = Required(t, "from").GetInt32(), to = Required(t, "to").GetInt32();
            if (from < 0 || to <= from || to > text.Length)
                throw new FormatException($"target {from}..{to} is outside the sentence ({text.Length} characters)");
            var polarity = Required(t, "polarity").GetDouble();
            var cls = polarity switch
            {
                2.0 => -1,
                4.0 => 0,
                6.0 => 1,
                _ => throw new FormatException($"polarity {polarity} is not 2.0, 4.0 or 6.0 (negative, neutral, positive)"),
            };
            targets.Add(new LabelledTarget(from, to, t.TryGetProperty("mention", out var m) ? m.GetString() ?? "" : text[from..to], cls));
        }
        if (targets.Count == 0) throw new FormatException("no targets");
        return new TargetedSentence(file, lineNo, $"{file}:{group}", text, targets.ToArray());
    }

    private static JsonElement Required(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) ? v : throw new FormatException($"no \"{name}\"");
}
