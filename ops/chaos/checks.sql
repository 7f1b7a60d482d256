-- ops/chaos.sh's checks once the cycle is quiet, one `name value` line each (psql -At -F ' ', ON_ERROR_STOP).
-- chaos.expected: the valid articles the publishers confirmed (accepted or duplicate); chaos.poison: what was slipped
-- into the queue. Reads the Marten tables and the evidence tables (projections/EvidenceTables.cs) directly: this is an
-- operator's checker, not product code. The first line is `confirmed`, so a cycle whose checks stop early still says
-- what they were counted against.
select 'confirmed', count(*) from chaos.expected;

-- The article ids each dead letter names: in its body (the article JSON, also inside an IngestRejected) or in
-- its reason ("article <id>: ..."). Bodies may be garbage, so they are read byte-escaped, never decoded.
create temp table dead_ids as
select d.id as dead_letter_id, m[1]::uuid as article_id
from tension.wolverine_dead_letters d
cross join lateral regexp_matches(encode(d.body, 'escape') || ' ' || coalesce(d.exception_message, ''),
    '(?:"articleId"\s*:\s*"|article )([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})', 'g') m;

create temp table event_counts as
select stream_id as article_id,
       count(*) filter (where type = 'article_ingested') as ingested,
       count(*) filter (where type = 'article_revised') as revised,
       count(*) filter (where type in ('statements_scored', 'article_not_scored')) as outcomes
from tension.mt_events group by stream_id;

-- Each extraction, with the number of dyad_statements rows it must have: per statement, the pairs it bears on as
-- TensionIndex.Directions gives them (a speaker toward each other target; narration, each two distinct targets).
create temp table extractions as
select e.stream_id as article_id, (e.data->>'revision')::int as revision, e.data->>'extractorVersion' as extractor_version,
       e.data->'fingerprint' as fingerprint,
       coalesce(sum(case when st->>'speakerCountry' is not null
                         then (select count(distinct t) from jsonb_array_elements_text(coalesce(st->'targets', '[]')) t
                               where t <> st->>'speakerCountry')
                         else (select count(distinct t) * (count(distinct t) - 1) / 2
                               from jsonb_array_elements_text(coalesce(st->'targets', '[]')) t) end), 0) as entries
from tension.mt_events e left join lateral jsonb_array_elements(e.data->'statements') st on true
where e.type = 'statements_extracted'
group by e.stream_id, e.data->>'revision', e.data->>'extractorVersion', e.data->'fingerprint';

-- Evidence the live ingest must have written, per article:
-- * every extraction's statement rows, one per entry (kept, closed, once a copy link or revision closes them);
-- * for each model's scores of an extraction whose statements still count (open), that model's open reading;
-- * the fingerprint and its bands of the current extraction, unless the article is a copy or retracted (those go).
create temp table evidence_missing as
select x.article_id, 'statements' as what from extractions x
where x.entries <> (select count(*) from tension.dyad_statements s
                    where s.article_id = x.article_id and s.revision = x.revision and s.extractor_version = x.extractor_version)
union all
select e.stream_id, 'reading' from tension.mt_events e
where e.type = 'statements_scored'
  and exists (select 1 from tension.dyad_statements s
              where s.article_id = e.stream_id and s.revision = (e.data->>'revision')::int
                and s.extractor_version = e.data->>'extractorVersion' and s.closed_at is null)
  and not exists (select 1 from tension.dyad_readings r
                  where r.article_id = e.stream_id and r.model = e.data->>'model' and r.revision = (e.data->>'revision')::int
                    and r.extractor_version = e.data->>'extractorVersion' and r.removed_at is null)
