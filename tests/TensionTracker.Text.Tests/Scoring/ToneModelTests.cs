using System.Globalization;
using TensionTracker.Text.Scoring;

namespace TensionTracker.Text.Tests.Scoring;

public class ToneModelTests
{
    private static readonly Lazy<ToneModel> Committed = new(() =>
        ToneModel.Load(ToneModelEvaluation.ResolveModelPath(RepoPaths.Models, null), RepoPaths.Lexicons));

    private static readonly string[] Hostile =
    [
        "He had better watch himself.",
        "We will respond militarily to any aggression.",
        "The foreign minister said Pyongyang would face grave consequences if it carried out another nuclear test.",
        "Moscow gave Kyiv an ultimatum: withdraw its troops by Friday or face an invasion.",
        "Washington imposed new sanctions on Tehran and expelled three diplomats.",
        "The president called the neighbouring government a criminal regime of liars.",
    ];

    private static readonly string[] Cooperative =
    [
        "The two foreign ministers signed a trade agreement and pledged closer cooperation.",
        "Japan announced humanitarian aid for the flood victims in Pakistan.",
        "The prime minister welcomed the state visit and praised the friendship between the two nations.",
        "Both governments agreed to a ceasefire and to resume peace talks next week.",
    ];

    [Fact]
    public void hostile_statements_score_below_cooperative_ones_with_the_committed_model()
    {
        var model = Committed.Value;
        var hostile = model.Score(Hostile);
        var cooperative = model.Score(Cooperative);
        var worstCooperative = cooperative.Min(s => s.Stance);
        foreach (var (text, score) in Hostile.Zip(hostile))
        {
            Assert.True(score.Stance < worstCooperative, $"'{text}' stance {score.Stance} not below {worstCooperative}");
            Assert.True(score.Stance < 0, $"'{text}' stance {score.Stance}");
        }
        Assert.All(cooperative, s => Assert.Equal(StanceClasses.Cooperation, s.Class));
        Assert.True(hostile.Count(s => s.Class == StanceClasses.Conflict) >= Hostile.Length - 1);
    }

    [Fact]
    public void class_follows_stance_with_documented_thresholds()
    {
        Assert.Equal(StanceClasses.Conflict, ToneModel.ClassOf(-ToneModel.ClassThreshold - 0.01f));
        Assert.Equal(StanceClasses.Neutral, ToneModel.ClassOf(0f));
        Assert.Equal(StanceClasses.Cooperation, ToneModel.ClassOf(ToneModel.ClassThreshold + 0.01f));
    }

    [Fact]
    public void scores_stay_in_range_and_concurrent_calls_agree_with_one_call()
    {
        var model = Committed.Value;
        var texts = Hostile.Concat(Cooperative).Concat(["", "   ", "Talks continue."]).ToArray();
        var once = model.Score(texts);
        Assert.All(once, s => Assert.InRange(s.Tone, -1f, 1f));
        Assert.All(once, s => Assert.InRange(s.Stance, -1f, 1f));
        var parallel = Enumerable.Range(0, 8).AsParallel().Select(_ => model.Score(texts)).ToList();
        Assert.All(parallel, p => Assert.Equal(once, p));
    }

