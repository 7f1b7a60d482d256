using TensionTracker.Text.Scoring;

namespace TensionTracker.Text.Tests.Scoring;

public class LexiconFeatureTests
{
    private static readonly HandFeatures Features = HandFeatures.Load(RepoPaths.Lexicons);

    [Fact]
    public void negation_flips_a_positive_word()
    {
        Assert.True(Features.Vader.Compound("The talks were good.") > 0.2f);
        Assert.True(Features.Vader.Compound("The talks were not good.") < 0f);
        Assert.True(Features.Vader.Compound("The talks were never good.") < 0f);
        Assert.True(Features.Vader.Compound("The talks weren't good.") < 0f);
    }

    [Fact]
    public void negation_reaches_three_words_back_and_no_further()
    {
        Assert.True(Features.Vader.Compound("It is not a very good deal.") < 0f);
        Assert.True(Features.Vader.Compound("Not that anyone said it was a good deal.") > 0f);
    }

    [Fact]
    public void boosters_strengthen_and_dampeners_weaken()
    {
        var plain = Features.Vader.Compound("The offer is good.");
        Assert.True(Features.Vader.Compound("The offer is very good.") > plain);
        Assert.True(Features.Vader.Compound("The offer is slightly good.") < plain);
    }

    [Fact]
    public void cameo_reads_threats_and_force_as_conflict_and_agreements_as_cooperation()
    {
        Assert.Contains(Events("Moscow threatened Kyiv with military action."), e => e.Goldstein <= -4);
        Assert.Contains(Events("The army attacked the border town."), e => e.Goldstein <= -9);
        Assert.Contains(Events("The two governments signed a peace treaty."), e => e.Goldstein >= 5);
        Assert.Contains(Events("Japan will provide humanitarian aid to the region."), e => e.Goldstein >= 5);
    }

    [Fact]
    public void cameo_moves_a_negated_verb_out_of_the_plain_events()
    {
        var negated = Events("We will not attack anyone.");
        Assert.All(negated.Where(e => e.Goldstein <= -9), e => Assert.True(e.Negated));
    }

    [Fact]
    public void stance_cues_catch_veiled_threats_that_general_lexicons_miss()
    {
        var f = Features.Compute("He had better watch himself.");
        var cueSum = f[Array.IndexOf(HandFeatures.Names, "cue_sum")];
        Assert.True(cueSum <= -0.6f, $"cue_sum {cueSum}");
        var coop = Features.Compute("The ministers agreed a strategic partnership.");
        Assert.True(coop[Array.IndexOf(HandFeatures.Names, "cue_sum")] > 0.5f);
    }

    private static List<CameoLexicon.CameoEvent> Events(string text) => Features.Cameo.Events(TextTokens.Of(text));

    [Fact]
    public void polarity_shifters_turn_a_harm_word_into_good_news_only_when_asked()
    {
        var extras = Features.WithExtras(true);
        Assert.Equal(HandFeatures.BaseCount, Features.Compute("x").Length);
        Assert.Equal(HandFeatures.BaseCount + PolarityShifters.FeatureCount, extras.Compute("x").Length);
        float Shift(string text, string name) => extras.Compute(text)[Array.IndexOf(extras.FeatureNames, name)];
        Assert.True(Shift("The vaccine will prevent death.", "shift_neg") > 0f);
        Assert.True(Shift("The vaccine will prevent death.", "shift_compound") > 0f);
        Assert.True(Shift("Death came to the village again.", "shift_compound") < 0f);
        Assert.Equal(0f, Shift("Death came to the village again.", "shift_neg"));
        Assert.True(Shift("They cut benefits for the poor.", "shift_pos") > 0f);
    }
}
