using System.Globalization;

namespace TensionTracker.Text.Scoring;

/// <summary>
/// Weak stance labels from the CAMEO tables: for each verb pattern with a Goldstein weight, one
/// templated sentence ("Russia will threaten Ukraine with military ...") labelled Goldstein / 10, and
/// one per verb with a default code. Deterministic for a seed. They teach the stance head the order
/// of the CAMEO scale; the hand-labelled diplomatic statements teach it how statements are worded.
/// </summary>
public static class CameoWeakLabels
{
    private static readonly string[] Actors =
    [
        "Russia", "Ukraine", "China", "Taiwan", "the United States", "Iran", "Israel", "India", "Pakistan",
        "North Korea", "South Korea", "Japan", "Turkey", "Greece", "Colombia", "Venezuela", "France", "Germany",
        "Washington", "Beijing", "Moscow", "the foreign ministry", "the president", "the prime minister",
    ];

    private static readonly string[] Frames = ["{0} will {1}", "{0} {2}", "{0} has {2}", "{0} said it would {1}", "{0} vowed to {1}"];

    public static List<LabelledSentence> Generate(string lexiconDir, int seed)
    {
        var rng = new Random(seed);
        var synsets = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        string? current = null;
        foreach (var raw in File.ReadLines(Path.Combine(lexiconDir, "CAMEO.2.0.txt")))
        {
            if (raw.Contains("VERB PATTERNS")) break;
            var line = raw.Split('#')[0].Trim();
            if (line.StartsWith('&')) current = line[1..].TrimEnd('_');
            else if (line.StartsWith('+') && current is not null && !synsets.ContainsKey(current))
                synsets[current] = line[1..].TrimEnd('_').Replace('_', ' ').ToLowerInvariant();
        }

        var verbsByBlock = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);
        var rows = new List<LabelledSentence>();
        var n = 0;
        foreach (var line in File.ReadLines(Path.Combine(lexiconDir, "cameo2_verbs_goldstein.tsv")).Skip(1))
        {
            var p = line.Split('\t');
            if (p.Length < 4) continue;
            var verb = p[0];
            var cut = verb.IndexOfAny(['{', '[']);
            verb = (cut >= 0 ? verb[..cut] : verb).Trim().TrimStart('+').ToLowerInvariant();
            if (verb.Length == 0) continue;
            if (!verbsByBlock.TryGetValue(p[1], out var list)) verbsByBlock[p[1]] = list = [];
            list.Add(verb);
            if (float.TryParse(p[3], NumberStyles.Float, CultureInfo.InvariantCulture, out var g))
                rows.Add(Row(rng, verb, "", g, ref n));
        }

        foreach (var line in File.ReadLines(Path.Combine(lexiconDir, "cameo2_verb_patterns_goldstein.tsv")).Skip(1))
        {
            var p = line.Split('\t');
            if (p.Length < 4 || !float.TryParse(p[3], NumberStyles.Float, CultureInfo.InvariantCulture, out var g)) continue;
            if (!verbsByBlock.TryGetValue(p[0], out var verbs) || verbs.Count == 0) continue;
            var words = new List<string>();
            var afterVerb = false;
            foreach (var tok in p[1].Replace("(", " ").Replace(")", " ").Replace("{", " ").Replace("}", " ")
                         .Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                if (tok == "*") { afterVerb = true; continue; }
                if (!afterVerb || tok[0] is '$' or '+' or '^' or '%') continue;
                words.Add(tok[0] == '&' ? synsets.GetValueOrDefault(tok[1..], "") : tok.Replace('_', ' ').ToLowerInvariant());
            }
            rows.Add(Row(rng, verbs[rng.Next(verbs.Count)], string.Join(' ', words.Where(w => w.Length > 0)), g, ref n));
        }
        return rows;
    }

    private static LabelledSentence Row(Random rng, string verb, string rest, float goldstein, ref int n)
    {
        var a = Actors[rng.Next(Actors.Length)];
        var b = Actors[rng.Next(Actors.Length)];
        var frame = Frames[rng.Next(Frames.Length)];
        var text = string.Format(CultureInfo.InvariantCulture, frame, Capitalise(a), $"{verb} {b} {rest}".Trim(), $"{Past(verb)} {b} {rest}".Trim()) + ".";
        n++;
        return new LabelledSentence("cameo-weak", $"cameo-{n}", $"cameo-weak:{n}", text, Math.Clamp(goldstein / 10f, -1f, 1f), LabelKind.Stance);
    }

    private static string Past(string verb)
    {
        var parts = verb.Split(' ', 2);
        var v = parts[0];
        v = v.EndsWith('e') ? v + "d" : v.EndsWith('y') && v.Length > 2 && !"aeiou".Contains(v[^2]) ? v[..^1] + "ied" : v + "ed";
        return parts.Length > 1 ? $"{v} {parts[1]}" : v;
    }

    private static string Capitalise(string s) => char.ToUpperInvariant(s[0]) + s[1..];
}
