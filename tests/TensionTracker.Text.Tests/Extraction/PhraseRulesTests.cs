using TensionTracker.Text.Extraction;

namespace TensionTracker.Text.Tests.Extraction;

/// <summary>Subject phrases news prose builds around a name: complements of a role, plural possessives, conjunctions,
/// documents, both sides at once.</summary>
[Collection(SeedsCollection.Name)]
public class PhraseRulesTests(SeedsFixture f)
{
    ExtractedStatement Find(string body, string contains) =>
        f.Extractor.Extract("Note", body, SeedsFixture.Sept2025).Single(s => s.Text.Contains(contains));

    [Fact]
    public void a_role_with_a_complement_before_the_name_gives_its_country()
    {
        var s = Find("Peru's minister of energy and mines, Rosa Quispe Huamán, said Chile owed the company compensation.", "compensation");
        Assert.Equal("PER", s.SpeakerCountry);
        Assert.Equal(SpeakerRoles.Minister, s.SpeakerRole);
        Assert.Equal(["CHL"], s.Targets);
    }

    [Fact]
    public void a_lawmaker_from_a_party_before_the_name_is_a_legislator()
    {
        var s = Find("A lawmaker from Ghana's opposition National Democratic Congress, Kwame Asante, said Togo was hiding the facts.", "hiding");
        Assert.Equal("GHA", s.SpeakerCountry);
        Assert.Equal(SpeakerRoles.Legislator, s.SpeakerRole);
    }

    [Fact]
    public void a_plural_possessive_keeps_the_owner_in_the_subject()
    {
        var s = Find("The Revolutionary Guards' naval command said Saudi Arabia had been warned.", "warned");
        Assert.Equal("IRN", s.SpeakerCountry);
        Assert.Equal(["SAU"], s.Targets);
    }

    [Fact]
    public void a_sentence_opening_conjunction_is_not_part_of_the_subject()
    {
        var all = f.Extractor.Extract("Note", "Mongolia's president said China was a vital partner. But she added that Mongolia would keep its third neighbours.", SeedsFixture.Sept2025);
        var s = all.Single(x => x.Text.StartsWith("But"));
        Assert.Equal("MNG", s.SpeakerCountry);
        Assert.Equal(SpeakerRoles.HeadOfState, s.SpeakerRole);
    }

    [Fact]
    public void according_to_a_role_with_a_modifier()
    {
        var s = Find("The plant will sell power to Laos, according to Thailand's energy minister.", "plant");
        Assert.Equal("THA", s.SpeakerCountry);
        Assert.Equal(SpeakerRoles.Minister, s.SpeakerRole);
        Assert.Equal(["LAO"], s.Targets);
    }

    [Fact]
    public void issuing_a_statement_is_speaking()
    {
        var s = Find("Oman's foreign ministry issued a statement backing Qatar.", "Oman");
        Assert.Equal("OMN", s.SpeakerCountry);
        Assert.Equal(["QAT"], s.Targets);
    }

    [Fact]
    public void officials_in_both_capitals_are_no_one_side()
    {
        var s = Find("Officials in both capitals said trade between Malaysia and Singapore would double.", "trade");
        Assert.Null(s.SpeakerCountry);
        Assert.Equal(["MYS", "SGP"], s.Targets.Order());
    }

    [Fact]
    public void a_long_standing_complaint_has_a_speaker()
    {
        var s = Find("Lesotho has long complained that South Africa takes its water too cheaply.", "complained");
        Assert.Equal("LSO", s.SpeakerCountry);
        Assert.Equal(["ZAF"], s.Targets);
    }
    [Fact]
    public void a_third_party_described_by_both_countries_still_speaks()
    {
        var s = Find("Indonesia, which borders both countries, said Malaysia and Singapore should talk.", "talk");
        Assert.Equal("IDN", s.SpeakerCountry);
        Assert.Equal(["MYS", "SGP"], s.Targets.Order());
    }
    [Fact]
    public void a_diplomatic_source_is_an_official()
    {
        var s = Find("A Chilean diplomatic source said Argentina had agreed to reopen the pass.", "pass");
        Assert.Equal("CHL", s.SpeakerCountry);
        Assert.Equal(SpeakerRoles.Official, s.SpeakerRole);
        Assert.Equal(["ARG"], s.Targets);
    }

