using System.Globalization;

namespace TensionTracker.Text.Scoring;

/// <summary>
/// What the target-aware stance head reads: the statement's words as seen from where the target is mentioned, hashed
/// into <c>2^Bits</c> slots. The target's own words are masked (one <c>&lt;T&gt;</c> token, other targets one
/// <c>&lt;O&gt;</c> each), so the head learns "&lt;T&gt; called ... a sick man" rather than the name; every other word
/// is hashed plain, marked by its side of the target (left / right), again when it is within 3 tokens of it, and again
/// when it is in the target's clause (clauses end at , ; : ( ) quotes and dashes, and before but / while / although ...);
/// word pairs run over the masked sequence ("by &lt;T&gt;", "&lt;T&gt; said"). Without a target (the statement as a
/// whole) the words are hashed plain and unmarked. Values are 1 / sqrt(number of features). Pure and thread-safe.
/// </summary>
public sealed record TargetFeatures(int Bits, TargetContext? Context = null)
{
    public static readonly TargetFeatures Default = new(18);
    public const string BitsSetting = "target_ngram_bits";

    public int Dimension => 1 << Bits;
    /// <summary>The head's input width: the hashed slots, then the context logits when the model has them (tone-stance-v6 on).</summary>
    public int Width => Dimension + (Context is null ? 0 : TargetContext.Outputs);

    public static TargetFeatures? FromSettings(IReadOnlyDictionary<string, string> s) =>
        s.TryGetValue(BitsSetting, out var b) ? new TargetFeatures(int.Parse(b, CultureInfo.InvariantCulture)) : null;

    public string Describe() =>
        $"target-aware word features in 2^{Bits} slots: target masked, words marked by side of the target, near it (3 tokens) and in its clause; pairs over the masked sequence";

    /// <summary>Upper bound of the slots one statement fills.</summary>
    public static int MaxSlots(int tokenCount) => 6 * tokenCount + 2;

    static readonly ulong TargetToken = TextTokens.Hash64("<T>");
    static readonly ulong OtherToken = TextTokens.Hash64("<O>");
    const ulong Left = 0x51, Right = 0x52, NearLeft = 0x53, NearRight = 0x54, Clause = 0x55, Untargeted = 0x56, Subject = 0x57;
    // By token hash: no string hashing per token when scoring.
    static readonly HashSet<ulong> ClauseWords = new[] { "but", "while", "although", "though", "whereas", "however", "yet" }.Select(w => TextTokens.Hash64(w)).ToHashSet();

    /// <summary>
    /// Writes the slots of the statement read toward <paramref name="target"/> (character spans; empty = the statement as
    /// a whole), other targets' spans in <paramref name="others"/> masked; returns how many (unsorted, repeats kept).
    /// </summary>
    public int Hash(string text, TextTokens tokens, ReadOnlySpan<(int Start, int End)> target, ReadOnlySpan<(int Start, int End)> others, Span<int> slots)
    {
        var n = tokens.Hashes.Length;
        var mask = (ulong)(Dimension - 1);
        var k = 0;
        // The masked sequence: each token's hash, its clause, and whether it is the target (a mention's tokens collapse to one).
        Span<ulong> seq = n <= 256 ? stackalloc ulong[n] : new ulong[n];
        Span<int> clause = n <= 256 ? stackalloc int[n] : new int[n];
        Span<int> targets = stackalloc int[8];
        int m = 0, t = 0, c = 0, lastRole = 0;
        for (var i = 0; i < n; i++)
        {
            var role = Role(tokens.Starts[i], tokens.Ends[i], target, others);
            if (i > 0 && BreaksClause(text, tokens.Ends[i - 1], tokens.Starts[i])) c++;
            if (ClauseWords.Contains(tokens.Hashes[i])) c++;
            if (role != 0 && role == lastRole && i > 0 && !BreaksClause(text, tokens.Ends[i - 1], tokens.Starts[i])) continue; // same mention
            lastRole = role;
            seq[m] = role == 1 ? TargetToken : role == 2 ? OtherToken : tokens.Hashes[i];
            clause[m] = c;
            if (role == 1 && t < targets.Length) targets[t++] = m;
            m++;
        }
        if (t == 0) slots[k++] = Slot(TextTokens.PairHash(Untargeted, 1), mask);
        else if (targets[0] == 0) slots[k++] = Slot(TextTokens.PairHash(Subject, 1), mask);
        for (var i = 0; i < m; i++)
        {
            var h = seq[i];
            slots[k++] = Slot(h, mask);
            if (i > 0) slots[k++] = Slot(TextTokens.PairHash(seq[i - 1], h), mask);
            if (t == 0 || h == TargetToken) continue;
            int nearest = targets[0], distance = Math.Abs(i - targets[0]);
            for (var j = 1; j < t; j++)
                if (Math.Abs(i - targets[j]) < distance) (nearest, distance) = (targets[j], Math.Abs(i - targets[j]));
            var left = i < nearest;
            slots[k++] = Slot(TextTokens.PairHash(h, left ? Left : Right), mask);
            if (distance <= 3) slots[k++] = Slot(TextTokens.PairHash(h, left ? NearLeft : NearRight), mask);
            if (clause[i] == clause[nearest]) slots[k++] = Slot(TextTokens.PairHash(h, Clause), mask);
        }
        return k;
    }

