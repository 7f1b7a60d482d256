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
    /// <summary>Toward the pair's other country (both named countries for narration), as the class probabilities below.</summary>
    public float Stance { get; set; }
    public float Conflict { get; set; }
    public float Neutral { get; set; }
    public float Cooperation { get; set; }
    public double Weight { get; set; }
    public DateTimeOffset PublishedAt { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
    public DateTimeOffset? RemovedAt { get; set; }

    public Contribution Contribution => TensionIndex.Contribute(Weight, new(Conflict, Neutral, Cooperation), Stance);
}

/// <summary>
/// The evidence behind the index and its running totals (tables: <see cref="EvidenceTables"/>), written inline in the
/// transaction of the events. The arithmetic is C#: <see cref="EvidenceReadings"/> turns an extraction into entries and a
/// model's scores into a reading with each pair's contribution (TensionIndex.Contribute); the SQL here only stores rows
/// and adds or takes away the sums a reading carries. Extraction writes who said what about which pair; each model's
/// scores add that model's reading, so a replay appends and never rewrites an article. Revisions, re-extractions, copies
/// and retractions close what counted (closed_at, removed_at) and take its sums off the totals. Every write is keyed by
/// the event's content, so replaying the events gives the same rows.
///
/// Set-based: a session's events become a few statements, not a few per article. Each article's events keep their
/// order; the same step of different articles goes out as one statement, since articles do not touch each other's rows.
/// </summary>
public sealed class EvidenceProjection : IProjection
{
    public const string Name = "Evidence";
    const string S = Storage.Schema;

    public async Task ApplyAsync(IDocumentOperations ops, IReadOnlyList<IEvent> events, CancellationToken ct)
    {
        var perArticle = events.Where(e => e.Data is StatementsExtracted or StatementsScored or ArticleRevised or ArticleReextracted
                or ArticleLinkedAsCopy or ArticleRetracted)
            .GroupBy(e => e.StreamId).Select(g => g.Select(e => e.Data).ToList()).ToList();
        if (perArticle.Count == 0) return;

        // The entries each model's scores are read against: from an extraction in this batch, else as stored (a replay).
        var entries = events.Select(e => e.Data).OfType<StatementsExtracted>()
            .ToDictionary(e => (e.ArticleId, e.Revision, e.ExtractorVersion), e => EvidenceReadings.Entries(e).Select(x => x.Entry).ToList());
        var stored = events.Select(e => e.Data).OfType<StatementsScored>().Select(e => (e.ArticleId, e.Revision, e.ExtractorVersion))
            .Where(k => !entries.ContainsKey(k)).Distinct().ToList();
        if (stored.Count > 0)
            foreach (var g in (await LoadEntries(ops, stored, ct)).GroupBy(x => (x.ArticleId, x.Revision, x.ExtractorVersion)))
                entries[g.Key] = g.ToList();

        for (var step = 0; ; step++)
        {
            var due = perArticle.Where(a => a.Count > step).Select(a => a[step]).ToList();
            if (due.Count == 0) break;
            Close(ops, due.Where(e => e is not ArticleReextracted).Select(EvidenceReadings.Closing).OfType<(Guid, DateTimeOffset)>().ToList(),
                fingerprints: true);
            Close(ops, due.OfType<ArticleReextracted>().Select(r => (r.ArticleId, r.RecordedAt)).ToList(), fingerprints: false);
            Extracted(ops, due.OfType<StatementsExtracted>().ToList());
            Scored(ops, due.OfType<StatementsScored>()
                .Select(e => EvidenceReadings.Read(e, entries.GetValueOrDefault((e.ArticleId, e.Revision, e.ExtractorVersion)) ?? [])).ToList());
        }
        // Emptied totals stay (readers skip them): deleting them would make last_published depend on how the events were
        // batched, and a rebuild must give the same rows.
    }

