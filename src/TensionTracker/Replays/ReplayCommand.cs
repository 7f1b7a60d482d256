using JasperFx.CommandLine;
using Marten;
using Microsoft.Extensions.Options;
using TensionTracker.Pipeline;
using TensionTracker.Text.Extraction;

namespace TensionTracker.Replays;

public class ReplayInput : NetCoreInput
{
    [Description("The registered model to re-score history with")]
    [FlagAlias("model")]
    public string ModelFlag { get; set; } = "";

    [Description("Re-extract history with this build's extractor instead, and score the new statements with every model that scored the old ones")]
    [FlagAlias("extractor")]
    public bool ExtractorFlag { get; set; }

    [Description("Articles per batch (one transaction each); default 1000")]
    [FlagAlias("batch-size")]
    public int? BatchSizeFlag { get; set; }
}

/// <summary>
/// tension replay --model NAME (or --extractor): the same work as POST /api/replays, run in this process with a progress bar.
/// If another process (the host) is already running the model's replay, it follows that one's progress instead.
/// Ctrl-C stops after the current batch and leaves the replay cancelled, to be resumed by running this again.
/// </summary>
[Description("Re-score every stored statement with a model, or re-extract history with this build's extractor (resumable)", Name = "replay")]
public class ReplayCommand : JasperFxAsyncCommand<ReplayInput>
{
    public override async Task<bool> Execute(ReplayInput input)
    {
        if (string.IsNullOrWhiteSpace(input.ModelFlag) == !input.ExtractorFlag)
        {
            Console.Error.WriteLine($"give either --model NAME (re-score with it) or --extractor (re-extract with {StatementExtractor.Version})");
            return false;
        }
        var (kind, name) = input.ExtractorFlag ? (ReplayKind.Extractor, StatementExtractor.Version) : (ReplayKind.Model, input.ModelFlag);
        using var host = input.BuildHost();
        var services = host.Services;
        var store = services.GetRequiredService<IDocumentStore>();
        var runner = services.GetRequiredService<ReplayRunner>();
        var clock = services.GetRequiredService<TimeProvider>();
        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };

        // The lock first, so no host scan takes the replay between its start and our run.
        await using var held = await runner.TryLock(kind, name, CancellationToken.None);
        var start = await StartReplay.StartOrResume(store, runner, services.GetRequiredService<IOptions<PipelineOptions>>(),
            kind, name, input.BatchSizeFlag, "command line", clock.GetUtcNow(), CancellationToken.None);
        if (start.Problem is not null) { Console.Error.WriteLine(start.Problem); return false; }
        Console.WriteLine($"replay {start.Id} {(kind == ReplayKind.Extractor ? "re-extracting with" : "of")} {start.Model}{(start.Resumed ? " (resumed)" : "")}");

        var bar = new ProgressBar();
        ReplayView? end;
        if (held is not null)
        {
            if (start.Resumed)
            {
                await using var session = store.LightweightSession();
                var view = await session.LoadAsync<ReplayView>(start.Id);
                if (view is { Status: ReplayStatus.Running, Batches: > 0 })
                {
                    session.Events.Append(start.Id, new ReplayResumed(start.Id, "command line", clock.GetUtcNow()));
                    await session.SaveChangesAsync();
                }
            }
            try { end = await runner.Run(start.Id, bar, stop.Token); }
            catch (OperationCanceledException)
            {
                await CancelReplay.Cancel(start.Id, "interrupted on the command line", store, clock.GetUtcNow(), CancellationToken.None);
                Console.WriteLine();
                Console.Error.WriteLine($"interrupted: replay {start.Id} is cancelled; run the same command to resume it");
                return false;
            }
        }
        else
        {
            Console.WriteLine("another process is running this model's replay: following its progress");
            end = await Follow(store, start.Id, bar, stop.Token);
        }
        bar.Report(end!);
        Console.WriteLine();
        Console.WriteLine($"{end!.Status}: {end.ArticlesDone} articles visited, {end.ArticlesScored} scored, {end.StatementsScored} statements, {end.SweptArticles} revisited by the sweep; peak memory {Environment.WorkingSet / 1048576:0} MB now, {System.Diagnostics.Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0:0} MB at most");
        return end.Status == ReplayStatus.Completed;
    }

    static async Task<ReplayView?> Follow(IDocumentStore store, Guid id, IProgress<ReplayView> progress, CancellationToken ct)
    {
        while (true)
        {
            await using var session = store.QuerySession();
            var view = await session.LoadAsync<ReplayView>(id, ct);
            if (view is null || view.Status != ReplayStatus.Running) return view;
            progress.Report(view);
            await Task.Delay(500, ct);
        }
    }

    /// <summary>One line, redrawn in place: [#####.....] 52 %  1,234/2,345 articles  45,678 statements  31,000 statements/s</summary>
    sealed class ProgressBar : IProgress<ReplayView>
    {
        readonly System.Diagnostics.Stopwatch watch = System.Diagnostics.Stopwatch.StartNew();
        long firstStatements = -1;

        public void Report(ReplayView r)
        {
            if (firstStatements < 0) firstStatements = r.StatementsScored;
            var share = r.Status == ReplayStatus.Completed ? 1.0 : r.ArticlesTotal == 0 ? 0 : Math.Min(1.0, (double)r.ArticlesDone / r.ArticlesTotal);
            var filled = (int)Math.Round(share * 30);
            var rate = (r.StatementsScored - firstStatements) / Math.Max(0.001, watch.Elapsed.TotalSeconds);
            var line = $"[{new string('#', filled)}{new string('.', 30 - filled)}] {share,4:P0}  {r.ArticlesDone:N0}/{r.ArticlesTotal:N0} articles  {r.StatementsScored:N0} statements  {rate:N0} statements/s  {r.Phase}";
            if (Console.IsOutputRedirected) Console.WriteLine(line);
            else Console.Write("\r" + line.PadRight(Console.WindowWidth > 1 ? Console.WindowWidth - 1 : line.Length));
        }
    }
}
