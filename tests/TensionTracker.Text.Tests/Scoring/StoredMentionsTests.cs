using TensionTracker.Text.Extraction;
using TensionTracker.Text.Scoring;

namespace TensionTracker.Text.Tests.Scoring;

/// <summary>The mentions ingest stores with a statement read back as Locate found them, so a replay scores what ingest scored.</summary>
public class StoredMentionsTests
{
    [Fact]
    public void mentions_stored_with_a_statement_read_back_as_found()
    {
        var gazetteer = Gazetteer.Load(Path.Combine(RepoPaths.Root, "seeds", "gazetteer"));
        const string text = "Peru's foreign minister said the Bolivian government in La Paz had broken its word to Peru and Bolivia.";
        string[] targets = ["PER", "BOL"];
        var found = TargetMentions.Locate(gazetteer, text, targets);
        Assert.Contains(found, m => m.Target == "PER");
        Assert.Contains(found, m => m.Target == "BOL");

        var stored = TargetMentions.Encode(found, targets);
        Assert.Equal(found.Length * 3, stored.Length);
        Assert.Equal(found, TargetMentions.Decode(stored, targets));
        Assert.Empty(TargetMentions.Decode(TargetMentions.Encode([], targets), targets));
    }

    [Fact]
    public void a_mention_of_no_target_or_a_broken_list_is_refused()
    {
        Assert.Throws<ArgumentException>(() => TargetMentions.Encode([new TargetMention("FRA", 0, 6)], ["BOL"]));
        Assert.Throws<ArgumentException>(() => TargetMentions.Decode([0, 1], ["BOL"]));
    }
}
