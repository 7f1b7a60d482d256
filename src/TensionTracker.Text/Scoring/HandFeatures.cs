namespace TensionTracker.Text.Scoring;

/// <summary>
/// The hand-made features the model reads beside its word and character n-grams: VADER's lexicon
/// with its rules (<see cref="VaderLexicon"/>), CAMEO verb events with Goldstein weights
/// (<see cref="CameoLexicon"/>) and the project's stance cues (<see cref="StanceCueLexicon"/>).
/// Loaded once from a lexicon folder; <see cref="Write"/> is pure and thread-safe.
/// </summary>
public sealed class HandFeatures
{
    /// <summary>The base features every model reads (<see cref="Names"/>).</summary>
    public const int BaseCount = VaderLexicon.FeatureCount + CameoLexicon.FeatureCount + StanceCueLexicon.FeatureCount + WordRatings.FeatureCount;

    /// <summary>Features this instance writes: the base ones, then <see cref="PolarityShifters"/> when <see cref="Extras"/>.</summary>
    public int Count => BaseCount + (Extras ? PolarityShifters.FeatureCount : 0);

    /// <summary>Card setting that turns the extra features on.</summary>
    public const string ExtrasSetting = "extra_features";

    public bool Extras { get; }

    public string[] FeatureNames => Extras ? [.. Names, .. PolarityShifters.FeatureNames] : Names;

    /// <summary>Files read from the lexicon folder, in the order they are hashed into a model card.</summary>
    public static readonly string[] LexiconFiles =
    [
        "vader_lexicon.txt", "cameo2_verbs_goldstein.tsv", "cameo2_verb_patterns_goldstein.tsv",
        "cameo_codes_goldstein.tsv", "CAMEO.2.0.txt", "stance_cues.tsv",
    ];

    public static readonly string[] Names =
        [.. VaderLexicon.FeatureNames, .. CameoLexicon.FeatureNames, .. StanceCueLexicon.FeatureNames, .. WordRatings.FeatureNames];

    public VaderLexicon Vader { get; }
    public CameoLexicon Cameo { get; }
    public StanceCueLexicon Cues { get; }
    /// <summary>The model's learned word ratings (empty until a model's <c>.words.tsv</c> is attached).</summary>
    public WordRatings Words { get; }

    private HandFeatures(VaderLexicon vader, CameoLexicon cameo, StanceCueLexicon cues, WordRatings words, bool extras = false)
    {
        Extras = extras;
        Vader = vader;
        Cameo = cameo;
        Cues = cues;
        Words = words;
    }

    /// <summary>The same lexicons with other learned word ratings.</summary>
    public HandFeatures WithWords(WordRatings words) => new(Vader, Cameo, Cues, words, Extras);

    /// <summary>The same lexicons with the extra features on or off.</summary>
    public HandFeatures WithExtras(bool extras) => new(Vader, Cameo, Cues, Words, extras);

    public static HandFeatures Load(string lexiconDir)
    {
        foreach (var f in LexiconFiles)
            if (!File.Exists(Path.Combine(lexiconDir, f)))
                throw new FileNotFoundException($"lexicon file {f} missing from {lexiconDir}", Path.Combine(lexiconDir, f));
        return new HandFeatures(
            VaderLexicon.Load(Path.Combine(lexiconDir, "vader_lexicon.txt")),
            CameoLexicon.Load(lexiconDir),
            StanceCueLexicon.Load(Path.Combine(lexiconDir, "stance_cues.tsv")),
            WordRatings.Empty);
    }

    public float[] Compute(string text)
    {
        var v = new float[Count];
        Write(text, v);
        return v;
    }

    public void Write(string text, Span<float> dest) => Write(TextTokens.Of(text), dest);

    /// <summary>All hand features of one tokenised text (the tokens are shared with the n-gram features).</summary>
    public void Write(TextTokens tokens, Span<float> dest)
    {
        Vader.Write(tokens, dest[..VaderLexicon.FeatureCount]);
        Cameo.Write(tokens, dest.Slice(VaderLexicon.FeatureCount, CameoLexicon.FeatureCount));
        var at = VaderLexicon.FeatureCount + CameoLexicon.FeatureCount;
        Cues.Write(tokens, dest.Slice(at, StanceCueLexicon.FeatureCount));
        Words.Write(tokens, dest.Slice(at + StanceCueLexicon.FeatureCount, WordRatings.FeatureCount));
        if (Extras) PolarityShifters.Write(tokens, Vader, Words, dest.Slice(BaseCount, PolarityShifters.FeatureCount));
    }
}
