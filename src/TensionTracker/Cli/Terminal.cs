using System.Text;
using Spectre.Console;
using TensionTracker.Text.Scoring;

namespace TensionTracker.Cli;

/// <summary>
/// Progress bars for the long commands (publish, replay, model train and eval), drawn with Spectre.Console on stderr
/// and only when stderr is a terminal: stdout keeps its machine-readable lines. While a bar is drawn, lines for a
/// stdout that is that same terminal go through the bar's console, which keeps them above the bar.
/// </summary>
public static class Terminal
{
    static volatile bool drawing;

    public static bool DrawsProgress => !Console.IsErrorRedirected;

    /// <summary>Runs the work with a bar of <paramref name="total"/> steps (or a bar that draws nothing).</summary>
    public static async Task<T> WithProgress<T>(string description, double total, Func<Bar, Task<T>> work)
    {
        if (!DrawsProgress) return await work(new Bar(null));
        return await AnsiConsole.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(),
                new ElapsedTimeColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                drawing = true;
                try { return await work(new Bar(context.AddTask(Markup.Escape(description), maxValue: Math.Max(total, 1)))); }
                finally { drawing = false; }
            });
    }

    /// <summary>Synchronous work (training, evaluation) with a bar.</summary>
    public static T WithProgress<T>(string description, double total, Func<Bar, T> work) =>
        WithProgress(description, total, bar => Task.FromResult(work(bar))).GetAwaiter().GetResult();

    /// <summary>One line of output on stdout.</summary>
    public static void WriteLine(string line)
    {
        if (drawing && !Console.IsOutputRedirected) AnsiConsole.Console.WriteLine(line);
        else Console.Out.WriteLine(line);
    }

    /// <summary>stdout as a TextWriter, for code that writes its lines to one (see <see cref="WriteLine"/>).</summary>
    public static TextWriter Out { get; } = new LineWriter();

    /// <summary>A progress bar: its value, maximum and description (null: nothing is drawn).</summary>
    public sealed class Bar(ProgressTask? task)
    {
        public void Advance(double by = 1) => task?.Increment(by);

        public void Set(double value, double? total = null, string? description = null)
        {
            if (task is null) return;
            if (total is { } t) task.MaxValue = Math.Max(t, 1);
            task.Value = value;
            if (description is not null) task.Description = Markup.Escape(description);
        }

        /// <summary>The bar as the steps of a command (model train, model eval): "model train: featurize (3/7)".</summary>
        public IProgress<CommandStep> Steps(string command) => new StepReporter(this, command);

        sealed class StepReporter(Bar bar, string command) : IProgress<CommandStep>
        {
            public void Report(CommandStep step) => bar.Set(step.Number - 1, step.Count, $"{command}: {step.Name} ({step.Number}/{step.Count})");
        }
    }

    sealed class LineWriter : TextWriter
    {
        readonly StringBuilder line = new();
        public override Encoding Encoding => Encoding.UTF8;

        public override void Write(char value)
        {
            if (value == '\n')
            {
                Terminal.WriteLine(line.ToString().TrimEnd('\r'));
                line.Clear();
            }
            else line.Append(value);
        }

        public override void WriteLine(string? value)
        {
            line.Append(value);
            Terminal.WriteLine(line.ToString());
            line.Clear();
        }
    }
}
