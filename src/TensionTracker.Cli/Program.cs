using TensionTracker.Bench;
using TensionTracker.Extraction;
using TensionTracker.Hosting;
using TensionTracker.Models;

namespace TensionTracker.Cli;

/// <summary>
/// The `tension` command line (ops/tension): the host's application and commands, plus training, evaluation and the bench.
/// A class of its own rather than top-level statements, whose Program would clash with the host's in the tests.
/// </summary>
static class Tension
{
    static Task<int> Main(string[] args) => TensionTrackerApp.Run(args, new CommandLineAdditions(
        [typeof(BenchCommand).Assembly, typeof(ExtractionEvalCommand).Assembly],
        ModelTrainingCommandLine.TrainOrEval,
        ModelTrainingCommandLine.WriteUsage));
}
