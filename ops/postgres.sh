#!/usr/bin/env bash
# Project-local PostgreSQL 15 on loopback: ops/postgres.sh start|stop|status [--port N] [--data DIR]
# Runs as the `postgres` OS user, data under .data/ of the repository (ignored by git), trust auth on
# loopback (development and CI only). Idempotent: start when running is a no-op.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
cmd=${1:-status}; shift || true
port=${TT_PG_PORT:-55432}
data=${TT_PG_DATA:-$here/.data/pg}
while [ $# -gt 0 ]; do
  case $1 in
    --port) port=$2; shift 2 ;;
    --data) data=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
db=${TT_PG_DB:-tension}

find_bin() {
  for d in /usr/lib/postgresql/15/bin /usr/lib/postgresql/*/bin; do
    [ -x "$d/pg_ctl" ] && { echo "$d"; return; }
  done
}
bin=$(find_bin || true)
if [ -z "$bin" ]; then
  [ "$cmd" = start ] || { echo "postgres: not installed"; exit 1; }
  echo "postgres: installing the Debian package" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null && apt-get install -y -qq --no-install-recommends postgresql >/dev/null
  bin=$(find_bin)
fi
id -u postgres >/dev/null 2>&1 || useradd --system --home-dir /var/lib/postgresql --shell /bin/bash postgres
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

running() { [ -f "$data/postmaster.pid" ] && as_pg "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; }

# Sized for an ingest-heavy node with memory to spare: the working set (evidence and its indexes) stays in
# shared buffers, and checkpoints are rare enough not to double the WAL with full-page images mid-ingest.
# Durability is untouched (fsync, synchronous commit, full-page writes stay on). Large values (article texts,
# events, queued messages) are compressed with lz4 rather than pglz: several times cheaper in CPU, slightly larger.
# Override with TT_PG_TUNING. Commit timestamps are kept (track_commit_timestamp): the bench reads when each
# article became readable from them instead of polling for it.
tuning=${TT_PG_TUNING:--c shared_buffers=1GB -c wal_buffers=64MB -c max_wal_size=8GB -c checkpoint_timeout=30min -c default_toast_compression=lz4}

case $cmd in
  start)
    if [ ! -f "$data/PG_VERSION" ]; then
      mkdir -p "$data"
      [ "$(id -u)" = 0 ] && chown postgres:postgres "$data" "$(dirname "$data")"
      chmod 700 "$data"
      as_pg "$bin/initdb" -D "$data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null
    fi
    if ! running; then
      as_pg "$bin/pg_ctl" -D "$data" -l "$data/server.log" -w start \
        -o "-c listen_addresses=127.0.0.1 -p $port -k $data -c max_connections=200 -c fsync=on -c track_commit_timestamp=on $tuning" >/dev/null
    fi
    exists=$(as_pg "$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -tAc "select 1 from pg_database where datname='$db'")
    [ "$exists" = 1 ] || as_pg "$bin/createdb" -h 127.0.0.1 -p "$port" -U postgres "$db"
    echo "postgres: running on 127.0.0.1:$port, database $db"
    ;;
  stop)
    if running; then as_pg "$bin/pg_ctl" -D "$data" -m fast -w stop >/dev/null; fi
    echo "postgres: stopped"
    ;;
  status)
    if running; then echo "postgres: running on 127.0.0.1:$port ($data)"; else echo "postgres: not running"; exit 3; fi
    ;;
  *) echo "usage: ops/postgres.sh start|stop|status [--port N] [--data DIR]" >&2; exit 2 ;;
esac
