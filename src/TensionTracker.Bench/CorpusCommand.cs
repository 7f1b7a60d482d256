using System.Text.Json;
using JasperFx.CommandLine;
using TensionTracker.Pipeline;

namespace TensionTracker.Bench;

public class CorpusInput
{
    [Description("Articles to generate; default 500")]
    [FlagAlias("articles")]
    public int ArticlesFlag { get; set; } = 500;

    [Description("Seed of the generator (the same seed gives the same articles); default 42")]
    [FlagAlias("seed")]
    public int SeedFlag { get; set; } = 42;

    [Description("The .jsonl file to write; default: standard output")]
    [FlagAlias("output")]
    public string? OutputFlag { get; set; }
}

/// <summary>
/// tension corpus: the bench's synthetic articles as JSON lines, one publishable article a line, for
/// `tension publish` or POST /api/articles (ops/chaos.sh publishes them while it breaks things).
/// </summary>
[Description("Write generated articles (the bench's synthetic corpus) as JSON lines", Name = "corpus")]
public class CorpusCommand : JasperFxCommand<CorpusInput>
{
    public override bool Execute(CorpusInput input)
    {
        if (input.ArticlesFlag < 1) { Console.Error.WriteLine("--articles must be at least 1"); return false; }
        var gazetteer = SyntheticCorpus.LoadGazetteer(Path.Combine(new PipelineOptions().GazetteerPath, "world_countries.tsv"));
        var corpus = new SyntheticCorpus(gazetteer, input.SeedFlag, BenchCommand.CorpusEnd);
        using var file = input.OutputFlag is null ? null : new StreamWriter(input.OutputFlag);
        var output = file ?? Console.Out;
        foreach (var a in corpus.Generate(input.ArticlesFlag))
            output.WriteLine(JsonSerializer.Serialize(new { url = a.Url, outlet = a.Outlet, publishedAt = a.PublishedAt, title = a.Title, body = a.Body }));
        output.Flush();
        return true;
    }
}
