namespace TensionTracker.Text.Scoring;

/// <summary>
/// Decides whether a tone near 0 is neutral. A regression that is unsure of a statement's tone answers near 0, so
/// it lands in the neutral band (<see cref="ScoreMetrics.NeutralBand"/>) far more often than raters do (about a third
/// of the news sentences against a quarter). A model trained with <c>--neutral-head true</c> also learns whether a
/// statement is neutral (a linear head and a tree head, trained on 1 for a rating within the band and 0 outside;
/// their mean estimates the probability). Where the tone lies within <see cref="Pull"/> of 0, that estimate picks
/// the class, and the tone moves only as far as it must:
/// <list type="bullet">
/// <item>likely neutral (at least <see cref="Threshold"/>): the tone is clamped into the band;</item>
/// <item>otherwise a tone inside the band steps just outside it, on its own side.</item>
/// </list>
/// A tone beyond <see cref="Pull"/> is left as it is, so no tone moves by more than <see cref="Pull"/>.
/// </summary>
public sealed record NeutralRule(float Threshold, float Pull)
{
    /// <summary>Card settings that carry the rule; a model without them has no neutral head.</summary>
    public const string ThresholdSetting = "neutral_threshold";
    public const string PullSetting = "neutral_pull";

    /// <summary>Where a tone stepped out of the band lands: the smallest step the eval's classes see.</summary>
    public const float Outside = ScoreMetrics.NeutralBand + 1e-4f;

    /// <summary>True when the neutral heads must be read for this tone.</summary>
    public bool Applies(float tone) => Math.Abs(tone) <= Pull;

    public float Apply(float tone, float neutralProbability)
    {
        if (!Applies(tone)) return tone;
        if (neutralProbability >= Threshold) return Math.Clamp(tone, -ScoreMetrics.NeutralBand, ScoreMetrics.NeutralBand);
        if (Math.Abs(tone) > ScoreMetrics.NeutralBand) return tone;
        return tone >= 0 ? Outside : -Outside;
    }

    public static NeutralRule? FromSettings(IReadOnlyDictionary<string, string> settings) =>
        settings.TryGetValue(ThresholdSetting, out var t) && settings.TryGetValue(PullSetting, out var p)
            ? new NeutralRule(float.Parse(t, System.Globalization.CultureInfo.InvariantCulture), float.Parse(p, System.Globalization.CultureInfo.InvariantCulture))
            : null;
}
