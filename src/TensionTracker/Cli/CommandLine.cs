using System.Reflection;
using JasperFx;
using JasperFx.CommandLine;
using JasperFx.CommandLine.Commands;
using JasperFx.Core.TypeScanning;
using Spectre.Console;

namespace TensionTracker.Cli;

/// <summary>
/// The front of the command line: <c>tension --help</c>, <c>tension help CMD</c> and <c>tension CMD --help</c>, with our
/// commands first by activity and the libraries' maintenance commands after, answered before any host is built.
/// Every other command line goes to JasperFx (<c>RunJasperFxCommands</c> in Hosting/TensionTrackerApp).
/// </summary>
public static class CommandLine
{
    /// <summary>
    /// Our commands by activity, in the order help lists them. A command is listed under the first group naming it,
    /// once it exists; any other command is a library's (Marten, Wolverine, JasperFx) and is listed after ours.
    /// </summary>
    public static readonly (string Group, string[] Commands)[] Groups =
    [
        ("Publish", ["publish"]),
        ("Feeds", ["feed"]),
        ("Models", ["model", "extraction"]),
        ("Replay", ["replay"]),
        ("Read", []), // none yet: the API and the dashboard read the index
        ("Bench", ["bench", "corpus"]),
        ("Operations", ["run", "db-apply", "projections", "resources", "check-env"]),
    ];

    /// <summary>Our words for the libraries' commands that operating TensionTracker needs.</summary>
    static readonly Dictionary<string, string> OperationsDescriptions = new()
    {
        ["run"] = "Serve the API and the dashboard (what no command does)",
        ["db-apply"] = "Create or update the database schema now (the host also does it when it starts)",
        ["projections"] = "Rebuild the read models from the events (projections rebuild)",
    };

    const string Name = "tension";

    static readonly string[] HelpFlags = ["--help", "-h", "-?"];

    /// <summary>The exit code of a help request or of an unknown command; null when the arguments are a command to run.</summary>
    public static int? Help(string[] args, CommandLineAdditions more)
    {
        if (args is [] || (args[0].StartsWith('-') && !HelpFlags.Contains(args[0]))) return null; // the host itself
        var asked = args switch
        {
            ["help" or "?" or "--help" or "-h" or "-?"] => "",
            ["help" or "?" or "--help" or "-h" or "-?", var command, ..] => command,
            [var command, ..] when args.Skip(1).Any(HelpFlags.Contains) => command,
            _ => null,
        };
        // Our own commands are found without loading every assembly beside the binary.
        if (asked is null && Knows(Commands(more, libraries: false), args[0])) return null;
        var commands = Commands(more, libraries: true);
        if (asked is null)
        {
            if (Knows(commands, args[0])) return null;
            Console.Error.WriteLine($"{Name}: '{args[0]}' is not a command.");
            WriteCommandList(commands, Console.Error);
            return 2;
        }
        if (asked == "")
        {
            WriteCommandList(commands, Console.Out);
            return 0;
        }
        if (!Knows(commands, asked))
        {
            Console.Error.WriteLine($"{Name}: '{asked}' is not a command.");
            WriteCommandList(commands, Console.Error);
            return 2;
        }
        // JasperFx draws the usage with Spectre.Console, which TensionTrackerApp points at stderr: help is what was asked for, so stdout.
        var stderr = AnsiConsole.Console;
        AnsiConsole.Console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Out) });
        try { commands.Build(asked).Usages.WriteUsages(Name); }
        finally { AnsiConsole.Console = stderr; }
        more.MoreUsage(asked.ToLowerInvariant(), Console.Out);
        return 0;
    }

    /// <summary>
    /// JasperFx announces every assembly it scans for commands ("Searching '...' for commands") until its extensions
    /// have been applied once in the process; applying none marks them applied, so our commands start quietly.
    /// </summary>
    public static void QuietAssemblyScan() => new CommandFactory().ApplyExtensions(new ServiceCollection());

    /// <summary>
    /// Our commands, and with <paramref name="libraries"/> every command as JasperFx finds them (its own, those of the
    /// assemblies marked [JasperFxAssembly] beside the binary), without its announcements.
    /// </summary>
    static CommandFactory Commands(CommandLineAdditions more, bool libraries)
    {
        var factory = new CommandFactory();
        factory.RegisterCommands(typeof(CommandLine).Assembly);
        foreach (var assembly in more.Assemblies) factory.RegisterCommands(assembly);
        if (!libraries) return factory;
        factory.RegisterCommands(typeof(RunCommand).Assembly);
        foreach (var assembly in AssemblyFinder.FindAssemblies(a => !a.IsDynamic && a.GetCustomAttribute<JasperFxAssemblyAttribute>() is not null))
            factory.RegisterCommands(assembly);
        return factory;
    }

    static bool Knows(CommandFactory commands, string name) =>
        commands.AllCommandTypes().Any(t => CommandFactory.CommandNameFor(t) == name.ToLowerInvariant());

    static void WriteCommandList(CommandFactory commands, TextWriter to)
    {
        var all = commands.AllCommandTypes().ToDictionary(CommandFactory.CommandNameFor, CommandFactory.DescriptionFor);
        all.Remove("help");
        foreach (var (name, description) in OperationsDescriptions) if (all.ContainsKey(name)) all[name] = description;
        var width = all.Keys.Max(k => k.Length) + 3;
        to.WriteLine("TensionTracker: diplomatic tension between countries, scored from news articles.");
        to.WriteLine();
        to.WriteLine($"Usage: {Name} COMMAND [ARGUMENTS]      ({Name} help COMMAND or {Name} COMMAND --help: its arguments)");
        to.WriteLine($"       {Name} [--urls URL] [--verbose]   (no command: serve the API and the dashboard)");
        var ours = new HashSet<string>();
        foreach (var (group, names) in Groups)
        {
            var present = names.Where(all.ContainsKey).Where(ours.Add).ToList();
            if (present.Count == 0) continue;
            to.WriteLine();
            to.WriteLine(group);
            foreach (var name in present) to.WriteLine($"  {name.PadRight(width)}{all[name]}");
        }
        to.WriteLine();
        to.WriteLine("Maintenance (Marten, Wolverine, JasperFx)");
        foreach (var (name, description) in all.Where(c => !ours.Contains(c.Key)).OrderBy(c => c.Key, StringComparer.Ordinal))
            to.WriteLine($"  {name.PadRight(width)}{description}");
        to.WriteLine();
        to.WriteLine("Exit codes: 0 done; 1 failed or rejected something (the reasons are printed); 2 not a command, or a usage error.");
    }
}
