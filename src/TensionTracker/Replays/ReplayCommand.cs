using JasperFx.CommandLine;
using Marten;
using Microsoft.Extensions.Options;
using TensionTracker.Cli;
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

        var (end, interrupted) = await Terminal.WithProgress("replay", 0, async bar =>
        {
            var progress = new ReplayProgress(bar);
            if (held is null)
            {
                Terminal.WriteLine("another process is running this model's replay: following its progress");
                return (await Follow(store, start.Id, progress, stop.Token), false);
            }
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
            try { return (await runner.Run(start.Id, progress, stop.Token), false); }
            catch (OperationCanceledException)
            {
                await CancelReplay.Cancel(start.Id, "interrupted on the command line", store, clock.GetUtcNow(), CancellationToken.None);
                return ((ReplayView?)null, true);
            }
        });
        if (interrupted)
        {
            Console.Error.WriteLine($"interrupted: replay {start.Id} is cancelled; run the same command to resume it");
            return false;
        }
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

    /// <summary>The replay on a progress bar: articles visited of all, statements scored, statements per second.</summary>
    sealed class ReplayProgress(Terminal.Bar bar) : IProgress<ReplayView>
    {
        readonly System.Diagnostics.Stopwatch watch = System.Diagnostics.Stopwatch.StartNew();
        long firstStatements = -1;

        public void Report(ReplayView r)
        {
            if (firstStatements < 0) firstStatements = r.StatementsScored;
            var rate = (r.StatementsScored - firstStatements) / Math.Max(0.001, watch.Elapsed.TotalSeconds);
            var done = r.Status == ReplayStatus.Completed ? r.ArticlesTotal : Math.Min(r.ArticlesDone, r.ArticlesTotal);
            bar.Set(done, r.ArticlesTotal, $"replay, {r.Phase}: {r.ArticlesDone:N0}/{r.ArticlesTotal:N0} articles, {r.StatementsScored:N0} statements, {rate:N0}/s");
        }
    }
}