    /// <summary>
    /// The stored entries of these extractions (a replay's scores are read against them): one row per extraction with its
    /// entries as arrays in entry order, since a JSON object per entry cost more to build and read than the rest of the replay's commit.
    /// </summary>
    static async Task<List<EvidenceEntry>> LoadEntries(IDocumentOperations ops, List<(Guid, int, string)> keys, CancellationToken ct)
    {
        var stored = await ops.AdvancedSql.QueryAsync<StoredEntries>($"""
            select json_build_object('articleId', s.article_id, 'revision', s.revision, 'extractorVersion', s.extractor_version,
                'statement', array_agg(s.statement order by s.entry), 'entry', array_agg(s.entry order by s.entry),
                'pair', array_agg(s.pair order by s.entry), 'to', array_agg(s.target_country order by s.entry),
                'speakerCountry', array_agg(s.speaker_country order by s.entry), 'weight', array_agg(s.weight order by s.entry),
                'publishedAt', array_agg(s.published_at order by s.entry))
            from {S}.{EvidenceTables.Statements} s
            join unnest(?::uuid[], ?::int[], ?::text[]) as k(article_id, revision, extractor_version)
              on s.article_id = k.article_id and s.revision = k.revision and s.extractor_version = k.extractor_version
            group by s.article_id, s.revision, s.extractor_version
            """, ct, keys.Select(k => k.Item1).ToArray(), keys.Select(k => k.Item2).ToArray(), keys.Select(k => k.Item3).ToArray());
        return stored.SelectMany(e => e.Entry.Select((entry, i) => new EvidenceEntry(e.ArticleId, e.Revision, e.ExtractorVersion,
            e.Statement[i], entry, e.Pair[i], OtherSide(e.Pair[i], e.To[i]), e.To[i], e.SpeakerCountry[i], e.Weight[i], e.PublishedAt[i]))).ToList();
    }

    /// <summary>The pair's country that is not <paramref name="to"/> (the pair is two codes joined by '-').</summary>
    static string OtherSide(string pair, string to)
    {
        var parts = pair.Split('-');
        return parts[0] == to ? (parts.Length > 1 ? parts[1] : "") : parts[0];
    }

    /// <summary>One extraction's stored entries, column by column.</summary>
    sealed record StoredEntries(Guid ArticleId, int Revision, string ExtractorVersion, int[] Statement, int[] Entry, string[] Pair, string[] To,
        string?[] SpeakerCountry, double[] Weight, DateTimeOffset[] PublishedAt);

