-- ops/chaos.sh, after `tension projections rebuild`: rows that differ from what the live ingest wrote
-- (rebuild-before.sql), one `name value` line each.
create temp table docs_after as
select 'articleview' as doc, id::text, md5(data::text) as h from tension.mt_doc_articleview
union all select 'articleversion', id::text, md5(data::text || ' ' || mt_version) from tension.mt_doc_articleversion
union all select 'modelsview', id::text, md5(data::text) from tension.mt_doc_modelsview
union all select 'replayview', id::text, md5(data::text) from tension.mt_doc_replayview;

select 'rebuild_documents', count(*) from (
    (select * from chaos.docs_before except all select * from docs_after)
    union all
    (select * from docs_after except all select * from chaos.docs_before)) d;

create temp table evidence_after as
select 'statements' as t, md5(s::text) as h from tension.dyad_statements s
union all select 'readings', md5(r::text) from tension.dyad_readings r
union all select 'fingerprints', md5(f::text) from tension.article_fingerprints f
union all select 'bands', md5(b::text) from tension.article_bands b;

select 'rebuild_evidence', count(*) from (
    (select * from chaos.evidence_before except all select * from evidence_after)
    union all
    (select * from evidence_after except all select * from chaos.evidence_before)) d;

-- Totals: the same rows (emptied ones too: the projection keeps them), the same statement counts and latest publication,
-- and, where statements count, the same sums past float noise (1e-9 of the pair's evidence).
select 'rebuild_totals', count(*) from chaos.totals_before b full join tension.dyad_totals t using (model, pair)
where b.statements is distinct from t.statements or b.last_published is distinct from t.last_published
   or (t.statements > 0 and (abs(b.signal - t.signal) > 1e-9 * (abs(t.polar) + abs(t.neutral))
                             or abs(b.polar - t.polar) > 1e-9 * (abs(t.polar) + abs(t.neutral))
                             or abs(b.neutral - t.neutral) > 1e-9 * (abs(t.polar) + abs(t.neutral))));

select 'rebuild_days', count(*) from chaos.days_before b full join tension.dyad_day_totals t using (model, pair, day)
where b.statements is distinct from t.statements or b.last_published is distinct from t.last_published
   or (t.statements > 0 and (abs(b.signal - t.signal) > 1e-9 * (abs(t.polar) + abs(t.neutral))
                             or abs(b.polar - t.polar) > 1e-9 * (abs(t.polar) + abs(t.neutral))
                             or abs(b.neutral - t.neutral) > 1e-9 * (abs(t.polar) + abs(t.neutral))));
