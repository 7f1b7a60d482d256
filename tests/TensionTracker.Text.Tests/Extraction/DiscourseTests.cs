using TensionTracker.Text.Extraction;

namespace TensionTracker.Text.Tests.Extraction;

/// <summary>Attribution that needs the phrase around the name or the sentences before it.</summary>
[Collection(SeedsCollection.Name)]
public class DiscourseTests(SeedsFixture f)
{
    ExtractedStatement Find(string body, string contains) =>
        f.Extractor.Extract("Note", body, SeedsFixture.Sept2025).Single(s => s.Text.Contains(contains));

    [Fact]
    public void an_apposition_after_a_name_describes_the_name()
    {
        var s = Find("Senior Col. Zhao Peng, a spokesman for the People's Liberation Army's Southern Theater Command, said Chinese forces had expelled the American ship.", "Zhao");
        Assert.Equal("Zhao Peng", s.Speaker);
        Assert.Equal("CHN", s.SpeakerCountry);
        Assert.Equal(["USA"], s.Targets);
    }

    [Fact]
    public void a_role_before_a_name_gives_the_name_its_country()
    {
        var s = Find("A State Department spokesperson, Thomas Reyburn, said Venezuela had ignored every warning.", "Reyburn");
        Assert.Equal("Thomas Reyburn", s.Speaker);
        Assert.Equal("USA", s.SpeakerCountry);
        Assert.Equal(SpeakerRoles.Official, s.SpeakerRole);
    }

    [Fact]
    public void an_unnamed_official_is_placed_by_where_they_spoke()
    {
        var s = Find("Foreign Ministry spokesman Hossein Karimi told reporters in Tehran that Israel would regret any attack.", "Karimi");
        Assert.Equal("IRN", s.SpeakerCountry);
        Assert.Equal(["ISR"], s.Targets);
    }

    [Fact]
    public void the_ministry_refers_back_to_the_ministry_named_before()
    {
        var body = "China's Commerce Ministry responded within hours.\n\nThe ministry said Australian canola was being sold below cost.";
        var s = Find(body, "The ministry");
        Assert.Equal("CHN", s.SpeakerCountry);
        Assert.Equal(["AUS"], s.Targets);
    }

    [Fact]
    public void a_pronoun_after_a_role_phrase_subject_refers_to_it()
    {
        var body = "His Turkish counterpart struck a similarly warm tone. \"We expect the same from our Greek friends,\" he said.";
        var s = Find(body, "Greek friends");
        Assert.Equal("TUR", s.SpeakerCountry);
        Assert.Equal(["GRC"], s.Targets);
    }

    [Fact]
    public void a_verb_in_a_subordinate_clause_of_narration_is_background()
    {
        // the main clause is a narrated act (extractor-7): China's, toward Australia; Canberra's call is only its background
        var s = Find("China imposed tariffs on Australian barley in 2020 after Canberra called for an inquiry into the pandemic.", "barley");
        Assert.Equal("CHN", s.SpeakerCountry);
        Assert.True(s.Narrated);
        Assert.Equal(["AUS"], s.Targets);
    }

    [Fact]
    public void narration_about_the_two_countries_is_about_the_main_pair()
    {
        var body = "Norway and Russia agreed on a cod quota for the Barents Sea on Friday.\n\nThe two countries have managed the stock jointly since the 1970s.";
        var s = Find(body, "The two countries");
        Assert.Null(s.SpeakerCountry);
        Assert.Equal(["NOR", "RUS"], s.Targets.Order());
    }

    [Fact]
    public void an_analyst_naming_one_side_speaks_about_the_pair()
    {
        var body = "India and China agreed to resume border patrols.\n\nRohan Mehta, an analyst at the Delhi Forum for Strategic Studies, said Beijing had not changed its view.";
        var s = Find(body, "Mehta");
        Assert.Null(s.SpeakerCountry);
        Assert.Equal(SpeakerRoles.Analyst, s.SpeakerRole);
        Assert.Equal(["CHN", "IND"], s.Targets.Order());
    }

    [Fact]
    public void british_single_quotes_continue_their_speaker()
    {
        var body = "'This is an unacceptable breach of our sovereignty,' the Foreign Secretary, Yvette Cooper, told MPs. 'China will not intimidate us.'";
        var s = Find(body, "intimidate");
        Assert.Equal("GBR", s.SpeakerCountry);
        Assert.Equal(["CHN"], s.Targets);
    }
}
