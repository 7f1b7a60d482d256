using Marten;
using Marten.Events.Projections;
using TensionTracker.Articles;
using TensionTracker.Dyads;
using TensionTracker.Hosting;

namespace TensionTracker;

/// <summary>One statement's contribution to one pair under one model (see <see cref="TensionIndex"/>).</summary>
public sealed class Evidence
{
    public string Model { get; set; } = "";
    public int Revision { get; set; }
    public int Statement { get; set; }
    public string Pair { get; set; } = "";
    public string? From { get; set; }
    public string? To { get; set; }
    public int Start { get; set; }
    public int End { get; set; }
    public string? Speaker { get; set; }
    public string SpeakerRole { get; set; } = "";
    public string? SpeakerCountry { get; set; }
    public string? TargetCountry { get; set; }
    public float Tone { get; set; }
    public float Stance { get; set; }
    public double Weight { get; set; }
    public DateTimeOffset PublishedAt { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
    public DateTimeOffset? RemovedAt { get; set; }
}

/// <summary>
/// The evidence behind the index as plain rows (projections/Evidence.sql): a pure function of the events, written
/// in the same transaction as the events. Extraction writes who said what about which pair; each model's scores
/// add that model's rows, joined in PostgreSQL with the statements, so a replay appends rows and never rewrites
/// an article. Revisions, copies and retractions close the rows that counted (removed_at). Every write is an
/// upsert keyed by the event's content, so replaying the events gives the same rows.
/// </summary>
public partial class EvidenceProjection : EventProjection
{
    const string S = Storage.Schema;

    public void Project(StatementsExtracted e, IDocumentOperations ops)
    {
        var rows = e.Statements.SelectMany((s, i) => TensionIndex.Directions(s.SpeakerCountry, s.Targets).Select(d => (Index: i, s, d.From, d.To))).ToList();
        if (rows.Count > 0)
            ops.QueueSqlCommand($"""
                insert into {S}.evidence_statements (article_id, revision, extractor_version, published_at, statement, pair,
                    from_country, to_country, target_country, speaker, speaker_role, speaker_country, start_offset, end_offset, weight)
                select ?, ?, ?, ?, r.* from unnest(?::int[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                    ?::int[], ?::int[], ?::float8[]) as r
                on conflict (article_id, revision, statement, pair) do update set
                    extractor_version = excluded.extractor_version, published_at = excluded.published_at,
                    from_country = excluded.from_country, to_country = excluded.to_country, target_country = excluded.target_country,
                    speaker = excluded.speaker, speaker_role = excluded.speaker_role, speaker_country = excluded.speaker_country,
                    start_offset = excluded.start_offset, end_offset = excluded.end_offset, weight = excluded.weight, closed_at = null
                """,
                e.ArticleId, e.Revision, e.ExtractorVersion, e.PublishedAt.ToUniversalTime(),
                rows.Select(r => r.Index).ToArray(),
                rows.Select(r => TensionIndex.PairKey(r.From, r.To)).ToArray(),
                rows.Select(r => r.s.SpeakerCountry is null ? null : r.From).ToArray(),
                rows.Select(r => r.s.SpeakerCountry is null ? null : r.To).ToArray(),
                rows.Select(r => r.To).ToArray(),
                rows.Select(r => r.s.Speaker).ToArray(),
                rows.Select(r => r.s.SpeakerRole).ToArray(),
                rows.Select(r => r.s.SpeakerCountry).ToArray(),
                rows.Select(r => r.s.Start).ToArray(),
                rows.Select(r => r.s.Start + r.s.Length).ToArray(),
                rows.Select(r => TensionIndex.Weight(r.s.SpeakerRole, r.s.SpeakerCountry, r.s.Direct, r.s.Section)).ToArray());

        if (e.Fingerprint is { } fingerprint)
        {
            var bands = SyndicatedCopies.Bands(fingerprint);
            ops.QueueSqlCommand($"""
                insert into {S}.article_fingerprints (article_id, fingerprint, bands, published_at) values (?, ?, ?, ?)
                on conflict (article_id) do update set fingerprint = excluded.fingerprint, bands = excluded.bands, published_at = excluded.published_at
                """, e.ArticleId, fingerprint.Select(x => unchecked((long)x)).ToArray(), bands, e.PublishedAt.ToUniversalTime());
            ops.QueueSqlCommand($"""
                insert into {S}.article_bands (band, published_at, article_id) select b, ?, ? from unnest(?::bigint[]) as b
                on conflict do nothing
                """, e.PublishedAt.ToUniversalTime(), e.ArticleId, bands);
        }
    }

    public void Project(StatementsScored e, IDocumentOperations ops) =>
        ops.QueueSqlCommand($"""
            insert into {S}.evidence (model, article_id, revision, statement, pair, direction, weight, published_at, tone, stance, recorded_at)
            select ?, s.article_id, s.revision, s.statement, s.pair, coalesce(s.from_country || '>' || s.to_country, ''),
                   s.weight, s.published_at, t.tone, t.stance, ?
            from {S}.evidence_statements s
            join unnest(?::real[], ?::real[]) with ordinality as t(tone, stance, n) on t.n = s.statement + 1
            where s.article_id = ? and s.revision = ? and s.extractor_version = ? and s.closed_at is null
            on conflict (article_id, model, revision, statement, pair) do update set
                tone = excluded.tone, stance = excluded.stance, recorded_at = excluded.recorded_at, removed_at = null
            """,
            e.Model, e.RecordedAt.ToUniversalTime(), e.Scores.Select(x => x.Tone).ToArray(), e.Scores.Select(x => x.Stance).ToArray(),
            e.ArticleId, e.Revision, e.ExtractorVersion);

    // A new revision replaces the statements; its own StatementsExtracted follows.
    public void Project(ArticleRevised e, IDocumentOperations ops) => Close(ops, e.ArticleId, e.RecordedAt);

    // A copy's statements count under the original.
    public void Project(ArticleLinkedAsCopy e, IDocumentOperations ops) => Close(ops, e.ArticleId, e.RecordedAt);

    public void Project(ArticleRetracted e, IDocumentOperations ops) => Close(ops, e.ArticleId, e.RecordedAt);

    /// <summary>The article's evidence stops counting from this moment; nothing scored later can bring it back.</summary>
    static void Close(IDocumentOperations ops, Guid articleId, DateTimeOffset at)
    {
        ops.QueueSqlCommand($"update {S}.evidence set removed_at = ? where article_id = ? and removed_at is null", at.ToUniversalTime(), articleId);
        ops.QueueSqlCommand($"update {S}.evidence_statements set closed_at = ? where article_id = ? and closed_at is null", at.ToUniversalTime(), articleId);
        ops.QueueSqlCommand($"""
            delete from {S}.article_bands b using {S}.article_fingerprints f
            where f.article_id = ? and b.band = any(f.bands) and b.published_at = f.published_at and b.article_id = f.article_id
            """, articleId);
        ops.QueueSqlCommand($"delete from {S}.article_fingerprints where article_id = ?", articleId);
    }
}
