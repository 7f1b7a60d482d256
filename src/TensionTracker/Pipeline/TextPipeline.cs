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
    public string DefaultModel { get; set; } = "tone-stance-v2";
    public string[] ScoredLanguages { get; set; } = ["en"];

    public string SeedsPath => Seeds ?? FindSeeds();
    public string ModelsPath => Path.Combine(SeedsPath, "models");
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
/// model by name (loaded once, then shared; ToneModel.Score is thread-safe).
/// </summary>
public sealed class TextPipeline(IOptions<PipelineOptions> options)
{
    public static readonly ActivitySource Activity = new("TensionTracker.Pipeline");

    readonly PipelineOptions options = options.Value;
    readonly Lazy<StatementExtractor> extractor = new(() => new StatementExtractor(Gazetteer.Load(options.Value.GazetteerPath)));
    readonly ConcurrentDictionary<string, Lazy<ToneModel>> models = new();

    public StatementExtractor Extractor => extractor.Value;
    public string DefaultModel => options.DefaultModel;

    public ToneModel Model(string name) => models.GetOrAdd(name, n => new Lazy<ToneModel>(() =>
    {
        var path = Path.Combine(options.ModelsPath, n + ".zip");
        if (!File.Exists(path)) throw new FileNotFoundException($"model '{n}' not found: no {n}.zip in the models folder", path);
        return ToneModel.Load(path, options.LexiconsPath);
    })).Value;

    /// <summary>Events for one revision of an article: its statements, then one score event per model.</summary>
    public IEnumerable<object> Analyse(Guid articleId, int revision, string title, string body, DateTimeOffset publishedAt,
        string language, IReadOnlyCollection<string> models, DateTimeOffset now)
    {
        using var activity = Activity.StartActivity("analyse article");
        activity?.SetTag("article.id", articleId);
        if (!options.ScoredLanguages.Contains(language))
        {
            yield return new ArticleNotScored(articleId, revision, $"language '{language}' is stored but not scored yet (scored: {string.Join(", ", options.ScoredLanguages)})", now);
            yield break;
        }
        var statements = Extractor.Extract(title, body, publishedAt);
        yield return new StatementsExtracted(articleId, revision, StatementExtractor.Version,
            statements.Select(s => new StatementRecord(s.Start, s.Length, s.Section, s.Speaker, s.SpeakerRole, s.SpeakerCountry, s.Targets, s.Direct)).ToArray(),
            now);
        var texts = statements.Select(s => s.Text).ToArray();
        foreach (var model in models)
            yield return new StatementsScored(articleId, revision, StatementExtractor.Version, model, Model(model).Score(texts), now);
    }
}
