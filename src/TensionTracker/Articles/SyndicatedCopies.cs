using System.Buffers.Binary;
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
    const int RowsPerBand = 4;

    public static ulong[]? Fingerprint(string title, string body, IReadOnlyList<StatementRecord> statements)
    {
        var text = ArticleDocument.Text(title, body);
        var texts = statements.Where(s => s.Section == Sections.Body).Select(s => text.Substring(s.Start, s.Length)).ToList();
        return texts.Count < MinimumStatements ? null : NearDuplicates.Fingerprint(texts);
    }

    /// <summary>
    /// Band keys: two articles share one when they agree on all the rows of a band (likely when similar). Four rows
    /// a band: a pair at the 0.5 threshold shares a band with probability 0.87, at 0.8 almost surely, while
    /// unrelated articles that share common phrases (0.2) rarely do.
    /// </summary>
    public static long[] Bands(ulong[] fingerprint)
    {
        var bands = new long[fingerprint.Length / RowsPerBand];
        for (var b = 0; b < bands.Length; b++)
        {
            ulong h = (ulong)(b + 1) * 0x9E3779B97F4A7C15UL;
            for (var r = 0; r < RowsPerBand; r++) h = (h ^ fingerprint[b * RowsPerBand + r]) * 1099511628211UL;
            bands[b] = unchecked((long)h);
        }
        return bands;
    }

    /// <summary>A copy is published within this time of its original; older or later articles are not compared.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromDays(7);

    /// <summary>The possible originals sharing a band with an article published near it (Evidence.sql: article_bands).</summary>
    public static async Task<Originals> Candidates(
        NpgsqlDataSource db, StorageNames names, IReadOnlyList<(long Band, DateTimeOffset PublishedAt)> probes, CancellationToken ct)
    {
        var found = new Originals(probes.Select(p => p.Band).ToHashSet());
        if (probes.Count == 0) return found;
        // Copies and retracted articles have no bands (EvidenceProjection), so every candidate can be an original.
        // A batch reads up to 2,000 fingerprints: they come as one bytea each (array_send, the array's own binary
        // form) rather than through Npgsql's element-by-element array reader, which cost more than the matching; the
        // bands are recomputed from the fingerprint, as EvidenceProjection computed them.
        // Past 2,000 candidates (boilerplate shared by many articles), those sharing the most bands with the batch
        // are kept: a real copy shares several (two at the threshold on average, a dozen at 0.8), noise one.
        await using var command = db.CreateCommand($"""
            with hits as (
                select b.article_id, count(*) as shared from unnest($1::bigint[], $2::timestamptz[]) as q(band, at)
                join {names.Schema}.article_bands b on b.band = q.band and b.published_at between q.at - $3 and q.at + $3
                group by b.article_id order by shared desc, b.article_id limit 2000)
            select f.article_id, array_send(f.fingerprint) from hits h join {names.Schema}.article_fingerprints f using (article_id)
            """);
        command.Parameters.Add(new() { Value = probes.Select(p => p.Band).ToArray() });
        command.Parameters.Add(new() { Value = probes.Select(p => p.PublishedAt.UtcDateTime).ToArray() });
        command.Parameters.Add(new() { Value = Window });
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var fingerprint = Int8Array(reader.GetFieldValue<byte[]>(1));
            found.Add(new Candidate(reader.GetGuid(0), fingerprint, Bands(fingerprint)));
        }
        return found;
    }

    /// <summary>A one-dimensional bigint[] without nulls from PostgreSQL's binary array format (array_send).</summary>
    static ulong[] Int8Array(byte[] bytes)
    {
        // ndim, has-nulls flag, element type; then per dimension its length and lower bound; then per element its
        // byte length (8) and the value, all big-endian.
        var span = bytes.AsSpan();
        if (BinaryPrimitives.ReadInt32BigEndian(span) == 0) return [];
        var values = new ulong[BinaryPrimitives.ReadInt32BigEndian(span[12..])];
        for (int i = 0, at = 20; i < values.Length; i++, at += 12)
        {
            if (BinaryPrimitives.ReadInt32BigEndian(span[at..]) != 8) throw new InvalidDataException("a null or non-bigint element in a fingerprint");
            values[i] = BinaryPrimitives.ReadUInt64BigEndian(span[(at + 4)..]);
        }
        return values;
    }

    /// <summary>A possible original: its fingerprint and bands.</summary>
    public sealed record Candidate(Guid Id, ulong[] Fingerprint, long[] Bands);

    /// <summary>
    /// The possible originals of a batch, indexed by band: an article is compared only with those sharing one of its
    /// bands (the others cannot be copies of it), not with every candidate the whole batch brought back. Only the
    /// bands the batch's articles probe for are indexed: no article can look up the others.
    /// </summary>
    public sealed class Originals(HashSet<long> probed)
    {
        readonly List<Candidate> all = [];
        readonly Dictionary<long, List<int>> byBand = [];

        public void Add(Candidate candidate)
        {
            foreach (var band in candidate.Bands)
            {
                if (!probed.Contains(band)) continue;
                if (!byBand.TryGetValue(band, out var list)) byBand[band] = list = [];
                if (list.Count == 0 || list[^1] != all.Count) list.Add(all.Count);
            }
            all.Add(candidate);
        }

        /// <summary>The most similar candidate above the threshold; on a tie, the one added first.</summary>
        public (Guid Original, double Similarity)? BestMatch(ulong[] fingerprint, Guid self)
        {
            // The candidates sharing a band, each once, in the order they were added (a tie goes to the first).
            var sharing = new List<int>();
            foreach (var band in Bands(fingerprint))
                if (byBand.TryGetValue(band, out var list)) sharing.AddRange(list);
            sharing.Sort();
            (Guid, double)? best = null;
            for (var k = 0; k < sharing.Count; k++)
            {
                if (k > 0 && sharing[k] == sharing[k - 1]) continue;
                var c = all[sharing[k]];
                if (c.Id == self) continue;
                var similarity = NearDuplicates.Similarity(fingerprint, c.Fingerprint);
                if (similarity >= NearDuplicates.Threshold && (best is null || similarity > best.Value.Item2)) best = (c.Id, similarity);
            }
            return best;
        }
    }
}
