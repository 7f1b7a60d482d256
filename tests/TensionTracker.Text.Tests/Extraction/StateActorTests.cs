using TensionTracker.Text.Extraction;

namespace TensionTracker.Text.Tests.Extraction;

/// <summary>Who speaks for a state: movements governing de facto, institutions referred back to, leaders named once with
/// their office.</summary>
[Collection(SeedsCollection.Name)]
public class StateActorTests(SeedsFixture f)
{
    static readonly DateTimeOffset Oct2024 = new(2024, 10, 2, 9, 0, 0, TimeSpan.Zero);

    IReadOnlyList<ExtractedStatement> All(string body, DateTimeOffset? at = null) => f.Extractor.Extract("Note", body, at ?? SeedsFixture.Sept2025);

    ExtractedStatement Find(string body, string contains, DateTimeOffset? at = null) => All(body, at).Single(s => s.Text.Contains(contains));

    [Theory]
    [InlineData("A Taliban spokesman, Qari Ahmadzai, said Iran had cut the water of the Helmand river.")]
    [InlineData("The Taliban government said Iran had cut the water of the Helmand river.")]
    [InlineData("Taliban authorities in Kandahar said Iran had cut the water of the Helmand river.")]
    [InlineData("The Islamic Emirate said Iran had cut the water of the Helmand river.")]
    public void a_movement_governing_a_state_speaks_for_it(string sentence)
    {
        var s = Find(sentence, "Helmand", Oct2024);
        Assert.Equal("AFG", s.SpeakerCountry);
        Assert.Equal(["IRN"], s.Targets);
    }

    [Fact]
    public void before_its_term_the_movement_is_a_non_state_group()
    {
        var s = Find("The Taliban said Iran had cut the water of the Helmand river.", "Helmand", new DateTimeOffset(2010, 5, 1, 0, 0, 0, TimeSpan.Zero));
        Assert.Null(s.SpeakerCountry);
        Assert.Equal(SpeakerRoles.Organisation, s.SpeakerRole);
    }

    [Fact]
    public void a_group_sharing_the_name_but_not_the_state_is_not_the_government()
    {
        var s = Find("The Pakistani Taliban said Iran had cut the water of the Helmand river.", "Helmand", Oct2024);
        Assert.Null(s.SpeakerCountry);
    }

    [Fact]
    public void the_governing_movement_is_the_speakers_own_side_not_a_target()
    {
        var s = Find("Tajikistan's foreign ministry said Taliban forces had fired across the Panj river.", "Panj", Oct2024);
        Assert.Equal("TJK", s.SpeakerCountry);
        Assert.Equal(["AFG"], s.Targets);
        var t = Find("A Taliban official, Hamidullah Zaki, said the Taliban government would not accept Tajik conditions.", "conditions", Oct2024);
        Assert.Equal("AFG", t.SpeakerCountry);
        Assert.Equal(["TJK"], t.Targets);
    }

    [Fact]
    public void the_ministry_is_the_one_last_named_with_its_state_even_in_the_other_sides_dateline()
    {
        const string body = "LUSAKA \u2014 Zambia accused Malawi on Monday of holding up maize lorries at the Mchinji crossing.\n\n" +
                            "Malawi's trade ministry, which moved its customs staff to the border last month, said the lorries lacked permits. " +
                            "In a statement, the ministry said they would be released once the papers were in order.";
        var s = Find(body, "In a statement");
        Assert.Equal("MWI", s.SpeakerCountry);
        Assert.Equal(["ZMB"], s.Targets);
    }

    [Fact]
    public void a_leaders_office_speaks_as_an_official_and_the_office_refers_back_to_it()
    {
        const string body = "DODOMA \u2014 Tanzania and Rwanda agreed to reopen the lake ferry.\n\n" +
                            "President Paul Kagame's office said he had called his Tanzanian counterpart. " +
                            "A delegation will travel to Dodoma next week, the office said.";
        var first = Find(body, "had called");
        Assert.Equal("RWA", first.SpeakerCountry);
        Assert.Equal(SpeakerRoles.Official, first.SpeakerRole);
        Assert.Equal("RWA", Find(body, "the office said").SpeakerCountry);
    }

    [Fact]
    public void a_leader_titled_once_without_a_state_keeps_the_states_country_when_named_again()
    {
        const string body = "ASUNCION \u2014 Paraguay and Bolivia traded charges over the Pilcomayo river.\n\n" +
                            "President Rodrigo Esquivel, who won the election in April, visited the flooded towns on Sunday. " +
                            "\"Our farmers are paying for Bolivia's dams,\" Esquivel said.";
        var s = Find(body, "Our farmers");
        Assert.Equal("PRY", s.SpeakerCountry);
        Assert.Equal(["BOL"], s.Targets);
    }

