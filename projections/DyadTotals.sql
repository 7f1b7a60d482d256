-- Running totals per model and country pair (and per UTC day), kept by a trigger on the article
-- documents the ArticleView projection writes: an article's current evidence (not removed by a revision
-- or retraction) is subtracted when its document changes and the new evidence added, in the same
-- transaction. A rebuild deletes (or truncates) and re-inserts the documents, so the totals follow.
--
-- Recency uses the exponential trick: each statement adds w * 2^((t - epoch) / half-life) to `mass` and
-- that times its value to `weighted`; at any moment `at`, the decayed mass is mass * 2^(-(at - epoch) / half-life),
-- and the index is weighted / mass, as in TensionIndex.cs (which states the formula; a test holds the two equal).
create table if not exists {schema}.dyad_totals (
    model text not null,
    pair text not null,
    direction text not null,          -- 'A>B', 'B>A', or '' for narration (no speaking country)
    mass double precision not null,
    weighted double precision not null,
    statements integer not null,
    primary key (model, pair, direction)
);
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

create or replace function {schema}.dyad_evidence(doc jsonb, sign integer)
returns table (model text, pair text, direction text, day date, mass double precision, weighted double precision, statements integer, published timestamptz)
language sql immutable as $$
    select e->>'model', e->>'pair',
           case when e->>'from' is null then '' else (e->>'from') || '>' || (e->>'to') end,
           ((e->>'publishedAt')::timestamptz at time zone 'UTC')::date,
           sign * (e->>'weight')::float8 * power(2::float8, greatest(-1000, least(1000, extract(epoch from (e->>'publishedAt')::timestamptz - timestamptz '2000-01-01 00:00:00+00') / ({halfLifeDays} * 86400.0)))),
           sign * (e->>'weight')::float8 * power(2::float8, greatest(-1000, least(1000, extract(epoch from (e->>'publishedAt')::timestamptz - timestamptz '2000-01-01 00:00:00+00') / ({halfLifeDays} * 86400.0))))
                * (50 - 50 * greatest(-1, least(1, {stanceShare} * (e->>'stance')::float8 + (1 - {stanceShare}) * (e->>'tone')::float8))),
           sign,
           (e->>'publishedAt')::timestamptz
    from jsonb_array_elements(coalesce(doc->'evidence', '[]'::jsonb)) e
    where e->>'removedAt' is null and (e->>'weight')::float8 > 0
$$;

create or replace function {schema}.dyad_totals_follow() returns trigger language plpgsql as $$
declare touched integer;
begin
    if tg_op = 'UPDATE' and old.data->'evidence' is not distinct from new.data->'evidence' then
        return null;
    end if;
    -- Only what changed moves the totals: evidence identical before and after (another model's, say)
    -- cancels out exactly in the EXCEPT ALL, so a replay adding one model touches only that model's rows.
    with before as (
        select model, pair, direction, day, mass, weighted, published
        from {schema}.dyad_evidence(case when tg_op in ('UPDATE', 'DELETE') then old.data end, 1)
    ), after as (
        select model, pair, direction, day, mass, weighted, published
        from {schema}.dyad_evidence(case when tg_op in ('INSERT', 'UPDATE') then new.data end, 1)
    ), changes as (
        select model, pair, direction, day, -mass mass, -weighted weighted, -1 statements, published
        from (select * from before except all select * from after) gone
        union all
        select model, pair, direction, day, mass, weighted, 1, published
        from (select * from after except all select * from before) came
    ), totals as (
        insert into {schema}.dyad_totals as t (model, pair, direction, mass, weighted, statements)
        select model, pair, direction, sum(mass), sum(weighted), sum(statements)::int
        from changes group by model, pair, direction order by model, pair, direction
        on conflict (model, pair, direction) do update
            set mass = t.mass + excluded.mass, weighted = t.weighted + excluded.weighted, statements = t.statements + excluded.statements
        returning 1
    ), days as (
        insert into {schema}.dyad_days as t (model, pair, day, mass, weighted, statements, last_published)
        select model, pair, day, sum(mass), sum(weighted), sum(statements)::int,
               coalesce(max(published) filter (where statements > 0), '-infinity')
        from changes group by model, pair, day order by model, pair, day
        on conflict (model, pair, day) do update
            set mass = t.mass + excluded.mass, weighted = t.weighted + excluded.weighted, statements = t.statements + excluded.statements,
                last_published = greatest(t.last_published, excluded.last_published)
        returning 1
    )
    select (select count(*) from totals) + (select count(*) from days) into touched;

    -- Cheap: partial indexes hold only the emptied rows.
    delete from {schema}.dyad_totals where statements <= 0;
    delete from {schema}.dyad_days where statements <= 0;
    return null;
end $$;

create or replace function {schema}.dyad_totals_clear() returns trigger language plpgsql as $$
begin
    truncate {schema}.dyad_totals, {schema}.dyad_days;
    return null;
end $$;

create or replace trigger dyad_totals_follow after insert or update or delete on {schema}.mt_doc_articleview
    for each row execute function {schema}.dyad_totals_follow();
create or replace trigger dyad_totals_clear after truncate on {schema}.mt_doc_articleview
    for each statement execute function {schema}.dyad_totals_clear();
