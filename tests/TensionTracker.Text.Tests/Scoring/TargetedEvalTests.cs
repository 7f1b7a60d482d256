using TensionTracker.Text.Extraction;
using TensionTracker.Text.Scoring;

namespace TensionTracker.Text.Tests.Scoring;

public class TargetedEvalTests
{
    // Invented sentences in NewsMTSC's format (targets by from/to, polarity 2.0 / 4.0 / 6.0).
    private static readonly string[] Lines =
    [
        """{"primary_gid": "story_1_a_0", "sentence_normalized": "Alder praised Birch for the generous flood relief.", "targets": [{"from": 0, "to": 5, "mention": "Alder", "polarity": 4.0}, {"from": 14, "to": 19, "mention": "Birch", "polarity": 6.0}]}""",
        """{"primary_gid": "story_2_b_1", "sentence_normalized": "Cedar threatened to invade Dogwood by Friday.", "targets": [{"from": 27, "to": 34, "mention": "Dogwood", "polarity": 2.0}]}""",
    ];

    [Fact]
    public void newsmtsc_lines_are_read_with_their_targets_classes_and_story()
    {
        var file = WriteTemp(Lines);
        try
        {
            var rows = TargetedSentences.Load(file);
            Assert.Equal(2, rows.Count);
            Assert.Equal([0, 1], rows[0].Targets.Select(t => t.Class));
            Assert.Equal(-1, rows[1].Targets[0].Class);
            Assert.Equal("Dogwood", rows[1].Text[rows[1].Targets[0].From..rows[1].Targets[0].To]);
            Assert.EndsWith(":story_1", rows[0].Group);
        }
        finally { File.Delete(file); }
    }

    [Theory]
    [InlineData("""{"primary_gid": "x_1", "sentence_normalized": "Short.", "targets": [{"from": 0, "to": 40, "polarity": 2.0}]}""", "outside the sentence")]
    [InlineData("""{"primary_gid": "x_1", "sentence_normalized": "Short.", "targets": [{"from": 0, "to": 5, "polarity": 5.0}]}""", "polarity 5")]
    [InlineData("""{"primary_gid": "x_1", "sentence_normalized": "Short.", "targets": [{"from": 0, """, "")]
    [InlineData("""{"primary_gid": "x_1", "targets": []}""", "sentence_normalized")]
    public void a_malformed_line_is_an_error_naming_the_file_and_line(string bad, string reason)
    {
        var file = WriteTemp([Lines[0], bad]);
        try
        {
            var e = Assert.Throws<InvalidDataException>(() => TargetedSentences.Load(file));
            Assert.StartsWith($"{file}:2: ", e.Message);
            Assert.Contains(reason, e.Message);
            var log = new StringWriter();
            Assert.Equal(1, ToneModelCommandLine.Run(["eval", "--model-dir", RepoPaths.Models, "--lexicon-dir", RepoPaths.Lexicons, "--vader-dir", "", "--data", file], log));
            Assert.Contains($"error: {file}:2: ", log.ToString());
        }
        finally { File.Delete(file); }
    }

