using TensionTracker.Text.Extraction;

namespace TensionTracker.Text.Tests.Extraction;

/// <summary>extractor-10: accords and talks between two states as a subject, officials of two states, lists of states and
/// a state with its allies, parliaments' votes and resolutions, visits begun. Invented sentences.</summary>
[Collection(SeedsCollection.Name)]
public class ActsJointAndCollectiveTests(SeedsFixture f)
{
    IReadOnlyList<ExtractedStatement> All(string body, string date = "2024-05-01") =>
        f.Extractor.Extract("", body, DateTimeOffset.Parse(date + "T12:00:00Z")).Where(s => s.SpeakerCountry is not null).ToList();

    static string[] Pairs(IEnumerable<ExtractedStatement> all) =>
        [.. all.SelectMany(s => s.Targets.Select(t => $"{s.SpeakerCountry}->{t}")).Order()];

    [Theory]
    [InlineData("A truce between Ethiopia and Eritrea took effect on Monday after weeks of fighting.", "ERI->ETH", "ETH->ERI")]
    [InlineData("A new ceasefire between Peru and Ecuador was agreed in Brasilia on Friday.", "ECU->PER", "PER->ECU")]
    [InlineData("A peace deal between Peru and Ecuador was signed in Brasilia on Friday.", "ECU->PER", "PER->ECU")]
    public void an_accord_between_two_states_as_the_subject_is_an_act_of_each(string sentence, string one, string other)
    {
        var all = All(sentence);
        Assert.Equal([one, other], Pairs(all));
        Assert.All(all, s => Assert.True(s.Narrated));
    }

    [Theory]
    [InlineData("Tensions between Peru and Ecuador rose on Friday.")]
    [InlineData("Talks between Peru and Ecuador resumed in Brasilia on Friday.")]
    [InlineData("The truce held on Friday, a week after Peru and Ecuador signed it.")]
    public void tension_talks_or_an_accord_not_between_two_named_states_is_no_act(string sentence)
    {
        Assert.DoesNotContain(All(sentence), s => s.Narrated);
    }

    [Theory]
    [InlineData("The foreign ministers of Argentina and Chile met in Santiago on Monday.", "ARG->CHL", "CHL->ARG")]
    [InlineData("The leaders of Argentina and Chile signed a border treaty on Monday.", "ARG->CHL", "CHL->ARG")]
    [InlineData("Argentina and Chile negotiators met in Geneva on Monday.", "ARG->CHL", "CHL->ARG")]
    [InlineData("Argentina and Chile exchanged prisoners on Monday.", "ARG->CHL", "CHL->ARG")]
    public void officials_of_two_states_meeting_or_signing_act_each_toward_the_other(string sentence, string one, string other)
    {
        Assert.Equal([one, other], Pairs(All(sentence, "1998-05-04")));
    }

    [Theory]
    [InlineData("Kenya, Uganda and Tanzania recalled their ambassadors from Sudan on Monday.", "KEN", "SDN")]
    [InlineData("Kenya, Uganda and Tanzania imposed sanctions on Sudan on Monday.", "KEN", "SDN")]
    [InlineData("Egypt and its allies bombed Libya on Monday.", "EGY", "LBY")]
    [InlineData("Egypt and its Gulf allies demanded that Libya close its embassy.", "EGY", "LBY")]
    public void a_list_of_states_or_a_state_and_its_allies_acts_as_the_first_state(string sentence, string actor, string target)
    {
        var s = Assert.Single(All(sentence, "1998-05-04"));
        Assert.Equal(actor, s.SpeakerCountry);
        Assert.Contains(target, s.Targets);
        Assert.True(s.Narrated);
    }

    [Theory]
    [InlineData("Poland's parliament voted on Monday to ban imports from Russia.", "POL", "RUS")]
    [InlineData("The Polish parliament passed a resolution calling on Russia to withdraw its troops.", "POL", "RUS")]
    [InlineData("Poland's cabinet approved sanctions against Russia on Monday.", "POL", "RUS")]
    [InlineData("Norway adopted the European Union's sanctions against Belarus on Monday.", "NOR", "BLR")]
    public void a_parliament_or_cabinet_deciding_is_its_state_acting(string sentence, string actor, string target)
    {
        var s = Assert.Single(All(sentence));
        Assert.Equal(actor, s.SpeakerCountry);
        Assert.Contains(target, s.Targets);
    }

    [Fact]
    public void a_visit_begun_is_a_visit()
    {
        var s = Assert.Single(All("President Bill Clinton began a state visit to Japan on Monday.", "2000-05-04"));
        Assert.Equal("USA", s.SpeakerCountry);
        Assert.Contains("JPN", s.Targets);
    }

    [Theory]
    [InlineData("Kenya opened its border to refugees on Monday and sent troops into Somalia.", "KEN", "SOM")]
    [InlineData("Chad closed its embassy on Friday and expelled Sudan's ambassador.", "TCD", "SDN")]
    public void a_second_verb_after_and_shares_the_clause_s_subject(string sentence, string actor, string target)
    {
        var s = Assert.Single(All(sentence, "2000-05-04"));
        Assert.Equal(actor, s.SpeakerCountry);
        Assert.Contains(target, s.Targets);
    }

    [Fact]
    public void three_states_signing_together_act_toward_none_of_them()
    {
        Assert.DoesNotContain(All("Chad, Niger and Mali signed a declaration on border security on Friday.", "2000-05-04"), s => s.Narrated);
    }
}
