#!/usr/bin/env bash
# The main job: PostgreSQL up, build, the host serving the API and dashboard on http://127.0.0.1:5080
# (or ASPNETCORE_URLS), and the sample articles in seeds/ published once (a second run finds them duplicates).
# Runs in the foreground; Ctrl-C stops the host (PostgreSQL keeps running: ops/postgres.sh stop).
# Arguments go to the host: ops/run.sh --verbose also shows the libraries' start-up and the request log.
# The database is TT_PG_DB (default tension) unless ConnectionStrings__Marten names one.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
"$root/ops/postgres.sh" start
build
export ConnectionStrings__Marten=${ConnectionStrings__Marten:-$(connection_for "${TT_PG_DB:-tension}")}
urls=${ASPNETCORE_URLS:-http://127.0.0.1:5080}
cd "$root"
dotnet "$host_dll" --urls "$urls" "$@" &
host=$!
trap 'kill $host 2>/dev/null; wait $host 2>/dev/null' INT TERM EXIT
health=${urls%%;*}/health/ready
for _ in $(seq 1 120); do
  curl -fsS "$health" >/dev/null 2>&1 && break
  kill -0 $host 2>/dev/null || { echo "the host exited during start-up" >&2; exit 1; }
  sleep 0.5
done
curl -fsS "$health" >/dev/null || { echo "the host did not become healthy at $health" >&2; exit 1; }
echo "seeds: $(dotnet "$host_dll" publish "$root/seeds/articles" | tail -n 1)"
echo "serving on $urls (dashboard at $urls/, API reference at $urls/scalar/); Ctrl-C to stop"
wait $host
