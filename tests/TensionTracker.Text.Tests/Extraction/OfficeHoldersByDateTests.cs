using TensionTracker.Text.Extraction;

namespace TensionTracker.Text.Tests.Extraction;

/// <summary>Office-holders of any decade: the article's date picks who held the office; an unlisted one is placed by the
/// state the sentence names.</summary>
[Collection(SeedsCollection.Name)]
public class OfficeHoldersByDateTests(SeedsFixture f)
{
    ExtractedStatement Find(string body, string date, string contains) =>
        f.Extractor.Extract("", body, DateTimeOffset.Parse(date + "T12:00:00Z")).Single(s => s.Text.Contains(contains));

    [Fact]
    public void a_president_in_office_on_the_articles_date_speaks_as_head_of_state()
    {
        var s = Find("President Yeltsin threatened unspecified measures against Germany.", "1995-04-20", "Yeltsin");
        Assert.Equal("RUS", s.SpeakerCountry);
        Assert.Equal(SpeakerRoles.HeadOfState, s.SpeakerRole);
        Assert.Equal(["DEU"], s.Targets);
    }

    [Fact]
    public void out_of_term_the_same_name_keeps_its_state_but_not_the_office()
    {
        var s = Find("Yeltsin said Germany had been a good partner to Russia.", "2005-04-20", "Yeltsin");
        Assert.Equal("RUS", s.SpeakerCountry);
        Assert.NotEqual(SpeakerRoles.HeadOfState, s.SpeakerRole);
    }

    [Fact]
    public void an_unlisted_president_is_placed_by_the_state_his_sentence_names_not_the_articles_most_named()
    {
        const string body = "Talks with Brazil on the river dam stalled again. Brazil blamed the drought, and Brazil's negotiators left.\n\n" +
                            "President Aurelio Quintana said Paraguay would not pay more for the power.";
        var s = Find(body, "2031-03-01", "Quintana");
        Assert.Equal("PRY", s.SpeakerCountry);
        Assert.Equal(SpeakerRoles.HeadOfState, s.SpeakerRole);
    }

    [Fact]
    public void the_state_an_unlisted_president_accuses_is_not_his_own()
    {
        const string body = "Talks with Brazil on the river dam stalled again. Brazil blamed the drought.\n\n" +
                            "President Aurelio Quintana of Paraguay spoke on Monday. Later, Interior Minister Rosa Quintero accused Brazil of bad faith.";
        var s = Find(body, "2031-03-01", "Quintero");
        Assert.NotEqual("BRA", s.SpeakerCountry);
    }
}
