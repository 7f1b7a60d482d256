using System.Globalization;
using System.Text.Json;
using Npgsql;
using TensionTracker.Hosting;

namespace TensionTracker.Dyads;

/// <summary>A piece of evidence with the article it came from.</summary>
public sealed record EvidenceRow(Evidence Evidence, Guid ArticleId, string Outlet, string Url, string Title);

/// <summary>
/// Reads the evidence that counted at a point of the news timeline (`at`) as known at a point of knowledge
/// time (`asOf`): published by `at`, recorded by `asOf`, not removed (revised, retracted) by `asOf`.
/// </summary>
public sealed class EvidenceQuery(NpgsqlDataSource db, StorageNames names)
{
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<List<EvidenceRow>> Load(string model, DateTimeOffset at, DateTimeOffset asOf, string? pair, CancellationToken ct)
    {
        var sql = $"""
            select d.id, d.data->>'outlet', d.data->>'url', d.data->>'title', e.value::text
            from {names.ArticleTable} d, jsonb_array_elements(d.data->'evidence') e
            where e.value->>'model' = $1
              and (e.value->>'publishedAt')::timestamptz <= $2
              and (e.value->>'recordedAt')::timestamptz <= $3
              and (e.value->>'removedAt' is null or (e.value->>'removedAt')::timestamptz > $3)
            """;
        // The containment test lets PostgreSQL find a pair's articles through the GIN index on the evidence.
        if (pair is not null) sql += " and d.data->'evidence' @> jsonb_build_array(jsonb_build_object('pair', $4::text)) and e.value->>'pair' = $4";
        await using var command = db.CreateCommand(sql);
        command.Parameters.Add(new() { Value = model });
        command.Parameters.Add(new() { Value = at.UtcDateTime });
        command.Parameters.Add(new() { Value = asOf.UtcDateTime });
        if (pair is not null) command.Parameters.Add(new() { Value = pair });
        var rows = new List<EvidenceRow>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            rows.Add(new EvidenceRow(JsonSerializer.Deserialize<Evidence>(reader.GetString(4), Json)!,
                reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.GetString(3)));
        return rows;
    }
}

/// <summary>The text evidence offsets point into, for the articles given: title, blank line, body.</summary>
public static class ArticleTexts
{
    public static async Task<Dictionary<Guid, string>> Load(NpgsqlDataSource db, StorageNames names, IEnumerable<Guid> ids, CancellationToken ct)
    {
        var texts = new Dictionary<Guid, string>();
        await using var command = db.CreateCommand($"select id, data->>'title', data->>'body' from {names.ArticleTable} where id = any($1)");
        command.Parameters.Add(new() { Value = ids.Distinct().ToArray() });
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            texts[reader.GetGuid(0)] = Text.Extraction.ArticleDocument.Text(reader.GetString(1), reader.GetString(2));
        return texts;
    }
}

/// <summary>Query-string times: an ISO 8601 instant, or a date meaning the end of that UTC day.</summary>
public static class Moments
{
    public static bool TryParse(string? text, DateTimeOffset fallback, out DateTimeOffset value, bool dateMeansEnd = true)
    {
        value = fallback;
        if (string.IsNullOrWhiteSpace(text)) return true;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            var start = new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            value = dateMeansEnd ? start.AddDays(1).AddTicks(-1) : start;
            return true;
        }
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out value);
    }
}
