using TensionTracker.Text.Extraction;

namespace TensionTracker.Text.Tests.Extraction;

/// <summary>Acts of state with a state as their subject ("Kenya expelled the envoy"), attributed to that state as the
/// development set's convention has it, and the subjects those verbs and their second predicates find.</summary>
[Collection(SeedsCollection.Name)]
public class StateActTests(SeedsFixture f)
{
    IReadOnlyList<ExtractedStatement> All(string body) => f.Extractor.Extract("Note", body, SeedsFixture.Sept2025);

    ExtractedStatement Find(string body, string contains) => All(body).Single(s => s.Text.Contains(contains));

    [Theory]
    [InlineData("Kenya on Monday expelled Uganda's deputy ambassador over the seizure of a fishing island.")]
    [InlineData("Kenya closed its two crossings with Uganda after the smuggling arrests.")]
    [InlineData("Kenya last month suspended a power export deal with Uganda.")]
    [InlineData("Kenya earlier this year lodged a formal protest with Uganda over the island.")]
    [InlineData("Nairobi on Friday sent a strongly worded protest note to Uganda.")]
    [InlineData("Kenya has made repeated complaints to Uganda about the patrol boats.")]
    [InlineData("Nairobi played down the incident with Uganda.")]
    public void an_act_of_state_speaks_for_its_subject(string sentence)
    {
        var s = All(sentence).Single();
        Assert.Equal("KEN", s.SpeakerCountry);
        Assert.Equal(["UGA"], s.Targets);
    }

    [Fact]
    public void two_states_acting_together_act_each_toward_the_other()
    {
        var all = All("Kenya and Uganda reopened their consulates in each other's border towns on Sunday.");
        Assert.Equal(["KEN->UGA", "UGA->KEN"], all.Select(s => $"{s.SpeakerCountry}->{string.Join(',', s.Targets)}").Order());
    }

    [Theory]
    [InlineData("The ferry crossing between Kenya and Uganda closed for repairs on Monday.")]
    [InlineData("Kenyan traders closed their stalls on the Ugandan side of the market.")]
    [InlineData("The embassy of Kenya was closed by Ugandan police on Monday.")]
    public void an_act_whose_subject_is_not_a_state_is_narration(string sentence)
    {
        var s = All(sentence).SingleOrDefault();
        Assert.True(s is null || s.SpeakerCountry is null);
    }

    [Fact]
    public void an_act_in_the_dateline_sentence_and_its_second_predicate_take_the_subject_after_the_dateline()
    {
        var s = Find("KAMPALA (Lake Wire) — Uganda on Tuesday closed the Busia crossing for a week and accused Nairobi of shielding smugglers.", "Busia");
        Assert.Equal("UGA", s.SpeakerCountry);
        Assert.Equal(["KEN"], s.Targets);
    }

    [Fact]
    public void but_said_takes_the_sentence_subject_too()
    {
        const string body = "Kenya and Uganda traded charges over the island. President Amara Doe of Uganda, opening a school in Jinja, did not name Kenya but said that \"whoever covets our lake will fail.\"";
        Assert.Equal("UGA", Find(body, "covets").SpeakerCountry);
    }

    [Fact]
    public void a_pronoun_before_the_verb_is_the_whole_subject()
    {
        const string body = "Colonel Paul Odongo, Uganda's army spokesman, did not answer calls on Friday. But at a rally in Jinja on Sunday he said that \"the thieves across the lake will pay.\"";
        var s = Find(body, "thieves");
        Assert.Equal("UGA", s.SpeakerCountry);
        Assert.Equal("Paul Odongo", s.Speaker);
    }

    [Fact]
    public void it_in_a_second_clause_is_the_state_that_opens_the_sentence()
    {
        const string body = "Kenya and Uganda traded charges over the island.\n\nUganda, with Rwanda and Burundi, has left the lake fisheries council, and it has repeatedly accused Kenya of overfishing.";
        var s = Find(body, "overfishing");
        Assert.Equal("UGA", s.SpeakerCountry);
        Assert.Contains("KEN", s.Targets);
    }

    [Fact]
    public void a_speaker_who_said_it_wins_over_the_agency_that_reported_it()
    {
        const string body = "Kenya closed the crossing. President Amara Doe of Uganda visited Jinja on Monday.\n\n\"They fear our fishermen,\" she said, according to the state broadcaster in Nairobi.";
        var s = Find(body, "fear our fishermen");
        Assert.Equal("UGA", s.SpeakerCountry);
    }
}
