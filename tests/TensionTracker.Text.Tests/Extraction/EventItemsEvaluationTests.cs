using TensionTracker.Text.Extraction;

namespace TensionTracker.Text.Tests.Extraction;

[Collection(SeedsCollection.Name)]
public class EventItemsEvaluationTests(SeedsFixture f)
{
    static string Write(params string[] lines)
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory().FullName, "items.jsonl");
        File.WriteAllLines(file, lines);
        return file;
    }

    [Fact]
    public void pair_recall_counts_either_direction_and_directed_accuracy_only_the_coded_one()
    {
        var file = Write(
            """{"id":"a","date":"2024-05-01","text":"Chile has again offered its engineers to Peru.","source":"CHL","target":"PER","act":"offer","goldstein":3,"stance":"positive","actor":"Chile"}""",
            "",
            """{"id":"b","date":"2024-05-01","text":"Chile has again offered its engineers to Peru.","source":"PER","target":"CHL","act":"offer"}""",
            """{"id":"c","date":"2024-05-01","text":"The weather was fine in Lima.","source":"PER","target":"CHL","act":"visit"}""");
        var r = EventItemsEvaluation.Evaluate(EventItemsEvaluation.Load(Path.GetDirectoryName(file)!), f.Extractor);
        Assert.Equal(3, r.Items);
        Assert.Equal(2 / 3.0, r.PairRecall, 3);
        Assert.Equal(1 / 3.0, r.DirectedAccuracy, 3);
        var offer = r.Acts.Single(a => a.Act == "offer");
        Assert.Equal((2, 1.0, 0.5), (offer.Items, offer.PairRecall, offer.DirectedAccuracy));
        Assert.Equal(2, r.Misses.Count);
    }

    [Theory]
    [InlineData("""{"id":"a","date":"2024-05-01","text":"x","source":"CHILE","target":"PER","act":"offer"}""", "source")]
    [InlineData("""{"id":"a","date":"May 2024","text":"x","source":"CHL","target":"PER","act":"offer"}""", "date")]
    [InlineData("""{"id":"a","date":"2024-05-01","source":"CHL","target":"PER","act":"offer"}""", "text")]
    [InlineData("""{"id":"a", "date":""", "line 2")]
    public void a_malformed_line_is_an_error_naming_the_file_and_line(string bad, string says)
    {
        var file = Write("""{"id":"ok","date":"2024-05-01","text":"x","source":"CHL","target":"PER","act":"offer"}""", bad);
        var e = Assert.Throws<FormatException>(() => EventItemsEvaluation.Load(file));
        Assert.StartsWith(file + ":2:", e.Message);
        Assert.Contains(says == "line 2" ? ":2:" : says, e.Message);
    }

    [Fact]
    public void the_development_set_loads_whole()
    {
        var items = EventItemsEvaluation.Load(Path.Combine(f.SeedsRoot, "extraction-events-dev"));
        Assert.Equal(120, items.Count);
        Assert.Equal(12, items.Select(i => i.Act).Distinct().Count());
    }
}
