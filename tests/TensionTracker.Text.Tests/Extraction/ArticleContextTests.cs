using TensionTracker.Text.Extraction;

namespace TensionTracker.Text.Tests.Extraction;

/// <summary>Speakers placed by their own phrase or by the article when the phrase does not place them: bodies named
/// after or owned by a state, full ministry names, groups no list knows, and officials who accuse the dateline's country.</summary>
[Collection(SeedsCollection.Name)]
public class ArticleContextTests(SeedsFixture f)
{
    IReadOnlyList<ExtractedStatement> All(string body, string title = "Note") => f.Extractor.Analyse(title, body, SeedsFixture.Sept2025, includeUncounted: true).Statements;

    ExtractedStatement Find(string body, string contains) => All(body).Single(s => s.Text.Contains(contains));

    [Fact]
    public void an_unplaced_official_who_accuses_the_datelines_country_is_the_other_side()
    {
        const string body = "NAIROBI (Lake Wire) — Kenya protested to Uganda over the island.\n\nTrade Minister Okello Mbabazi-Ruhanga accused Kenya of \"stealing our fish.\"";
        var s = Find(body, "stealing");
        Assert.Equal("UGA", s.SpeakerCountry);
        Assert.Equal(["KEN"], s.Targets);
    }

    [Fact]
    public void an_unplaced_official_who_urges_the_datelines_capital_stays_there()
    {
        const string body = "NAIROBI (Lake Wire) — Uganda accused Kenya of overfishing.\n\nRegional Governor Amina Wekesa-Otieno urged Nairobi to send more patrol boats.";
        Assert.Equal("KEN", Find(body, "patrol boats").SpeakerCountry);
    }

    [Fact]
    public void a_body_named_after_its_state_speaks_for_it()
    {
        const string body = "KAMPALA (Lake Wire) — Uganda accused Kenya of shelling. The Evening Star of Kenya, a state newspaper, said in an editorial that Kampala was inventing the attack.";
        Assert.Equal("KEN", Find(body, "inventing").SpeakerCountry);
    }

    [Fact]
    public void a_states_possessive_before_a_lower_case_body_owns_it_past_a_which_clause()
    {
        const string body = "Kenya accused Uganda of cutting a cable. Uganda's state radio and television centre, which runs the cable with a Kenyan firm, said traffic had been rerouted.";
        Assert.Equal("UGA", Find(body, "rerouted").SpeakerCountry);
    }

    [Fact]
    public void a_ministry_by_its_full_name_is_a_states_even_with_a_bloc_in_it()
    {
        const string body = "KAMPALA (Lake Wire) — Uganda accused Kenya of seizing three boats.\n\nThe Ministry of Foreign and East African Community Affairs said it had handed a protest note to Kenya's envoy.";
        var s = Find(body, "protest note");
        Assert.Equal("UGA", s.SpeakerCountry);
        Assert.Equal(SpeakerRoles.Official, s.SpeakerRole);
    }

    [Theory]
    [InlineData("The Great Lakes Fishers Group said it would raise the seizures at its next meeting.")]
    [InlineData("The Lake Basin separatist movement accuses Uganda of abuses in its western districts.")]
    public void groups_and_movements_no_list_knows_are_no_states(string sentence)
    {
        var s = All("Kenya accused Uganda of seizing three boats.\n\n" + sentence).Single(x => x.Text == sentence);
        Assert.Null(s.SpeakerCountry);
        Assert.Equal(SpeakerRoles.Organisation, s.SpeakerRole);
    }

    [Fact]
    public void a_party_called_a_movement_is_still_its_countrys()
    {
        const string body = "Kenya accused Uganda of seizing three boats. \"We look weak,\" said Jane Achieng, a member of parliament from the Kenyan Democratic Movement.";
        Assert.Equal("KEN", Find(body, "look weak").SpeakerCountry);
    }

    [Fact]
    public void a_state_with_a_possessive_apposition_is_the_subject()
    {
        const string body = "Kenya accused Uganda of seizing three boats. Tanzania, Uganda's main trading partner under a pact signed in 2024, said it was aware of the reports.";
        Assert.Equal("TZA", Find(body, "aware").SpeakerCountry);
    }

    [Fact]
    public void a_finding_reported_last_year_is_the_panels_and_both_sides_rejecting_it_is_no_ones()
    {
        const string body = "Kenya accused Uganda of arming rebels.\n\nA UN panel of experts reported last year that it had found evidence of arms flights, a finding both Uganda and Rwanda rejected.";
        Assert.Null(Find(body, "panel").SpeakerCountry);
    }

    [Fact]
    public void a_capitalised_verb_inside_a_name_is_part_of_the_name()
    {
        const string body = "Kenya and Uganda traded charges.\n\nUganda, with Rwanda, has joined the Union of Lake States, and it has repeatedly accused Kenya of overfishing.";
        Assert.Equal("UGA", Find(body, "overfishing").SpeakerCountry);
    }

    [Fact]
    public void a_junta_speaks_for_its_state()
    {
        Assert.Equal("MLI", Find("Mali's junta said the drones had been fired by rebels, not by its army, near the Algerian border.", "drones").SpeakerCountry);
    }

    [Fact]
    public void a_pull_quote_label_is_not_a_speaker()
    {
        const string body = "\"Our lake is not for sale,\" Foreign Minister Okello Mbabazi of Uganda said.\n\nPULL QUOTE: \"Our lake is not for sale\" — Okello Mbabazi, foreign minister";
        Assert.All(All(body).Where(s => s.Text.Contains("not for sale")), s => Assert.Equal("UGA", s.SpeakerCountry));
    }

    [Fact]
    public void a_caption_with_two_states_stating_their_cases_is_two_statements()
    {
        const string body = "Kenya accused Uganda of cutting a cable.\n\nCaption: The ferry at Kisumu on Friday. Kenya says the ferry cut the cable; Kampala cites a storm.";
        var st = All(body);
        Assert.Equal("UGA", st.Single(s => s.Text.Contains("cites")).SpeakerCountry);
        Assert.Equal("KEN", st.Single(s => s.Text.Contains("Kenya says")).SpeakerCountry);
    }
}
