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

    [Fact]
    public void two_attributions_in_one_sentence_are_two_statements()
    {
        var all = All("Norway and Iceland argued over mackerel quotas. An Icelandic fisheries official said the quota was unfair, " +
                      "and in Oslo, a Norwegian industry minister warned that Iceland would pay for overfishing.");
        var first = all.Single(x => x.Text.Contains("unfair"));
        var second = all.Single(x => x.Text.Contains("overfishing"));
        Assert.NotEqual(first.Start, second.Start);
        Assert.Equal("ISL", first.SpeakerCountry);
        Assert.Equal(["NOR"], first.Targets);
        Assert.Equal("NOR", second.SpeakerCountry);
        Assert.Equal(["ISL"], second.Targets);
    }

    [Theory]
    [InlineData("Canada expelled two Indian diplomats, accusing them of spying, and New Delhi ordered two Canadians to leave.")]
    [InlineData("Ruto said Kenya would retaliate, and Tanzania's envoy was summoned on Friday.")]
    public void an_act_with_a_participle_or_a_passive_is_not_a_second_attribution(string sentence)
    {
        Assert.Single(All(sentence));
    }

    [Theory]
    [InlineData("A member of Uzbekistan's lower house, Aziz Rahimov, said Kazakhstan had broken the water deal.", SpeakerRoles.Legislator)]
    [InlineData("Uzbekistan's State Security Service said Kazakhstan had broken the water deal.", SpeakerRoles.Official)]
    [InlineData("Uzbekistan's ruling party said Kazakhstan had broken the water deal.", SpeakerRoles.Official)]
    public void members_services_and_parties_speak_for_their_state(string sentence, string role)
    {
        var s = Find(sentence, "water deal");
        Assert.Equal("UZB", s.SpeakerCountry);
        Assert.Equal(role, s.SpeakerRole);
        Assert.Equal(["KAZ"], s.Targets);
    }

    [Fact]
    public void a_quotation_before_a_split_sentence_keeps_its_own_speaker()
    {
        var all = All("\"We will not pay. The claim is absurd,\" Ecuador's president said, and Peru's foreign minister warned that Ecuador would regret it.");
        Assert.Equal("ECU", all.Single(x => x.Text.Contains("not pay")).SpeakerCountry);
        Assert.Equal("ECU", all.Single(x => x.Text.Contains("absurd")).SpeakerCountry);
        Assert.Equal("PER", all.Single(x => x.Text.Contains("regret")).SpeakerCountry);
    }
    [Theory]
    [InlineData("Paraguay backed its neighbour.")]
    [InlineData("Paraguayan President Elena Duarte went further.")]
    [InlineData("Paraguay sided with its neighbour at the summit.")]
    public void taking_a_side_or_going_further_is_a_stance(string sentence)
    {
        var s = Find("Uruguay accused Argentina on Monday of chasing its fishing boats out of the river. " + sentence, sentence[..12]);
        Assert.Equal("PRY", s.SpeakerCountry);
    }

    [Fact]
    public void backed_as_a_modifier_or_a_passive_is_not_a_stance()
    {
        var s = Find("Uruguay accused Argentina on Monday of chasing its boats. Paraguayan-backed fishermen said Argentina had fired.", "fired");
        Assert.Null(s.SpeakerCountry);
        var t = Find("Uruguay accused Argentina on Monday of chasing its boats. The plan, backed by Paraguay, was dropped after Argentina said no.", "dropped");
        Assert.NotEqual("PRY", t.SpeakerCountry);
        Assert.Null(Find("Uruguay accused Argentina on Monday of chasing its boats. For years they backed opposing sides in Bolivia and Chile.", "opposing").Speaker);
    }
    [Fact]
    public void a_second_predicate_joined_by_and_has_the_sentences_subject()
    {
        var s = Find("Uruguay accused Argentina on Monday of chasing its boats. Argentine state television showed the damaged hull and said Uruguay had staged the incident.", "staged");
        Assert.Equal("ARG", s.SpeakerCountry);
        Assert.Equal(["URY"], s.Targets);
    }
}