union all
select v.id, 'fingerprint' from tension.mt_doc_articleversion v
join extractions x on x.article_id = v.id and x.revision = (v.data->>'revision')::int and x.extractor_version = v.data->>'extractorVersion'
where x.fingerprint is not null and x.fingerprint <> 'null'::jsonb
  and v.data->>'status' not in ('copy', 'retracted') and not (v.data->>'retracted')::boolean
  and not exists (select 1 from tension.article_fingerprints f
                  where f.article_id = v.id
                    and (select count(*) from tension.article_bands b where b.article_id = f.article_id and b.published_at = f.published_at)
                        = (select count(distinct b) from unnest(f.bands) b));

-- lost: a confirmed article missing from any index: its stream, its ArticleIngested event, its documents (ArticleView,
-- ArticleVersion), its scores (or the reason it was not scored), or any of its evidence rows above.
select 'lost', count(*) from chaos.expected x
left join event_counts c using (article_id)
where not exists (select 1 from tension.mt_streams s where s.id = x.article_id)
   or not exists (select 1 from tension.mt_doc_articleview d where d.id = x.article_id)
   or not exists (select 1 from tension.mt_doc_articleversion d where d.id = x.article_id)
   or coalesce(c.ingested, 0) = 0
   or coalesce(c.outcomes, 0) = 0
   or exists (select 1 from evidence_missing m where m.article_id = x.article_id);
-- Which kinds of evidence were missing, for any article (confirmed or not): a note, not a figure.
select 'evidence_missing', count(*) from evidence_missing;

-- duplicated: any article (confirmed or not) recorded twice: two ArticleIngested events, a revision where the corpus
-- has none, the same statements extracted twice, or one model's scores twice for one revision.
select 'duplicated', count(distinct article_id) from (
    select article_id from event_counts where ingested > 1 or revised > 0
    union all
    select stream_id from tension.mt_events where type = 'statements_extracted'
    group by stream_id, data->>'revision', data->>'extractorVersion' having count(*) > 1
    union all
    select stream_id from tension.mt_events where type = 'statements_scored'
    group by stream_id, data->>'model', data->>'revision', data->>'extractorVersion' having count(*) > 1
) d;

select 'dead_lettered_valid', count(*) from chaos.expected x
where exists (select 1 from dead_ids d where d.article_id = x.article_id);

-- A poison message is isolated when a dead letter holds it: by its envelope id, its article id, or (an unreadable
-- body, which names nothing) by its bytes.
select 'poison_isolated', count(*) from chaos.poison p
where exists (select 1 from tension.wolverine_dead_letters d where d.id = p.envelope_id)
   or exists (select 1 from dead_ids d where d.article_id = p.article_id)
   or (p.body is not null and exists (select 1 from tension.wolverine_dead_letters d where position(p.body in d.body) > 0));

select 'poison_total', count(*) from chaos.poison;

-- Readings that disagree with their statements: a reading that counts (removed_at null) over statements that were
-- closed, or whose per-entry arrays are not as long as its extraction has statement rows.
select 'readings_vs_statements', count(*) from tension.dyad_readings r
where (r.removed_at is null and exists (select 1 from tension.dyad_statements s
                                        where s.article_id = r.article_id and s.revision = r.revision
                                          and s.extractor_version = r.extractor_version and s.closed_at is not null))
   or coalesce(array_length(r.tones, 1), 0) <> (select count(*) from tension.dyad_statements s
                                                where s.article_id = r.article_id and s.revision = r.revision
                                                  and s.extractor_version = r.extractor_version);

