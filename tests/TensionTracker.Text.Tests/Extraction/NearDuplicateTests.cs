using TensionTracker.Text.Extraction;

namespace TensionTracker.Text.Tests.Extraction;

[Collection(SeedsCollection.Name)]
public class NearDuplicateTests(SeedsFixture f)
{
    const string Wire = """
        BOGOTA — Colombian President Gustavo Petro on Friday accused the United States of violating his country's sovereignty after a U.S. strike on a boat killed three people.

        "This is an act of aggression against Colombia. We will not kneel before anyone," Petro wrote on X.

        The State Department rejected the charge. "The strike targeted a vessel operated by a designated narco-terrorist organization," spokesperson Tammy Bruce told reporters.

        Colombia's foreign minister, Rosa Villavicencio, said the government would summon the U.S. charge d'affaires.

        The Pentagon said the operation was lawful and that more strikes were possible.
        """;

    // the same wire story as another outlet runs it: new headline, one paragraph cut, one added, a word changed
    const string Syndicated = """
        BOGOTA (Example Wire) — Colombian President Gustavo Petro on Friday accused the United States of violating his country's sovereignty after a U.S. strike on a boat killed three people.

        "This is an act of aggression against Colombia. We will not kneel before anyone," Petro wrote on X.

        The State Department rejected the charge. "The strike targeted a vessel operated by a designated narco-terrorist organization," spokeswoman Tammy Bruce told reporters.

        Colombia's foreign minister, Rosa Villavicencio, said the government would summon the U.S. charge d'affaires.

        Colombia is the largest recipient of U.S. security aid in South America.
        """;

    // another outlet's own report of the same event, quoting the same words
    const string OtherReport = """
        Relations between Bogotá and Washington hit a new low on Friday when a U.S. military strike killed three men near La Guajira.

        Petro, a former guerrilla who has clashed with the Trump administration for months, reacted within hours. "We will not kneel before anyone," he wrote.

        U.S. officials defended the operation, saying the boat carried cocaine bound for Central America, and warned that more strikes were likely.

        Analysts in Bogotá said the dispute threatened decades of security cooperation between the two countries.
        """;

    ulong[] Print(string title, string body) =>
        NearDuplicates.Fingerprint(f.Extractor.Extract(title, body, SeedsFixture.Sept2025).Select(s => s.Text).ToList());

    [Fact]
    public void a_syndicated_copy_of_a_wire_story_is_a_near_duplicate()
    {
        var a = Print("Petro accuses U.S. of aggression after strike", Wire);
        var b = Print("Colombia's Petro says U.S. strike was 'aggression'", Syndicated);
        Assert.True(NearDuplicates.Similarity(a, b) >= NearDuplicates.Threshold, $"similarity {NearDuplicates.Similarity(a, b)}");
        Assert.True(NearDuplicates.IsNearDuplicate(a, b));
    }

    [Fact]
    public void another_report_of_the_same_event_quoting_the_same_words_is_not()
    {
        var a = Print("Petro accuses U.S. of aggression after strike", Wire);
        var c = Print("U.S. strike near La Guajira deepens rift with Colombia", OtherReport);
        Assert.True(NearDuplicates.Similarity(a, c) < NearDuplicates.Threshold, $"similarity {NearDuplicates.Similarity(a, c)}");
    }

    [Fact]
    public void fingerprints_are_stable_and_symmetric()
    {
        var a = NearDuplicates.Fingerprint(["Petro said the strike was aggression.", "Washington denied it."]);
        var b = NearDuplicates.Fingerprint(["Washington denied it.", "Petro said the strike was aggression."]);
        Assert.Equal(a, b);
        Assert.Equal(1.0, NearDuplicates.Similarity(a, b));
        Assert.Equal(0.0, NearDuplicates.Similarity(NearDuplicates.Fingerprint([]), NearDuplicates.Fingerprint([])));
    }

    [Fact]
    public void similarity_counts_equal_slots_and_never_empty_ones()
    {
        // Slot by slot: equal and not empty (MaxValue) counts; the vectorised count must agree on every mix, an odd
        // length (the scalar tail) included.
        var random = new Random(7);
        foreach (var length in new[] { NearDuplicates.Size, 5, 1 })
            for (var trial = 0; trial < 200; trial++)
            {
                var a = new ulong[length];
                var b = new ulong[length];
                for (var i = 0; i < length; i++)
                {
                    a[i] = random.Next(4) == 0 ? ulong.MaxValue : (ulong)random.Next(3);
                    b[i] = random.Next(4) == 0 ? ulong.MaxValue : random.Next(2) == 0 ? a[i] : (ulong)random.Next(3);
                }
                var same = Enumerable.Range(0, length).Count(i => a[i] == b[i] && a[i] != ulong.MaxValue);
                Assert.Equal((double)same / length, NearDuplicates.Similarity(a, b));
            }
        var empty = Enumerable.Repeat(ulong.MaxValue, NearDuplicates.Size).ToArray();
        Assert.Equal(0.0, NearDuplicates.Similarity(empty, empty));
    }

    [Fact]
    public void fingerprints_never_change_for_the_same_statements()
    {
        // Fingerprints are stored in events: these values were computed by the first implementation, and any faster
        // one must give them bit for bit.
        var f = NearDuplicates.Fingerprint(["Petro said the strike was aggression.", "Washington denied it, calling the claim \u201Cabsurd\u201D."]);
        Assert.Equal(NearDuplicates.Size, f.Length);
        Assert.Equal(3025730699606707593UL, f[0]);
        Assert.Equal(1037784830828980560UL, f[1]);
        Assert.Equal(2893686037937987725UL, f[63]);
        Assert.Equal(1960927235798086142UL, f[127]);
    }
}
