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

    [Description("Event-coded items, JSON lines (id, date, text, source, target, act, goldstein, stance, actor), or a folder holding items.jsonl: prints pair_recall, directed_accuracy and per-act figures")]
    [FlagAlias("events")]
    public string? EventsFlag { get; set; }

    [Description("Seeds folder with the gazetteer (default: found above the working directory)")]
    [FlagAlias("seeds")]
    public string? SeedsFlag { get; set; }
}

/// <summary>tension extraction eval [--data DIR] [--events FILE]: on annotated articles, speaker-country accuracy, target
/// P/R/F1, main-pair recall; on event-coded items, pair recall and directed accuracy; and the misses.</summary>
[Description("Evaluate statement extraction on annotated articles", Name = "extraction")]
public class ExtractionEvalCommand : JasperFxCommand<ExtractionInput>
{
    public override bool Execute(ExtractionInput input)
    {
        if (input.Action != "eval") { Console.Error.WriteLine($"unknown action '{input.Action}': try 'extraction eval'"); return false; }
        var options = new PipelineOptions { Seeds = input.SeedsFlag };
        var extractor = new StatementExtractor(Gazetteer.Load(options.GazetteerPath));
        if (input.EventsFlag is { } events)
        {
            List<EventItem> items;
            try { items = EventItemsEvaluation.Load(events); }
            catch (Exception e) when (e is FormatException or FileNotFoundException) { Console.Error.WriteLine(e.Message); return false; }
            EventItemsEvaluation.Print(EventItemsEvaluation.Evaluate(items, extractor), Console.Out);
            if (input.DataFlag is null) return true; // annotated articles too only when asked for
        }
        var data = input.DataFlag ?? Path.Combine(options.SeedsPath, "extraction-eval");
        var report = ExtractionEvaluation.Evaluate(data, extractor);
        ExtractionEvaluation.Print(report, Console.Out);
        return true;
    }
}
