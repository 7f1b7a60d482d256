using Marten;
using TensionTracker.Articles;
using TensionTracker.Pipeline;
using TensionTracker.Text.Extraction;
using TensionTracker.Text.Scoring;
using Wolverine.ErrorHandling;
using Wolverine.Runtime.Handlers;

namespace TensionTracker.DeepLane;

/// <summary>The deep lane's message: score this revision's statements with every deep model in use (<see cref="ModelCatalog.LaneModels(Marten.IQuerySession, CancellationToken)"/>).</summary>
public sealed record ScoreWithDeepModel(Guid ArticleId, int Revision, DateTimeOffset QueuedAt);

/// <summary>
/// The lane's handler, a batch at a time: the articles' current views in one read, every statement of the batch
/// through the encoder once per deep model, one StatementsScored per article and model, one transaction. A revision
/// replaced or retracted meanwhile is skipped (the newer revision has its own message). Waits while the lane is stopped.
/// </summary>
public static class ScoreWithDeepModelHandler
{
    /// <summary>A batch let go because the host stops (a stopped lane waits until then) stays in the durable inbox for the next run.</summary>
    public static void Configure(HandlerChain chain) =>
        chain.OnException<HostStoppingException>().CustomAction((_, _, _) => ValueTask.CompletedTask, "left in the durable inbox for the next run");

    public static async Task Handle(ScoreWithDeepModel[] messages, IDocumentSession session, DeepLaneService lane, ModelCatalog catalog,
        TextPipeline pipeline, TimeProvider clock, IHostApplicationLifetime lifetime, CancellationToken ct)
    {
        using (var stopping = CancellationTokenSource.CreateLinkedTokenSource(ct, lifetime.ApplicationStopping))
        {
            try { await lane.WhenRunning(stopping.Token); }
            catch (OperationCanceledException) { throw new HostStoppingException(); }
        }
        var models = await catalog.LaneModels(session, ct);
        if (models.Count == 0) return;

        var ids = messages.Select(m => m.ArticleId).Distinct().ToArray();
        var views = (await session.LoadManyAsync<ArticleView>(ct, ids)).ToDictionary(v => v.Id);
        var work = messages
            .Where(m => views.TryGetValue(m.ArticleId, out var v) && v.Revision == m.Revision && v.RetractedAt is null
                && v.Statements.Count > 0 && v.ExtractorVersion is not null)
            .DistinctBy(m => (m.ArticleId, m.Revision))
            .Select(m => views[m.ArticleId])
            .ToList();
        if (work.Count == 0) return;

        var inputs = new List<ScoringInput>();
        foreach (var view in work)
        {
            var text = ArticleDocument.Text(view.Title, view.Body);
            foreach (var s in view.Statements)
            {
                var statement = text[s.Start..s.End];
                inputs.Add(new ScoringInput(statement, TargetMentions.Find(lane.Gazetteer, statement, s.Targets)));
            }
        }

        var now = clock.GetUtcNow();
        foreach (var model in models)
        {
            var scorer = pipeline.Scorer(model);
            var scores = await lane.Worker.Run(() => scorer.Score(inputs));
            var offset = 0;
            foreach (var view in work)
            {
                var count = view.Statements.Count;
                session.Events.Append(view.Id, new StatementsScored(view.Id, view.Revision, view.ExtractorVersion!, model,
                    scores.AsSpan(offset, count).ToArray(), now));
                offset += count;
            }
        }
    }
}

/// <summary>Where a statement names each of its target countries (the gazetteer's names, demonyms, capitals and institutions).</summary>
public static class TargetMentions
{
    public static TargetMention[] Find(Gazetteer gazetteer, string statement, IReadOnlyCollection<string> targets)
    {
        if (targets.Count == 0) return [];
        var tokens = Tokens.Tokenize(statement);
        var found = new List<TargetMention>();
        foreach (var m in gazetteer.FindAll(statement, tokens, 0, tokens.Count))
            foreach (var country in m.Entries.Select(e => e.Country).Distinct())
                if (country is not null && targets.Contains(country) && !found.Exists(f => f.Target == country))
                    found.Add(new TargetMention(country, m.Start, m.End - m.Start));
        return found.ToArray();
    }
}
