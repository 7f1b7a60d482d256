using TensionTracker.Text.Extraction;

namespace TensionTracker.Text.Tests.Extraction;

/// <summary>Attributions that are not "X said": plural present verbs, acts that report a stance, relative clauses, and
/// statements about both sides of the article's pair.</summary>
[Collection(SeedsCollection.Name)]
public class AttributionVerbTests(SeedsFixture f)
{
    IReadOnlyList<ExtractedStatement> All(string body) => f.Extractor.Extract("Note", body, SeedsFixture.Sept2025);

    ExtractedStatement Find(string body, string contains) => All(body).Single(s => s.Text.Contains(contains));

    [Theory]
    [InlineData("Uruguay's fishermen say Argentine patrol boats chased them. Uruguayan officials deny entering Argentine waters.", "deny")]
    [InlineData("Uruguay's fishermen say Argentine patrol boats chased them. Uruguay's president defended the fleet at a rally in Montevideo.", "defended")]
    [InlineData("Uruguay's fishermen say Argentine patrol boats chased them. Uruguay's president discussed the incident with his cabinet on Friday.", "discussed")]
    public void plural_present_and_stance_verbs_attribute(string body, string verb)
    {
        var s = Find(body, verb);
        Assert.Equal("URY", s.SpeakerCountry);
        Assert.Equal(["ARG"], s.Targets);
    }

    [Fact]
    public void a_relative_clause_attributes_to_its_antecedent()
    {
        var s = Find("Peru closed two crossings on its southern border. The decision drew an angry reply from Santiago, which said it punished Chilean truckers.", "angry");
        Assert.Equal("CHL", s.SpeakerCountry);
        Assert.Equal(["PER"], s.Targets);
    }

    [Fact]
    public void an_unknown_name_before_which_said_may_be_a_thing_not_a_speaker()
    {
        var s = All("Peru and Chile traded charges. The claim appeared in a memo seen by Brightline, which said Chile had paid the truckers.")
            .SingleOrDefault(x => x.Text.Contains("Brightline"));
        Assert.True(s is null || s.Speaker is null);
    }

    [Fact]
    public void a_seat_of_government_that_is_not_the_constitutional_capital_speaks_for_its_state()
    {
        var s = Find("La Paz said Peru had broken the lake agreement.", "lake");
        Assert.Equal("BOL", s.SpeakerCountry);
    }

    [Fact]
    public void a_third_party_urging_both_sides_targets_the_pair_and_whoever_it_names()
    {
        const string body = "Ecuador accused Peru of moving troops to the border. Peru denied the charge, and Ecuador recalled its ambassador. " +
                            "Brazil, whose trade with Peru has grown this year, urged both governments to talk.";
        var s = Find(body, "urged both");
        Assert.Equal("BRA", s.SpeakerCountry);
        Assert.Equal(["ECU", "PER"], s.Targets.Order());
    }
}