    static void Extracted(IDocumentOperations ops, List<StatementsExtracted> extracted)
    {
        var rows = extracted.SelectMany(EvidenceReadings.Entries).ToList();
        // An extraction's rows are written once, by plain inserts; an extraction whose rows are already there (the
        // same event applied again, or a re-extraction back to an extractor that had read this revision before) only
        // has them opened again, since the same extractor gives the same rows. One existence probe per extraction
        // instead of an "on conflict" check per row, which cost a third more than the insert itself.
        if (rows.Count > 0)
            ops.QueueSqlCommand($"""
                with known as materialized (
                    select k.article_id, k.revision, k.extractor_version,
                           exists (select 1 from {S}.{EvidenceTables.Statements} s
                                   where s.article_id = k.article_id and s.revision = k.revision and s.extractor_version = k.extractor_version) as stored
                    from unnest(?::uuid[], ?::int[], ?::text[]) as k(article_id, revision, extractor_version)),
                reopened as (
                    update {S}.{EvidenceTables.Statements} s set closed_at = null from known k
                    where k.stored and s.article_id = k.article_id and s.revision = k.revision
                      and s.extractor_version = k.extractor_version and s.closed_at is not null)
                insert into {S}.{EvidenceTables.Statements} (article_id, revision, extractor_version, published_at, statement, entry, pair,
                    from_country, to_country, target_country, speaker, speaker_role, speaker_country, start_offset, end_offset, weight)
                select r.* from unnest(?::uuid[], ?::int[], ?::text[], ?::timestamptz[], ?::int[], ?::int[], ?::text[], ?::text[], ?::text[],
                    ?::text[], ?::text[], ?::text[], ?::text[], ?::int[], ?::int[], ?::float8[])
                    as r(article_id, revision, extractor_version, published_at, statement, entry, pair, from_country, to_country,
                         target_country, speaker, speaker_role, speaker_country, start_offset, end_offset, weight)
                join known using (article_id, revision, extractor_version) where not known.stored
                """,
                extracted.Select(e => e.ArticleId).ToArray(),
                extracted.Select(e => e.Revision).ToArray(),
                extracted.Select(e => e.ExtractorVersion).ToArray(),
                rows.Select(r => r.Entry.ArticleId).ToArray(),
                rows.Select(r => r.Entry.Revision).ToArray(),
                rows.Select(r => r.Entry.ExtractorVersion).ToArray(),
                rows.Select(r => r.Entry.PublishedAt.ToUniversalTime()).ToArray(),
                rows.Select(r => r.Entry.Statement).ToArray(),
                rows.Select(r => r.Entry.Entry).ToArray(),
                rows.Select(r => r.Entry.Pair).ToArray(),
                rows.Select(r => r.Statement.SpeakerCountry is null ? null : r.Entry.From).ToArray(),
                rows.Select(r => r.Statement.SpeakerCountry is null ? null : r.Entry.To).ToArray(),
                rows.Select(r => r.Entry.To).ToArray(),
                rows.Select(r => r.Statement.Speaker).ToArray(),
                rows.Select(r => r.Statement.SpeakerRole).ToArray(),
                rows.Select(r => r.Statement.SpeakerCountry).ToArray(),
                rows.Select(r => r.Statement.Start).ToArray(),
                rows.Select(r => r.Statement.Start + r.Statement.Length).ToArray(),
                rows.Select(r => r.Entry.Weight).ToArray());

        var fingerprinted = extracted.Where(e => e.Fingerprint is not null).ToList();
        if (fingerprinted.Count == 0) return;
        // One fingerprint and its bands per article, as PostgreSQL array literals (arrays of arrays do not unnest).
        var bands = fingerprinted.Select(e => SyndicatedCopies.Bands(e.Fingerprint!)).ToList();
        ops.QueueSqlCommand($"""
            insert into {S}.{EvidenceTables.Fingerprints} (article_id, fingerprint, bands, published_at)
            select a, f::bigint[], b::bigint[], p from unnest(?::uuid[], ?::text[], ?::text[], ?::timestamptz[]) as t(a, f, b, p)
            on conflict (article_id) do update set fingerprint = excluded.fingerprint, bands = excluded.bands, published_at = excluded.published_at
            """,
            fingerprinted.Select(e => e.ArticleId).ToArray(),
            fingerprinted.Select(e => ArrayLiteral(e.Fingerprint!.Select(x => unchecked((long)x)))).ToArray(),
            bands.Select(b => ArrayLiteral(b)).ToArray(),
            fingerprinted.Select(e => e.PublishedAt.ToUniversalTime()).ToArray());
        ops.QueueSqlCommand($"""
            insert into {S}.{EvidenceTables.Bands} (band, published_at, article_id)
            select * from unnest(?::bigint[], ?::timestamptz[], ?::uuid[]) on conflict do nothing
            """,
            bands.SelectMany(b => b).ToArray(),
            fingerprinted.SelectMany((e, i) => bands[i].Select(_ => e.PublishedAt.ToUniversalTime())).ToArray(),
            fingerprinted.SelectMany((e, i) => bands[i].Select(_ => e.ArticleId)).ToArray());
    }

