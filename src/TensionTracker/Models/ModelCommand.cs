using JasperFx.CommandLine;
using Marten;
using Microsoft.Extensions.Options;
using TensionTracker.Pipeline;
using TensionTracker.Text.Scoring;

namespace TensionTracker.Models;

public class ModelInput : NetCoreInput
{
    [Description("train: fit a model on labelled files; eval: measure one on data it did not train on; register: record NAME.zip (and its card's metrics) as a model version")]
    public string Action { get; set; } = "";

    [Description("The model's name (train, register): its file is NAME.zip in the models folder")]
    [FlagAlias("name")]
    public string NameFlag { get; set; } = "";

    [Description("eval: the model to measure (default: the one seeds/models/default.txt names)")]
    [FlagAlias("model")]
    public string? ModelFlag { get; set; }

    [Description("eval: tone or stance, the head compared with the labels")]
    [FlagAlias("output")]
    public string OutputFlag { get; set; } = "tone";

    [Description("Labelled files: rated sentences (id mean_rating sd n_raters text) and diplomatic statements (id source category stance text)")]
    [FlagAlias("data")]
    public List<string> DataFlag { get; set; } = [];

    [FlagAlias("seed")] public int? SeedFlag { get; set; }
    [FlagAlias("tone-trainer")] public string? ToneTrainerFlag { get; set; }
    [FlagAlias("stance-trainer")] public string? StanceTrainerFlag { get; set; }
    [FlagAlias("news-weight")] public float? NewsWeightFlag { get; set; }
    [FlagAlias("cameo-weak-weight")] public float? CameoWeakWeightFlag { get; set; }
    [FlagAlias("tone-as-stance-weight")] public float? ToneAsStanceWeightFlag { get; set; }
    [FlagAlias("held-out-tenths")] public int? HeldOutTenthsFlag { get; set; }
    [FlagAlias("tone-l2")] public float? ToneL2Flag { get; set; }
    [FlagAlias("stance-l2")] public float? StanceL2Flag { get; set; }
    [FlagAlias("max-iterations")] public int? MaxIterationsFlag { get; set; }
}

/// <summary>
/// tension model train --name NAME --data FILE...: the trainer (numbered steps, zip and card saved to the models folder).
/// tension model eval [--model NAME] [--output tone|stance] --data FILE...: figures on rows the model did not train on.
/// tension model register --name NAME: a trained model becomes a registered version (ModelRegistered), ready to replay and promote.
/// </summary>
[Description("Models: train, eval, register", Name = "model")]
public class ModelCommand : JasperFxAsyncCommand<ModelInput>
{
    public override async Task<bool> Execute(ModelInput input)
    {
        using var host = input.BuildHost();
        var options = host.Services.GetRequiredService<IOptions<PipelineOptions>>().Value;
        switch (input.Action)
        {
            case "train":
                if (string.IsNullOrWhiteSpace(input.NameFlag) || input.DataFlag.Count == 0) { Console.Error.WriteLine("train needs --name NAME and --data FILE..."); return false; }
                var defaults = new TrainOptions { Name = input.NameFlag, Data = input.DataFlag };
                var train = defaults with
                {
                    ModelDir = Relative(options.ModelsPath), LexiconDir = Relative(options.LexiconsPath),
                    Seed = input.SeedFlag ?? defaults.Seed,
                    ToneTrainer = input.ToneTrainerFlag ?? defaults.ToneTrainer, StanceTrainer = input.StanceTrainerFlag ?? defaults.StanceTrainer,
                    NewsWeight = input.NewsWeightFlag ?? defaults.NewsWeight, CameoWeakWeight = input.CameoWeakWeightFlag ?? defaults.CameoWeakWeight,
                    ToneAsStanceWeight = input.ToneAsStanceWeightFlag ?? defaults.ToneAsStanceWeight,
                    HeldOutTenths = input.HeldOutTenthsFlag ?? defaults.HeldOutTenths,
                    ToneL2 = input.ToneL2Flag ?? defaults.ToneL2, StanceL2 = input.StanceL2Flag ?? defaults.StanceL2,
                    MaxIterations = input.MaxIterationsFlag ?? defaults.MaxIterations,
                };
                if (ToneModelTraining.Train(train, Console.Out) != 0) return false;
                Console.WriteLine($"next: tension model register --name {input.NameFlag}");
                return true;
            case "eval":
                if (input.DataFlag.Count == 0) { Console.Error.WriteLine("eval needs --data FILE..."); return false; }
                return ToneModelEvaluation.Evaluate(new EvalOptions
                {
                    Model = input.ModelFlag, Output = input.OutputFlag, Data = input.DataFlag,
                    ModelDir = Relative(options.ModelsPath), LexiconDir = Relative(options.LexiconsPath),
                }, Console.Out) == 0;
            case "register":
                if (string.IsNullOrWhiteSpace(input.NameFlag)) { Console.Error.WriteLine("register needs --name NAME"); return false; }
                var result = await RegisterModel.Register(host.Services.GetRequiredService<IDocumentStore>(), options, input.NameFlag,
                    DateTimeOffset.UtcNow, CancellationToken.None);
                Console.WriteLine(result.Ok ? $"{result.Name}: {result.Outcome}" : $"{result.Name}: {result.Problem}");
                return result.Ok;
            default:
                Console.Error.WriteLine($"unknown action '{input.Action}': use train, eval or register");
                return false;
        }
    }

    /// <summary>A folder under the working directory stays relative, so the card's rebuild command names no machine path.</summary>
    static string Relative(string path)
    {
        var relative = Path.GetRelativePath(Directory.GetCurrentDirectory(), path);
        return relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? path : relative.Replace('\\', '/');
    }
}
