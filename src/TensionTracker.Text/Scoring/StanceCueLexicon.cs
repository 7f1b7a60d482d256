using System.Globalization;

namespace TensionTracker.Text.Scoring;

/// <summary>
/// The project's own stance cues (<c>seeds/lexicons/stance_cues.tsv</c>): phrases that read hostile or
/// cooperative between states although a general sentiment lexicon sees them as mild ("had better",
/// "or else", "respond militarily", "red line"; "strategic partnership", "humanitarian aid"), weighted
/// on the Goldstein scale. Longest match first, words compared by stem; a negation up to 3 tokens
/// before a cue (that has none of its own) moves it into the negated feature.
/// </summary>
public sealed class StanceCueLexicon
{
    public const int FeatureCount = 6;

    public static readonly string[] FeatureNames =
        ["cue_sum", "cue_min", "cue_max", "cue_hostile_count", "cue_cooperative_count", "cue_negated_sum"];

    private sealed record Cue(string[] Stems, float Weight, bool HasNegation);

    // Keyed by the first stem's hash (TextTokens.StemHashes): no string hashing per token.
    private readonly Dictionary<ulong, List<Cue>> _byFirstStem;

    private StanceCueLexicon(Dictionary<string, List<Cue>> byFirst) =>
        _byFirstStem = byFirst.ToDictionary(kv => TextTokens.Hash64(kv.Key), kv => kv.Value);

    public int Count => _byFirstStem.Values.Sum(v => v.Count);

    public static StanceCueLexicon Load(string path)
    {
        var map = new Dictionary<string, List<Cue>>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(path))
        {
            if (line.StartsWith('#') || line.StartsWith("phrase\t", StringComparison.Ordinal)) continue;
            var p = line.Split('\t');
            if (p.Length < 2 || !float.TryParse(p[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var w)) continue;
            var words = TextTokens.Of(p[0]).Lower;
            if (words.Length == 0) continue;
            var stems = words.Select(TextTokens.Stem).ToArray();
            if (!map.TryGetValue(stems[0], out var list)) map[stems[0]] = list = [];
            list.Add(new Cue(stems, w, words.Any(VaderLexicon.IsNegation)));
        }
        foreach (var list in map.Values) list.Sort((a, b) => b.Stems.Length.CompareTo(a.Stems.Length));
        return new StanceCueLexicon(map);
    }

    public void Write(TextTokens tokens, Span<float> dest)
    {
        dest[..FeatureCount].Clear();
        var words = tokens.Lower;
        var n = words.Length;
        if (n == 0) return;
        var stems = tokens.Stems;
        var stemHashes = tokens.StemHashes;
        float sum = 0, min = 0, max = 0, negSum = 0;
        for (var i = 0; i < n; i++)
        {
            if (!_byFirstStem.TryGetValue(stemHashes[i], out var cues)) continue;
            foreach (var cue in cues)
            {
                if (i + cue.Stems.Length > n) continue;
                var ok = true;
                for (var k = 1; k < cue.Stems.Length && ok; k++) ok = cue.Stems[k] == "*" || cue.Stems[k] == stems[i + k];
                if (!ok) continue;
                var negated = false;
                if (!cue.HasNegation)
                    for (var k = Math.Max(0, i - 3); k < i; k++) negated |= VaderLexicon.IsNegation(words[k]);
                var w = cue.Weight / 10f;
                if (negated) negSum += w;
                else
                {
                    sum += w;
                    min = Math.Min(min, w);
                    max = Math.Max(max, w);
                    if (w < 0) dest[3] += 1;
                    else if (w > 0) dest[4] += 1;
                }
                i += cue.Stems.Length - 1;
                break;
            }
        }
        dest[0] = sum;
        dest[1] = min;
        dest[2] = max;
        dest[5] = negSum;
    }
}
