using TensionTracker.Text.Extraction;

namespace TensionTracker.Text.Tests.Extraction;

/// <summary>Names that are not targets (where a speaker sits, where a ship is flagged, a document named after a capital)
/// and phrases that mean both sides of the article's pair.</summary>
[Collection(SeedsCollection.Name)]
public class TargetConventionTests(SeedsFixture f)
{
    IReadOnlyList<ExtractedStatement> All(string body) => f.Extractor.Extract("Note", body, SeedsFixture.Sept2025);

    ExtractedStatement Find(string body, string contains) => All(body).Single(s => s.Text.Contains(contains));

    [Fact]
    public void where_a_ship_is_flagged_or_a_firm_is_based_is_not_a_target()
    {
        const string body = "Kenya accused Uganda of piracy on the lake.\n\nKenya's coast guard said the Panama-flagged ferry had been escorted to Kisumu.";
        Assert.DoesNotContain("PAN", Find(body, "ferry").Targets);
        const string firm = "Kenya accused Uganda of piracy on the lake. Lakeline Risk, a Geneva-based consultancy, said it had seen no sign of patrols by either side.";
        Assert.DoesNotContain("CHE", Find(firm, "Lakeline").Targets);
    }

    [Fact]
    public void either_side_and_the_two_brotherly_countries_are_the_pair()
    {
        const string body = "Kenya accused Uganda of piracy on the lake.\n\nTanzania's foreign ministry said it valued \"good relations between the two brotherly countries.\"";
        Assert.Equal(["KEN", "UGA"], Find(body, "brotherly").Targets.Order());
    }
}
