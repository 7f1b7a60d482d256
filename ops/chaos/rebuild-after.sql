-- ops/chaos.sh, after `tension projections rebuild`: rows that differ from what the live ingest wrote
-- (rebuild-before.sql), one `name value` line each. Totals are compared past float noise (a rebuild sums in
-- another order).
select 'rebuild_documents', count(*) from (
    (select id, h from chaos.docs_before except all select id, md5(data::text) from tension.mt_doc_articleview)
    union all
    (select id, md5(data::text) from tension.mt_doc_articleview except all select id, h from chaos.docs_before)) d;

create temp table evidence_after as
select e.article_id, md5(concat_ws(' ', e.model, e.revision, e.extractor_version, s.statement, s.pair, s.from_country, s.to_country, s.weight,
       e.tones[s.statement + 1], e.stances[s.statement + 1], s.published_at, e.recorded_at, e.removed_at, s.speaker, s.speaker_role,
       s.speaker_country, s.target_country, s.start_offset, s.end_offset, s.closed_at, e.tones::text, e.stances::text)) as h
from tension.evidence_scores e left join tension.evidence_statements s using (article_id, revision, extractor_version)
union all
select s.article_id, md5(concat_ws(' ', 'statement', s.revision, s.extractor_version, s.statement, s.pair, s.weight, s.closed_at))
from tension.evidence_statements s
union all
select article_id, md5(concat_ws(' ', 'fingerprint', fingerprint::text, bands::text, published_at)) from tension.article_fingerprints;

select 'rebuild_evidence', count(*) from (
    (select * from chaos.evidence_before except all select * from evidence_after)
    union all
    (select * from evidence_after except all select * from chaos.evidence_before)) d;

select 'rebuild_totals', count(*) from chaos.totals_before b full join tension.pair_totals t using (model, pair)
where b.statements is distinct from t.statements
   or abs(b.mass - t.mass) > 1e-9 * greatest(abs(b.mass), 1e-300)
   or abs(b.weighted / nullif(b.mass, 0) - t.weighted / nullif(t.mass, 0)) > 1e-6;

select 'rebuild_days', count(*) from chaos.days_before b full join tension.dyad_days t using (model, pair, day)
where b.statements is distinct from t.statements
   or abs(b.mass - t.mass) > 1e-9 * greatest(abs(b.mass), 1e-300)
   or abs(b.weighted / nullif(b.mass, 0) - t.weighted / nullif(t.mass, 0)) > 1e-6;

select 'rebuild_totals_left', n from chaos.totals_left;
