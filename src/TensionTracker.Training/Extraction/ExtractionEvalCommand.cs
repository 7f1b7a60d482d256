using JasperFx.CommandLine;
using TensionTracker.Pipeline;
using TensionTracker.Text.Extraction;

namespace TensionTracker.Extraction;

public class ExtractionInput
{
    [Description("What to do: eval")]
    public string Action { get; set; } = "eval";

    [Description("Folder of annotated articles (default: seeds/extraction-eval)")]
    [FlagAlias("data")]
    public string? DataFlag { get; set; }

    [Description("Seeds folder with the gazetteer (default: found above the working directory)")]
    [FlagAlias("seeds")]
    public string? SeedsFlag { get; set; }
}

/// <summary>tension extraction eval [--data DIR]: speaker-country accuracy, target P/R/F1, main-pair recall, and the misses.</summary>
[Description("Evaluate statement extraction on annotated articles", Name = "extraction")]
public class ExtractionEvalCommand : JasperFxCommand<ExtractionInput>
{
    public override bool Execute(ExtractionInput input)
    {
        if (input.Action != "eval") { Console.Error.WriteLine($"unknown action '{input.Action}': try 'extraction eval'"); return false; }
        var options = new PipelineOptions { Seeds = input.SeedsFlag };
        var data = input.DataFlag ?? Path.Combine(options.SeedsPath, "extraction-eval");
        var extractor = new StatementExtractor(Gazetteer.Load(options.GazetteerPath));
        var report = ExtractionEvaluation.Evaluate(data, extractor);
        ExtractionEvaluation.Print(report, Console.Out);
        return true;
    }
}
