-- ops/chaos.sh's checks once the cycle is quiet, one `name value` line each (psql -At -F ' ').
-- chaos.expected: the valid articles the publishers confirmed (accepted); chaos.poison: what was slipped into the
-- queue. Reads the Marten tables directly: this is an operator's checker, not product code.

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

-- lost: a confirmed article missing from any index: its stream, its ArticleIngested event, its document, its
-- scores (or the reason it was not scored), or, when scored with statements that count, its evidence rows.
select 'lost', count(*) from chaos.expected x
left join event_counts c using (article_id)
where not exists (select 1 from tension.mt_streams s where s.id = x.article_id)
   or not exists (select 1 from tension.mt_doc_articleview d where d.id = x.article_id)
   or coalesce(c.ingested, 0) = 0
   or coalesce(c.outcomes, 0) = 0
   or exists (select 1 from tension.mt_events e
              where e.stream_id = x.article_id and e.type = 'statements_scored'
                and exists (select 1 from tension.evidence_statements s
                            where s.article_id = x.article_id and s.revision = (e.data->>'revision')::int
                              and s.extractor_version = e.data->>'extractorVersion' and s.closed_at is null)
                and not exists (select 1 from tension.evidence_scores v
                                where v.article_id = x.article_id and v.model = e.data->>'model'
                                  and v.revision = (e.data->>'revision')::int and v.extractor_version = e.data->>'extractorVersion'));

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

-- The running totals against a recount of the evidence rows they follow (as DyadTotals.EnsureAsync computes them):
-- rows that differ in count, or in mass / index past float noise.
with recount as (
    select model, pair, count(*) as statements,
           sum(tension.evidence_mass(weight, published_at, 1)) as mass,
           sum(tension.evidence_mass(weight, published_at, 1) * tension.evidence_value(tone, stance)) as weighted
    from tension.evidence where removed_at is null and weight > 0 group by model, pair
)
select 'totals_vs_evidence', count(*) from recount r full join tension.pair_totals t using (model, pair)
where r.statements is distinct from t.statements
   or abs(r.mass - t.mass) > 1e-9 * greatest(abs(r.mass), 1e-300)
   or abs(r.weighted / nullif(r.mass, 0) - t.weighted / nullif(t.mass, 0)) > 1e-6;

select 'confirmed', count(*) from chaos.expected;
select 'articles', count(*) from tension.mt_doc_articleview;
select 'dead_letters', count(*) from tension.wolverine_dead_letters;
-- The CLI's own outbox (absent until a CLI ran): what it answered "accepted" for but never put on the queue.
select 'stuck_in_publisher_outbox', case when to_regclass('tension_cli.wolverine_outgoing_envelopes') is null then 0
    else (xpath('/row/c/text()', query_to_xml('select count(*) as c from tension_cli.wolverine_outgoing_envelopes', false, true, '')))[1]::text::int end;
select 'poison_left_in_inbox', count(*) from tension.wolverine_incoming_envelopes i
where i.status <> 'Handled' and exists (select 1 from chaos.poison p where p.envelope_id = i.id);
