namespace TensionTracker.Text.Scoring;

/// <summary>
/// VADER's lexicon (<c>vader_lexicon.txt</c>, Hutto and Gilbert 2014, MIT) with its rules ported to C#:
/// booster and dampener words, negation within three words before a sentiment word ("not", "never",
/// "n't" ... scale the valence by -0.74), ALL-CAPS emphasis, "but" shifting the weight to the clause
/// after it, "least", exclamation and question marks, and the compound normalisation x/sqrt(x^2+15).
/// <see cref="Write"/> gives the model the compound score plus the pieces behind it.
/// </summary>
public sealed class VaderLexicon
{
    public const int FeatureCount = 16;

    public static readonly string[] FeatureNames =
    [
        "vader_compound", "vader_pos_sum", "vader_neg_sum", "vader_pos_count", "vader_neg_count",
        "vader_min", "vader_max", "vader_mean", "vader_negations", "vader_negated_words",
        "vader_boosters", "vader_but", "vader_exclamations", "vader_questions", "vader_log_tokens",
        "vader_raw_sum",
    ];

    private const float BIncr = 0.293f, BDecr = -0.293f, CIncr = 0.733f, NScalar = -0.74f;

    // The negation and booster words by token hash: the per-token checks of Write hash no strings.
    private static readonly HashSet<ulong> Negate = new[]
    {
        "aint", "arent", "cannot", "cant", "couldnt", "darent", "didnt", "doesnt", "ain't", "aren't", "can't",
        "couldn't", "daren't", "didn't", "doesn't", "dont", "hadnt", "hasnt", "havent", "isnt", "mightnt",
        "mustnt", "neither", "don't", "hadn't", "hasn't", "haven't", "isn't", "mightn't", "mustn't", "neednt",
        "needn't", "never", "none", "nope", "nor", "not", "nothing", "nowhere", "oughtnt", "shant", "shouldnt",
        "uhuh", "wasnt", "werent", "oughtn't", "shan't", "shouldn't", "uh-uh", "wasn't", "weren't", "without",
        "wont", "wouldnt", "won't", "wouldn't", "rarely", "seldom", "despite", "no",
    }.Select(w => TextTokens.Hash64(w)).ToHashSet();

    private static readonly Dictionary<ulong, float> Boosters = BuildBoosters();

    private readonly Dictionary<string, float> _lexicon;
    // The same valences keyed by token hash (TextTokens.Hash64): scoring looks tokens up without hashing strings.
    private readonly Dictionary<ulong, float> _byHash;

    private VaderLexicon(Dictionary<string, float> lexicon)
    {
        _lexicon = lexicon;
        _byHash = new Dictionary<ulong, float>(lexicon.Count);
        foreach (var (w, v) in lexicon) _byHash[TextTokens.Hash64(w)] = v;
    }

    /// <summary>The lexicon's entries (words, emoticons, a few phrases).</summary>
    public IEnumerable<string> Words => _lexicon.Keys;

    public int Count => _lexicon.Count;