    [Theory]
    [InlineData("The mine's owner, a unit of Russia National Uranium Corporation, said Mali had seized the stock.")]
    [InlineData("Kenya Lake Shipping Ltd said Mali had seized the stock.")]
    public void a_company_is_not_its_state_even_when_named_after_it(string sentence)
    {
        var s = Find(sentence, "seized");
        Assert.Null(s.SpeakerCountry);
        Assert.Equal(SpeakerRoles.Organisation, s.SpeakerRole);
    }

    [Fact]
    public void a_statement_by_an_author_carried_by_someone_else_is_the_authors()
    {
        const string body = "BAKU \u2014 Azerbaijan and Armenia traded fire near the border on Monday.\n\n" +
                            "Armenia's public broadcaster carried a statement by the country's defence ministry blaming Azerbaijani units for the shelling.";
        var s = Find(body, "blaming");
        Assert.Equal("ARM", s.SpeakerCountry);
        Assert.Equal(["AZE"], s.Targets);
    }

    [Fact]
    public void a_ministry_with_a_name_of_its_own_is_not_the_ministry_named_before()
    {
        const string body = "SEOUL \u2014 South Korea and Japan held talks on Monday.\n\n" +
                            "Japan's foreign ministry said the talks had been useful. " +
                            "The Reunification Ministry said Seoul hoped for more meetings with Tokyo.";
        Assert.Equal("KOR", Find(body, "more meetings").SpeakerCountry);
    }
    [Theory]
    [InlineData("Peru's Border Surveillance Force said Bolivian smugglers had fired first.", "PER")]
    [InlineData("The Bolivian National Customs Service said Peru had closed the crossing.", "BOL")]
    [InlineData("Peru's state broadcaster TVP reported that Bolivian smugglers had fired first.", "PER")]
    public void a_body_named_after_its_states_possessive_or_demonym_speaks_for_that_state(string sentence, string country)
    {
        const string other = "LA PAZ \u2014 Bolivia protested to Peru on Monday about the shooting at the border.\n\n";
        var s = Find(other + sentence, sentence[..20]);
        Assert.Equal(country, s.SpeakerCountry);
        Assert.DoesNotContain(country, s.Targets);
    }

    [Fact]
    public void a_fronted_capital_places_an_official_named_without_a_state()
    {
        const string body = "LA PAZ \u2014 Bolivia protested to Peru on Monday about the shooting at the border.\n\n" +
                            "In Lima, a spokeswoman for the Ministry of Foreign Relations, Ana Quispe Torres, said Bolivia had ignored the smuggling. " +
                            "In Lima, Rosa Huamán Cruz, an opposition member of Congress, wrote that the government was weak.";
        Assert.Equal("PER", Find(body, "ignored the smuggling").SpeakerCountry);
        Assert.Equal("PER", Find(body, "government was weak").SpeakerCountry);
    }
    [Fact]
    public void a_body_that_spoke_for_its_state_is_known_by_its_initials()
    {
        const string body = "LA PAZ \u2014 Bolivia protested to Peru on Monday about the shooting at the border.\n\n" +
                            "Peru's Border Surveillance Force said Bolivian smugglers had fired first. Bolivia's foreign ministry said Peru had lied.\n\n" +
                            "\"We were attacked,\" a BSF officer in Puno said.";
        var s = Find(body, "We were attacked");
        Assert.Equal("PER", s.SpeakerCountry);
        Assert.Equal(["BOL"], s.Targets);
    }
    [Fact]
    public void a_spokesman_for_the_administration_speaks_for_the_state_that_owns_it()
    {
        const string body = "DUSHANBE \u2014 Tajikistan on Monday urged Kyrgyzstan's new administration to reopen the Isfara crossing.\n\n" +
                            "A deputy spokesman for the administration, Nurlan Abdyrov, wrote that Tajikistan had closed the road first.";
        var s = Find(body, "closed the road");
        Assert.Equal("KGZ", s.SpeakerCountry);
        Assert.Equal(["TJK"], s.Targets);
    }
    [Fact]
    public void initials_skip_function_words()
    {
        const string body = "LA PAZ \u2014 Bolivia protested to Peru on Monday about the shooting at the border.\n\n" +
                            "Peru's Ministry of Foreign Relations said Bolivian smugglers had fired first. Bolivia's foreign ministry said Peru had lied.\n\n" +
                            "\"We were attacked,\" an MFR spokesman said.";
        Assert.Equal("PER", Find(body, "We were attacked").SpeakerCountry);
    }
}
