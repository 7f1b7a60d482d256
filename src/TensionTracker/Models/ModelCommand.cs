using JasperFx.CommandLine;
using Marten;
using Microsoft.Extensions.Options;
using TensionTracker.Cli;
using TensionTracker.Pipeline;
using TensionTracker.Text.Scoring;

namespace TensionTracker.Models;

public class ModelInput : NetCoreInput
{
    [Description("register: record NAME.zip (and its card's metrics) from the models folder as a model version. train and eval: see ToneModelCommandLine")]
    public string Action { get; set; } = "";

    [Description("The model's name: its file is NAME.zip in the models folder")]
    [FlagAlias("name")]
    public string NameFlag { get; set; } = "";
}

/// <summary>
/// tension model register --name NAME: a trained model becomes a registered version (ModelRegistered), ready to be
/// replayed and promoted. tension model train|eval go straight to the trainer's own command line (no host is built):
/// see <see cref="TrainOrEval"/>.
/// </summary>
[Description("Models: train, eval, register", Name = "model")]
public class ModelCommand : JasperFxAsyncCommand<ModelInput>
{
    /// <summary>
    /// `model train ...` and `model eval ...` as they came, to <see cref="ToneModelCommandLine"/>; null for anything else.
    /// Without --model-dir, the models folder is the configured one (TensionTracker__Models), so register finds what train wrote.
    /// </summary>
    public static int? TrainOrEval(string[] args)
    {
        if (args is not ["model", "train" or "eval", ..]) return null;
        var rest = args[1..].ToList();
        var models = Environment.GetEnvironmentVariable("TensionTracker__Models");
        if (!string.IsNullOrEmpty(models) && !rest.Contains("--model-dir")) rest.AddRange(["--model-dir", models]);
        return Terminal.WithProgress($"model {args[1]}", 1, bar => ToneModelCommandLine.Run(rest, Terminal.Out, bar.Steps($"model {args[1]}")));
    }

    public override async Task<bool> Execute(ModelInput input)
    {
        if (input.Action != "register") { Console.Error.WriteLine($"unknown action '{input.Action}': use train, eval or register"); return false; }
        if (string.IsNullOrWhiteSpace(input.NameFlag)) { Console.Error.WriteLine("register needs --name NAME"); return false; }
        using var host = input.BuildHost();
        var result = await RegisterModel.Register(host.Services.GetRequiredService<IDocumentStore>(),
            host.Services.GetRequiredService<IOptions<PipelineOptions>>().Value, input.NameFlag, DateTimeOffset.UtcNow, CancellationToken.None);
        Console.WriteLine(result.Ok ? $"{result.Name}: {result.Outcome}" : $"{result.Name}: {result.Problem}");
        return result.Ok;
    }
}
