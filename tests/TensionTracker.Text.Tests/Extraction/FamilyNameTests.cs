using TensionTracker.Text.Extraction;

namespace TensionTracker.Text.Tests.Extraction;

/// <summary>Any decade: a dated government office-holder of the lists is known by his family name alone while he is its one
/// holder in office at the article's date.</summary>
[Collection(SeedsCollection.Name)]
public class FamilyNameTests(SeedsFixture f)
{
    List<ExtractedStatement> All(string body, string date) => [.. f.Extractor.Extract("", body, DateTimeOffset.Parse(date + "T12:00:00Z"))];

    [Theory]
    [InlineData("Clinton imposed sanctions on India over the nuclear tests.", "1998-05-15", "USA", "IND")]
    [InlineData("Vajpayee travelled to Pakistan by bus for the summit.", "1999-02-20", "IND", "PAK")]
    [InlineData("Jiang arrived in the United States for a state visit.", "1997-10-28", "CHN", "USA")] // family name first
    [InlineData("Mandela flew to Nigeria to plead for the condemned activists.", "1995-11-01", "ZAF", "NGA")]
    [InlineData("President Menem threatened Britain over the fishing licences.", "1995-03-01", "ARG", "GBR")]
    [InlineData("Downer, the foreign minister, flew to Jakarta to demand the release of the journalists.", "2004-06-01", "AUS", "IDN")]
    [InlineData("Foreign Secretary Straw visited Tehran for talks on the nuclear programme.", "2003-09-20", "GBR", "IRN")]
    public void a_family_name_alone_acts_for_the_state_of_its_holder_on_that_date(string sentence, string date, string actor, string target)
    {
        var s = Assert.Single(All(sentence, date), x => x.SpeakerCountry == actor);
        Assert.Contains(target, s.Targets);
    }

    [Fact]
    public void out_of_office_a_family_name_alone_names_nobody()
    {
        Assert.DoesNotContain(All("Mandela flew to Nigeria to plead for the condemned activists.", "2012-11-01"), s => s.SpeakerCountry == "ZAF");
    }

    [Fact]
    public void after_a_given_name_it_is_someone_else()
    {
        var s = Assert.Single(All("Kenyan lawmaker Ruth Chirac said France should pay for the ferry.", "1996-04-01"));
        Assert.Equal("KEN", s.SpeakerCountry);
    }

    [Fact]
    public void the_lists_give_family_names_dated_with_their_terms()
    {
        var clinton = f.Gazetteer.Lookup("Clinton").Where(e => e.Surname).ToList();
        Assert.Contains(clinton, e => e.Name == "Bill Clinton" && e.ValidOn(new DateOnly(1995, 1, 1)) && !e.ValidOn(new DateOnly(2005, 1, 1)));
        Assert.Contains(f.Gazetteer.Lookup("Jiang"), e => e.Surname && e.Name == "Jiang Zemin");
        Assert.DoesNotContain(f.Gazetteer.Lookup("Major"), e => e.Surname); // a common word is no family name alone
    }
}
