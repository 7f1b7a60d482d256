using TensionTracker.Articles;
using TensionTracker.Hosting;
using TensionTracker.Pipeline;
using TensionTracker.Text.Extraction;
using TensionTracker.Text.Scoring;

namespace TensionTracker.Replays;

/// <summary>
/// The replay of kind "extractor": history analysed again by this build's extractor. Each article still counted
/// under an older extractor gets ArticleReextracted (its old statements stop counting), the new StatementsExtracted
/// (a copy's link to its original again), and one StatementsScored from every model that scored the old statements and every model in use, in one
/// transaction per batch, appended only onto the stream version it read.
/// </summary>
public sealed partial class ReplayRunner
{
    sealed record ToReextract(Guid Id, long Version, int Revision, string PreviousExtractor, string Title, string Body,
        DateTimeOffset PublishedAt, string Language, string[] Models, Guid? CopyOf, double CopySimilarity);

    /// <summary>
    /// The next page after the cursor. Eligible: a scored (or copy), unretracted article whose current extraction is
    /// not by <paramref name="replay"/>'s extractor.
    /// </summary>
    async Task<(List<ToReextract> Batch, Guid? Last, int Visited)> LoadForExtraction(string phase, Guid? after, ReplayView replay, CancellationToken ct)
    {
        var source = phase == ReplayPhase.History
            ? $"select a.id, a.data from {names.ArticleTable} a where ($1::uuid is null or a.id > $1) order by a.id limit $2"
            : $"""
              select a.id, a.data
              from (select stream_id from {Storage.Schema}.mt_events
                    where seq_id > $4 and type = 'statements_extracted' and ($1::uuid is null or stream_id > $1)
                    group by stream_id order by stream_id limit $2) e
              join {names.ArticleTable} a on a.id = e.stream_id
              """;
        var sql = $"""
            with page as materialized (
                select a.id, d.* from ({source}) a
                cross join lateral jsonb_to_record(a.data) as d(status text, "retractedAt" text, revision int, "extractorVersion" text,
                    title text, body text, "publishedAt" timestamptz, language text, "copyOf" uuid, "copySimilarity" float8)
            ), checked as materialized (
                select p.*, coalesce(p.status in ('scored', 'copy') and p."retractedAt" is null and p."extractorVersion" is distinct from $3, false) as eligible
                from page p
            )
            select c.id, c.eligible, c.revision, coalesce(c."extractorVersion", ''),
                   case when c.eligible then c.title end, case when c.eligible then c.body end, c."publishedAt", c.language,
                   case when c.eligible then (select st.version from {Storage.Schema}.mt_streams st where st.id = c.id) end,
                   case when c.eligible then (select coalesce(array_agg(distinct s.data->>'model'), array[]::text[]) from {Storage.Schema}.mt_events s
                                              where s.stream_id = c.id and s.type = 'statements_scored'
                                                and (s.data->>'revision')::int = c.revision
                                                and coalesce(s.data->>'extractorVersion', '') = coalesce(c."extractorVersion", '')) end,
                   c."copyOf", c."copySimilarity"
            from checked c order by c.id
            """;
        return await ReadPage(sql, phase, after, replay, reader => new ToReextract(reader.GetGuid(0), reader.GetInt64(8), reader.GetInt32(2),
            reader.GetString(3), reader.GetString(4), reader.GetString(5), reader.GetFieldValue<DateTimeOffset>(6), reader.GetString(7),
            reader.GetFieldValue<string[]>(9), reader.IsDBNull(10) ? null : reader.GetGuid(10), reader.IsDBNull(11) ? 0 : reader.GetDouble(11)), ct);
    }

    /// <summary>The batch extracted across the cores, then one scoring call per model over the statements of the articles it scored before.</summary>
    List<ArticleAppend> Reextract(List<ToReextract> batch, string extractorVersion, CancellationToken ct)
    {
        if (extractorVersion != StatementExtractor.Version)
            throw new InvalidOperationException($"this build runs {StatementExtractor.Version}; the replay re-extracts with {extractorVersion}: run it with that build");
        if (batch.Count == 0) return [];
        var analysed = pipeline.AnalyseMany(
            batch.Select(a => new ArticleToAnalyse(a.Id, a.Revision, a.Title, a.Body, a.PublishedAt, a.Language)).ToList(), [], default, ct);
        var extracted = analysed.Select(events => events.OfType<StatementsExtracted>().FirstOrDefault()).ToArray();
        var inUse = catalog.ScoringModels();

        var appends = new List<ArticleAppend>(batch.Count);
        var models = new List<string>[batch.Count];
        for (var i = 0; i < batch.Count; i++)
        {
            if (extracted[i] is not { } statements) continue;   // a language no longer scored, or past the budget: left as it was
            var a = batch[i];
            models[i] = a.Models.Union(inUse).Distinct().Order(StringComparer.Ordinal).ToList();
            List<object> events = [new ArticleReextracted(a.Id, a.Revision, extractorVersion, a.PreviousExtractor, default), statements];
            // A copy stays linked to its original, said again for the new statements (as a revision of a copy does).
            if (a.CopyOf is { } original) events.Add(new ArticleLinkedAsCopy(a.Id, original, a.CopySimilarity, default));
            appends.Add(new ArticleAppend(a.Id, a.Version, events));
        }
        var byArticle = appends.ToDictionary(a => a.ArticleId);
        foreach (var model in models.Where(m => m is not null).SelectMany(m => m).Distinct())
        {
            var scored = Enumerable.Range(0, batch.Count).Where(i => models[i]?.Contains(model) == true).ToList();
            var texts = scored.SelectMany(i =>
            {
                var text = ArticleDocument.Text(batch[i].Title, batch[i].Body);
                return extracted[i]!.Statements.Select(s => text.Substring(s.Start, s.Length));
            }).ToList();
            var scores = texts.Count == 0 ? [] : pipeline.Scorer(model).Score(texts.Select(ScoringInput.Untargeted).ToArray());
            var offset = 0;
            foreach (var i in scored)
            {
                var count = extracted[i]!.Statements.Length;
                byArticle[batch[i].Id].Events.Add(
                    new StatementsScored(batch[i].Id, batch[i].Revision, extractorVersion, model, scores.AsSpan(offset, count).ToArray(), default));
                offset += count;
            }
        }
        return appends;
    }
}
