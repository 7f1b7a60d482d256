namespace TensionTracker.Text.Scoring;

/// <summary>
/// Optional tone features beside the base hand features (a model card's <c>extra_features</c>): polarity shifters.
/// A polarity shifter (Schulder, Wiegand, Ruppenhofer and others, lexicons of verbal and nominal polarity shifters,
/// 2017-2018: words such as "reduce", "prevent", "end", "lack" that reverse the polarity of what they act on) governs
/// a sentiment word up to three tokens after it: "reduce deaths" and "prevent disease" read as good news,
/// "cut benefits" and "lack of support" as bad, where VADER's rules and the learned word ratings read the sentiment
/// word alone. The list below is a small general English one written for this project (no sentence of any data set).
/// Features: the VADER valence of the governed negative words (as a positive sum) and of the governed positive words,
/// a VADER-style compound of the raw valences with each governed word's valence turned to -0.5 times itself, and the
/// sum of the learned word ratings (<see cref="WordRatings"/>) of the governed words.
/// </summary>
public static class PolarityShifters
{
    public const int FeatureCount = 4;

    public static readonly string[] FeatureNames = ["shift_neg", "shift_pos", "shift_compound", "shift_words_sum"];

    /// <summary>How many tokens after a shifter a word is governed by it.</summary>
    public const int Window = 3;

    /// <summary>Base forms; matched through <see cref="TextTokens.Stem"/>, so "reduces", "reduced", "reducing" meet "reduce".</summary>
    private static readonly string[] Words =
    [
        // verbs
        "abate", "abolish", "alleviate", "avert", "avoid", "ban", "battle", "block", "combat", "contain", "counter",
        "counteract", "curb", "cure", "cut", "decrease", "defeat", "deter", "diminish", "dispel", "ease", "eliminate",
        "end", "eradicate", "fight", "halt", "heal", "lessen", "limit", "lower", "minimize", "mitigate", "offset",
        "overcome", "prevent", "quell", "reduce", "relieve", "remove", "repeal", "resolve", "reverse", "shrink", "slash",
        "solve", "stop", "suppress", "tackle", "thwart", "lose",
        // nouns, quantifiers
        "reduction", "prevention", "elimination", "removal", "relief", "decline", "drop", "fall", "loss", "lack",
        "absence", "shortage", "fewer", "less", "free", "freedom",
    ];

    // The shifters' stems by hash (TextTokens.StemHashes).
    private static readonly HashSet<ulong> ShifterStems = Words.Select(w => TextTokens.Hash64(TextTokens.Stem(w))).ToHashSet();

    public static void Write(TextTokens tokens, VaderLexicon vader, WordRatings words, Span<float> dest)
    {
        dest[..FeatureCount].Clear();
        var lower = tokens.Lower;
        var n = lower.Length;
        if (n == 0) return;
        var stemHashes = tokens.StemHashes;
        var hashes = tokens.Hashes;
        float shiftNeg = 0, shiftPos = 0, sum = 0, shiftWords = 0;
        var lastShifter = int.MinValue / 2;
        for (var i = 0; i < n; i++)
        {
            var governed = i - lastShifter <= Window;
            if (governed && words.TryGet(hashes[i], out var r)) shiftWords += r;
            if (vader.TryGet(hashes[i], out var v))
            {
                if (governed)
                {
                    if (v < 0) shiftNeg -= v;
                    else shiftPos += v;
                    v *= -0.5f;
                }
                sum += v;
            }
            if (ShifterStems.Contains(stemHashes[i])) lastShifter = i;
        }
        dest[0] = shiftNeg;
        dest[1] = shiftPos;
        dest[2] = sum / MathF.Sqrt(sum * sum + 15f);
        dest[3] = shiftWords;
    }
}