    [Fact]
    public void eval_on_json_lines_prints_n_f1_macro_accuracy_and_each_class()
    {
        var file = WriteTemp(Lines);
        try
        {
            foreach (var output in new[] { "stance", "tone" })
            {
                var log = new StringWriter();
                Assert.Equal(0, ToneModelCommandLine.Run(["eval", "--model", "tone-stance-v4", "--output", output, "--model-dir", RepoPaths.Models,
                    "--lexicon-dir", RepoPaths.Lexicons, "--vader-dir", "", "--speed-seconds", "0.05", "--data", file], log));
                var figures = log.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(' ')).ToDictionary(p => p[0], p => p[^1]);
                Assert.Equal("3", figures["n"]); // one per target
                foreach (var name in new[] { "f1_macro", "accuracy", "f1_negative", "f1_neutral", "f1_positive" }) Assert.True(figures.ContainsKey(name), name);
            }
        }
        finally { File.Delete(file); }
    }

    [Fact]
    public void class_metrics_count_each_class_and_their_mean()
    {
        var m = ClassMetrics.Compute([-1, -1, 0, 1], [-1, 0, 0, 1]);
        Assert.Equal(0.75, m.Accuracy, 6);
        Assert.Equal(2.0 / 3, m.F1Negative, 6);
        Assert.Equal(2.0 / 3, m.F1Neutral, 6);
        Assert.Equal(1.0, m.F1Positive, 6);
        Assert.Equal((2.0 / 3 + 2.0 / 3 + 1) / 3, m.F1Macro, 6);
    }

    [Fact]
    public void target_features_mask_the_target_and_tell_its_side()
    {
        var f = TargetFeatures.Default;
        int[] Read(string text, int start, int length)
        {
            var tokens = TextTokens.Of(text);
            var slots = new int[TargetFeatures.MaxSlots(tokens.Lower.Length)];
            var k = f.Hash(text, tokens, length > 0 ? [(start, start + length)] : [], [], slots);
            return slots[..k].Order().ToArray();
        }
        // The name itself is not read: another name in its place reads the same.
        Assert.Equal(Read("Alder attacked the convoy.", 0, 5), Read("Zelkova attacked the convoy.", 0, 7));
        // The same words read toward the attacker and toward the attacked differ.
        const string text = "Alder attacked Birch.";
        Assert.NotEqual(Read(text, 0, 5), Read(text, 15, 5));
        // Without a target the statement reads as a whole.
        Assert.NotEqual(Read(text, 0, 0), Read(text, 0, 5));
    }

    [Fact]
    public void calibration_fitted_on_overconfident_scores_lowers_the_calibration_error()
    {
        // Logits that always say 95 % for a class that is right 60 % of the time.
        var logits = new List<float[]>();
        var gold = new List<int>();
        for (var i = 0; i < 300; i++)
        {
            var predicted = i % 3 - 1;
            logits.Add([predicted == -1 ? 3f : 0f, predicted == 0 ? 3f : 0f, predicted == 1 ? 3f : 0f]);
            gold.Add(i % 5 < 3 ? predicted : (predicted + 2) % 3 - 1);
        }
        var raw = CalibrationError.Compute(logits.Select(l => StanceCalibration.Identity.Apply(l[0], l[1], l[2])).ToList(), gold).Ece;
        var calibration = StanceCalibration.Fit(logits, gold);
        var (ece, bins) = CalibrationError.Compute(logits.Select(l => calibration.Apply(l[0], l[1], l[2])).ToList(), gold);
        Assert.True(raw > 0.25, $"raw {raw}");
        Assert.True(ece < 0.02, $"calibrated {ece} ({calibration.Format()})");
        Assert.InRange(bins.Single().Observed, 0.59, 0.61);
    }

    [Fact]
    public void target_mentions_are_the_targets_names_demonyms_and_capitals_in_the_statement()
    {
        var gazetteer = Gazetteer.Load(Path.Combine(RepoPaths.Root, "seeds", "gazetteer"));
        const string text = "Peru's foreign minister said the Bolivian government in La Paz had broken its word to Bolivia.";
        var mentions = TargetMentions.Locate(gazetteer, text, ["BOL"]);
        Assert.Equal(["Bolivian", "La Paz", "Bolivia"], mentions.Select(m => text.Substring(m.Start, m.Length)));
        Assert.All(mentions, m => Assert.Equal("BOL", m.Target));
        Assert.Empty(TargetMentions.Locate(gazetteer, text, []));
    }

    private static string WriteTemp(IEnumerable<string> lines)
    {
        var path = Path.Combine(Path.GetTempPath(), $"tt-newsmtsc-{Guid.NewGuid():N}.jsonl");
        File.WriteAllLines(path, lines);
        return path;
    }
}
