using TensionTracker.Text.Extraction;

namespace TensionTracker.Text.Tests.Extraction;

/// <summary>Rules that read a name against the rest of the article: shared names, given names that are places,
/// documents as sources, organisations nobody listed, and states named only as modifiers.</summary>
[Collection(SeedsCollection.Name)]
public class ContextRulesTests(SeedsFixture f)
{
    IReadOnlyList<ExtractedStatement> All(string body, string title = "Note") => f.Extractor.Extract(title, body, SeedsFixture.Sept2025);

    ExtractedStatement Find(string body, string contains) => All(body).Single(s => s.Text.Contains(contains));

    [Fact]
    public void congo_is_the_state_the_article_otherwise_names()
    {
        const string brazzaville = "Officials in Brazzaville met Angolan envoys on Friday. Congo's government said Angola had closed the border without notice.";
        Assert.Equal("COG", Find(brazzaville, "closed").SpeakerCountry);
        const string kinshasa = "Officials in Kinshasa met Angolan envoys on Friday. Congo's government said Angola had closed the border without notice.";
        Assert.Equal("COD", Find(kinshasa, "closed").SpeakerCountry);
    }

    [Fact]
    public void congo_follows_its_own_paragraph_before_the_article()
    {
        const string body = "Kinshasa accused Angola of closing the border. The DRC said trade had stopped, and Kinshasa recalled its envoy.\n\n" +
                            "In Brazzaville, the talks went on. Congo's foreign minister said Angola had promised to reopen the river port.";
        Assert.Equal("COG", Find(body, "river port").SpeakerCountry);
        Assert.Equal("COD", Find(body, "trade had stopped").SpeakerCountry);
    }

    [Fact]
    public void congo_without_other_evidence_takes_the_curated_reading()
    {
        var s = Find("Congo's foreign minister said Uganda had no right to send troops.", "Uganda");
        Assert.Equal("COD", s.SpeakerCountry);
        Assert.Equal(["UGA"], s.Targets);
    }

    [Fact]
    public void a_shared_demonym_follows_the_article_too()
    {
        var s = Find("Haiti's prime minister said Dominican soldiers had crossed the border near Dajabón.", "soldiers");
        Assert.Equal(["DOM"], s.Targets);
    }

    [Theory]
    [InlineData("\"The talks are stalled,\" said Victoria Mensah, a researcher at a think tank in Accra.")]
    [InlineData("\"The talks are stalled,\" said Farah al-Haddad, a fellow at a policy institute.")]
    public void a_given_name_that_is_also_a_place_is_part_of_a_name(string sentence)
    {
        var s = All(sentence).Single();
        Assert.Null(s.SpeakerCountry);
        Assert.Equal(SpeakerRoles.Analyst, s.SpeakerRole);
        Assert.DoesNotContain(s.Targets, t => t is "SYC" or "AFG");
    }

    [Fact]
    public void a_place_after_a_preposition_stays_a_place()
    {
        var s = Find("Ghana's foreign minister said in Victoria Falls that Togo had broken the accord.", "Togo");
        Assert.Equal("GHA", s.SpeakerCountry);
        Assert.Contains("TGO", s.Targets);
    }

    [Fact]
    public void according_to_a_statement_from_x_is_x()
    {
        var s = Find("Two soldiers were wounded overnight, according to a statement from the Armenian Defence Ministry, which blamed Azerbaijan.", "wounded");
        Assert.Equal("ARM", s.SpeakerCountry);
        Assert.Contains("AZE", s.Targets);
    }

    [Fact]
    public void the_statement_said_speaks_for_its_issuer()
    {
        var all = All("Armenia's Defence Ministry said Azerbaijani troops had fired on a village. The statement said two houses were burnt.");
        var s = all.Single(x => x.Text.StartsWith("The statement"));
        Assert.Equal("ARM", s.SpeakerCountry);
        Assert.Equal(["AZE"], s.Targets);
    }

    [Fact]
    public void a_community_or_bloc_nobody_listed_is_an_organisation()
    {
        var s = Find("The Andes Water Community said Peru and Bolivia should share the data.", "share");
        Assert.Null(s.SpeakerCountry);
        Assert.Equal(SpeakerRoles.Organisation, s.SpeakerRole);
        Assert.Equal(["BOL", "PER"], s.Targets.Order());
    }

    [Fact]
    public void a_state_named_as_a_modifier_does_not_speak()
    {
        var s = Find("The Eurasian Security Pact, a Moscow-led bloc, said Armenia had broken its commitments.", "broken");
        Assert.Null(s.SpeakerCountry);
        Assert.Equal(["ARM"], s.Targets);
    }

