-- ops/chaos.sh, before `tension projections rebuild` (host stopped): what the live ingest wrote, then the
-- documents and evidence rows removed (the totals follow them to zero through their triggers), so only the
-- rebuild can bring them back. Compared by rebuild-after.sql.
drop table if exists chaos.docs_before, chaos.evidence_before, chaos.totals_before, chaos.days_before, chaos.totals_left;
create table chaos.docs_before as select id, md5(data::text) as h from tension.mt_doc_articleview;
create table chaos.evidence_before as
select e.article_id, md5(concat_ws(' ', e.model, e.revision, e.extractor_version, s.statement, s.pair, s.from_country, s.to_country, s.weight,
       e.tones[s.statement + 1], e.stances[s.statement + 1], s.published_at, e.recorded_at, e.removed_at, s.speaker, s.speaker_role,
       s.speaker_country, s.target_country, s.start_offset, s.end_offset, s.closed_at, e.tones::text, e.stances::text)) as h
from tension.evidence_scores e left join tension.evidence_statements s using (article_id, revision, extractor_version)
union all
select s.article_id, md5(concat_ws(' ', 'statement', s.revision, s.extractor_version, s.statement, s.pair, s.weight, s.closed_at))
from tension.evidence_statements s
union all
select article_id, md5(concat_ws(' ', 'fingerprint', fingerprint::text, bands::text, published_at)) from tension.article_fingerprints;
create table chaos.totals_before as select * from tension.pair_totals;
create table chaos.days_before as select * from tension.dyad_days;
delete from tension.mt_doc_articleview;
delete from tension.evidence_scores;
delete from tension.evidence_statements;
delete from tension.article_bands;
delete from tension.article_fingerprints;
-- With every evidence row gone the totals must be gone too; what is left had drifted from the rows (it would
-- survive the rebuild, which only adds). Counted, then cleared, so the rebuild's totals start from nothing.
create table chaos.totals_left as select (select count(*) from tension.pair_totals) + (select count(*) from tension.dyad_days) as n;
truncate tension.pair_totals, tension.dyad_days;
