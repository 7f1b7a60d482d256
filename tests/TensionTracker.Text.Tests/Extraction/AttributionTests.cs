using TensionTracker.Text.Extraction;

namespace TensionTracker.Text.Tests.Extraction;

/// <summary>Each attribution form: who speaks, for which country, in which role, about whom.</summary>
[Collection(SeedsCollection.Name)]
public class AttributionTests(SeedsFixture f)
{
    IReadOnlyList<ExtractedStatement> All(string body, string title = "Note") => f.Extractor.Extract(title, body, SeedsFixture.Sept2025);

    ExtractedStatement Find(string body, string contains) => All(body).Single(s => s.Text.Contains(contains));

    static void Is(ExtractedStatement s, string? speakerCountry, string role, params string[] targets)
    {
        Assert.Equal(speakerCountry, s.SpeakerCountry);
        Assert.Equal(role, s.SpeakerRole);
        Assert.Equal(targets.Order(), s.Targets.Order());
    }

    [Fact]
    public void x_said()
    {
        var s = Find("Colombian President Gustavo Petro said the United States had violated international law.", "Petro");
        Is(s, "COL", SpeakerRoles.HeadOfState, "USA");
        Assert.Equal("Gustavo Petro", s.Speaker);
        Assert.True(s.Direct);
    }

    [Fact]
    public void said_x_after_a_quote()
    {
        Is(Find("\"Washington must respect our sovereignty,\" said Colombia's president, Gustavo Petro.", "sovereignty"),
            "COL", SpeakerRoles.HeadOfState, "USA");
    }

    [Fact]
    public void x_told_reporters()
    {
        Is(Find("\"The strike was lawful,\" State Department spokesperson Tammy Bruce told reporters about the operation off Colombia.", "lawful"),
            "USA", SpeakerRoles.Official, "COL");
    }

    [Fact]
    public void x_wrote_on_social_media()
    {
        Is(Find("Russian Foreign Minister Sergei Lavrov wrote on social media that Poland was provoking a crisis.", "Lavrov"),
            "RUS", SpeakerRoles.Minister, "POL");
        Is(Find("\"This is an act of aggression by Washington,\" Petro wrote on X.", "aggression"), "COL", SpeakerRoles.HeadOfState, "USA");
    }

    [Fact]
    public void according_to_x()
    {
        Is(Find("According to the Indian foreign ministry, Pakistan violated the ceasefire overnight.", "ceasefire"),
            "IND", SpeakerRoles.Official, "PAK");
    }

    [Fact]
    public void x_comma_the_foreign_minister_comma_said()
    {
        Is(Find("Ararat Mirzoyan, the Armenian foreign minister, said Azerbaijan had agreed to open the border.", "Mirzoyan"),
            "ARM", SpeakerRoles.Minister, "AZE");
    }

    [Fact]
    public void a_countrys_foreign_minister_comma_y_comma_said()
    {
        Is(Find("Colombia's foreign minister, Rosa Villavicencio, said the ambassador to the United States had been recalled.", "Villavicencio"),
            "COL", SpeakerRoles.Minister, "USA");
        // a name nobody curated, known only from the phrase around it
        Is(Find("Ruritania's neighbour Serbia's foreign minister, Ivana Novak, said Kosovo had broken the deal.", "Novak"),
            "SRB", SpeakerRoles.Minister, "XKX");
    }

    [Fact]
    public void a_pronoun_continues_the_last_named_speaker()
    {
        var body = "Pakistani Prime Minister Shehbaz Sharif met his cabinet on Monday. He said India would pay for any attack.";
        Is(Find(body, "He said"), "PAK", SpeakerRoles.HeadOfState, "IND");
    }

    [Fact]
    public void a_surname_continues_a_person_named_earlier()
    {
        var body = "Serbia's foreign minister Ivana Novak met diplomats in Belgrade.\n\n\"Kosovo is provoking us,\" Novak said.";
        Is(Find(body, "provoking"), "SRB", SpeakerRoles.Minister, "XKX");
    }

    [Fact]
    public void a_multi_sentence_quote_is_attributed_in_every_sentence()
    {
        var ss = All("\"We will respond. Japan has crossed a line,\" Chinese Foreign Minister Wang Yi said.");
        Assert.Equal(2, ss.Count);
        Assert.All(ss, s => Assert.Equal("CHN", s.SpeakerCountry));
        Assert.All(ss, s => Assert.Equal(["JPN"], s.Targets));
    }

    [Fact]
    public void organisations_speak_for_their_country()
    {
        Is(Find("The State Department posted a warning that Venezuela was unsafe for travel.", "posted"), "USA", SpeakerRoles.Official, "VEN");
        var body = "Colombia summoned the U.S. envoy on Monday.\n\nThe ministry said the strike violated its waters.";
        Is(Find(body, "The ministry"), "COL", SpeakerRoles.Official, "USA");
    }

