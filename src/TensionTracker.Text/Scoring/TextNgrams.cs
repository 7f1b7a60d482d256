using System.Globalization;

namespace TensionTracker.Text.Scoring;

/// <summary>
/// The model's n-gram features, computed in C# in one pass and hashed (no vocabulary to look up or
/// allocate): word 1-2-grams of the lower-case tokens (<see cref="TextTokens"/>) into <c>2^WordBits</c>
/// slots and character n-grams of the lower-case text (spaces at both ends) into <c>2^CharBits</c>
/// slots after them; counts divided by the square root of the number of n-grams of the text (the L2 norm
/// when no slot repeats; scoring then needs no sort or dedupe: a sum over the occurrences).
/// The settings are part of a model (its card's <c>ngram_*</c> settings). Pure and thread-safe.
/// </summary>
public sealed record TextNgrams(int WordBits, int CharN, int CharBits)
{
    public static readonly TextNgrams Default = new(18, 4, 18);

    public int WordSlots => 1 << WordBits;
    public int CharSlots => CharN > 0 ? 1 << CharBits : 0;
    public int Dimension => WordSlots + CharSlots;

    public string Describe() =>
        $"hashed word 1-2-grams in 2^{WordBits} slots" + (CharN > 0 ? $" + char {CharN}-grams in 2^{CharBits} slots" : " (no char n-grams)") + ", counts / sqrt(n-grams)";

    public IEnumerable<KeyValuePair<string, string>> Settings() =>
    [
        new("ngram_word_bits", WordBits.ToString(CultureInfo.InvariantCulture)),
        new("ngram_char_n", CharN.ToString(CultureInfo.InvariantCulture)),
        new("ngram_char_bits", CharBits.ToString(CultureInfo.InvariantCulture)),
    ];

    public static TextNgrams? FromSettings(IReadOnlyDictionary<string, string> s) =>
        s.TryGetValue("ngram_word_bits", out var w) && s.TryGetValue("ngram_char_n", out var n) && s.TryGetValue("ngram_char_bits", out var c)
            ? new TextNgrams(int.Parse(w, CultureInfo.InvariantCulture), int.Parse(n, CultureInfo.InvariantCulture), int.Parse(c, CultureInfo.InvariantCulture))
            : null;

    /// <summary>Upper bound of the slots one text fills (one per word, word pair and char n-gram).</summary>
    public static int MaxSlots(string text, int tokenCount) => 2 * tokenCount + text.Length + 2;

    /// <summary>
    /// Writes the hashed slot of every n-gram occurrence into <paramref name="slots"/> (unsorted, repeats kept)
    /// and returns how many; <see cref="Collapse"/> turns them into a sparse L2-normalised vector.
    /// </summary>
    public int Hash(string text, ulong[] tokenHashes, Span<int> slots)
    {
        var k = 0;
        var wordMask = (ulong)(WordSlots - 1);
        for (var i = 0; i < tokenHashes.Length; i++)
        {
            var h = tokenHashes[i];
            slots[k++] = (int)((h ^ (h >> 29)) & wordMask);
            if (i > 0) slots[k++] = (int)(TextTokens.PairHash(tokenHashes[i - 1], h) & wordMask);
        }
        if (CharN > 0)
        {
            var charMask = (uint)(CharSlots - 1);
            var n = CharN;
            var len = text.Length + 2;
            for (var start = 0; start + n <= len; start++)
            {
                uint h = 2166136261;
                for (var j = start; j < start + n; j++)
                {
                    var c = j == 0 || j == len - 1 ? ' ' : LowerChar(text[j - 1]);
                    h = (h ^ c) * 16777619;
                }
                slots[k++] = WordSlots + (int)(Mix(h) & charMask);
            }
        }
        return k;
    }

    /// <summary>Sorts the slots in place and writes the distinct ones with their normalised counts (training rows); returns how many.</summary>
    public static int Collapse(Span<int> slots, Span<int> indices, Span<float> values)
    {
        if (slots.Length == 0) return 0;
        slots.Sort();
        var m = 0;
        for (var i = 0; i < slots.Length;)
        {
            var j = i + 1;
            while (j < slots.Length && slots[j] == slots[i]) j++;
            indices[m] = slots[i];
            values[m] = j - i;
            m++;
            i = j;
        }
        var inv = Scale(slots.Length);
        for (var i = 0; i < m; i++) values[i] *= inv;
        return m;
    }

    /// <summary>The value of one occurrence in a text of <paramref name="ngramCount"/> n-grams.</summary>
    public static float Scale(int ngramCount) => ngramCount > 0 ? (float)(1.0 / Math.Sqrt(ngramCount)) : 0f;

    private static char LowerChar(char c)
    {
        if (c < 128) return c is >= 'A' and <= 'Z' ? (char)(c | 0x20) : c == '\t' || c == '\n' || c == '\r' ? ' ' : c;
        return c == '\u2019' ? '\'' : char.ToLowerInvariant(c);
    }

    private static uint Mix(uint h)
    {
        h ^= h >> 16;
        h *= 0x85ebca6b;
        h ^= h >> 13;
        h *= 0xc2b2ae35;
        h ^= h >> 16;
        return h;
    }
}
