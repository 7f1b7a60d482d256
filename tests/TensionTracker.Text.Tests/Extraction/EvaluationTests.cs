using TensionTracker.Text.Extraction;

namespace TensionTracker.Text.Tests.Extraction;

[Collection(SeedsCollection.Name)]
public class EvaluationTests(SeedsFixture f)
{
    /// <summary>Copies the three example files (and their articles) so other annotators' files do not move these figures.</summary>
    string ExamplesOnly()
    {
        var root = Directory.CreateTempSubdirectory().FullName;
        var eval = Directory.CreateDirectory(Path.Combine(root, "extraction-eval")).FullName;
        var arts = Directory.CreateDirectory(Path.Combine(root, "articles")).FullName;
        foreach (var file in Directory.GetFiles(Path.Combine(f.SeedsRoot, "extraction-eval"), "example-*.json"))
        {
            File.Copy(file, Path.Combine(eval, Path.GetFileName(file)));
            File.Copy(Path.Combine(f.SeedsRoot, "articles", Path.GetFileName(file)), Path.Combine(arts, Path.GetFileName(file)));
        }
        return eval;
    }

    [Fact]
    public void the_example_set_meets_the_issue_targets()
    {
        var r = ExtractionEvaluation.Evaluate(ExamplesOnly(), f.Extractor);
        Assert.Equal(3, r.Articles);
        Assert.True(r.Statements >= 30);
        Assert.True(r.SpeakerCountryAccuracy >= 0.90, $"speaker_country_accuracy {r.SpeakerCountryAccuracy}");
        Assert.True(r.TargetF1 >= 0.85, $"target_f1 {r.TargetF1}");
        Assert.Equal(1.0, r.MainPairRecall);
    }

    [Fact]
    public void the_report_prints_one_name_value_line_per_figure_then_the_misses()
    {
        var w = new StringWriter();
        ExtractionEvaluation.Print(ExtractionEvaluation.Evaluate(ExamplesOnly(), f.Extractor), w);
        var lines = w.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["speaker_country_accuracy", "target_precision", "target_recall", "target_f1", "main_pair_recall", "statements", "articles"],
            lines.Take(7).Select(l => l.Split(' ')[0]));
        Assert.All(lines.Take(7), l => Assert.True(double.TryParse(l.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture, out _)));
    }

    [Fact]
    public void a_gold_statement_that_is_not_extracted_counts_as_wrong()
    {
        var root = Directory.CreateTempSubdirectory().FullName;
        File.WriteAllText(Path.Combine(root, "a.json"), """{"url":"u","outlet":"o","publishedAt":"2025-09-20T00:00:00Z","title":"Weather","body":"It rained in Lima."}""");
        Directory.CreateDirectory(Path.Combine(root, "eval"));
        File.WriteAllText(Path.Combine(root, "eval", "a.json"), """
            {"article":"../a.json","mainPairs":["PER-CHL"],
             "statements":[{"text":"It rained in Lima.","speaker":null,"speakerRole":"unattributed","speakerCountry":"PER","targets":["CHL"]}]}
            """);
        var r = ExtractionEvaluation.Evaluate(Path.Combine(root, "eval"), f.Extractor);
        Assert.Equal(0, r.SpeakerCountryAccuracy);
        Assert.Equal(0, r.TargetRecall);
        Assert.Equal(0, r.MainPairRecall);
        Assert.Contains(r.Misses, m => m.Contains("no statement extracted"));
    }
}
