using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Options;
using TensionTracker.Articles;
using TensionTracker.Text.Extraction;
using TensionTracker.Text.Scoring;

namespace TensionTracker.Pipeline;

public sealed class PipelineOptions
{
    /// <summary>The seeds folder: gazetteer, lexicons, models. Found by walking up from the app when not set.</summary>
    public string? Seeds { get; set; }
    /// <summary>The model new installs start with: configured, else the name in the models folder's default.txt.</summary>
    public string DefaultModel
    {
        get => defaultModel ??= File.Exists(Path.Combine(ModelsPath, "default.txt"))
            ? File.ReadAllText(Path.Combine(ModelsPath, "default.txt")).Trim()
            : "tone-stance-v1";
        set => defaultModel = value;
    }
    string? defaultModel;
    public string[] ScoredLanguages { get; set; } = ["en"];

    /// <summary>
    /// How long the extraction of one article may take (TensionTracker:AnalysisBudgetSeconds). An article takes about half
    /// a millisecond; one that runs past this is stored as not scored, with the reason, rather than holding its batch.
    /// </summary>
    public double AnalysisBudgetSeconds { get; set; } = 2;

    /// <summary>The models folder (NAME.zip with NAME.card.json beside it); seeds/models when not set.</summary>
    public string? Models { get; set; }

    public string SeedsPath => Seeds ?? FindSeeds();
    public string ModelsPath => Models ?? Path.Combine(SeedsPath, "models");
    public string LexiconsPath => Path.Combine(SeedsPath, "lexicons");
    public string GazetteerPath => Path.Combine(SeedsPath, "gazetteer");

    static string FindSeeds()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (Directory.Exists(Path.Combine(dir.FullName, "seeds", "gazetteer"))) return Path.Combine(dir.FullName, "seeds");
        throw new DirectoryNotFoundException("no seeds/ folder found above the working directory; set TensionTracker__Seeds");
    }
}

/// <summary>
/// The text pipeline as the handlers use it: extraction (one extractor, thread-safe) and scoring with any
/// model by name (loaded once, then shared; ToneModel.Score is thread-safe). Work in progress stops when the host
/// does (<paramref name="lifetime"/>), so a long batch never holds up a shutdown.
/// </summary>
public sealed class TextPipeline(IOptions<PipelineOptions> options, IHostApplicationLifetime? lifetime = null)
{
    public static readonly ActivitySource Activity = new("TensionTracker.Pipeline");

    readonly PipelineOptions options = options.Value;
    // Loaded and run once before any article's budget starts: the gazetteer and the first compilation of the rules take
    // seconds on a busy machine, which no article should be charged for.
    // The gazetteer is shared with scoring, which finds where each statement names its targets.
    readonly Lazy<(Gazetteer Gazetteer, StatementExtractor Extractor)> extractor = new(() =>
    {
        var gazetteer = Gazetteer.Load(options.Value.GazetteerPath);
        var loaded = new StatementExtractor(gazetteer);
        loaded.Extract("Warm-up", "The foreign minister said on Monday that the talks with France went well.", DateTimeOffset.UnixEpoch);
        return (gazetteer, loaded);
    });
    readonly ConcurrentDictionary<string, Lazy<ToneModel>> models = new();

    readonly ConcurrentDictionary<string, Lazy<IStatementScorer>> scorers = new();

    public StatementExtractor Extractor => extractor.Value.Extractor;
    public string DefaultModel => options.DefaultModel;

    /// <summary>A statement as a model reads it: with where its target countries are named (ingest and replays alike).</summary>
    public ScoringInput Input(string text, string[] targets) => new(text, TargetMentions.Locate(extractor.Value.Gazetteer, text, targets));

    public ToneModel Model(string name) => models.GetOrAdd(name, n => new Lazy<ToneModel>(() =>
    {
        var path = Path.Combine(options.ModelsPath, n + ".zip");
        if (!File.Exists(path)) throw new FileNotFoundException($"model '{n}' not found: no {n}.zip in the models folder", path);
        return ToneModel.Load(path, options.LexiconsPath);
    })).Value;

    /// <summary>
    /// Any model by name: the fast model (<see cref="Model"/>) or a deep model (TensionTracker.Deep: new articles get it in
    /// its own lane, replays call it here). One instance per model in the process, shared.
    /// </summary>
    public IStatementScorer Scorer(string name) => scorers.GetOrAdd(name, n => new Lazy<IStatementScorer>(() =>
    {
        var path = Path.Combine(options.ModelsPath, n + ".zip");
        return TensionTracker.Deep.DeepModel.IsDeepModel(path) ? TensionTracker.Deep.DeepModel.Load(path, threads: 1) : Model(n);
    })).Value;