    static void Scored(IDocumentOperations ops, List<EvidenceReading> readings)
    {
        if (readings.Count == 0) return;
        var keys = (readings.Select(r => r.ArticleId).ToArray(), readings.Select(r => r.Model).ToArray(),
            readings.Select(r => r.Revision).ToArray(), readings.Select(r => r.ExtractorVersion).ToArray());
        // The same model's reading of the same extraction again (a re-score): what it added goes first.
        ops.QueueSqlCommand($"""
            with gone as (
                delete from {S}.{EvidenceTables.Readings} r using unnest(?::uuid[], ?::text[], ?::int[], ?::text[]) as k(article_id, model, revision, extractor_version)
                where r.article_id = k.article_id and r.model = k.model and r.revision = k.revision and r.extractor_version = k.extractor_version
                returning r.model, r.published_at, r.pairs, r.signal, r.polar, r.neutral_mass, r.counts, r.removed_at)
            {MoveTotals("gone", -1, openOnly: true)}
            """, keys.Item1, keys.Item2, keys.Item3, keys.Item4);

        // One row per article and model; each row's arrays are slices of flat arrays (arrays of arrays do not unnest).
        int[] entryStarts = Starts(readings.Select(r => r.Tones.Length)), pairStarts = Starts(readings.Select(r => r.Pairs.Length));
        ops.QueueSqlCommand($"""
            with added as (
                insert into {S}.{EvidenceTables.Readings} (article_id, model, revision, extractor_version, published_at, recorded_at,
                    tones, stances, conflict, neutral, cooperation, pairs, signal, polar, neutral_mass, counts)
                select t.article_id, t.model, t.revision, t.extractor_version, t.published_at, t.recorded_at,
                       (?::real[])[t.e + 1 : t.e + t.en], (?::real[])[t.e + 1 : t.e + t.en], (?::real[])[t.e + 1 : t.e + t.en],
                       (?::real[])[t.e + 1 : t.e + t.en], (?::real[])[t.e + 1 : t.e + t.en],
                       (?::text[])[t.p + 1 : t.p + t.pn], (?::float8[])[t.p + 1 : t.p + t.pn], (?::float8[])[t.p + 1 : t.p + t.pn],
                       (?::float8[])[t.p + 1 : t.p + t.pn], (?::int[])[t.p + 1 : t.p + t.pn]
                from unnest(?::uuid[], ?::text[], ?::int[], ?::text[], ?::timestamptz[], ?::timestamptz[], ?::int[], ?::int[], ?::int[], ?::int[])
                     as t(article_id, model, revision, extractor_version, published_at, recorded_at, e, en, p, pn)
                -- scores of statements already closed (revised, retracted, re-extracted) count for nothing
                where exists (select 1 from {S}.{EvidenceTables.Statements} s
                              where s.article_id = t.article_id and s.revision = t.revision
                                and s.extractor_version = t.extractor_version and s.closed_at is null)
                returning model, published_at, pairs, signal, polar, neutral_mass, counts)
            {MoveTotals("added", 1)}
            """,
            readings.SelectMany(r => r.Tones).ToArray(), readings.SelectMany(r => r.Stances).ToArray(),
            readings.SelectMany(r => r.Conflict).ToArray(), readings.SelectMany(r => r.Neutral).ToArray(),
            readings.SelectMany(r => r.Cooperation).ToArray(),
            readings.SelectMany(r => r.Pairs).ToArray(), readings.SelectMany(r => r.Signal).ToArray(),
            readings.SelectMany(r => r.Polar).ToArray(), readings.SelectMany(r => r.NeutralMass).ToArray(),
            readings.SelectMany(r => r.Counts).ToArray(),
            keys.Item1, keys.Item2, keys.Item3, keys.Item4,
            readings.Select(r => r.PublishedAt.ToUniversalTime()).ToArray(), readings.Select(r => r.RecordedAt.ToUniversalTime()).ToArray(),
            entryStarts, readings.Select(r => r.Tones.Length).ToArray(), pairStarts, readings.Select(r => r.Pairs.Length).ToArray());
    }

