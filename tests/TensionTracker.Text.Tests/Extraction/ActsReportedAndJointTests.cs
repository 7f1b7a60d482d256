using TensionTracker.Text.Extraction;

namespace TensionTracker.Text.Tests.Extraction;

/// <summary>extractor-9: who acted, not who reported it; leaders as one subject; rulers by title; the acts' wider verbs; the
/// place an act happens in. Invented sentences.</summary>
[Collection(SeedsCollection.Name)]
public class ActsReportedAndJointTests(SeedsFixture f)
{
    IReadOnlyList<ExtractedStatement> All(string body, string date = "2024-05-01") =>
        f.Extractor.Extract("", body, DateTimeOffset.Parse(date + "T12:00:00Z")).Where(s => s.SpeakerCountry is not null).ToList();

    static string[] Pairs(IEnumerable<ExtractedStatement> all) =>
        [.. all.SelectMany(s => s.Targets.Select(t => $"{s.SpeakerCountry}->{t}")).Order()];

    [Theory]
    [InlineData("Ghanaian troops shelled two villages inside Togo on Sunday, Togo's defence ministry said.", "GHA", "TGO")]
    [InlineData("Norway has moved two frigates toward Icelandic waters, officials in Reykjavik said on Monday.", "NOR", "ISL")]
    [InlineData("Chilean warplanes struck positions near the Peruvian border, witnesses said.", "CHL", "PER")]
    [InlineData("Kenya has deployed more police into southern Somalia, according to aid workers.", "KEN", "SOM")]
    public void a_report_after_the_act_names_who_reported_not_who_acted(string sentence, string actor, string target)
    {
        var s = Assert.Single(All(sentence));
        Assert.Equal(actor, s.SpeakerCountry);
        Assert.Contains(target, s.Targets);
        Assert.True(s.Narrated);
    }

    [Fact]
    public void the_reporter_speaks_when_the_act_is_its_own_state_s_or_quoted()
    {
        var own = Assert.Single(All("Chilean troops moved toward the Peruvian border, Chile's defence ministry said."));
        Assert.Equal("CHL", own.SpeakerCountry);
        var quoted = Assert.Single(All("\"Chilean troops shelled our posts,\" Peru's defence ministry said."));
        Assert.Equal("PER", quoted.SpeakerCountry);
        // what the reporter said came after the verb of saying: the reporter's claim, as before
        var claim = Assert.Single(All("Peru's defence ministry said Chilean troops had shelled its posts."));
        Assert.Equal("PER", claim.SpeakerCountry);
    }

    [Fact]
    public void a_plural_noun_is_not_an_act_verb()
    {
        // "military targets" is a noun phrase: the president reported the act, his own state's, so he stays its speaker
        var s = Assert.Single(All("Chilean jets struck Bolivian military targets on Sunday, President Gabriel Boric said."));
        Assert.Equal("CHL", s.SpeakerCountry);
        Assert.Contains("BOL", s.Targets);
    }

    [Theory]
    [InlineData("Putin and Xi Jinping signed a pact on energy on Tuesday.", "CHN->RUS", "RUS->CHN")]
    [InlineData("Israeli Prime Minister Benjamin Netanyahu and Egyptian President Abdel Fattah al-Sisi met in Sharm el-Sheikh.", "EGY->ISR", "ISR->EGY")]
    [InlineData("OSLO - Putin and Xi Jinping signed a pact on energy on Tuesday.", "CHN->RUS", "RUS->CHN")]
    public void two_leaders_as_one_subject_act_each_toward_the_other(string sentence, string one, string other)
    {
        Assert.Equal([one, other], Pairs(All(sentence, "2019-06-05")));
    }

    [Theory]
    [InlineData("Emperor Naruhito arrived in Seoul on Friday, the first visit to the South by a Japanese monarch.", "JPN", "KOR")]
    [InlineData("Pope Leo arrived in Cameroon on Sunday for a three-day visit.", "VAT", "CMR")]
    [InlineData("King Abdullah of Jordan visited Iraq on Monday.", "JOR", "IRQ")]
    public void a_ruler_no_list_holds_is_placed_by_title_and_the_sentence_s_state_words(string sentence, string actor, string target)
    {
        var s = Assert.Single(All(sentence, "2025-11-30"));
        Assert.Equal(actor, s.SpeakerCountry);
        Assert.Contains(target, s.Targets);
    }

    [Fact]
    public void a_titled_name_with_no_state_word_is_nobody()
    {
        Assert.Empty(All("Emperor Tenno arrived in the capital on Friday for talks."));
    }

    [Theory]
    [InlineData("Ghana filed a case against Togo at the International Court of Justice on Monday.", "GHA", "TGO")]
    [InlineData("Ghana broke off diplomatic relations with Togo on Sunday.", "GHA", "TGO")]
    [InlineData("Norway tore up its fisheries pact with Iceland on Thursday.", "NOR", "ISL")]
    [InlineData("Chile formally handed over the border post to Peru on Monday.", "CHL", "PER")]
    [InlineData("Norway halted gas deliveries to Denmark on Monday.", "NOR", "DNK")]
    [InlineData("Ghana test-fired a rocket on Saturday amid a standoff with Togo.", "GHA", "TGO")]
    [InlineData("Chile apologised to Peru on Friday for the border incident.", "CHL", "PER")]
    [InlineData("Ghana gave the Togolese ambassador 48 hours to leave.", "GHA", "TGO")]
    [InlineData("Kenya severed ties with Uganda on Tuesday.", "KEN", "UGA")]
    [InlineData("Chile slapped tariffs on Peruvian copper on Wednesday.", "CHL", "PER")]
    [InlineData("Chilean troops opened fire on Peruvian positions overnight.", "CHL", "PER")]
    [InlineData("Kenya began pulling its soldiers out of Somalia on Sunday.", "KEN", "SOM")]
    [InlineData("Kenya completed the withdrawal of its troops from Somalia on Sunday.", "KEN", "SOM")]
    public void the_acts_verb_lists_lacked(string sentence, string actor, string target)
    {
        var s = Assert.Single(All(sentence));
        Assert.Equal(actor, s.SpeakerCountry);
        Assert.Contains(target, s.Targets);
    }

    [Theory]
    [InlineData("The last Kenyan troops left Somalia on Wednesday.", "KEN", "SOM")]
    [InlineData("Ghanaian peacekeepers arrived in Lome on Monday.", "GHA", "TGO")]
    [InlineData("A Chilean military plane landed in Lima with relief supplies.", "CHL", "PER")]
    [InlineData("U.S. jets fired missiles at Syria early on Friday.", "USA", "SYR")]
    public void forces_acting_in_a_place_act_toward_its_state(string sentence, string actor, string target)
    {
        var s = Assert.Single(All(sentence));
        Assert.Equal(actor, s.SpeakerCountry);
        Assert.Contains(target, s.Targets);
    }

    [Fact]
    public void the_venue_of_a_meeting_is_not_its_target()
    {
        Assert.Equal(["CHL->PER", "PER->CHL"], Pairs(All("Chile and Peru signed a border accord in Quito on Friday.")));
    }

    [Fact]
    public void a_neutral_sentence_gives_no_act()
    {
        Assert.Empty(All("Ghanaian farmers left for the market in Togo's border town as prices rose."));
        Assert.Empty(All("Talks between Ghana and Togo ended without a date for the next round."));
    }
}
