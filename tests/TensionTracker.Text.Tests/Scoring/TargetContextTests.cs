using TensionTracker.Text.Scoring;

namespace TensionTracker.Text.Tests.Scoring;

public class TargetContextTests
{
    [Fact]
    public void the_stance_map_is_monotone_per_class_and_stretches_a_timid_end()
    {
        // Conflict readings at -0.2 .. -0.6 whose labels run -0.5 .. -0.9: the map must carry -0.6 to about -0.9.
        var readings = new List<(int, float, float, float)>();
        for (var i = 0; i < 200; i++)
        {
            var stance = -0.2f - 0.4f * i / 199;
            readings.Add((-1, stance, stance - 0.3f, 1f));
            readings.Add((0, (i - 100) / 1000f, 0.3f * (i % 2 == 0 ? 1 : -1) * 0.01f, 1f)); // noise around 0
        }
        var map = StanceMap.Fit(readings);
        Assert.InRange(map.Apply(-1, -0.6f), -0.92f, -0.8f);
        Assert.InRange(map.Apply(-1, -0.2f), -0.6f, -0.45f);
        for (var x = -1f; x < 0.99f; x += 0.01f)
        {
            Assert.True(map.Apply(-1, x) <= map.Apply(-1, x + 0.01f) + 1e-6f, $"conflict at {x}");
            Assert.True(map.Apply(0, x) <= map.Apply(0, x + 0.01f) + 1e-6f, $"neutral at {x}");
        }
        Assert.Equal(0.37f, map.Apply(1, 0.37f)); // no cooperation readings: identity
        var back = StanceMap.FromSettings(new Dictionary<string, string> { [StanceMap.Setting] = map.Format() })!;
        Assert.Equal(map.Apply(-1, -0.43f), back.Apply(-1, -0.43f), 3);
    }

    [Fact]
    public void context_weights_leave_out_the_targets_and_favour_the_near_words_and_the_clause()
    {
        const string text = "Alder praised Birch, but critics mocked the plan.";
        var tokens = TextTokens.Of(text);
        var words = new int[tokens.Lower.Length];
        var weights = new float[TargetContext.Groups * tokens.Lower.Length];
        var k = TargetFeatures.ContextWeights(text, tokens, [(14, 19)], [(0, 5)], words, weights);
        const int g = TargetContext.Groups;
        var read = Enumerable.Range(0, k).ToDictionary(i => tokens.Lower[words[i]],
            i => (All: weights[g * i], Near: weights[g * i + 1], Clause: weights[g * i + 2], Left: weights[g * i + 3], Right: weights[g * i + 4]));
        Assert.DoesNotContain("alder", read.Keys);
        Assert.DoesNotContain("birch", read.Keys);
        Assert.True(read["praised"].Near > read["mocked"].Near);
        Assert.Equal(1f, read["praised"].Clause);
        Assert.Equal(0f, read["mocked"].Clause);
        Assert.All(read.Values, w => Assert.Equal(1f, w.All));
        Assert.Equal(read["praised"].Near, read["praised"].Left); // "praised" is on Birch's left
        Assert.Equal(0f, read["mocked"].Left);
        Assert.Equal(read["mocked"].Near, read["mocked"].Right);
    }

    [Fact]
    public void context_projections_survive_the_zip_and_read_the_mean_of_the_words()
    {
        // Two words with 2-dimensional vectors; class weights read dimension 0 (conflict) and 1 (cooperation) in every group.
        var weights = new float[3][];
        for (var c = 0; c < 3; c++)
        {
            weights[c] = new float[TargetContext.Groups * 2];
            for (var g = 0; g < TargetContext.Groups; g++) weights[c][g * 2 + (c == 2 ? 1 : 0)] = c == 1 ? 0 : 1;
        }
        var context = TargetContext.Project([(TextTokens.Hash64("war"), [1f, 0f]), (TextTokens.Hash64("peace"), [0f, 1f])], weights, 1f);
        var zip = Path.Combine(Path.GetTempPath(), $"tt-context-{Guid.NewGuid():N}.zip");
        try
        {
            using (var archive = System.IO.Compression.ZipFile.Open(zip, System.IO.Compression.ZipArchiveMode.Create)) archive.CreateEntry("Model/x").Open().Dispose();
            context.SaveInto(zip);
            var loaded = TargetContext.LoadFrom(zip)!;
            var logits = new float[3];
            const string text = "war and peace";
            loaded.Logits(text, TextTokens.Of(text), [], [], logits);
            // "and" has no vector: the mean is over "war" and "peace", once in each of the three groups a statement read
            // as a whole fills (the two sides of a target stay empty).
            Assert.Equal(1.5f, logits[0], 3);
            Assert.Equal(0f, logits[1], 3);
            Assert.Equal(1.5f, logits[2], 3);
        }
        finally { File.Delete(zip); }
    }
}
