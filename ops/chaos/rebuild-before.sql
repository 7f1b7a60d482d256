-- ops/chaos.sh, before `tension projections rebuild` (host stopped): what the live ingest wrote, in every projected
-- document (ArticleView, ArticleVersion, ModelsView, ReplayView) and every table of EvidenceProjection
-- (projections/EvidenceTables.cs); then all of it removed, so only the rebuild can bring it back. Compared by
-- rebuild-after.sql.
-- The documents by their data; ArticleVersion by its mt_version too, the stream version ingest appends onto
-- (IRevisioned). Other documents' mt_version is Marten's bookkeeping and differs by design: inline it is the stream's
-- version after the whole append, rebuilt it is that of the last event the projection handles (ArticleView handles
-- no StatementsScored), and nothing reads it.
drop table if exists chaos.docs_before, chaos.evidence_before, chaos.totals_before, chaos.days_before;
create table chaos.docs_before as
select 'articleview' as doc, id::text, md5(data::text) as h from tension.mt_doc_articleview
union all select 'articleversion', id::text, md5(data::text || ' ' || mt_version) from tension.mt_doc_articleversion
union all select 'modelsview', id::text, md5(data::text) from tension.mt_doc_modelsview
union all select 'replayview', id::text, md5(data::text) from tension.mt_doc_replayview;
-- Statements, readings, fingerprints and bands row for row (their values come from the events alone, in C#).
create table chaos.evidence_before as
select 'statements' as t, md5(s::text) as h from tension.dyad_statements s
union all select 'readings', md5(r::text) from tension.dyad_readings r
union all select 'fingerprints', md5(f::text) from tension.article_fingerprints f
union all select 'bands', md5(b::text) from tension.article_bands b;
-- The running sums, compared past float noise (a rebuild adds in another order).
create table chaos.totals_before as select * from tension.dyad_totals;
create table chaos.days_before as select * from tension.dyad_day_totals;
delete from tension.mt_doc_articleview;
delete from tension.mt_doc_articleversion;
delete from tension.mt_doc_modelsview;
delete from tension.mt_doc_replayview;
truncate tension.dyad_statements, tension.dyad_readings, tension.dyad_totals, tension.dyad_day_totals,
         tension.article_fingerprints, tension.article_bands;
