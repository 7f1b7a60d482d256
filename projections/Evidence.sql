-- The evidence behind the index, as plain rows (written by EvidenceProjection.cs, a pure function of the
-- events), and the running totals per model and pair (and per UTC day) kept from those rows by triggers.
--
--   evidence_statements  one row per statement and country pair it bears on, for one revision: who spoke, to
--                        whom, where in the text, with what weight. Written when statements are extracted and
--                        kept (closed) after a revision or retraction, for reads "as known then".
--   evidence_scores      one row per model and extraction: the tone and stance of each of its statements, and the
--                        knowledge-time interval during which they counted (recorded .. removed by a revision,
--                        re-extraction or retraction). A model's scores add a row and never rewrite another
--                        model's, so a replay only appends. A piece of evidence is a statement row joined with
--                        its model's scores.
--   article_fingerprints the MinHash of each article that can be an original, and its bands (article_bands),
--                        to find syndicated copies.
--
-- Recency in the totals uses the exponential trick: each statement adds w * 2^((t - epoch) / half-life) to
-- `mass` and that times its value to `weighted`; at any moment `at`, the decayed mass is
-- mass * 2^(-(at - epoch) / half-life), and the index is weighted / mass, as in TensionIndex.cs (which states the
-- formula; a test holds the two equal).
create table if not exists {schema}.evidence_statements (
    article_id uuid not null,
    revision integer not null,
    extractor_version text not null,
    statement integer not null,
    pair text not null,
    from_country text,                -- null for narration (no speaking country)
    to_country text,
    target_country text,
    speaker text,
    speaker_role text not null,
    speaker_country text,
    start_offset integer not null,
    end_offset integer not null,
    weight double precision not null,
    published_at timestamptz not null,
    closed_at timestamptz,            -- revised, re-extracted, retracted or linked as a copy: no model's scores count from then on
    primary key (article_id, revision, extractor_version, statement, pair)   -- a re-extraction adds rows beside the closed ones
);
alter table {schema}.evidence_statements add column if not exists closed_at timestamptz;
create index if not exists evidence_statements_by_pair on {schema}.evidence_statements (pair, published_at);
-- One row per model and extraction it scored: the tone and stance of every statement, in statement order (the
-- statement's index + 1 in the arrays). One row per article rather than one per statement and pair: a model's
-- scores are written once, however many pairs its statements bear on, so scoring and replays write little.
create table if not exists {schema}.evidence_scores (
    article_id uuid not null,
    model text not null,
    revision integer not null,
    extractor_version text not null,
    tones real[] not null,
    stances real[] not null,
    recorded_at timestamptz not null,
    removed_at timestamptz,
    primary key (article_id, model, revision, extractor_version)   -- article first: a revision or retraction closes its rows
);
-- Databases from before: one evidence row per model, statement and pair, with the extractor version or without it.
-- Their scores move into evidence_scores (statements without a pair had no row; they read 0 and count for nothing)
-- and the old table goes; the totals stay as they are, since no value changes.
do $$
begin
    if exists (select 1 from information_schema.tables
               where table_schema = '{schema}' and table_name = 'evidence' and table_type = 'BASE TABLE') then
        if not exists (select 1 from information_schema.columns
                       where table_schema = '{schema}' and table_name = 'evidence' and column_name = 'extractor_version') then
            alter table {schema}.evidence add column extractor_version text;
            alter table {schema}.evidence disable trigger user;
            update {schema}.evidence e set extractor_version = s.extractor_version from {schema}.evidence_statements s
            where s.article_id = e.article_id and s.revision = e.revision and s.statement = e.statement and s.pair = e.pair;
            update {schema}.evidence set extractor_version = '' where extractor_version is null;
            alter table {schema}.evidence_statements drop constraint evidence_statements_pkey,
                add primary key (article_id, revision, extractor_version, statement, pair);
        end if;
        alter table {schema}.evidence_scores disable trigger user;
        insert into {schema}.evidence_scores (article_id, model, revision, extractor_version, tones, stances, recorded_at, removed_at)
        select k.article_id, k.model, k.revision, k.extractor_version,
               (select array_agg(coalesce(x.tone, 0) order by i) from generate_series(0, k.last) i
                left join lateral (select e.tone from {schema}.evidence e where e.article_id = k.article_id and e.model = k.model
                      and e.revision = k.revision and e.extractor_version = k.extractor_version and e.statement = i limit 1) x on true),
               (select array_agg(coalesce(x.stance, 0) order by i) from generate_series(0, k.last) i
                left join lateral (select e.stance from {schema}.evidence e where e.article_id = k.article_id and e.model = k.model
                      and e.revision = k.revision and e.extractor_version = k.extractor_version and e.statement = i limit 1) x on true),
               k.recorded_at, k.removed_at
        from (select article_id, model, revision, extractor_version, max(statement) as last,
                     max(recorded_at) as recorded_at, max(removed_at) as removed_at
              from {schema}.evidence group by article_id, model, revision, extractor_version) k
        on conflict do nothing;
        drop table {schema}.evidence;
        alter table {schema}.evidence_scores enable trigger user;
    end if;
end $$;
-- One piece of evidence per model, statement and pair, open or closed: what reads and the totals' recount use.
create or replace view {schema}.evidence as
select e.model, s.article_id, s.revision, s.extractor_version, s.statement, s.pair, s.from_country, s.to_country,
       s.target_country, s.speaker, s.speaker_role, s.speaker_country, s.start_offset, s.end_offset, s.weight,
       s.published_at, e.tones[s.statement + 1] as tone, e.stances[s.statement + 1] as stance, e.recorded_at, e.removed_at
from {schema}.evidence_statements s
join {schema}.evidence_scores e using (article_id, revision, extractor_version)
where e.tones[s.statement + 1] is not null;
create table if not exists {schema}.article_fingerprints (
    article_id uuid primary key,
    fingerprint bigint[] not null,
    bands bigint[] not null,
    published_at timestamptz not null
);
-- Band lookups are b-tree probes limited to a time window (SyndicatedCopies.Window), so their cost does not
-- grow with history.
create table if not exists {schema}.article_bands (
    band bigint not null,
    published_at timestamptz not null,
    article_id uuid not null,
    primary key (band, published_at, article_id)
);

create table if not exists {schema}.pair_totals (
    model text not null,
    pair text not null,
    mass double precision not null,
    weighted double precision not null,
    statements integer not null,
    last_published timestamptz not null,
    primary key (model, pair)
);
-- The ranking order does not change with time (decay scales mass and weighted alike), so an index serves it.
create index if not exists pair_totals_ranking on {schema}.pair_totals
    (model, (weighted / nullif(mass, 0)) desc nulls last, mass desc, pair);
drop table if exists {schema}.dyad_totals;
create table if not exists {schema}.dyad_days (
    model text not null,
    pair text not null,
    day date not null,
    mass double precision not null,
    weighted double precision not null,
    statements integer not null,
    last_published timestamptz not null,
    primary key (model, pair, day)
);
create index if not exists pair_totals_empty on {schema}.pair_totals (model) where statements <= 0;
create index if not exists dyad_days_empty on {schema}.dyad_days (model) where statements <= 0;

-- The decayed mass and weighted value one live evidence row adds (sign -1 takes it away).
create or replace function {schema}.evidence_mass(weight double precision, published timestamptz, sign integer)
returns double precision language sql immutable as $$
    select sign * weight * power(2::float8, greatest(-1000, least(1000,
        extract(epoch from published - timestamptz '2000-01-01 00:00:00+00') / ({halfLifeDays} * 86400.0))))
$$;
create or replace function {schema}.evidence_value(tone real, stance real)
returns double precision language sql immutable as $$
    select 50 - 50 * greatest(-1, least(1, {stanceShare} * stance::float8 + (1 - {stanceShare}) * tone::float8))
$$;

-- Moves the totals by a set of evidence rows that started (sign 1) or stopped (sign -1) counting.
create or replace function {schema}.evidence_move(models text[], pairs text[], weights float8[],
    published timestamptz[], tones real[], stances real[], signs integer[])
returns void language sql volatile as $$
    with changes as (
        select c.model, c.pair, (c.published at time zone 'UTC')::date as day,
               {schema}.evidence_mass(c.weight, c.published, c.sign) as mass,
               {schema}.evidence_mass(c.weight, c.published, c.sign) * {schema}.evidence_value(c.tone, c.stance) as weighted,
               c.sign as statements, case when c.sign > 0 then c.published end as published
        from unnest(models, pairs, weights, published, tones, stances, signs)
             as c(model, pair, weight, published, tone, stance, sign)
    ), totals as (
        insert into {schema}.pair_totals as t (model, pair, mass, weighted, statements, last_published)
        select model, pair, sum(mass), sum(weighted), sum(statements)::int, coalesce(max(published), '-infinity')
        from changes group by model, pair order by model, pair
        on conflict (model, pair) do update
            set mass = t.mass + excluded.mass, weighted = t.weighted + excluded.weighted, statements = t.statements + excluded.statements,
                last_published = greatest(t.last_published, excluded.last_published)
        returning 1
    )
    insert into {schema}.dyad_days as t (model, pair, day, mass, weighted, statements, last_published)
    select model, pair, day, sum(mass), sum(weighted), sum(statements)::int, coalesce(max(published), '-infinity')
    from changes group by model, pair, day order by model, pair, day
    on conflict (model, pair, day) do update
        set mass = t.mass + excluded.mass, weighted = t.weighted + excluded.weighted, statements = t.statements + excluded.statements,
            last_published = greatest(t.last_published, excluded.last_published);
$$;

-- One function for the three statement-level triggers on evidence_scores: each branch reads only the transition
-- tables its trigger defines (PL/pgSQL plans a statement when it first runs). A live score row counts once for
-- every statement and pair of its extraction with weight; the lateral lookup keeps that to one range of the
-- statements' primary key per row, whatever the size of the table.
create or replace function {schema}.evidence_follow() returns trigger language plpgsql as $$
begin
    if tg_op = 'INSERT' then
        perform {schema}.evidence_move(array_agg(c.model), array_agg(s.pair), array_agg(s.weight), array_agg(s.published_at),
            array_agg(c.tones[s.statement + 1]), array_agg(c.stances[s.statement + 1]), array_agg(1))
        from came c cross join lateral (select s.pair, s.weight, s.published_at, s.statement from {schema}.evidence_statements s
            where s.article_id = c.article_id and s.revision = c.revision and s.extractor_version = c.extractor_version and s.weight > 0) s
        where c.removed_at is null and c.tones[s.statement + 1] is not null having count(*) > 0;
    elsif tg_op = 'DELETE' then
        perform {schema}.evidence_move(array_agg(c.model), array_agg(s.pair), array_agg(s.weight), array_agg(s.published_at),
            array_agg(c.tones[s.statement + 1]), array_agg(c.stances[s.statement + 1]), array_agg(-1))
        from gone c cross join lateral (select s.pair, s.weight, s.published_at, s.statement from {schema}.evidence_statements s
            where s.article_id = c.article_id and s.revision = c.revision and s.extractor_version = c.extractor_version and s.weight > 0) s
        where c.removed_at is null and c.tones[s.statement + 1] is not null having count(*) > 0;
    else
        perform {schema}.evidence_move(array_agg(c.model), array_agg(s.pair), array_agg(s.weight), array_agg(s.published_at),
            array_agg(c.tones[s.statement + 1]), array_agg(c.stances[s.statement + 1]), array_agg(c.sign))
        from (select *, 1 as sign from came where removed_at is null
              union all
              select *, -1 from gone where removed_at is null) c
        cross join lateral (select s.pair, s.weight, s.published_at, s.statement from {schema}.evidence_statements s
            where s.article_id = c.article_id and s.revision = c.revision and s.extractor_version = c.extractor_version and s.weight > 0) s
        where c.tones[s.statement + 1] is not null having count(*) > 0;
    end if;
    -- Cheap: partial indexes hold only the emptied rows.
    delete from {schema}.pair_totals where statements <= 0;
    delete from {schema}.dyad_days where statements <= 0;
    return null;
end $$;

create or replace function {schema}.evidence_cleared() returns trigger language plpgsql as $$
begin
    truncate {schema}.pair_totals, {schema}.dyad_days;
    return null;
end $$;

create or replace trigger evidence_came after insert on {schema}.evidence_scores
    referencing new table as came for each statement execute function {schema}.evidence_follow();
create or replace trigger evidence_changed after update on {schema}.evidence_scores
    referencing old table as gone new table as came for each statement execute function {schema}.evidence_follow();
create or replace trigger evidence_went after delete on {schema}.evidence_scores
    referencing old table as gone for each statement execute function {schema}.evidence_follow();
create or replace trigger evidence_truncated after truncate on {schema}.evidence_scores
    for each statement execute function {schema}.evidence_cleared();

-- The evidence used to live inside the article documents; its trigger and indexes there go.
drop trigger if exists dyad_totals_follow on {schema}.mt_doc_articleview;
drop trigger if exists dyad_totals_clear on {schema}.mt_doc_articleview;
drop index if exists {schema}.articleview_evidence;
drop index if exists {schema}.articleview_bands;
drop function if exists {schema}.dyad_totals_follow();
drop function if exists {schema}.dyad_totals_clear();
drop function if exists {schema}.dyad_evidence(jsonb, integer);
drop function if exists {schema}.evidence_move(text[], text[], text[], float8[], timestamptz[], real[], real[], integer[]);
