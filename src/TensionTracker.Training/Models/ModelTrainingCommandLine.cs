using TensionTracker.Cli;
using TensionTracker.Text.Scoring;

namespace TensionTracker.Models;

/// <summary>
/// `tension model train ...` and `tension model eval ...`: the trainer's own command line (<see cref="ToneModelCommandLine"/>),
/// run without a host. `tension model register` is the host's (ModelCommand).
/// </summary>
public static class ModelTrainingCommandLine
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
        // The deep model (--kind deep) has a trainer of its own.
        if (TensionTracker.Deep.DeepModelCommandLine.IsDeep(rest)) return TensionTracker.Deep.DeepModelCommandLine.Run(rest, Terminal.Out);
        return Terminal.WithProgress($"model {args[1]}", 1, bar => ToneModelCommandLine.Run(rest, Terminal.Out, bar.Steps($"model {args[1]}")));
    }

    /// <summary>`tension help model`: the trainer's arguments after the command's own.</summary>
    public static void WriteUsage(string command, TextWriter to)
    {
        if (command == "model") ToneModelCommandLine.WriteUsage(to);
    }
}