    [Theory]
    [InlineData("mlnet")]
    [InlineData("hashed")]
    [InlineData("hashed+shifters")]
    [InlineData("hashed+shifters+vectors")]
    [InlineData("hashed+neutral")]
    [InlineData("hashed+target")]
    public void same_seed_and_data_give_identical_scores(string variant)
    {
        var featurizer = variant.Split('+')[0];
        var shifters = variant.Contains("+shifters", StringComparison.Ordinal);
        var vectors = variant.Contains("+vectors", StringComparison.Ordinal);
        var neutral = variant.Contains("+neutral", StringComparison.Ordinal);
        var target = variant.Contains("+target", StringComparison.Ordinal);
        // Project-owned data only (the diplomatic set, its stance also written as a tone rating), a small slice for speed.
        var dir = Directory.CreateTempSubdirectory("tt-train-");
        try
        {
            var lines = File.ReadAllLines(RepoPaths.StanceSet);
            var stance = Path.Combine(dir.FullName, "stance_small.tsv");
            File.WriteAllLines(stance, lines.Take(241));
            var tone = Path.Combine(dir.FullName, "tone_small.tsv");
            File.WriteAllLines(tone, new[] { "id\tmean_rating\tsd\tn_raters\ttext" }.Concat(lines.Skip(400).Take(240).Select(l =>
            {
                var p = l.Split('\t');
                var rating = float.Parse(p[3], CultureInfo.InvariantCulture) * 4;
                return $"{p[1]}_{p[0]}\t{rating.ToString(CultureInfo.InvariantCulture)}\t0\t1\t{p[4]}";
            })));
            // With word vectors: every word they could be asked for is in the cache (made-up vectors), so the
            // encoder tool is never run; the vocabulary is a short list in a copy of the lexicon folder.
            var lexicons = RepoPaths.Lexicons;
            var cache = Path.Combine(dir.FullName, "word-vectors.bin");
            if (vectors)
            {
                lexicons = Directory.CreateDirectory(Path.Combine(dir.FullName, "lexicons")).FullName;
                foreach (var f in Directory.GetFiles(RepoPaths.Lexicons)) File.Copy(f, Path.Combine(lexicons, Path.GetFileName(f)));
                File.WriteAllLines(Path.Combine(lexicons, WordVectors.VocabularyFile), ["cordial", "belligerent", "table"]);
                var words = File.ReadLines(Path.Combine(lexicons, "vader_lexicon.txt")).Select(l => l.Split('\t')[0])
                    .Concat(File.ReadLines(tone).Concat(File.ReadLines(stance)).SelectMany(l => TextTokens.Of(l).Lower))
                    .Concat(["cordial", "belligerent", "table"]).Distinct();
                WordVectors.WriteCache(cache, words.ToDictionary(w => w, MadeUpVector));
            }
            // With the target head: the same statements as NewsMTSC-style JSON lines, the first word as the target.
            var targeted = Path.Combine(dir.FullName, "targeted_small.jsonl");
            File.WriteAllLines(targeted, lines.Skip(1).Take(300).Select(l =>
            {
                var p = l.Split('\t');
                var stanceValue = float.Parse(p[3], CultureInfo.InvariantCulture);
                var polarity = stanceValue < -0.1f ? "2.0" : stanceValue > 0.1f ? "6.0" : "4.0";
                var end = p[4].IndexOf(' ', StringComparison.Ordinal);
                return System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, object>
                {
                    ["primary_gid"] = $"test_{p[1]}_{p[0]}",
                    ["sentence_normalized"] = p[4],
                    ["targets"] = new[] { new Dictionary<string, object> { ["from"] = 0, ["to"] = end, ["polarity"] = double.Parse(polarity, CultureInfo.InvariantCulture) } },
                });
            }));
            var scores = new List<StatementScore[]>();
            foreach (var run in new[] { "a", "b" })
            {
                var o = new TrainOptions
                {
                    Name = "same-seed-" + run, Data = target ? [tone, stance, targeted] : [tone, stance], ModelDir = Path.Combine(dir.FullName, run),
                    LexiconDir = lexicons, Seed = 7, NewsWeight = 1,
                    WordVectorPriorL2 = vectors ? 1e-4 : 0, WordVectorCache = cache, WordVectorTool = Path.Combine(dir.FullName, "no-tool"),
                    Featurizer = featurizer, CharNgrams = featurizer == "hashed" ? 4 : 0, Trees = 50, Leaves = 8,
                    ExtraFeatures = shifters, SdWeight = shifters ? 100 : 0, NeutralHead = neutral,
                    // On this small set few tones land near 0: the rule reads the neutral heads for every statement here.
                    NeutralThreshold = 0.15f, NeutralPull = 1f,
                    TargetHead = target, GazetteerDir = Path.Combine(RepoPaths.Root, "seeds", "gazetteer"),
                };
                Assert.Equal(0, ToneModelTraining.Train(o, TextWriter.Null));
                var model = ToneModel.Load(Path.Combine(o.ModelDir, o.Name + ".zip"), lexicons);
                Assert.Equal(shifters, model.Features.Extras);
                Assert.Equal(neutral ? new NeutralRule(0.15f, 1f) : null, model.Neutral);
                // A vocabulary word no training sentence uses has a rating only when the prior gives it one.
                Assert.Equal(vectors, File.ReadLines(WordRatings.PathFor(Path.Combine(o.ModelDir, o.Name + ".zip"))).Any(l => l.StartsWith("cordial\t", StringComparison.Ordinal)));
                var texts = Hostile.Concat(Cooperative).Concat(["", "Talks continue."]).ToArray();
                var scored = model.Score(texts);
                scores.Add(scored);
                // The comparison below must meet the rule acting: some statement is settled as neutral.
                if (neutral) Assert.True(scored.Any(s => ScoreMetrics.ClassOf(s.Tone) == 0), string.Join(" ", scored.Select(s => s.Tone)));
                if (featurizer == "hashed")
                {
                    // The compiled heads give what ML.NET's own Transform gives.
                    Assert.NotNull(model.Ngrams);
                    var reference = model.ScoreWithMlNet(texts);
                    foreach (var (c, r) in scored.Zip(reference))
                    {
                        Assert.InRange(c.Tone - r.Tone, -1e-4f, 1e-4f);
                        Assert.InRange(c.Stance - r.Stance, -1e-4f, 1e-4f);
                        Assert.Equal(c.Probabilities is null, r.Probabilities is null);
                        if (c.Probabilities is { } cp && r.Probabilities is { } rp)
                        {
                            Assert.InRange(cp.Conflict - rp.Conflict, -1e-4f, 1e-4f);
                            Assert.InRange(cp.Cooperation - rp.Cooperation, -1e-4f, 1e-4f);
                        }
                    }
                }
                Assert.Equal(target, model.Target is not null);
                if (target)
                {
                    Assert.All(scored, s => Assert.InRange(s.Probabilities!.Value.Conflict + s.Probabilities.Value.Neutral + s.Probabilities.Value.Cooperation, 0.999f, 1.001f));
                    // Read toward each of two targets: one reading each, with its own probabilities.
                    const string text = "Moscow gave Kyiv an ultimatum: withdraw its troops by Friday or face an invasion.";
                    var both = model.Score([new ScoringInput(text, [new TargetMention("RUS", 0, 6), new TargetMention("UKR", 12, 4)])])[0];
                    Assert.Equal(["RUS", "UKR"], both.Targets!.Select(t => t.Target));
                    Assert.All(both.Targets!, t => Assert.NotNull(t.Probabilities));
                    Assert.Equal(both.Targets![1].Stance, both.StanceToward("UKR"));
                    // The head has learned the classes the right way round.
                    var hostileConflict = model.Score(Hostile.Select(ScoringInput.Untargeted).ToList()).Average(x => x.Probabilities!.Value.Conflict);
                    var cooperativeConflict = model.Score(Cooperative.Select(ScoringInput.Untargeted).ToList()).Average(x => x.Probabilities!.Value.Conflict);
                    Assert.True(hostileConflict > cooperativeConflict + 0.1, $"P(conflict): hostile {hostileConflict}, cooperative {cooperativeConflict}");
                }
            }
            Assert.Equal(scores[0], scores[1]);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [SharedDataFact]
    public void eval_leaves_out_trained_rows_and_prints_one_line_per_figure()
    {
        var log = new StringWriter();
        var code = ToneModelEvaluation.Evaluate(new EvalOptions
        {
            Data = [RepoPaths.NytDev], ModelDir = RepoPaths.Models, LexiconDir = RepoPaths.Lexicons, VaderDir = null, SpeedSeconds = 0.1,
        }, log);
        Assert.Equal(0, code);
        var lines = log.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(l => l.Split(' ')).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1]);
        foreach (var name in new[] { "n", "pearson_r", "mae", "f1_weighted", "f1_macro", "sign_agreement", "left_out_trained" })
            Assert.True(lines.ContainsKey(name), $"no '{name}' line in:\n{log}");
        Assert.True(int.Parse(lines["left_out_trained"]) > 1000);
        Assert.True(int.Parse(lines["n"]) > 500);
        Assert.True(double.Parse(lines["pearson_r"], CultureInfo.InvariantCulture) > 0.45);
    }

    /// <summary>A fixed pseudo-random 16-dimensional vector per word (FNV hash seeded), for tests that must not run the encoder.</summary>
    private static float[] MadeUpVector(string word)
    {
        var rng = new Random((int)(TextTokens.Hash64(word) & 0x7fffffff));
        return Enumerable.Range(0, 16).Select(_ => (float)(rng.NextDouble() - 0.5)).ToArray();
    }
}
