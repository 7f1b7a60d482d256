using TensionTracker.Text.Extraction;

namespace TensionTracker.Text.Tests.Extraction;

/// <summary>Who acts in a narrated act: two states as one subject (a statement each way), forces and weapons, passive agents,
/// never a state inside a prepositional phrase; and the acts' common wire verbs.</summary>
[Collection(SeedsCollection.Name)]
public class ActorsOfActsTests(SeedsFixture f)
{
    List<ExtractedStatement> All(string body, string date = "2024-05-01") => [.. f.Extractor.Extract("", body, DateTimeOffset.Parse(date + "T12:00:00Z"))];

    [Theory]
    [InlineData("Argentina and Britain agreed to restore diplomatic relations.", "ARG", "GBR")]
    [InlineData("Ecuador and Peru signed a ceasefire on Friday.", "ECU", "PER")]
    [InlineData("Rabin and Arafat signed the interim agreement in Washington.", "ISR", "PSE", "1995-09-28")]
    [InlineData("Laos and Thailand met in Bangkok to discuss the river border.", "LAO", "THA")]
    public void two_states_as_one_subject_give_a_statement_each_way(string sentence, string a, string b, string date = "2024-05-01")
    {
        var all = All(sentence, date);
        Assert.Equal(2, all.Count);
        Assert.Contains(all, s => s.SpeakerCountry == a && s.Targets.SequenceEqual([b]) && s.Narrated);
        Assert.Contains(all, s => s.SpeakerCountry == b && s.Targets.SequenceEqual([a]) && s.Narrated);
    }

    [Fact]
    public void a_state_with_a_movement_that_governs_nothing_is_no_joint_act()
    {
        Assert.All(All("Kenya and the rebels agreed to a truce near the border with Somalia."), s => Assert.Null(s.SpeakerCountry));
    }

    [Fact]
    public void states_after_a_preposition_are_not_the_subject()
    {
        Assert.All(All("The main bridge between Laos and Thailand reopened to lorries on Monday."), s => Assert.Null(s.SpeakerCountry));
    }

    [Theory]
    [InlineData("Iraqi troops and tanks crossed into Kuwait before dawn.", "IRQ", "KWT")]
    [InlineData("Kuwait was invaded by Iraqi troops before dawn.", "IRQ", "KWT")]
    [InlineData("Albanian diplomats were expelled by Greece.", "GRC", "ALB")]
    [InlineData("Turkish jets struck Kurdish positions in northern Iraq.", "TUR", "IRQ")]
    [InlineData("Russian missiles hit Kyiv overnight.", "RUS", "UKR")]
    [InlineData("Israeli helicopter gunships fired on a convoy in Lebanon.", "ISR", "LBN")]
    [InlineData("Peruvian helicopters attacked Ecuadorean border posts.", "PER", "ECU")]
    [InlineData("American B-52 bombers hit targets across Yugoslavia.", "USA", "SRB")]
    public void forces_weapons_and_agents_act_for_their_state(string sentence, string actor, string target)
    {
        var s = Assert.Single(All(sentence));
        Assert.Equal(actor, s.SpeakerCountry);
        Assert.Contains(target, s.Targets);
        Assert.True(s.Narrated);
    }

    [Theory]
    [InlineData("Ghana praised Togo for its handling of the election.", "GHA", "TGO")]
    [InlineData("Norway criticised Iceland over the whaling quota.", "NOR", "ISL")]
    [InlineData("Mali appealed to Algeria for help against the insurgents.", "MLI", "DZA")]
    [InlineData("Bolivia called on Chile to negotiate access to the sea.", "BOL", "CHL")]
    [InlineData("Sweden rebuffed Finland's proposal for a joint patrol.", "SWE", "FIN")]
    [InlineData("Syria pulled back its troops from Lebanon's coast.", "SYR", "LBN")]
    [InlineData("Eritrea put its army on alert along the border with Ethiopia.", "ERI", "ETH")]
    [InlineData("Japan airlifted tents and blankets to Nepal.", "JPN", "NPL")]
    [InlineData("India held talks with Bangladesh on the river waters.", "IND", "BGD")]
    [InlineData("Ecuador declared a unilateral ceasefire with Peru.", "ECU", "PER")]
    [InlineData("Uganda amassed troops along the border with Rwanda.", "UGA", "RWA")]
    [InlineData("Canada congratulated Mexico on the election.", "CAN", "MEX")]
    public void the_acts_in_their_wire_forms(string sentence, string actor, string target)
    {
        var s = Assert.Single(All(sentence));
        Assert.Equal(actor, s.SpeakerCountry);
        Assert.Contains(target, s.Targets);
    }
}