    /// <summary>
    /// The words around the target with their weight in each of the <see cref="TargetContext.Groups"/> context groups:
    /// all words alike, by nearness (1 / (1 + distance in the masked sequence)), the target's clause, and by nearness on
    /// the left and on the right of the target (who acts on whom). Without a target the first three are the plain mean
    /// and the sides are empty. Writes token indices and the weights (Groups per word); returns how many words.
    /// </summary>
    public static int ContextWeights(string text, TextTokens tokens, ReadOnlySpan<(int Start, int End)> target, ReadOnlySpan<(int Start, int End)> others,
        Span<int> words, Span<float> weights)
    {
        var n = tokens.Hashes.Length;
        Span<int> position = n <= 256 ? stackalloc int[n] : new int[n]; // index in the masked sequence, -1 for a target's or other's token
        Span<int> clause = n <= 256 ? stackalloc int[n] : new int[n];
        Span<int> targets = stackalloc int[8];
        Span<int> targetClause = stackalloc int[8];
        int m = -1, t = 0, c = 0, lastRole = 0;
        for (var i = 0; i < n; i++)
        {
            var role = Role(tokens.Starts[i], tokens.Ends[i], target, others);
            var breaks = i > 0 && BreaksClause(text, tokens.Ends[i - 1], tokens.Starts[i]);
            if (breaks) c++;
            if (ClauseWords.Contains(tokens.Hashes[i])) c++;
            if (!(role != 0 && role == lastRole && !breaks)) m++;
            if (role == 1 && lastRole != 1 && t < targets.Length) { targets[t] = m; targetClause[t++] = c; }
            lastRole = role;
            position[i] = role == 0 ? m : -1;
            clause[i] = c;
        }
        var k = 0;
        for (var i = 0; i < n; i++)
        {
            if (position[i] < 0) continue;
            words[k] = i;
            float near = 1, inClause = 1, left = 0;
            if (t > 0)
            {
                var distance = int.MaxValue;
                inClause = 0;
                for (var j = 0; j < t; j++)
                {
                    var d = Math.Abs(position[i] - targets[j]);
                    if (d < distance) (distance, left) = (d, position[i] < targets[j] ? 1 : 0);
                    if (clause[i] == targetClause[j]) inClause = 1;
                }
                near = 1f / (1 + distance);
            }
            var w = weights.Slice(TargetContext.Groups * k, TargetContext.Groups);
            w[0] = 1;
            w[1] = near;
            w[2] = inClause;
            w[3] = t > 0 ? near * left : 0;
            w[4] = t > 0 ? near * (1 - left) : 0;
            k++;
        }
        return k;
    }

    static int Slot(ulong h, ulong mask) => (int)((h ^ (h >> 29)) & mask);

    static int Role(int start, int end, ReadOnlySpan<(int Start, int End)> target, ReadOnlySpan<(int Start, int End)> others)
    {
        foreach (var s in target) if (start < s.End && s.Start < end) return 1;
        foreach (var s in others) if (start < s.End && s.Start < end) return 2;
        return 0;
    }

    static bool BreaksClause(string text, int from, int to)
    {
        for (var i = from; i < to; i++)
            if (text[i] is ',' or ';' or ':' or '(' or ')' or '"' or '\u201c' or '\u201d' or '\u2014' or '\u2013') return true;
        return false;
    }
}
