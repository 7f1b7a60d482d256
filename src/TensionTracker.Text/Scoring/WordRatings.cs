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
    // The same ratings keyed by token hash (word) or pair hash (two words): no string hashing when scoring.
    private readonly RatingTable _byHash;

    private WordRatings(Dictionary<string, float> scores)
    {
        _scores = scores;
        _byHash = new RatingTable(scores.Count);
        foreach (var (w, v) in scores)
        {
            var space = w.IndexOf(' ');
            var key = space < 0 ? TextTokens.Hash64(w) : TextTokens.PairHash(TextTokens.Hash64(w.AsSpan(0, space)), TextTokens.Hash64(w.AsSpan(space + 1)));
            _byHash.Set(key, v);
        }
    }

    public int Count => _scores.Count;

    /// <summary>The rating of one word by its token hash (<see cref="TextTokens.Hash64"/>).</summary>
    public bool TryGet(ulong hash, out float rating) => _byHash.TryGetValue(hash, out rating);

    public static string PathFor(string modelZipPath) =>
        Path.Combine(Path.GetDirectoryName(modelZipPath) ?? ".", Path.GetFileNameWithoutExtension(modelZipPath) + ".words.tsv");

    /// <summary>
    /// Learns the ratings. With a <paramref name="prior"/> (<see cref="WordRatingPrior"/>) a word's rating shrinks towards
    /// its prior instead of 0, and every word the prior knows has a rating, seen in training or not.
    /// </summary>
    public static WordRatings Learn(IEnumerable<(string Text, float Label, float Weight)> rows, float alpha, float minWeight,
        IReadOnlyDictionary<string, float>? prior = null)
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
        {
            if (prior is not null && prior.TryGetValue(w, out var p)) scores[w] = (float)Math.Round((x.S + alpha * p) / (x.W + alpha), 4);
            else if (x.W >= minWeight) scores[w] = (float)Math.Round(x.S / (x.W + alpha), 4);
        }
        if (prior is not null)
            foreach (var (w, p) in prior)
                if (!acc.ContainsKey(w)) scores[w] = (float)Math.Round(p, 4);
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
        var hashes = tokens.Hashes;
        if (_scores.Count == 0) return;
        for (var i = 0; i < hashes.Length; i++)
        {
            if (_byHash.TryGetValue(hashes[i], out var v)) Add(v);
            if (i + 1 < hashes.Length && _byHash.TryGetValue(TextTokens.PairHash(hashes[i], hashes[i + 1]), out v)) Add(v);
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

    /// <summary>
    /// Open addressing from a 64-bit key to a rating, at most half full: a scoring lookup (two per token, most of them
    /// for pairs that are not there) usually reads one cache line, where a Dictionary reads a bucket and then an entry.
    /// </summary>
    private sealed class RatingTable
    {
        private struct Entry
        {
            public ulong Key; // 0 = empty (a key of 0 is stored as 1)
            public float Value;
        }

        private readonly Entry[] _entries;
        private readonly int _shift;

        public RatingTable(int count)
        {
            var bits = 4;
            while (1 << bits < 2 * Math.Max(count, 1)) bits++;
            _entries = new Entry[1 << bits];
            _shift = 64 - bits;
        }

        public void Set(ulong key, float value)
        {
            if (key == 0) key = 1;
            var mask = _entries.Length - 1;
            for (var i = Slot(key); ; i = (i + 1) & mask)
            {
                if (_entries[i].Key != 0 && _entries[i].Key != key) continue;
                _entries[i] = new Entry { Key = key, Value = value };
                return;
            }
        }

        public bool TryGetValue(ulong key, out float value)
        {
            if (key == 0) key = 1;
            var entries = _entries;
            var mask = entries.Length - 1;
            for (var i = Slot(key); ; i = (i + 1) & mask)
            {
                var k = entries[i].Key;
                if (k == key) { value = entries[i].Value; return true; }
                if (k == 0) { value = 0; return false; }
            }
        }

        // Fibonacci hashing: the key's bits spread over the slot number.
        private int Slot(ulong key) => (int)((key * 0x9E3779B97F4A7C15UL) >> _shift);
    }
}
