using System.Globalization;
using System.Text;

namespace TensionTracker.Text.Scoring;

/// <summary>
/// A lexicon the training learns from the rated sentences: each word's and word pair's (adjacent
/// words, "not good") smoothed mean rating
/// (sum of weighted labels / (weight + alpha)), in the manner of a target encoding. It is part of
/// the model (saved beside the zip as <c>NAME.words.tsv</c>), not a third-party lexicon: per-word
/// figures, never sentences. Features: mean, sum, min and max over the words of a sentence.
/// In training each row is encoded by a lexicon learned without its own fold (out of fold).
/// </summary>
public sealed class WordRatings
{
    public const int FeatureCount = 4;
    public static readonly string[] FeatureNames = ["words_mean", "words_sum", "words_min", "words_max"];
    public static readonly WordRatings Empty = new(new Dictionary<string, float>(StringComparer.Ordinal));

    private readonly Dictionary<string, float> _scores;

    private WordRatings(Dictionary<string, float> scores) => _scores = scores;

    public int Count => _scores.Count;

    public static string PathFor(string modelZipPath) =>
        Path.Combine(Path.GetDirectoryName(modelZipPath) ?? ".", Path.GetFileNameWithoutExtension(modelZipPath) + ".words.tsv");

    public static WordRatings Learn(IEnumerable<(string Text, float Label, float Weight)> rows, float alpha, float minWeight)
    {
        var acc = new Dictionary<string, (double S, double W)>(StringComparer.Ordinal);
        foreach (var (text, label, weight) in rows)
            foreach (var w in Terms(TextTokens.Of(text)).Distinct())
            {
                acc.TryGetValue(w, out var x);
                acc[w] = (x.S + weight * label, x.W + weight);
            }
        var scores = new Dictionary<string, float>(StringComparer.Ordinal);
        foreach (var (w, x) in acc)
            if (x.W >= minWeight) scores[w] = (float)Math.Round(x.S / (x.W + alpha), 4);
        return new WordRatings(scores);
    }

    public static WordRatings Load(string path)
    {
        var scores = new Dictionary<string, float>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(path))
        {
            var p = line.Split('\t');
            if (p.Length == 2 && float.TryParse(p[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var v)) scores[p[0]] = v;
        }
        return new WordRatings(scores);
    }

    public void Save(string path)
    {
        var sb = new StringBuilder("word\trating\n");
        foreach (var (w, v) in _scores.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            sb.Append(w).Append('\t').Append(v.ToString("0.####", CultureInfo.InvariantCulture)).Append('\n');
        File.WriteAllText(path, sb.ToString());
    }

    /// <summary>The words of a sentence and its adjacent word pairs.</summary>
    private static IEnumerable<string> Terms(TextTokens tokens)
    {
        var words = tokens.Lower;
        for (var i = 0; i < words.Length; i++) yield return words[i];
        for (var i = 0; i + 1 < words.Length; i++) yield return string.Concat(words[i], " ", words[i + 1]);
    }

    public void Write(TextTokens tokens, Span<float> dest)
    {
        dest[..FeatureCount].Clear();
        float sum = 0, min = 0, max = 0;
        var k = 0;
        var words = tokens.Lower;
        var lookup = _scores.GetAlternateLookup<ReadOnlySpan<char>>();
        Span<char> pair = stackalloc char[128];
        for (var i = 0; i < words.Length; i++)
        {
            if (_scores.TryGetValue(words[i], out var v)) Add(v);
            if (i + 1 >= words.Length || words[i].Length + words[i + 1].Length + 1 > pair.Length) continue;
            // Word pairs looked up without allocating a string.
            words[i].AsSpan().CopyTo(pair);
            pair[words[i].Length] = ' ';
            words[i + 1].AsSpan().CopyTo(pair[(words[i].Length + 1)..]);
            if (lookup.TryGetValue(pair[..(words[i].Length + 1 + words[i + 1].Length)], out v)) Add(v);
        }

        void Add(float v)
        {
            sum += v;
            min = Math.Min(min, v);
            max = Math.Max(max, v);
            k++;
        }
        dest[0] = k > 0 ? sum / k : 0f;
        dest[1] = sum;
        dest[2] = min;
        dest[3] = max;
    }
}