    /// <summary>The articles' evidence stops counting from these moments: its readings' sums leave the totals.</summary>
    static void Close(IDocumentOperations ops, List<(Guid Article, DateTimeOffset At)> closing, bool fingerprints)
    {
        if (closing.Count == 0) return;
        var ids = closing.Select(c => c.Article).ToArray();
        var times = closing.Select(c => c.At.ToUniversalTime()).ToArray();
        // "= any" keeps these on the primary keys (a join with the arrays can turn into a scan of the table).
        ops.QueueSqlCommand($"""
            with closed as (
                update {S}.{EvidenceTables.Readings} r set removed_at = (?::timestamptz[])[array_position(?::uuid[], r.article_id)]
                where r.article_id = any(?) and r.removed_at is null
                returning r.model, r.published_at, r.pairs, r.signal, r.polar, r.neutral_mass, r.counts)
            {MoveTotals("closed", -1)}
            """, times, ids, ids);
        ops.QueueSqlCommand($"""
            update {S}.{EvidenceTables.Statements} s set closed_at = (?::timestamptz[])[array_position(?::uuid[], s.article_id)]
            where s.article_id = any(?) and s.closed_at is null
            """, times, ids, ids);
        if (!fingerprints) return;
        ops.QueueSqlCommand($"""
            delete from {S}.{EvidenceTables.Bands} b using {S}.{EvidenceTables.Fingerprints} f
            where f.article_id = any(?) and b.band = any(f.bands) and b.published_at = f.published_at and b.article_id = f.article_id
            """, ids);
        ops.QueueSqlCommand($"delete from {S}.{EvidenceTables.Fingerprints} where article_id = any(?)", ids);
    }

    /// <summary>
    /// The rest of a statement whose first CTE returns readings (model, published_at and the per-pair sums): adds (sign 1)
    /// or takes away (-1) those sums, per pair and per pair and day. Sums only: the numbers were computed in C#.
    /// </summary>
    static string MoveTotals(string readings, int sign, bool openOnly = false) => $"""
        , parts as (
            select g.model, p.pair, (g.published_at at time zone 'UTC')::date as day,
                   case when {sign} > 0 then g.published_at end as published_at,
                   {sign} * p.signal as signal, {sign} * p.polar as polar, {sign} * p.neutral as neutral, {sign} * p.n as n
            from {readings} g cross join lateral unnest(g.pairs, g.signal, g.polar, g.neutral_mass, g.counts) as p(pair, signal, polar, neutral, n)
            {(openOnly ? "where g.removed_at is null" : "")}),
        totals as (
            insert into {S}.{EvidenceTables.Totals} as t (model, pair, signal, polar, neutral, statements, last_published)
            select model, pair, sum(signal), sum(polar), sum(neutral), sum(n)::int, coalesce(max(published_at), '-infinity')
            from parts group by model, pair order by model, pair
            on conflict (model, pair) do update set signal = t.signal + excluded.signal, polar = t.polar + excluded.polar,
                neutral = t.neutral + excluded.neutral, statements = t.statements + excluded.statements,
                last_published = greatest(t.last_published, excluded.last_published)
            returning 1)
        insert into {S}.{EvidenceTables.DayTotals} as t (model, pair, day, signal, polar, neutral, statements, last_published)
        select model, pair, day, sum(signal), sum(polar), sum(neutral), sum(n)::int, coalesce(max(published_at), '-infinity')
        from parts group by model, pair, day order by model, pair, day
        on conflict (model, pair, day) do update set signal = t.signal + excluded.signal, polar = t.polar + excluded.polar,
            neutral = t.neutral + excluded.neutral, statements = t.statements + excluded.statements,
            last_published = greatest(t.last_published, excluded.last_published)
        """;

    static int[] Starts(IEnumerable<int> lengths)
    {
        var starts = new List<int>();
        var at = 0;
        foreach (var length in lengths) { starts.Add(at); at += length; }
        return starts.ToArray();
    }

    static string ArrayLiteral(IEnumerable<long> values) => "{" + string.Join(',', values) + "}";
}
