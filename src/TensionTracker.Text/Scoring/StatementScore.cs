namespace TensionTracker.Text.Scoring;

/// <summary>
/// A model's reading of one statement. Tone: general sentiment, -1 negative .. 1 positive.
/// Stance: toward the target, -1 hostile .. 1 cooperative (the order of the CAMEO/Goldstein scale).
/// </summary>
public readonly record struct StatementScore(float Tone, float Stance, string Class);

public static class StanceClasses
{
    public const string Conflict = "conflict";
    public const string Neutral = "neutral";
    public const string Cooperation = "cooperation";
}
