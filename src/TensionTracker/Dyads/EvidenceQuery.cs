using Npgsql;
using TensionTracker.Hosting;

namespace TensionTracker.Dyads;

/// <summary>A piece of evidence with the article it came from.</summary>
public sealed record EvidenceRow(Evidence Evidence, Guid ArticleId);

/// <summary>
/// Reads the evidence that counted at a point of the news timeline (`at`) as known at a point of knowledge
/// time (`asOf`): published by `at`, recorded by `asOf`, not removed (revised, retracted) by `asOf`.
/// </summary>
public sealed class EvidenceQuery(NpgsqlDataSource db, StorageNames names)
{
    public async Task<List<EvidenceRow>> Load(string model, DateTimeOffset at, DateTimeOffset asOf, string? pair, CancellationToken ct)
    {
        var sql = $"""
            select article_id, revision, statement, pair, from_country, to_country, start_offset, end_offset,
                   speaker, speaker_role, speaker_country, target_country, tone, stance, weight,
                   published_at, recorded_at, removed_at
            from {names.Schema}.evidence
            where model = $1 and published_at <= $2 and recorded_at <= $3 and (removed_at is null or removed_at > $3)
            """;
        if (pair is not null) sql += " and pair = $4";
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
                TargetCountry = reader.IsDBNull(11) ? null : reader.GetString(11), Tone = reader.GetFloat(12), Stance = reader.GetFloat(13),
                Weight = reader.GetDouble(14), PublishedAt = reader.GetFieldValue<DateTimeOffset>(15),
                RecordedAt = reader.GetFieldValue<DateTimeOffset>(16),
                RemovedAt = reader.IsDBNull(17) ? null : reader.GetFieldValue<DateTimeOffset>(17),
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
    public static async Task<Dictionary<(Guid Id, int Revision), CitedArticle>> Load(NpgsqlDataSource db, StorageNames names,
        IEnumerable<(Guid Id, int Revision)> wanted, CancellationToken ct)
    {
        var keys = wanted.Distinct().ToList();
        var texts = new Dictionary<(Guid, int), CitedArticle>();
        await using (var command = db.CreateCommand($"""
            select id, (data->>'revision')::int, data->>'outlet', data->>'url', data->>'title', data->>'body'
            from {names.ArticleTable} where id = any($1)
            """))
        {
            command.Parameters.Add(new() { Value = keys.Select(k => k.Id).Distinct().ToArray() });
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
                texts[(reader.GetGuid(0), reader.GetInt32(1))] = Cited(reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5));
        }
        var earlier = keys.Where(k => !texts.ContainsKey(k)).ToList();
        if (earlier.Count == 0) return texts;
        var current = texts.ToDictionary(t => t.Key.Item1, t => t.Value);
        await using (var command = db.CreateCommand($"""
            select stream_id, coalesce((data->>'revision')::int, 1), data->>'title', data->>'body'
            from {Storage.Schema}.mt_events
            where stream_id = any($1) and type in ('article_ingested', 'article_revised')
            """))
        {
            command.Parameters.Add(new() { Value = earlier.Select(k => k.Id).Distinct().ToArray() });
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                var key = (reader.GetGuid(0), reader.GetInt32(1));
                if (current.TryGetValue(key.Item1, out var article) && !texts.ContainsKey(key))
                    texts[key] = Cited(article.Outlet, article.Url, reader.GetString(2), reader.GetString(3));
            }
        }
        return texts;
    }

    static CitedArticle Cited(string outlet, string url, string title, string body) =>
        new(outlet, Text.Normalisation.CanonicalUrl.WithoutCredentials(url), title, Text.Extraction.ArticleDocument.Text(title, body));
}
