-- Poison for ops/chaos.sh: messages the CLI and the API would refuse, written straight into the ingest queue
-- table as Wolverine's PostgreSQL transport stores them (its binary envelope: sent-at, headers, body). Each has a
-- known envelope id (and article id), recorded in chaos.poison, so the checks can find it in the dead letters.
create schema if not exists chaos;
create table if not exists chaos.poison (envelope_id uuid primary key, article_id uuid, kind text not null, cycle int, step int, body bytea);

-- BinaryWriter's little-endian integers, and its strings: a 7-bit length prefix (one byte below 128), then UTF-8.
create or replace function chaos.le(n bigint, bytes int) returns bytea language sql immutable as $$
    select decode(string_agg(lpad(to_hex((n >> (8 * i)) & 255), 2, '0'), '' order by i), 'hex') from generate_series(0, bytes - 1) i
$$;
create or replace function chaos.str(s text) returns bytea language sql immutable as $$
    select chaos.le(length(convert_to(s, 'UTF8')), 1) || convert_to(s, 'UTF8')
$$;
-- Wolverine's envelope: DateTime.ToBinary() of the sent-at time (UTC ticks with the kind bit), the header count,
-- key/value pairs, the body's length and the body.
create or replace function chaos.envelope(id uuid, message_type text, body bytea) returns bytea language sql as $$
    select chaos.le(((extract(epoch from clock_timestamp()) * 10000000)::bigint + 621355968000000000) | (1::bigint << 62), 8)
        || chaos.le(3, 4) || chaos.str('message-type') || chaos.str(message_type) || chaos.str('content-type') || chaos.str('application/json')
        || chaos.str('id') || chaos.str(id::text) || chaos.le(length(body), 4) || body
$$;
-- An IngestArticle as the bus carries it (camelCase JSON). A \u0001 in the body becomes \u0000: PostgreSQL text cannot hold a NUL.
create or replace function chaos.article_json(article uuid, title text, published text, body text) returns bytea language sql as $$
    select convert_to(replace(json_build_object('articleId', article, 'url', 'https://poison.example/' || article, 'canonicalUrl', null,
        'outlet', 'Poison Wire', 'publishedAt', published, 'title', title, 'body', body, 'language', 'en',
        'contentHash', md5(article::text))::text, '\u0001', '\u0000'), 'UTF8')
$$;

-- One of each kind of poison, for cycle :cycle, step :step.
with kinds(kind, envelope_id, article_id) as (
    select k, gen_random_uuid(), gen_random_uuid()
    from unnest(array['garbage', 'empty-title', 'future-date', 'nul-in-body', 'bad-json', 'unknown-type']) k
), rows as (
    select kind, envelope_id, article_id,
        case kind when 'unknown-type' then 'TensionTracker.Articles.NoSuchMessage' else 'TensionTracker.Articles.IngestArticle' end as message_type,
        case kind
            when 'garbage' then decode(repeat('ff', 300), 'hex')
            when 'empty-title' then chaos.envelope(envelope_id, 'TensionTracker.Articles.IngestArticle',
                chaos.article_json(article_id, '', '2026-06-01T12:00:00+00:00', 'Officials in Lima said talks with Bolivia would continue.'))
            when 'future-date' then chaos.envelope(envelope_id, 'TensionTracker.Articles.IngestArticle',
                chaos.article_json(article_id, 'Peru and Bolivia to meet', '2090-01-01T00:00:00+00:00', 'Officials in Lima said talks with Bolivia would continue.'))
            when 'nul-in-body' then chaos.envelope(envelope_id, 'TensionTracker.Articles.IngestArticle',
                chaos.article_json(article_id, 'Peru and Bolivia to meet', '2026-06-01T12:00:00+00:00', 'Officials in Lima said' || chr(1) || ' talks would continue.'))
            when 'bad-json' then chaos.envelope(envelope_id, 'TensionTracker.Articles.IngestArticle',
                convert_to('{"articleId":"' || article_id || '","title":"Peru and Bol', 'UTF8'))
            else chaos.envelope(envelope_id, 'TensionTracker.Articles.NoSuchMessage',
                chaos.article_json(article_id, 'Peru and Bolivia to meet', '2026-06-01T12:00:00+00:00', 'Officials in Lima said talks with Bolivia would continue.'))
        end as body
    from kinds
), recorded as (
    insert into chaos.poison (envelope_id, article_id, kind, cycle, step, body)
    select envelope_id, case when kind = 'garbage' then null else article_id end, kind, :cycle, :step,
           case when kind = 'garbage' then body end from rows
)
insert into wolverine_queues.wolverine_queue_ingest (id, body, message_type)
select envelope_id, body, message_type from rows;
