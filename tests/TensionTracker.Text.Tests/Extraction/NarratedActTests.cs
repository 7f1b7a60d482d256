using TensionTracker.Text.Extraction;

namespace TensionTracker.Text.Tests.Extraction;

/// <summary>An act of one state toward another that the outlet narrates is a statement of the acting state, marked narrated.</summary>
[Collection(SeedsCollection.Name)]
public class NarratedActTests(SeedsFixture f)
{
    ExtractedStatement Only(string body, string date = "2024-05-01")
    {
        var all = f.Extractor.Extract("", body, DateTimeOffset.Parse(date + "T12:00:00Z"));
        return Assert.Single(all);
    }

    [Theory]
    [InlineData("Chile has again offered its engineers to Peru to rebuild the bridges.", "CHL", "PER")]
    [InlineData("Ghana complained to the African Union over two Togolese border raids.", "GHA", "TGO")]
    [InlineData("Norway threatened to close its ports to Icelandic trawlers if the quota talks failed.", "NOR", "ISL")]
    [InlineData("Thai diplomats were expelled by Cambodia after the border clash.", "KHM", "THA")]
    [InlineData("Kenyan forces shelled positions inside Somalia overnight.", "KEN", "SOM")]
    [InlineData("Vietnamese-led forces moved into positions along the border with Laos.", "VNM", "LAO")]
    [InlineData("Canberra pledged flood aid to Fiji on Tuesday.", "AUS", "FJI")]
    [InlineData("Tokyo signed a fisheries agreement with Manila.", "JPN", "PHL")]
    [InlineData("The Taliban government sent a delegation to Uzbekistan to discuss the railway.", "AFG", "UZB")]
    public void the_acting_state_speaks_toward_the_other(string sentence, string actor, string target)
    {
        var s = Only(sentence);
        Assert.Equal(actor, s.SpeakerCountry);
        Assert.Contains(target, s.Targets);
        Assert.True(s.Narrated);
    }

    [Fact]
    public void an_office_holder_acts_for_the_state_the_article_date_gives()
    {
        var s = Only("President Bush has threatened further action against Russia over its troops.", "2008-08-20");
        Assert.Equal("USA", s.SpeakerCountry);
        Assert.Equal(["RUS"], s.Targets);
    }

    [Fact]
    public void a_quotation_is_not_a_narrated_act()
    {
        var s = Only("\"We will not accept this,\" Chile's foreign minister said of Peru's claim.");
        Assert.Equal("CHL", s.SpeakerCountry);
        Assert.False(s.Narrated);
    }

    [Fact]
    public void two_states_acting_together_act_each_toward_the_other()
    {
        var all = f.Extractor.Extract("", "Kenya and Tanzania agreed on Wednesday to lift their trade curbs.", DateTimeOffset.Parse("2024-05-01T12:00:00Z"));
        Assert.Equal(["KEN->TZA", "TZA->KEN"], all.Select(s => $"{s.SpeakerCountry}->{string.Join(',', s.Targets)}").Order());
        Assert.All(all, s => Assert.True(s.Narrated));
    }

    [Fact]
    public void a_background_clause_is_not_the_act()
    {
        var all = f.Extractor.Extract("", "Relations have been cold since 2021, when Chile expelled a Bolivian consul.", SeedsFixture.Sept2025);
        Assert.DoesNotContain(all, s => s.Narrated);
    }

    [Fact]
    public void a_headline_stays_the_outlets_narration()
    {
        var all = f.Extractor.Extract("Chile expels Bolivian consul", "The decision surprised diplomats in Santiago.", SeedsFixture.Sept2025);
        var headline = all.Single(s => s.Section == Sections.Headline);
        Assert.Null(headline.SpeakerCountry);
        Assert.False(headline.Narrated);
    }
}
