using System.Reflection;

namespace TensionTracker.Cli;

/// <summary>
/// What the `tension` CLI adds to the host's command line: the assemblies of more commands (each marked
/// [assembly: JasperFxAssembly], so JasperFx runs them too), a command line answered without a host
/// (model train|eval), and more help for a command (the trainer's own arguments under `model`).
/// </summary>
public sealed record CommandLineAdditions(Assembly[] Assemblies, Func<string[], int?> WithoutHost, Action<string, TextWriter> MoreUsage)
{
    public static readonly CommandLineAdditions None = new([], _ => null, (_, _) => { });
}