    public static VaderLexicon Load(string path)
    {
        var lex = new Dictionary<string, float>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(path))
        {
            var parts = line.Split('\t');
            if (parts.Length < 2) continue;
            if (float.TryParse(parts[1], System.Globalization.NumberStyles.Float,
                    System.Globalization.CultureInfo.InvariantCulture, out var v))
                lex[parts[0]] = v;
        }
        return new VaderLexicon(lex);
    }

    public static bool IsNegation(string lower) => IsNegation(TextTokens.Hash64(lower), lower);

    private static bool IsNegation(ulong hash, string lower) => Negate.Contains(hash) || lower.EndsWith("n't", StringComparison.Ordinal);

    /// <summary>The valence of a token by its hash (<see cref="TextTokens.Hashes"/>).</summary>
    public bool TryGet(ulong hash, out float valence) => _byHash.TryGetValue(hash, out valence);

    /// <summary>VADER's compound score for one text, -1..1.</summary>
    public float Compound(string text)
    {
        Span<float> f = stackalloc float[FeatureCount];
        Write(TextTokens.Of(text), f);
        return f[0];
    }

    public void Write(TextTokens tokens, Span<float> dest)
    {
        var raw = tokens.Raw;
        var words = tokens.Lower;
        var hashes = tokens.Hashes;
        var n = words.Length;
        var capDiff = AllCapDifferential(raw);
        Span<float> sentiments = n <= 256 ? stackalloc float[n] : new float[n];
        float rawSum = 0;
        int negations = 0, negatedWords = 0, boosters = 0;
        for (var i = 0; i < n; i++)
        {
            var w = words[i];
            if (IsNegation(hashes[i], w)) negations++;
            if (Boosters.ContainsKey(hashes[i]) || (w == "kind" && i + 1 < n && words[i + 1] == "of"))
            {
                boosters++;
                sentiments[i] = 0;
                continue;
            }
            if (!_byHash.TryGetValue(hashes[i], out var valence))
            {
                sentiments[i] = 0;
                continue;
            }
            rawSum += valence;
            var original = valence;
            if (capDiff && IsUpper(raw[i])) valence += valence > 0 ? CIncr : -CIncr;
            for (var s = 0; s < 3; s++)
            {
                if (i <= s) break;
                var prev = hashes[i - (s + 1)];
                if (_byHash.ContainsKey(prev)) continue;
                var scalar = ScalarIncDec(prev, raw[i - (s + 1)], valence, capDiff);
                if (s == 1 && scalar != 0) scalar *= 0.95f;
                else if (s == 2 && scalar != 0) scalar *= 0.9f;
                valence += scalar;
                valence = NeverCheck(valence, words, hashes, s, i);
            }
            if (i > 0 && words[i - 1] == "least" && !(i > 1 && words[i - 2] is "at" or "very")) valence *= NScalar;
            if (Math.Sign(valence) != Math.Sign(original)) negatedWords++;
            sentiments[i] = valence;
        }

        var butIndex = Array.IndexOf(words, "but");
        if (butIndex >= 0)
        {
            for (var i = 0; i < n; i++)
            {
                if (i < butIndex) sentiments[i] *= 0.5f;
                else if (i > butIndex) sentiments[i] *= 1.5f;
            }
        }

        float sum = 0, pos = 0, neg = 0, min = 0, max = 0;
        int posCount = 0, negCount = 0;
        foreach (var v in sentiments)
        {
            sum += v;
            if (v > 0) { pos += v; posCount++; }
            else if (v < 0) { neg += v; negCount++; }
            if (v < min) min = v;
            if (v > max) max = v;
        }
        var emphasis = Math.Min(tokens.Exclamations, 4) * 0.292f
            + (tokens.Questions > 1 ? (tokens.Questions <= 3 ? 0.18f * tokens.Questions : 0.96f) : 0f);
        if (sum > 0) sum += emphasis;
        else if (sum < 0) sum -= emphasis;
        var compound = Math.Clamp(sum / MathF.Sqrt(sum * sum + 15f), -1f, 1f);

        dest[0] = compound;
        dest[1] = pos;
        dest[2] = neg;
        dest[3] = posCount;
        dest[4] = negCount;
        dest[5] = min;
        dest[6] = max;
        dest[7] = posCount + negCount > 0 ? (pos + neg) / (posCount + negCount) : 0f;
        dest[8] = negations;
        dest[9] = negatedWords;
        dest[10] = boosters;
        dest[11] = butIndex >= 0 ? 1f : 0f;
        dest[12] = Math.Min(tokens.Exclamations, 4);
        dest[13] = Math.Min(tokens.Questions, 4);
        dest[14] = MathF.Log(1 + n);
        dest[15] = rawSum;
    }

    private static float NeverCheck(float valence, string[] words, ulong[] hashes, int s, int i)
    {
        switch (s)
        {
            case 0:
                if (IsNegation(hashes[i - 1], words[i - 1])) valence *= NScalar;
                break;
            case 1:
                if (words[i - 2] == "never" && words[i - 1] is "so" or "this") valence *= 1.25f;
                else if (IsNegation(hashes[i - 2], words[i - 2])) valence *= NScalar;
                break;
            case 2:
                if ((words[i - 3] == "never" && words[i - 2] is "so" or "this") || words[i - 1] is "so" or "this")
                    valence *= 1.25f;
                else if (IsNegation(hashes[i - 3], words[i - 3])) valence *= NScalar;
                break;
        }
        return valence;
    }

    private static float ScalarIncDec(ulong hash, string raw, float valence, bool capDiff)
    {
        if (!Boosters.TryGetValue(hash, out var scalar)) return 0;
        if (valence < 0) scalar = -scalar;
        if (capDiff && IsUpper(raw)) scalar += valence > 0 ? CIncr : -CIncr;
        return scalar;
    }

    private static bool AllCapDifferential(string[] raw)
    {
        var caps = 0;
        foreach (var w in raw) if (IsUpper(w)) caps++;
        return caps > 0 && caps < raw.Length;
    }

    private static bool IsUpper(string w)
    {
        var hasUpper = false;
        foreach (var c in w)
        {
            if (char.IsLower(c)) return false;
            if (char.IsUpper(c)) hasUpper = true;
        }
        return hasUpper && w.Length > 1;
    }

    private static Dictionary<ulong, float> BuildBoosters()
    {
        var d = new Dictionary<ulong, float>();
        foreach (var w in "absolutely amazingly awfully completely considerably decidedly deeply effing enormously entirely especially exceptionally extremely fabulously flipping flippin fricking frickin frigging friggin fully fucking greatly hella highly hugely incredibly intensely majorly more most particularly purely quite really remarkably so substantially thoroughly totally tremendously uber unbelievably unusually utterly very".Split(' '))
            d[TextTokens.Hash64(w)] = BIncr;
        foreach (var w in "almost barely hardly kinda kindof kind-of less little marginally occasionally partly scarcely slightly somewhat sorta sortof sort-of".Split(' '))
            d[TextTokens.Hash64(w)] = BDecr;
        return d;
    }
}
