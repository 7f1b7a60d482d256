using Marten;
using Npgsql;
using TensionTracker.Articles;
using TensionTracker.Hosting;

namespace TensionTracker.Dyads;

/// <summary>A piece of evidence with the article it came from.</summary>
public sealed record EvidenceRow(Evidence Evidence, Guid ArticleId);

/// <summary>
/// Reads the evidence that counted at a point of the news timeline (`at`) as known at a point of knowledge
/// time (`asOf`): published by `at`, recorded by `asOf`, not removed (revised, retracted) by `asOf`. The rows are
/// EvidenceProjection's tables (EvidenceTables); the index is computed from them in C# (TensionIndex).
/// </summary>
public sealed class EvidenceQuery(NpgsqlDataSource db, StorageNames names)
{
    public async Task<List<EvidenceRow>> Load(string model, DateTimeOffset at, DateTimeOffset asOf, string? pair, CancellationToken ct)
    {
        var sql = $"""
            select s.article_id, s.revision, s.statement, s.pair, s.from_country, s.to_country, s.start_offset, s.end_offset,
                   s.speaker, s.speaker_role, s.speaker_country, s.target_country, r.tones[s.entry + 1], r.stances[s.entry + 1],
                   r.conflict[s.entry + 1], r.neutral[s.entry + 1], r.cooperation[s.entry + 1], s.weight,
                   s.published_at, r.recorded_at, r.removed_at
            from {names.Schema}.{EvidenceTables.Statements} s
            join {names.Schema}.{EvidenceTables.Readings} r using (article_id, revision, extractor_version)
            where r.model = $1 and s.published_at <= $2 and r.recorded_at <= $3 and (r.removed_at is null or r.removed_at > $3)
              and r.tones[s.entry + 1] is not null
            """;
        if (pair is not null) sql += " and s.pair = $4";
        await using var command = db.CreateCommand(sql);
        command.Parameters.Add(new() { Value = model });
        command.Parameters.Add(new() { Value = at.UtcDateTime });
        command.Parameters.Add(new() { Value = asOf.UtcDateTime });
        if (pair is not null) command.Parameters.Add(new() { Value = pair });
        var rows = new List<EvidenceRow>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            rows.Add(new EvidenceRow(new Evidence
            {
                Model = model, Revision = reader.GetInt32(1), Statement = reader.GetInt32(2), Pair = reader.GetString(3),
                From = reader.IsDBNull(4) ? null : reader.GetString(4), To = reader.IsDBNull(5) ? null : reader.GetString(5),
                Start = reader.GetInt32(6), End = reader.GetInt32(7), Speaker = reader.IsDBNull(8) ? null : reader.GetString(8),
                SpeakerRole = reader.GetString(9), SpeakerCountry = reader.IsDBNull(10) ? null : reader.GetString(10),
                TargetCountry = reader.GetString(11), Tone = reader.GetFloat(12), Stance = reader.GetFloat(13),
                Conflict = reader.GetFloat(14), Neutral = reader.GetFloat(15), Cooperation = reader.GetFloat(16),
                Weight = reader.GetDouble(17), PublishedAt = reader.GetFieldValue<DateTimeOffset>(18),
                RecordedAt = reader.GetFieldValue<DateTimeOffset>(19),
                RemovedAt = reader.IsDBNull(20) ? null : reader.GetFieldValue<DateTimeOffset>(20),
            }, reader.GetGuid(0)));
        return rows;
    }
}

/// <summary>An article as evidence cites it: where it came from, and the text its offsets point into (title, blank line, body).</summary>
public sealed record CitedArticle(string Outlet, string Url, string Title, string Text);

public static class ArticleTexts
{
    /// <summary>
    /// The text of each (article, revision): the current one from the article document, an earlier one (evidence read
    /// as known before a revision) from the article's own ArticleIngested or ArticleRevised event.
    /// </summary>
    public static async Task<Dictionary<(Guid Id, int Revision), CitedArticle>> Load(IQuerySession session,
        IEnumerable<(Guid Id, int Revision)> wanted, CancellationToken ct)
    {
        var keys = wanted.Distinct().ToList();
        var articles = await session.LoadManyAsync<ArticleView>(ct, keys.Select(k => k.Id).Distinct());
        var texts = articles.ToDictionary(a => (a.Id, a.Revision), a => Cited(a.Outlet, a.Url, a.Title, a.Body));
        var current = articles.ToDictionary(a => a.Id);
        foreach (var id in keys.Where(k => !texts.ContainsKey(k)).Select(k => k.Id).Distinct())
        {
            if (!current.TryGetValue(id, out var article)) continue;
            foreach (var e in await session.Events.FetchStreamAsync(id, token: ct))
            {
                var (revision, title, body) = e.Data switch
                {
                    ArticleIngested i => (1, i.Title, i.Body),
                    ArticleRevised r => (r.Revision, r.Title, r.Body),
                    _ => (0, "", ""),
                };
                if (revision > 0) texts.TryAdd((id, revision), Cited(article.Outlet, article.Url, title, body));
            }
        }
        return texts;
    }

    static CitedArticle Cited(string outlet, string url, string title, string body) =>
        new(outlet, Text.Normalisation.CanonicalUrl.WithoutCredentials(url), title, Text.Extraction.ArticleDocument.Text(title, body));
}