    [Fact]
    public void demonyms_the_country_lists_spell_otherwise_are_known()
    {
        var s = Find("Kyrgyz border guards said Tajik troops had opened fire first.", "opened");
        Assert.Equal("KGZ", s.SpeakerCountry);
        Assert.Equal(["TJK"], s.Targets);
    }
    [Fact]
    public void staff_of_an_international_body_speak_for_it()
    {
        var all = All("The African Union's observer mission in Chad, AUMOC, said Sudan had moved artillery to the border. "
                      + "A spokesperson for the mission, Amina Diallo, said Chad had not been consulted.");
        var first = all.Single(s => s.Text.Contains("artillery"));
        Assert.Null(first.SpeakerCountry);
        Assert.Equal(SpeakerRoles.Organisation, first.SpeakerRole);
        var second = all.Single(s => s.Text.Contains("consulted"));
        Assert.Null(second.SpeakerCountry);
        Assert.Equal(SpeakerRoles.Organisation, second.SpeakerRole);
    }

    [Fact]
    public void a_place_with_a_possessive_opening_a_sentence_is_the_place()
    {
        var s = Find("Kursk's regional governor said Ukrainian drones had hit a power station.", "drones");
        Assert.Equal("RUS", s.SpeakerCountry);
        Assert.Equal(["UKR"], s.Targets);
    }

    [Fact]
    public void a_place_whose_name_goes_on_is_not_the_shorter_place()
    {
        var s = Find("Venezuela's defence minister said in San Antonio del Táchira that Colombia had closed the bridge.", "bridge");
        Assert.Equal("VEN", s.SpeakerCountry);
        Assert.DoesNotContain("USA", s.Targets);
    }
    // "Amadeu De Jesus Castelhano Mauricio" is an Angolan official of 2003-2010 in the PETRARCH lists, also listed as
    // "Amadeu Mauricio"
    [Theory]
    [InlineData("\"Prices have doubled since Namibia closed the road,\" said Amadeu Mauricio, a trader at the border market.")]
    [InlineData("\"Prices have doubled since Namibia closed the road,\" said Pedro Amadeu Mauricio, a trader at the border market.")]
    public void an_old_list_person_named_by_a_short_or_longer_form_needs_corroboration(string sentence)
    {
        var s = All(sentence).Single();
        Assert.Null(s.SpeakerCountry);
        Assert.Equal(["NAM"], s.Targets);
    }

    [Fact]
    public void an_old_list_person_with_a_title_is_that_person()
    {
        var s = Find("Former minister Amadeu Mauricio said Namibia had broken the accord.", "accord");
        Assert.Equal("AGO", s.SpeakerCountry);
        Assert.Equal(SpeakerRoles.Official, s.SpeakerRole);
    }
    [Fact]
    public void a_name_made_of_two_towns_is_a_person()
    {
        var s = Find("Senator Rosario Medina of the opposition said the deal left Uruguay exposed.", "Medina");
        Assert.Equal("Rosario Medina", s.Speaker);
        Assert.DoesNotContain(s.Targets, t => t is "ARG" or "SAU");
    }

    [Fact]
    public void congress_alone_is_the_us_congress_only_in_an_article_about_the_us()
    {
        var s = Find("Paraguay's opposition demanded that the text of the deal with Brazil be sent to Congress.", "Congress");
        Assert.DoesNotContain("USA", s.Targets);
        var us = Find("Venezuela's foreign minister said the White House had not even asked Congress.", "Congress");
        Assert.Equal(["USA"], us.Targets);
        Assert.Equal(["ESP"], Find("Cuba's foreign minister said the deal with Spain must go to Congress.", "Spain").Targets);
    }
    [Fact]
    public void a_titled_person_in_a_sentence_attributed_to_a_state_is_the_next_he()
    {
        var all = All("According to Hanoi, several buyers have applied, and government spokesperson Nguyen Van Binh did not rule out a sale to China. "
                      + "\"We will sell to anyone who respects us,\" he said.");
        var s = all.Single(x => x.Text.Contains("respects"));
        Assert.Equal("Nguyen Van Binh", s.Speaker);
        Assert.Equal("VNM", s.SpeakerCountry);
    }
    [Fact]
    public void a_country_used_as_a_yardstick_of_size_is_not_a_target()
    {
        var s = Find("Fiji said Tonga, whose waters cover an area the size of France, had ignored the fishing rules.", "fishing rules");
        Assert.Equal(["TON"], s.Targets);
        var t = Find("Fiji said the size of Tonga's fleet had doubled.", "fleet");
        Assert.Equal(["TON"], t.Targets);
    }

    [Fact]
    public void an_island_is_not_iceland()
    {
        var s = Find("Vietnam said Chinese ships had rammed the boat near Pattle Island.", "rammed");
        Assert.Equal(["CHN"], s.Targets);
    }
    [Fact]
    public void the_host_of_an_embassy_in_the_speakers_phrase_is_a_place_not_a_target()
    {
        var s = Find("Chile's embassy in Lima said in a statement that Bolivia had closed the border road.", "border road");
        Assert.Equal("CHL", s.SpeakerCountry);
        Assert.Equal(["BOL"], s.Targets);
    }
    [Fact]
    public void the_country_hosting_a_meeting_is_a_venue_not_a_target()
    {
        var s = Find("Chile said at a summit in Ecuador that Bolivia had closed the border road.", "border road");
        Assert.Equal(["BOL"], s.Targets);
        var t = Find("Chile said Bolivia and Ecuador had closed the border road.", "border road");
        Assert.Equal(["BOL", "ECU"], t.Targets.Order());
    }
}
