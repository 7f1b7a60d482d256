using System.Runtime.Intrinsics;

namespace TensionTracker.Text.Extraction;

/// <summary>
/// MinHash fingerprints of an article's statements, to link a syndicated copy of a wire story (largely the same
/// statements under another outlet or URL) to the first copy. Shingles are word 3-grams of the normalised statement
/// texts, so an added paragraph, a changed headline or different punctuation barely moves the estimate.
/// <para><see cref="Similarity"/> estimates the Jaccard similarity of the two shingle sets (standard error about
/// 1/sqrt(<see cref="Size"/>) = 0.06). Two copies of one wire story, even trimmed or with a paragraph added, score above
/// 0.6; two different reports of the same event that quote the same speakers share the quotes but not the narration and
/// score well below 0.4. <see cref="Threshold"/> = 0.5 sits between the two.</para>
/// </summary>
public static class NearDuplicates
{
    public const int Size = 128;
    public const double Threshold = 0.5;
    const int ShingleWords = 3;

    // Slot s ranks shingles by Multipliers[s] * h + Offsets[s] (mod 2^64, odd multipliers): one multiply-add per
    // slot instead of a full mix. Fixed: fingerprints are stored in events, so the functions must never change
    // without a new extractor version.
    static readonly ulong[] Multipliers = MakeSeeds(0x9E3779B97F4A7C15UL, odd: true);
    static readonly ulong[] Offsets = MakeSeeds(0xD1B54A32D192ED03UL, odd: false);

    static ulong[] MakeSeeds(ulong start, bool odd)
    {
        var seeds = new ulong[Size];
        ulong x = start;
        for (int i = 0; i < Size; i++) seeds[i] = (x = Mix(x + 0x9E3779B97F4A7C15UL)) | (odd ? 1UL : 0UL);
        return seeds;
    }

    public static ulong[] Fingerprint(IReadOnlyList<string> statementTexts)
    {
        var shingles = new HashSet<ulong>();
        var starts = new List<int>(64);
        foreach (var text in statementTexts)
        {
            // Norm leaves the words separated by single spaces: a shingle is a slice of it, no word strings needed.
            var norm = Segmenter.Norm(text, 0, text.Length);
            starts.Clear();
            for (int i = 0; i < norm.Length; i++)
                if (i == 0 || norm[i - 1] == ' ') starts.Add(i);
            int words = starts.Count, n = Math.Max(1, words - ShingleWords + 1);
            for (int i = 0; i < n && words > 0; i++)
            {
                // FNV-1a over the shingle's words, each followed by a space
                var stop = i + ShingleWords < words ? starts[i + ShingleWords] - 1 : norm.Length;
                ulong h = 14695981039346656037UL;
                foreach (var ch in norm.AsSpan(starts[i], stop - starts[i])) { h ^= ch; h *= 1099511628211UL; }
                h ^= ' '; h *= 1099511628211UL;
                shingles.Add(Mix(h));
            }
        }
        // Each distinct shingle once (repeated phrases change nothing); the slots a vector at a time.
        var hashes = shingles.ToArray();
        var sig = new ulong[Size];
        for (int s = 0; s < Size; s += Vector256<ulong>.Count)
        {
            var multipliers = Vector256.Create(Multipliers.AsSpan(s));
            var offsets = Vector256.Create(Offsets.AsSpan(s));
            var min = Vector256<ulong>.AllBitsSet;
            foreach (var h in hashes) min = Vector256.Min(min, multipliers * h + offsets);
            min.CopyTo(sig.AsSpan(s));
        }
        return sig;
    }

    /// <summary>Estimated Jaccard similarity of the two statement sets, 0..1; 0 when either article has no statements.</summary>
    public static double Similarity(ulong[] a, ulong[] b)
    {
        if (a.Length != b.Length || a.Length == 0) return 0;
        // Equal slots, an empty slot (MaxValue: no shingle) never counting; four slots a vector at a time, since a batch
        // compares each new article with every candidate original sharing a band with it (a few thousand a batch).
        // An article whose slots are all empty matches nothing, so it scores 0 as before.
        int same = 0, i = 0;
        for (; i + Vector256<ulong>.Count <= a.Length; i += Vector256<ulong>.Count)
        {
            var x = Vector256.Create(a.AsSpan(i));
            var equal = Vector256.Equals(x, Vector256.Create(b.AsSpan(i))) & ~Vector256.Equals(x, Vector256<ulong>.AllBitsSet);
            same += System.Numerics.BitOperations.PopCount(equal.ExtractMostSignificantBits());
        }
        for (; i < a.Length; i++)
            if (a[i] == b[i] && a[i] != ulong.MaxValue) same++;
        return (double)same / a.Length;
    }

    public static bool IsNearDuplicate(ulong[] a, ulong[] b) => Similarity(a, b) >= Threshold;

    static ulong Mix(ulong z)
    {
        // splitmix64 finaliser: a cheap, well-distributed permutation of 64-bit values
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
