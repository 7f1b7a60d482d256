using Marten;
using JasperFx.Events;
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
/// an article. Revisions, re-extractions, copies and retractions close what counted (removed_at, closed_at). Every write is keyed
/// by the event's content (an upsert, or an insert that only reopens rows already there), so replaying the events gives the same rows.
///
/// Set-based: a session's events become a few statements, not a few per article. Each article's events keep
/// their order; the same step of different articles (all the extractions of a batch, then all its scores) goes
/// out as one statement, since articles do not touch each other's rows.
/// </summary>
public sealed class EvidenceProjection : IProjection
{
    const string S = Storage.Schema;

    public Task ApplyAsync(IDocumentOperations ops, IReadOnlyList<IEvent> events, CancellationToken ct)
    {
        var perArticle = events.Where(e => e.Data is StatementsExtracted or StatementsScored or ArticleRevised or ArticleReextracted
                or ArticleLinkedAsCopy or ArticleRetracted)
            .GroupBy(e => e.StreamId).Select(g => g.Select(e => e.Data).ToList()).ToList();
        for (var step = 0; ; step++)
        {
            var due = perArticle.Where(a => a.Count > step).Select(a => a[step]).ToList();
            if (due.Count == 0) break;
            Close(ops, due.Select(Closing).OfType<(Guid, DateTimeOffset)>().ToList(), fingerprints: true);
            Close(ops, due.OfType<ArticleReextracted>().Select(r => (r.ArticleId, r.RecordedAt)).ToList(), fingerprints: false);
            Extracted(ops, due.OfType<StatementsExtracted>().ToList());
            Scored(ops, due.OfType<StatementsScored>().ToList());
        }
        return Task.CompletedTask;
    }

    static (Guid, DateTimeOffset)? Closing(object e) => e switch
    {
        ArticleRevised r => (r.ArticleId, r.RecordedAt),       // its own StatementsExtracted follows
        ArticleLinkedAsCopy c => (c.ArticleId, c.RecordedAt),  // a copy's statements count under the original
        ArticleRetracted r => (r.ArticleId, r.RecordedAt),
        _ => null,                                             // a re-extraction keeps the fingerprint (same text)
    };