    [Fact]
    public void the_ministry_did_not_respond_is_still_the_ministry()
    {
        Is(Find("Iran's foreign ministry did not respond to a request for comment about the Israeli strike.", "respond"),
            "IRN", SpeakerRoles.Official, "ISR");
    }

    [Theory]
    [InlineData("North Korea accused South Korea of sending drones over Pyongyang.", "PRK", "KOR")]
    [InlineData("Israeli Defence Minister Israel Katz warned that Iran would pay a heavy price.", "ISR", "IRN")]
    [InlineData("Kim Jong Un threatened to strike Seoul if the drills went ahead.", "PRK", "KOR")]
    [InlineData("Taiwan's Lai Ching-te urged Beijing to stop its military drills.", "TWN", "CHN")]
    public void paraphrase_verbs_attribute_to_their_subject(string body, string speaker, string target)
    {
        var s = Assert.Single(All(body));
        Assert.Equal(speaker, s.SpeakerCountry);
        Assert.Equal([target], s.Targets);
    }

    [Fact]
    public void analysts_and_think_tanks_are_speakers_without_a_state()
    {
        var s = Find("\"Both sides are escalating,\" said Ray Powell, a maritime security analyst at Stanford University, of China and the Philippines.", "escalating");
        Assert.Null(s.SpeakerCountry);
        Assert.Equal(SpeakerRoles.Analyst, s.SpeakerRole);
        var t = Find("The International Crisis Group said Ethiopia and Egypt were close to conflict.", "Crisis Group");
        Is(t, null, SpeakerRoles.Analyst, "EGY", "ETH");
    }

    [Fact]
    public void international_organisations_are_non_state()
    {
        Is(Find("NATO Secretary General Mark Rutte said Russia posed a long-term threat.", "Rutte"), null, SpeakerRoles.Organisation, "RUS");
    }

    [Fact]
    public void legislators_and_the_military_get_their_roles()
    {
        Is(Find("Sen. Tim Kaine, D-Va., said the strikes on Venezuela were illegal.", "Kaine"), "USA", SpeakerRoles.Legislator, "VEN");
        Is(Find("The People's Liberation Army said its drills around Taiwan were a warning.", "drills"), "CHN", SpeakerRoles.Military, "TWN");
    }

    [Fact]
    public void a_country_speaking_about_itself_counts_for_no_pair()
    {
        var s = Assert.Single(All("Colombian President Gustavo Petro said Colombia's economy grew by three percent."));
        Assert.Equal("COL", s.SpeakerCountry);
        Assert.Empty(s.Targets);
        Assert.False(s.Direct);
    }

    [Fact]
    public void without_a_named_target_the_counterpart_in_the_main_pair_is_the_target_but_not_direct()
    {
        var body = "Petro accused the United States of aggression on Monday, and Washington denied it.\n\n\"We will not kneel,\" Petro said.";
        var s = Find(body, "kneel");
        Assert.Equal(["USA"], s.Targets);
        Assert.False(s.Direct);
    }

    [Fact]
    public void narration_relating_two_countries_is_kept_unattributed_and_narration_about_one_is_dropped()
    {
        var ss = All("The talks between Armenia and Azerbaijan resumed in Abu Dhabi.\n\nThe weather in Armenia was cold.");
        var s = Assert.Single(ss);
        Assert.Null(s.Speaker);
        Assert.Null(s.SpeakerCountry);
        Assert.Equal(SpeakerRoles.Unattributed, s.SpeakerRole);
        Assert.Equal(["ARM", "AZE"], s.Targets); // "in Abu Dhabi" is where, not whom
    }

    [Fact]
    public void offsets_point_into_the_article_document_text()
    {
        var title = "Petro accuses U.S. of aggression";
        var body = "BOGOTA \u2014 Colombian President Gustavo Petro said Washington had attacked Colombian fishermen.";
        var text = ArticleDocument.Text(title, body);
        foreach (var s in f.Extractor.Extract(title, body, SeedsFixture.Sept2025))
            Assert.Equal(s.Text, text.Substring(s.Start, s.Length));
    }
    [Fact]
    public void a_pull_quote_signed_after_a_dash_is_the_signers()
    {
        const string body = "Norway protested to Sweden on Monday over the closed ferry route.\n\n" +
                            "\"Our harbours stay open to our Swedish friends\" \u2014 Ingrid Solvang, Norwegian foreign ministry spokeswoman\n\n" +
                            "Sweden said the route would reopen in spring.";
        var all = f.Extractor.Analyse("Note", body, SeedsFixture.Sept2025, includeUncounted: true).Statements;
        var s = all.First(x => x.Text.Contains("harbours stay open"));
        Assert.Equal("NOR", s.SpeakerCountry);
        Assert.Equal("Ingrid Solvang", s.Speaker);
    }
}
