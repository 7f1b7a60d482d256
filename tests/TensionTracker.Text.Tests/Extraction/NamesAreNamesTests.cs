using TensionTracker.Text.Extraction;

namespace TensionTracker.Text.Tests.Extraction;

/// <summary>What opens a sentence is not a name, a pronoun refers back to a person, and an institution speaks for itself.</summary>
[Collection(SeedsCollection.Name)]
public class NamesAreNamesTests(SeedsFixture f)
{
    IReadOnlyList<ExtractedStatement> All(string body) => f.Extractor.Extract("Note", body, SeedsFixture.Sept2025);

    ExtractedStatement? Find(string body, string contains) => All(body).SingleOrDefault(s => s.Text.Contains(contains));

    [Fact]
    public void a_time_phrase_that_opens_a_sentence_is_not_a_person_a_later_he_refers_to()
    {
        var body = "Chile recalled its ambassador to Brazil. Days earlier Brasilia had cut aid to the country. \"This is an insult,\" he said.";
        Assert.DoesNotContain(All(body), s => s.Speaker is "Days" or "Days earlier");
        Assert.Null(Find(body, "insult")?.Speaker);
    }

    [Theory]
    [InlineData("Weeks later, the Brazilian foreign ministry said Argentina had broken its word.")]
    [InlineData("Last week the Brazilian foreign ministry said Argentina had broken its word.")]
    [InlineData("Earlier this month, the Brazilian foreign ministry said Argentina had broken its word.")]
    [InlineData("Still, the Brazilian foreign ministry said Argentina had broken its word.")]
    [InlineData("Meanwhile the Brazilian foreign ministry said Argentina had broken its word.")]
    public void the_subject_after_an_opening_time_phrase_or_hedge_speaks(string body)
    {
        var s = Find(body, "broken")!;
        Assert.Equal("BRA", s.SpeakerCountry);
        Assert.StartsWith("the Brazilian", s.Speaker, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(["ARG"], s.Targets);
    }

    [Fact]
    public void a_clause_opened_by_while_is_not_the_speaker()
    {
        var body = "Chile and Peru clashed over the fishing grounds. While experts said the catch was legal, Lima protested to Santiago.";
        var s = Find(body, "While experts");
        Assert.NotNull(s);
        Assert.DoesNotContain("While", s.Speaker ?? "");
    }

    [Fact]
    public void he_refers_back_to_the_person_named_not_to_a_capitalised_opening()
    {
        var body = "Chilean President Gabriel Boric spoke in Santiago on Monday. Hours later, \"Peru must answer for this,\" he said.";
        var s = Find(body, "answer for this")!;
        Assert.Equal("Gabriel Boric", s.Speaker);
        Assert.Equal("CHL", s.SpeakerCountry);
    }

    [Fact]
    public void an_institution_speaks_for_itself_not_for_the_last_person_named()
    {
        var body = "President Donald Trump threatened Venezuela on Monday. \"We are watching Caracas closely,\" the State Department said.";
        var s = Find(body, "watching")!;
        Assert.Equal("the State Department", s.Speaker);
        Assert.Equal("USA", s.SpeakerCountry);
        Assert.Equal(SpeakerRoles.Official, s.SpeakerRole);
    }

    [Fact]
    public void an_unplaced_ministry_belongs_to_the_state_that_was_speaking()
    {
        var body = "Uruguay's president said Brazil had ignored every warning. The Foreign Ministry said Brasilia had no proof of the charges against Uruguay.";
        var s = Find(body, "no proof")!;
        Assert.Equal("URY", s.SpeakerCountry);
        Assert.Equal(["BRA"], s.Targets);
    }
}