    /// <summary>
    /// Events for many article revisions at once, in the order given: extraction spread over the cores, then one
    /// scoring call per model for every statement of every article (the model scores in batches), then per article
    /// its StatementsExtracted and one StatementsScored per model (or ArticleNotScored with the reason: a language not
    /// scored, or an extraction past its budget). Throws OperationCanceledException when <paramref name="cancellation"/>
    /// fires or the host stops: nothing of the batch is then recorded, and its messages wait for the next run.
    /// </summary>
    public List<object>[] AnalyseMany(IReadOnlyList<ArticleToAnalyse> articles, IReadOnlyCollection<string> models, DateTimeOffset now,
        CancellationToken cancellation = default)
    {
        using var activity = Activity.StartActivity("analyse articles");
        activity?.SetTag("articles", articles.Count);
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(cancellation, lifetime?.ApplicationStopping ?? default);
        var budget = TimeSpan.FromSeconds(options.AnalysisBudgetSeconds);
        var extractor = Extractor;
        var extracted = new IReadOnlyList<ExtractedStatement>?[articles.Count];
        var tooSlow = new bool[articles.Count];
        try
        {
            Parallel.For(0, articles.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = stopping.Token }, i =>
            {
                var a = articles[i];
                if (!options.ScoredLanguages.Contains(a.Language)) return;
                using var deadline = CancellationTokenSource.CreateLinkedTokenSource(stopping.Token);
                deadline.CancelAfter(budget);
                try { extracted[i] = extractor.Extract(a.Title, a.Body, a.PublishedAt, deadline.Token); }
                catch (OperationCanceledException) when (!stopping.IsCancellationRequested) { tooSlow[i] = true; }
                catch (OperationCanceledException) { } // stopping: thrown below, once for the whole batch
            });
            stopping.Token.ThrowIfCancellationRequested();
        }
        catch (OperationCanceledException) when (lifetime?.ApplicationStopping.IsCancellationRequested == true)
        {
            throw new HostStoppingException();
        }

        // Each statement with where its target countries are named in it: a target-aware model reads it toward each.
        var inputs = new List<ScoringInput>();
        foreach (var statements in extracted)
            if (statements is not null)
                inputs.AddRange(statements.Select(s => Input(s.Text, s.Targets)));
        var scores = models.ToDictionary(m => m, m => inputs.Count == 0 ? Array.Empty<StatementScore>() : Model(m).Score(inputs));

        var result = new List<object>[articles.Count];
        var offset = 0;
        for (var i = 0; i < articles.Count; i++)
        {
            var a = articles[i];
            var statements = extracted[i];
            if (tooSlow[i])
            {
                result[i] = [new ArticleNotScored(a.ArticleId, a.Revision,
                    $"took longer than {budget.TotalSeconds:0.###} s to analyse (TensionTracker:AnalysisBudgetSeconds)", now)];
                continue;
            }
            if (statements is null)
            {
                result[i] = [new ArticleNotScored(a.ArticleId, a.Revision,
                    $"language '{a.Language}' is stored but not scored yet (scored: {string.Join(", ", options.ScoredLanguages)})", now)];
                continue;
            }
            var events = new List<object>(1 + models.Count)
            {
                new StatementsExtracted(a.ArticleId, a.Revision, StatementExtractor.Version,
                    statements.Select((s, k) => new StatementRecord(s.Start, s.Length, s.Section, s.Speaker, s.SpeakerRole, s.SpeakerCountry, s.Targets,
                        s.Direct, s.Narrated, TargetMentions.Encode(inputs[offset + k].Targets, s.Targets))).ToArray(),
                    now, a.PublishedAt),
            };
            foreach (var model in models)
                events.Add(new StatementsScored(a.ArticleId, a.Revision, StatementExtractor.Version, model,
                    scores[model].AsSpan(offset, statements.Count).ToArray(), now));
            offset += statements.Count;
            result[i] = events;
        }
        return result;
    }
}

/// <summary>
/// The host is stopping and the work was let go unfinished: not a failure of the message. The ingest handler leaves
/// such a batch in the durable inbox, to run again after the restart.
/// </summary>
public sealed class HostStoppingException() : OperationCanceledException("the host is stopping");

/// <summary>One revision of an article for the text pipeline.</summary>
public sealed record ArticleToAnalyse(Guid ArticleId, int Revision, string Title, string Body, DateTimeOffset PublishedAt, string Language);
