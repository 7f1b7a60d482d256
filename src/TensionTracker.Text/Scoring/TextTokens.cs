namespace TensionTracker.Text.Scoring;

/// <summary>
/// Tokenisation and a crude suffix stemmer shared by the hand features. Tokens are split on
/// whitespace and on punctuation other than apostrophes and inner hyphens; case is kept in
/// <see cref="Raw"/> (VADER's ALL-CAPS rule needs it) and folded in <see cref="Lower"/>.
/// </summary>
public sealed class TextTokens
{
    public string[] Raw { get; }
    public string[] Lower { get; }
    /// <summary>64-bit FNV-1a hash of each <see cref="Lower"/> token: what the hashed n-grams and learned word ratings look up.</summary>
    public ulong[] Hashes { get; }
    public int Exclamations { get; }

    private string[]? _stems;
    private ulong[]? _stemHashes;

    /// <summary>Lower-case tokens through <see cref="Stem"/>, computed once.</summary>
    public string[] Stems
    {
        get
        {
            if (_stems is not null) return _stems;
            var stems = new string[Lower.Length];
            for (var i = 0; i < stems.Length; i++) stems[i] = CachedStem(Hashes[i], Lower[i]);
            return _stems = stems;
        }
    }
    /// <summary><see cref="Hash64"/> of each stem, computed once: the key the stem-keyed lexicons look up.</summary>
    public ulong[] StemHashes
    {
        get
        {
            if (_stemHashes is not null) return _stemHashes;
            var stems = Stems;
            var hashes = new ulong[stems.Length];
            for (var i = 0; i < stems.Length; i++) hashes[i] = Hash64(stems[i]);
            return _stemHashes = hashes;
        }
    }
    public int Questions { get; }

    /// <summary>Where each token starts and ends in the text (characters), so a target mention can be placed among the tokens.</summary>
    public int[] Starts { get; }
    public int[] Ends { get; }

    private TextTokens(string[] raw, string[] lower, ulong[] hashes, int exclamations, int questions, int[] starts, int[] ends)
    {
        Starts = starts;
        Ends = ends;
        Raw = raw;
        Lower = lower;
        Hashes = hashes;
        Exclamations = exclamations;
        Questions = questions;
    }

    public static TextTokens Of(string text)
    {
        var raw = new List<string>(32);
        var spans = new List<(int Start, int End)>(32);
        int excl = 0, quest = 0, start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var c = i < text.Length ? text[i] : ' ';
            if (c == '!') excl++;
            else if (c == '?') quest++;
            var inWord = char.IsLetterOrDigit(c) || c is '\'' or '\u2019'
                || (c == '-' && start >= 0 && i + 1 < text.Length && char.IsLetter(text[i + 1]));
            if (inWord)
            {
                if (start < 0) start = i;
            }
            else if (start >= 0)
            {
                var span = text.AsSpan(start, i - start);
                var tok = span.Trim("'\u2019");
                if (tok.Length > 0)
                {
                    raw.Add(tok.ToString().Replace('\u2019', '\''));
                    var lead = span.Length - span.TrimStart("'\u2019").Length;
                    spans.Add((start + lead, start + lead + tok.Length));
                }
                start = -1;
            }
        }
        var rawArr = raw.ToArray();
        var lower = new string[rawArr.Length];
        var hashes = new ulong[rawArr.Length];
        for (var i = 0; i < rawArr.Length; i++)
        {
            lower[i] = rawArr[i].ToLowerInvariant();
            hashes[i] = Hash64(lower[i]);
        }
        var starts = new int[spans.Count];
        var ends = new int[spans.Count];
        for (var i = 0; i < starts.Length; i++) (starts[i], ends[i]) = spans[i];
        return new TextTokens(rawArr, lower, hashes, excl, quest, starts, ends);
    }

    /// <summary>64-bit FNV-1a of a string's UTF-16 code units.</summary>
    public static ulong Hash64(ReadOnlySpan<char> s)
    {
        var h = 14695981039346656037UL;
        foreach (var c in s) h = (h ^ c) * 1099511628211UL;
        return h;
    }

    /// <summary>Key of an adjacent word pair from the hashes of its two words.</summary>
    public static ulong PairHash(ulong first, ulong second)
    {
        var h = first * 0x9E3779B97F4A7C15UL ^ second;
        h ^= h >> 33;
        h *= 0xff51afd7ed558ccdUL;
        h ^= h >> 33;
        return h;
    }

    // Stems of the words seen so far, by token hash (a word's stem never changes); bounded, thread-safe.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<ulong, string> StemCache = new();
    private const int StemCacheLimit = 500_000;

    private static string CachedStem(ulong hash, string lower)
    {
        if (StemCache.TryGetValue(hash, out var stem) && stem.Length <= lower.Length) return stem;
        stem = Stem(lower);
        if (StemCache.Count < StemCacheLimit) StemCache.TryAdd(hash, stem);
        return stem;
    }

    /// <summary>Crude English suffix stripping so "threatened", "threatens", "threatening" meet "threaten".</summary>
    public static string Stem(string w)
    {
        if (w.Length <= 3) return w;
        if (w.EndsWith("n't", StringComparison.Ordinal)) return w;
        var s = w;
        if (s.EndsWith("ies", StringComparison.Ordinal) && s.Length > 4) s = s[..^3] + "y";
        else if (s.EndsWith("ied", StringComparison.Ordinal) && s.Length > 4) s = s[..^3] + "y";
        else if (s.EndsWith("sses", StringComparison.Ordinal)) s = s[..^2];
        else if (s.EndsWith("ing", StringComparison.Ordinal) && s.Length > 5) s = Undouble(s[..^3]);
        else if (s.EndsWith("ed", StringComparison.Ordinal) && s.Length > 4) s = Undouble(s[..^2]);
        else if (s.EndsWith("es", StringComparison.Ordinal) && s.Length > 4 && (s[^3] is 's' or 'x' or 'z' or 'h')) s = s[..^2];
        else if (s[^1] == 's' && s[^2] is not ('s' or 'u' or 'i')) s = s[..^1];
        if (s.Length > 3 && s[^1] == 'e') s = s[..^1];
        return s;
    }

    private static string Undouble(string s) =>
        s.Length > 3 && s[^1] == s[^2] && s[^1] is not ('l' or 's' or 'f' or 'z') && !"aeiou".Contains(s[^1])
            ? s[..^1]
            : s;
}