    [Fact]
    public void experts_who_reported_that_are_the_speakers()
    {
        var s = Find("United Nations experts reported that Eritrean troops had crossed into Sudan, which Eritrea denies.", "experts");
        Assert.Null(s.SpeakerCountry);
        Assert.Equal(["ERI", "SDN"], s.Targets.Order());
    }
    [Fact]
    public void an_ambassador_to_an_international_body_speaks_for_the_state()
    {
        var s = Find("Cuba's ambassador to the United Nations said the United States was strangling the island.", "strangling");
        Assert.Equal("CUB", s.SpeakerCountry);
        Assert.Equal(["USA"], s.Targets);
    }

    [Fact]
    public void an_unlisted_one_word_name_beside_a_role_takes_its_country()
    {
        var s = Find("Kazakhstan's grain agency, Azykkoim, said Russia had blocked the wagons.", "wagons");
        Assert.Equal("KAZ", s.SpeakerCountry);
        Assert.Equal(["RUS"], s.Targets);
    }

    [Fact]
    public void an_expert_on_a_country_is_not_that_country_and_where_they_spoke_is_no_target()
    {
        const string body = "Ghana expelled hundreds of Togolese traders. Togo protested. " +
                            "The U.N. independent expert on human rights in Togo said in Geneva that the expulsions were unlawful.";
        var s = Find(body, "unlawful");
        Assert.Null(s.SpeakerCountry);
        Assert.Equal(["GHA", "TGO"], s.Targets.Order());
    }

    [Fact]
    public void a_name_before_a_possessive_owns_the_role_it_is_not_the_speaker()
    {
        var s = Find("Lake Victoria Fisheries' Ugandan deputy director, Grace Namutebi, told reporters that Kenya had seized three boats.", "seized");
        Assert.Equal("UGA", s.SpeakerCountry);
        Assert.Equal(["KEN"], s.Targets);
    }

    [Fact]
    public void an_inverted_attribution_keeps_the_name_when_its_apposition_runs_on()
    {
        var s = Find("\"Lima wants leverage before the summit,\" said Ana Prado, director of the Andes trade programme at a university in Quito.", "leverage");
        Assert.Equal("Ana Prado", s.Speaker);
        Assert.Null(s.SpeakerCountry);
    }

    [Fact]
    public void a_dateline_with_an_unlisted_town_takes_the_country_after_it()
    {
        var s = Find("NARVIKSTAD, Norway (Arctic Wire) \u2014 Norway will close two fjords to Russian trawlers, the government said on Monday.", "trawlers");
        Assert.Equal("NOR", s.SpeakerCountry);
        Assert.Equal(["RUS"], s.Targets);
    }

    [Fact]
    public void the_owner_before_a_plural_possessive_is_part_of_the_subject()
    {
        // neither state is taken alone as the authorities': the two agreed, each toward the other
        var all = f.Extractor.Extract("", "Peru and Chile agreed on a new anchovy quota, the two countries' fishing authorities said on Friday.", SeedsFixture.Sept2025);
        Assert.Equal(["CHL->PER", "PER->CHL"], all.Select(s => $"{s.SpeakerCountry}->{string.Join(',', s.Targets)}").Order());
    }

    [Theory]
    [InlineData("Ghana's foreign ministry issued a fact sheet on the agreement. Togo will reopen the border posts, the fact sheet said.")]
    [InlineData("Under the deal, Togo will reopen the border posts, according to a text published by Ghana's foreign ministry.")]
    public void a_document_speaks_for_whoever_published_it(string body)
    {
        var s = Find(body, "border posts");
        Assert.Equal("GHA", s.SpeakerCountry);
        Assert.Equal(["TGO"], s.Targets);
    }

    [Fact]
    public void a_whose_clause_before_the_verb_describes_the_subject()
    {
        var s = Find("Chile and Bolivia argued over the Silala. Peru, whose own claim to the Lauca river basin is older, urged both countries to talk.", "urged");
        Assert.Equal("PER", s.SpeakerCountry);
        Assert.Equal(["BOL", "CHL"], s.Targets.Order());
    }
}