    static void Extracted(IDocumentOperations ops, List<StatementsExtracted> extracted)
    {
        var rows = extracted.SelectMany(e => e.Statements.SelectMany((s, i) =>
            TensionIndex.Directions(s.SpeakerCountry, s.Targets).Select(d => (e, Index: i, s, d.From, d.To)))).ToList();
        // An extraction's rows are written once, by plain inserts; an extraction whose rows are already there (the
        // same event applied again, or a re-extraction back to an extractor that had read this revision before) only
        // has them opened again, since the same extractor gives the same rows. One existence probe per extraction
        // instead of an "on conflict" check per row, which cost a third more than the insert itself.
        if (rows.Count > 0)
            ops.QueueSqlCommand($"""
                with known as materialized (
                    select k.article_id, k.revision, k.extractor_version,
                           exists (select 1 from {S}.evidence_statements s
                                   where s.article_id = k.article_id and s.revision = k.revision and s.extractor_version = k.extractor_version) as stored
                    from unnest(?::uuid[], ?::int[], ?::text[]) as k(article_id, revision, extractor_version)),
                reopened as (
                    update {S}.evidence_statements s set closed_at = null from known k
                    where k.stored and s.article_id = k.article_id and s.revision = k.revision
                      and s.extractor_version = k.extractor_version and s.closed_at is not null)
                insert into {S}.evidence_statements (article_id, revision, extractor_version, published_at, statement, pair,
                    from_country, to_country, target_country, speaker, speaker_role, speaker_country, start_offset, end_offset, weight)
                select r.* from unnest(?::uuid[], ?::int[], ?::text[], ?::timestamptz[], ?::int[], ?::text[], ?::text[], ?::text[],
                    ?::text[], ?::text[], ?::text[], ?::text[], ?::int[], ?::int[], ?::float8[])
                    as r(article_id, revision, extractor_version, published_at, statement, pair, from_country, to_country,
                         target_country, speaker, speaker_role, speaker_country, start_offset, end_offset, weight)
                join known using (article_id, revision, extractor_version) where not known.stored
                """,
                extracted.Select(e => e.ArticleId).ToArray(),
                extracted.Select(e => e.Revision).ToArray(),
                extracted.Select(e => e.ExtractorVersion).ToArray(),
                rows.Select(r => r.e.ArticleId).ToArray(),
                rows.Select(r => r.e.Revision).ToArray(),
                rows.Select(r => r.e.ExtractorVersion).ToArray(),
                rows.Select(r => r.e.PublishedAt.ToUniversalTime()).ToArray(),
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

        var fingerprinted = extracted.Where(e => e.Fingerprint is not null).ToList();
        if (fingerprinted.Count == 0) return;
        // One fingerprint and its bands per article, as PostgreSQL array literals (arrays of arrays do not unnest).
        var bands = fingerprinted.Select(e => SyndicatedCopies.Bands(e.Fingerprint!)).ToList();
        ops.QueueSqlCommand($"""
            insert into {S}.article_fingerprints (article_id, fingerprint, bands, published_at)
            select a, f::bigint[], b::bigint[], p from unnest(?::uuid[], ?::text[], ?::text[], ?::timestamptz[]) as t(a, f, b, p)
            on conflict (article_id) do update set fingerprint = excluded.fingerprint, bands = excluded.bands, published_at = excluded.published_at
            """,
            fingerprinted.Select(e => e.ArticleId).ToArray(),
            fingerprinted.Select(e => ArrayLiteral(e.Fingerprint!.Select(x => unchecked((long)x)))).ToArray(),
            bands.Select(b => ArrayLiteral(b)).ToArray(),
            fingerprinted.Select(e => e.PublishedAt.ToUniversalTime()).ToArray());
        ops.QueueSqlCommand($"""
            insert into {S}.article_bands (band, published_at, article_id)
            select * from unnest(?::bigint[], ?::timestamptz[], ?::uuid[]) on conflict do nothing
            """,
            bands.SelectMany(b => b).ToArray(),
            fingerprinted.SelectMany((e, i) => bands[i].Select(_ => e.PublishedAt.ToUniversalTime())).ToArray(),
            fingerprinted.SelectMany((e, i) => bands[i].Select(_ => e.ArticleId)).ToArray());
    }

    static void Scored(IDocumentOperations ops, List<StatementsScored> scored)
    {
        if (scored.Count == 0) return;
        // One row per article and model; each row's scores are a slice of two flat arrays (arrays of arrays do not unnest).
        var starts = new int[scored.Count];
        for (var i = 1; i < scored.Count; i++) starts[i] = starts[i - 1] + scored[i - 1].Scores.Length;
        ops.QueueSqlCommand($"""
            insert into {S}.evidence_scores (article_id, model, revision, extractor_version, tones, stances, recorded_at)
            select t.article_id, t.model, t.revision, t.extractor_version,
                   (?::real[])[t.first + 1 : t.first + t.count], (?::real[])[t.first + 1 : t.first + t.count],
                   t.recorded_at
            from unnest(?::uuid[], ?::text[], ?::int[], ?::text[], ?::timestamptz[], ?::int[], ?::int[])
                 as t(article_id, model, revision, extractor_version, recorded_at, first, count)
            -- scores of statements already closed (revised, retracted, re-extracted) count for nothing
            where exists (select 1 from {S}.evidence_statements s
                          where s.article_id = t.article_id and s.revision = t.revision
                            and s.extractor_version = t.extractor_version and s.closed_at is null)
            on conflict (article_id, model, revision, extractor_version) do update set
                tones = excluded.tones, stances = excluded.stances, recorded_at = excluded.recorded_at, removed_at = null
            """,
            scored.SelectMany(e => e.Scores.Select(x => x.Tone)).ToArray(),
            scored.SelectMany(e => e.Scores.Select(x => x.Stance)).ToArray(),
            scored.Select(e => e.ArticleId).ToArray(),
            scored.Select(e => e.Model).ToArray(),
            scored.Select(e => e.Revision).ToArray(),
            scored.Select(e => e.ExtractorVersion).ToArray(),
            scored.Select(e => e.RecordedAt.ToUniversalTime()).ToArray(),
            starts,
            scored.Select(e => e.Scores.Length).ToArray());
    }

    /// <summary>The articles' evidence stops counting from these moments; nothing scored later can bring it back.</summary>
    static void Close(IDocumentOperations ops, List<(Guid Article, DateTimeOffset At)> closing, bool fingerprints)
    {
        if (closing.Count == 0) return;
        var ids = closing.Select(c => c.Article).ToArray();
        var times = closing.Select(c => c.At.ToUniversalTime()).ToArray();
        // "= any" keeps these on the primary keys (a join with the arrays can turn into a scan of the table).
        ops.QueueSqlCommand($"""
            update {S}.evidence_scores e set removed_at = (?::timestamptz[])[array_position(?::uuid[], e.article_id)]
            where e.article_id = any(?) and e.removed_at is null
            """, times, ids, ids);
        ops.QueueSqlCommand($"""
            update {S}.evidence_statements s set closed_at = (?::timestamptz[])[array_position(?::uuid[], s.article_id)]
            where s.article_id = any(?) and s.closed_at is null
            """, times, ids, ids);
        if (!fingerprints) return;
        ops.QueueSqlCommand($"""
            delete from {S}.article_bands b using {S}.article_fingerprints f
            where f.article_id = any(?) and b.band = any(f.bands) and b.published_at = f.published_at and b.article_id = f.article_id
            """, ids);
        ops.QueueSqlCommand($"delete from {S}.article_fingerprints where article_id = any(?)", ids);
    }

    static string ArrayLiteral(IEnumerable<long> values) => "{" + string.Join(',', values) + "}";
}
