using TensionTracker.Text.Extraction;

namespace TensionTracker.Text.Tests.Extraction;

/// <summary>A demonym several territories share ("French", "British", "American") means the sovereign state.</summary>
[Collection(SeedsCollection.Name)]
public class SharedDemonymTests(SeedsFixture f)
{
    [Theory]
    [InlineData("The French defence minister said Germany was a vital partner.", "FRA", "DEU")]
    [InlineData("The British foreign secretary said Argentina had provoked the dispute.", "GBR", "ARG")]
    [InlineData("The American ambassador said China had broken its promises.", "USA", "CHN")]
    [InlineData("The Danish prime minister said Norway was a trusted friend.", "DNK", "NOR")]
    public void a_shared_demonym_resolves_to_the_sovereign_state(string sentence, string speaker, string target)
    {
        var s = f.Extractor.Extract("Note", sentence, SeedsFixture.Sept2025).Single();
        Assert.Equal(speaker, s.SpeakerCountry);
        Assert.Contains(target, s.Targets);
        Assert.DoesNotContain(s.Targets, t => t is "ATF" or "IOT" or "UMI" or "FRO" or "GRL");
    }
}