-- The running totals against a recount of the evidence rows, computed as the projection does it
-- (EvidenceReadings.Read, TensionIndex.Contribute, DyadTotals.Growth), from each counted reading's per-entry class
-- probabilities and stance and each statement row's weight: an entry with weight 0, or beyond the scores its model
-- gave (a shorter score list), counts for nothing. Rows that differ in statements, in the latest publication counted
-- (over every reading, removed ones too: totals keep it), or in signal, polar or neutral past float noise (1e-9 of
-- the pair's evidence). Totals whose statements all left stay with 0 statements and sums that are only float residue.
create temp table contributions as
select r.model, s.pair, (r.published_at at time zone 'UTC')::date as day,
       g.growth * s.weight * least(1.0, abs(r.stances[s.entry + 1]::float8)) * g.lean as signal,
       g.growth * abs(s.weight * least(1.0, abs(r.stances[s.entry + 1]::float8)) * g.lean) as polar,
       g.growth * s.weight * (1 - abs(g.lean)) as neutral
from tension.dyad_readings r
join tension.dyad_statements s on s.article_id = r.article_id and s.revision = r.revision and s.extractor_version = r.extractor_version
cross join lateral (select power(2::float8, greatest(-1000, least(1000,
                        extract(epoch from r.published_at - timestamptz '2000-01-01 00:00:00+00') / (30 * 86400)))) as growth,
                    greatest(-1, least(1, r.conflict[s.entry + 1]::float8 - r.cooperation[s.entry + 1]::float8)) as lean) g
where r.removed_at is null and s.weight > 0
  and s.statement < (select jsonb_array_length(e.data->'scores') from tension.mt_events e
                     where e.stream_id = r.article_id and e.type = 'statements_scored' and e.data->>'model' = r.model
                       and (e.data->>'revision')::int = r.revision and e.data->>'extractorVersion' = r.extractor_version
                     order by e.seq_id desc limit 1);

create temp table last_counted as
select r.model, p.pair, (r.published_at at time zone 'UTC')::date as day, max(r.published_at) as last_published
from tension.dyad_readings r cross join lateral unnest(r.pairs) p(pair) group by 1, 2, 3;

select 'totals_vs_evidence', count(*) from (
    select c.model, c.pair, count(*) as statements, sum(c.signal) as signal, sum(c.polar) as polar, sum(c.neutral) as neutral
    from contributions c group by 1, 2) r
full join tension.dyad_totals t using (model, pair)
where coalesce(r.statements, 0) <> coalesce(t.statements, -1)
   or t.last_published is distinct from (select max(l.last_published) from last_counted l where l.model = t.model and l.pair = t.pair)
   or (r.statements > 0 and (abs(r.signal - t.signal) > 1e-9 * (r.polar + r.neutral)
                             or abs(r.polar - t.polar) > 1e-9 * (r.polar + r.neutral)
                             or abs(r.neutral - t.neutral) > 1e-9 * (r.polar + r.neutral)));

select 'day_totals_vs_evidence', count(*) from (
    select c.model, c.pair, c.day, count(*) as statements, sum(c.signal) as signal, sum(c.polar) as polar, sum(c.neutral) as neutral
    from contributions c group by 1, 2, 3) r
full join tension.dyad_day_totals t using (model, pair, day)
where coalesce(r.statements, 0) <> coalesce(t.statements, -1)
   or t.last_published is distinct from (select l.last_published from last_counted l
                                         where l.model = t.model and l.pair = t.pair and l.day = t.day)
   or (r.statements > 0 and (abs(r.signal - t.signal) > 1e-9 * (r.polar + r.neutral)
                             or abs(r.polar - t.polar) > 1e-9 * (r.polar + r.neutral)
                             or abs(r.neutral - t.neutral) > 1e-9 * (r.polar + r.neutral)));

select 'articles', count(*) from tension.mt_doc_articleview;
select 'dead_letters', count(*) from tension.wolverine_dead_letters;
-- The CLI's own outbox (absent until a CLI ran): what it answered "accepted" for but never put on the queue.
select 'stuck_in_publisher_outbox', case when to_regclass('tension_cli.wolverine_outgoing_envelopes') is null then 0
    else (xpath('/row/c/text()', query_to_xml('select count(*) as c from tension_cli.wolverine_outgoing_envelopes', false, true, '')))[1]::text::int end;
select 'poison_left_in_inbox', count(*) from tension.wolverine_incoming_envelopes i
where i.status <> 'Handled' and exists (select 1 from chaos.poison p where p.envelope_id = i.id);
