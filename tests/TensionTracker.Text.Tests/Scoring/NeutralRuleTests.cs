using TensionTracker.Text.Scoring;

namespace TensionTracker.Text.Tests.Scoring;

public class NeutralRuleTests
{
    private static readonly NeutralRule Rule = new(Threshold: 0.45f, Pull: 0.0625f);

    [Theory]
    [InlineData(0.03f, 0.9f, 0.03f)]     // likely neutral, already in the band: unchanged
    [InlineData(0.06f, 0.9f, 0.05f)]     // likely neutral, just outside the band: clamped onto its edge
    [InlineData(-0.06f, 0.45f, -0.05f)]  // the threshold itself counts as neutral
    [InlineData(0.03f, 0.1f, NeutralRule.Outside)]    // unlikely neutral, in the band: steps out on its own side
    [InlineData(-0.01f, 0.1f, -NeutralRule.Outside)]
    [InlineData(0f, 0.1f, NeutralRule.Outside)]
    [InlineData(0.06f, 0.1f, 0.06f)]     // unlikely neutral and already outside: unchanged
    [InlineData(0.3f, 0.99f, 0.3f)]      // beyond the pull the neutral heads are not asked
    [InlineData(-0.3f, 0f, -0.3f)]
    public void settles_a_tone_near_zero_and_leaves_the_rest(float tone, float neutralProbability, float expected) =>
        Assert.Equal(expected, Rule.Apply(tone, neutralProbability));

    [Fact]
    public void the_eval_classes_follow_the_decision()
    {
        Assert.Equal(0, ScoreMetrics.ClassOf(Rule.Apply(0.06f, 0.8f)));
        Assert.Equal(1, ScoreMetrics.ClassOf(Rule.Apply(0.01f, 0.2f)));
        Assert.Equal(-1, ScoreMetrics.ClassOf(Rule.Apply(-0.01f, 0.2f)));
    }

    [Fact]
    public void no_tone_moves_further_than_the_pull()
    {
        for (var tone = -1f; tone <= 1f; tone += 0.001f)
            foreach (var p in new[] { 0f, 0.3f, 0.45f, 1f })
                Assert.InRange(Math.Abs(Rule.Apply(tone, p) - tone), 0f, Rule.Pull);
    }

    [Fact]
    public void a_card_without_the_settings_has_no_rule()
    {
        Assert.Null(NeutralRule.FromSettings(new Dictionary<string, string>()));
        Assert.Equal(Rule, NeutralRule.FromSettings(new Dictionary<string, string>
        {
            [NeutralRule.ThresholdSetting] = "0.45", [NeutralRule.PullSetting] = "0.0625",
        }));
    }
}
