using JasperFx.CommandLine;
using Marten;
using Microsoft.Extensions.Options;
using TensionTracker.Pipeline;

namespace TensionTracker.Models;

public class ModelInput : NetCoreInput
{
    [Description("register: record NAME.zip (and its card's metrics) from the models folder as a model version. train and eval (the tension CLI): see ToneModelCommandLine in TensionTracker.Training")]
    public string Action { get; set; } = "";

    [Description("The model's name: its file is NAME.zip in the models folder")]
    [FlagAlias("name")]
    public string NameFlag { get; set; } = "";
}

/// <summary>
/// tension model register --name NAME: a trained model becomes a registered version (ModelRegistered), ready to be
/// replayed and promoted. tension model train|eval go straight to the trainer's own command line (no host is built):
/// ModelTrainingCommandLine in TensionTracker.Training, which the `tension` CLI carries and the host does not.
/// </summary>
[Description("Models: train, eval, register", Name = "model")]
public class ModelCommand : JasperFxAsyncCommand<ModelInput>
{
    public override async Task<bool> Execute(ModelInput input)
    {
        // The CLI answers train and eval before any host is built; the host binary does not carry the trainer.
        if (input.Action is "train" or "eval") { Console.Error.WriteLine($"model {input.Action} runs in the tension CLI (ops/tension), not in the host"); return false; }
        if (input.Action != "register") { Console.Error.WriteLine($"unknown action '{input.Action}': use train, eval or register"); return false; }
        if (string.IsNullOrWhiteSpace(input.NameFlag)) { Console.Error.WriteLine("register needs --name NAME"); return false; }
        using var host = input.BuildHost();
        var result = await RegisterModel.Register(host.Services.GetRequiredService<IDocumentStore>(),
            host.Services.GetRequiredService<IOptions<PipelineOptions>>().Value, input.NameFlag, DateTimeOffset.UtcNow, CancellationToken.None);
        Console.WriteLine(result.Ok ? $"{result.Name}: {result.Outcome}" : $"{result.Name}: {result.Problem}");
        return result.Ok;
    }
}
