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
/// tension replay --model NAME (or --extractor): the same work as POST /api/replays, run in this process with a progress
/// bar: the replay's lanes side by side, each page through the same ReplayRunner.Run the bus handler calls, committed
/// here. A page another process (a host) commits first is not done twice: this process goes on from where the lane is.
/// Ctrl-C stops after the current pages and leaves the replay cancelled, to be resumed by running this again.
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

        // The model and the gazetteer loaded before the replay starts, not by its first pages while the other lane waits
        // (seconds of a short replay). A model missing from the folder is left to StartOrResume to report.
        var options = services.GetRequiredService<IOptions<PipelineOptions>>();
        var pipeline = services.GetRequiredService<TextPipeline>();
        if (kind == ReplayKind.Model && File.Exists(Path.Combine(options.Value.ModelsPath, name + ".zip"))) pipeline.Scorer(name);
        _ = pipeline.Extractor;

        var start = await StartReplay.StartOrResume(store, options,
            kind, name, input.BatchSizeFlag, "command line", clock.GetUtcNow(), CancellationToken.None);
        if (start.Problem is not null) { Console.Error.WriteLine(start.Problem); return false; }
        Console.WriteLine($"replay {start.Id} {(kind == ReplayKind.Extractor ? "re-extracting with" : "of")} {start.Model}{(start.Resumed ? " (resumed)" : "")}");

        var (end, interrupted) = await Terminal.WithProgress("replay", 0, async bar =>
        {
            var progress = new ReplayProgress(bar);
            if (start.Resumed)
            {
                await using var session = store.LightweightSession();
                var stream = await session.Events.FetchForExclusiveWriting<ReplayView>(start.Id);
                if (stream.Aggregate is { Status: ReplayStatus.Running, Batches: > 0 })
                {
                    stream.AppendOne(new ReplayResumed(start.Id, "command line", clock.GetUtcNow()));
                    await session.SaveChangesAsync();
                }
            }
            try
            {
                await Task.WhenAll(start.Pages.Select(page => RunLane(store, runner, page, progress, stop.Token)));
                await using var session = store.QuerySession();
                return (await session.LoadAsync<ReplayView>(start.Id), false);
            }
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

    /// <summary>
    /// One lane, page after page, each committed here. A page that was not the lane's next (another process did it)
    /// goes on from where the lane is now; the lane ends when it is done or the replay no longer runs.
    /// </summary>
    static async Task RunLane(IDocumentStore store, ReplayRunner runner, ReplayPage page, IProgress<ReplayView> progress, CancellationToken ct)
    {
        ReplayPage? next = page;
        for (var conflicts = 0; next is not null;)
        {
            ct.ThrowIfCancellationRequested();
            try
            {
                await using var session = store.LightweightSession();
                var ran = next;
                next = await runner.Run(ran, session, ct);
                await session.SaveChangesAsync(ct);
                conflicts = 0;
                await using var query = store.QuerySession();
                var view = await query.LoadAsync<ReplayView>(ran.ReplayId, ct);
                if (view is not null) progress.Report(view);
                // Not the lane's next page: carry on from the lane as it is, while the replay runs.
                if (next is null && view is { Status: ReplayStatus.Running } && !view.Lane(ran.Lane).Done)
                    next = ReplayRunner.Continue(view).FirstOrDefault(p => p.Lane == ran.Lane);
            }
            catch (Exception e) when (ReplayRunner.IsConflict(e) && ++conflicts < 50) { }   // run the page again
        }
    }

    /// <summary>The replay on a progress bar: articles visited of all, statements scored, statements per second.</summary>
    sealed class ReplayProgress(Terminal.Bar bar) : IProgress<ReplayView>
    {
        readonly System.Diagnostics.Stopwatch watch = System.Diagnostics.Stopwatch.StartNew();
        long firstStatements = -1;
        readonly Lock gate = new();

        public void Report(ReplayView r)
        {
            lock (gate)
            {
                if (firstStatements < 0) firstStatements = r.StatementsScored;
                var rate = (r.StatementsScored - firstStatements) / Math.Max(0.001, watch.Elapsed.TotalSeconds);
                var done = r.Status == ReplayStatus.Completed ? r.ArticlesTotal : Math.Min(r.ArticlesDone, r.ArticlesTotal);
                bar.Set(done, r.ArticlesTotal, $"replay, {r.Phase}: {r.ArticlesDone:N0}/{r.ArticlesTotal:N0} articles, {r.StatementsScored:N0} statements, {rate:N0}/s");
            }
        }
    }
}
