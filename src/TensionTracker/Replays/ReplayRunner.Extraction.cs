using TensionTracker.Articles;
using TensionTracker.Pipeline;
using TensionTracker.Text.Extraction;
using TensionTracker.Text.Scoring;

namespace TensionTracker.Replays;

/// <summary>
/// The replay of kind "extractor": history analysed again by this build's extractor. Each article still counted
/// under an older extractor gets ArticleReextracted (its old statements stop counting), the new StatementsExtracted
/// (a copy's link to its original again), and one StatementsScored from every model that scored the old statements and every model in use, in one
/// transaction per page, appended only onto the stream version it read.
/// </summary>
public sealed partial class ReplayRunner
{
    /// <summary>The page extracted across the cores, then one scoring call per model over the statements of the articles it scored before.</summary>
    List<ArticleAppend> Reextract(List<ArticleVersion> versions, Dictionary<Guid, ArticleText> texts, string extractorVersion,
        IReadOnlyCollection<string> inUse, CancellationToken ct)
    {
        if (extractorVersion != StatementExtractor.Version)
            throw new InvalidOperationException($"this build runs {StatementExtractor.Version}; the replay re-extracts with {extractorVersion}: run it with that build");
        var batch = versions.Where(v => texts.ContainsKey(v.Id)).Select(v => (Version: v, Article: texts[v.Id])).ToList();
        if (batch.Count == 0) return [];
        var analysed = pipeline.AnalyseMany(
            batch.Select(a => new ArticleToAnalyse(a.Version.Id, a.Version.Revision, a.Article.Title, a.Article.Body, a.Article.PublishedAt, a.Article.Language)).ToList(),
            [], default, ct);
        var extracted = analysed.Select(events => events.OfType<StatementsExtracted>().FirstOrDefault()).ToArray();

        var appends = new List<ArticleAppend>(batch.Count);
        var models = new List<string>[batch.Count];
        for (var i = 0; i < batch.Count; i++)
        {
            if (extracted[i] is not { } statements) continue;   // a language no longer scored, or past the budget: left as it was
            var (v, a) = batch[i];
            models[i] = v.ScoredBy.Union(inUse).Distinct().Order(StringComparer.Ordinal).ToList();
            List<object> events = [new ArticleReextracted(v.Id, v.Revision, extractorVersion, v.ExtractorVersion ?? "", default), statements];
            // A copy stays linked to its original, said again for the new statements (as a revision of a copy does).
            if (v.CopyOf is { } original) events.Add(new ArticleLinkedAsCopy(v.Id, original, v.CopySimilarity ?? 0, default));
            appends.Add(new ArticleAppend(v.Id, v.Version, events));
        }
        var byArticle = appends.ToDictionary(a => a.ArticleId);
        foreach (var model in models.Where(m => m is not null).SelectMany(m => m).Distinct())
        {
            var scored = Enumerable.Range(0, batch.Count).Where(i => models[i]?.Contains(model) == true).ToList();
            var statementTexts = scored.SelectMany(i =>
            {
                var text = ArticleDocument.Text(batch[i].Article.Title, batch[i].Article.Body);
                return extracted[i]!.Statements.Select(s => s.Mentions is { } mentions
                    ? new ScoringInput(text.Substring(s.Start, s.Length), TargetMentions.Decode(mentions, s.Targets))
                    : pipeline.Input(text.Substring(s.Start, s.Length), s.Targets));
            }).ToList();
            var scores = statementTexts.Count == 0 ? [] : pipeline.Scorer(model).Score(statementTexts);
            var offset = 0;
            foreach (var i in scored)
            {
                var count = extracted[i]!.Statements.Length;
                var v = batch[i].Version;
                byArticle[v.Id].Events.Add(new StatementsScored(v.Id, v.Revision, extractorVersion, model, scores.AsSpan(offset, count).ToArray(), default));
                offset += count;
            }
        }
        return appends;
    }
}
