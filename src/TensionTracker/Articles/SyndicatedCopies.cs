using Npgsql;
using TensionTracker.Hosting;
using TensionTracker.Text.Extraction;

namespace TensionTracker.Articles;

/// <summary>
/// A syndicated copy of a wire story (largely the same statements under another outlet or URL) is linked to the
/// first copy, so its statements count once. Articles are compared by MinHash fingerprints of their body
/// statements (headlines differ between outlets); candidates are found through locality-sensitive bands,
/// indexed in PostgreSQL, then confirmed by the estimated Jaccard similarity (NearDuplicates.Threshold).
/// </summary>
public static class SyndicatedCopies
{
    /// <summary>Below this, two short items that share a sentence are not "largely the same statements".</summary>
    public const int MinimumStatements = 3;
    const int RowsPerBand = 3;

    public static ulong[]? Fingerprint(string title, string body, IReadOnlyList<StatementRecord> statements)
    {
        var text = ArticleDocument.Text(title, body);
        var texts = statements.Where(s => s.Section == Sections.Body).Select(s => text.Substring(s.Start, s.Length)).ToList();
        return texts.Count < MinimumStatements ? null : NearDuplicates.Fingerprint(texts);
    }

    /// <summary>Band keys: two articles share one when they agree on all the rows of a band (likely when similar).</summary>
    public static string[] Bands(ulong[] fingerprint)
    {
        var bands = new string[fingerprint.Length / RowsPerBand];
        for (var b = 0; b < bands.Length; b++)
        {
            ulong h = (ulong)b * 0x9E3779B97F4A7C15UL;
            for (var r = 0; r < RowsPerBand; r++) h = (h ^ fingerprint[b * RowsPerBand + r]) * 1099511628211UL;
            bands[b] = $"{b}:{h:x16}";
        }
        return bands;
    }

    public static async Task<List<(Guid Id, ulong[] Fingerprint)>> Candidates(
        NpgsqlDataSource db, StorageNames names, string[] bands, CancellationToken ct)
    {
        var found = new List<(Guid, ulong[])>();
        if (bands.Length == 0) return found;
        // Copies and retracted articles have no row (EvidenceProjection), so every candidate can be an original.
        await using var command = db.CreateCommand($"select article_id, fingerprint from {names.Schema}.article_fingerprints where bands && $1 limit 200");
        command.Parameters.Add(new() { Value = bands });
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            found.Add((reader.GetGuid(0), reader.GetFieldValue<long[]>(1).Select(x => unchecked((ulong)x)).ToArray()));
        return found;
    }

    public static (Guid Original, double Similarity)? BestMatch(ulong[] fingerprint, IEnumerable<(Guid Id, ulong[] Fingerprint)> candidates, Guid self)
    {
        (Guid, double)? best = null;
        foreach (var (id, other) in candidates)
        {
            if (id == self) continue;
            var similarity = NearDuplicates.Similarity(fingerprint, other);
            if (similarity >= NearDuplicates.Threshold && (best is null || similarity > best.Value.Item2)) best = (id, similarity);
        }
        return best;
    }
}
