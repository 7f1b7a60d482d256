namespace TensionTracker.Text.Scoring;

/// <summary>
/// A model's reading of one statement. Tone: general sentiment, -1 negative .. 1 positive.
/// Stance: toward the target, -1 hostile .. 1 cooperative (the order of the CAMEO/Goldstein scale).
/// <see cref="Probabilities"/>: the model's calibrated class probabilities for the statement's stance, when the model
/// gives them (null for scores recorded before models did). <see cref="Targets"/>: the stance toward each target country
/// where the model read the statement once per target (null when one stance holds for every target).
/// </summary>
public readonly record struct StatementScore(
    float Tone, float Stance, string Class, StanceProbabilities? Probabilities = null, TargetStance[]? Targets = null)
{
    /// <summary>The stance toward one target country: its own reading when the model gave one, else the statement's.</summary>
    public float StanceToward(string target) => Toward(target)?.Stance ?? Stance;

    /// <summary>The class probabilities toward one target country (see <see cref="StanceProbabilities.FromStance"/> for old scores).</summary>
    public StanceProbabilities ProbabilitiesToward(string target)
    {
        var own = Toward(target);
        return own is not null
            ? own.Probabilities ?? StanceProbabilities.FromStance(own.Stance)
            : Probabilities ?? StanceProbabilities.FromStance(Stance);
    }

    TargetStance? Toward(string target)
    {
        if (Targets is null) return null;
        foreach (var t in Targets)
            if (string.Equals(t.Target, target, StringComparison.Ordinal)) return t;
        return null;
    }
}

/// <summary>One target's reading within a statement (ISO alpha-3 target).</summary>
public sealed record TargetStance(string Target, float Stance, string Class, StanceProbabilities? Probabilities = null);

/// <summary>Probabilities of the three stance classes; they sum to 1.</summary>
public readonly record struct StanceProbabilities(float Conflict, float Neutral, float Cooperation)
{
    /// <summary>
    /// For scores recorded by models that gave no probabilities: a soft reading of the regressed stance, centred on the
    /// class threshold (±0.1), so old events still read sensibly. Models that give probabilities are never read this way.
    /// </summary>
    public static StanceProbabilities FromStance(float stance)
    {
        static float Sigmoid(float x) => 1f / (1f + MathF.Exp(-x));
        var conflict = Sigmoid((-stance - 0.1f) * 10f);
        var cooperation = Sigmoid((stance - 0.1f) * 10f);
        var neutral = MathF.Max(0f, 1f - conflict - cooperation);
        var sum = conflict + neutral + cooperation;
        return new(conflict / sum, neutral / sum, cooperation / sum);
    }
}

/// <summary>
/// What a model reads: the statement's text and where each of its target countries is mentioned in it (character
/// offsets into <see cref="Text"/>; empty when the target is not named in the statement itself).
/// </summary>
public sealed record ScoringInput(string Text, TargetMention[] Targets)
{
    public static ScoringInput Untargeted(string text) => new(text, []);
}

public readonly record struct TargetMention(string Target, int Start, int Length);

/// <summary>Any model that scores statements: the fast ML.NET model in-process, a deep encoder in a lane of its own.</summary>
public interface IStatementScorer
{
    string Name { get; }
    StatementScore[] Score(IReadOnlyList<ScoringInput> statements);
}

public static class StanceClasses
{
    public const string Conflict = "conflict";
    public const string Neutral = "neutral";
    public const string Cooperation = "cooperation";
}
