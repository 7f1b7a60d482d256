using JasperFx.CommandLine;
using Marten;
using Microsoft.Extensions.Options;
using TensionTracker.Pipeline;

namespace TensionTracker.Models;

public class ModelInput : NetCoreInput
{
    [Description("register: record NAME.zip from the models folder (with NAME.card.json's metrics) as a model version")]
    public string Action { get; set; } = "";

    [Description("The model's name: its file is NAME.zip in the models folder")]
    [FlagAlias("name")]
    public string NameFlag { get; set; } = "";
}

/// <summary>tension model register --name NAME: a trained model becomes a registered, versioned artifact.</summary>
[Description("Model versions: register", Name = "model")]
public class ModelCommand : JasperFxAsyncCommand<ModelInput>
{
    public override async Task<bool> Execute(ModelInput input)
    {
        if (input.Action != "register") { Console.Error.WriteLine($"unknown action '{input.Action}': use register"); return false; }
        if (string.IsNullOrWhiteSpace(input.NameFlag)) { Console.Error.WriteLine("--name NAME is required"); return false; }
        using var host = input.BuildHost();
        var result = await RegisterModel.Register(host.Services.GetRequiredService<IDocumentStore>(),
            host.Services.GetRequiredService<IOptions<PipelineOptions>>().Value, input.NameFlag, DateTimeOffset.UtcNow, CancellationToken.None);
        Console.WriteLine(result.Ok ? $"{result.Name}: {result.Outcome}" : $"{result.Name}: {result.Problem}");
        return result.Ok;
    }
}
