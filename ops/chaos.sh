#!/usr/bin/env bash
# Chaos test of the ingest path: ops/chaos.sh [--cycles N] [--articles N] [--seed S] [--quiet-timeout S] [--keep] [--no-build]
#
# Runs on a PostgreSQL cluster of its own (port TT_CHAOS_PG_PORT, default 15442; data TT_CHAOS_PG_DATA, default
# .data/chaos-pg) and a host of its own (port TT_CHAOS_HOST_PORT, default 15480), never the cluster or host that
# ops/run.sh serves; it stops what it started and kills only the processes it started, by their pids.
# Each cycle, on a fresh database: generated articles (`tension corpus`) published in four chunks, by the CLI or
# POST /api/articles, with six poison messages slipped into the queue table (ops/chaos/poison.sql); while each chunk
# drains, at a random moment, one of: SIGKILL of the host (then a restart), pg_terminate_backend of every
# connection, a PostgreSQL restart, a graceful restart of the host, in random order. After each, it waits until
# the queue and the inbox are empty (poison aside) and the host answers; then SQL checks (ops/chaos/checks.sql) and
# a projection rebuild compared with what the live ingest wrote (ops/chaos/rebuild-*.sql). Prints, one per line:
# cycles, lost, duplicated, dead_lettered_valid, poison_isolated, mismatched, recovery_p95_s; then `#` notes.
# Progress goes to stderr; logs and the failed cycles' databases stay (.data/chaos-run, chaos_failed_cNN).
# Exit code 1 when anything was lost, duplicated, dead-lettered, mismatched, or never became quiet, and loudly (a
# `chaos: FAILED` line) when a check could not run (psql stops at the first error) or a cycle confirmed nothing: a
# check counted against nothing cannot fail.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

cycles=1 articles=400 seed=$((EPOCHSECONDS % 100000)) quiet_timeout=120 keep=0 do_build=1
while [ $# -gt 0 ]; do
  case $1 in
    --cycles) cycles=$2; shift 2 ;;
    --articles) articles=$2; shift 2 ;;
    --seed) seed=$2; shift 2 ;;
    --quiet-timeout) quiet_timeout=$2; shift 2 ;;
    --keep) keep=1; shift ;;
    --no-build) do_build=0; shift ;;
    *) echo "usage: ops/chaos.sh [--cycles N] [--articles N] [--seed S] [--quiet-timeout S] [--keep] [--no-build]" >&2; exit 2 ;;
  esac
done
[ "$articles" -ge 4 ] || { echo "chaos: --articles must be at least 4" >&2; exit 2; }

cpg_port=${TT_CHAOS_PG_PORT:-15442}
cpg_data=${TT_CHAOS_PG_DATA:-$root/.data/chaos-pg}
host_port=${TT_CHAOS_HOST_PORT:-15480}   # both below Linux's ephemeral range, which outgoing connections take from
work=${TT_CHAOS_WORK:-$root/.data/chaos-run}
# Smaller than ops/postgres.sh's serving defaults: this cluster is restarted often and holds one cycle at a time.
export TT_PG_TUNING=${TT_CHAOS_PG_TUNING:--c shared_buffers=256MB -c default_toast_compression=lz4}
export TT_PG_DB=postgres   # ops/postgres.sh creates this database when missing: it always exists
db=chaos_cycle
base=http://127.0.0.1:$host_port
connection="Host=127.0.0.1;Port=$cpg_port;Database=$db;Username=postgres;Maximum Pool Size=60"
here=$root/ops/chaos

same_dir() { [ -e "$1" ] && [ -e "$2" ] && [ "$(readlink -f "$1")" = "$(readlink -f "$2")" ]; }
if same_dir "$cpg_data" "$root/.data/pg" || { [ -n "${TT_PG_DATA:-}" ] && same_dir "$cpg_data" "$TT_PG_DATA"; }; then
  echo "chaos: $cpg_data is the serving cluster's data directory; set TT_CHAOS_PG_DATA to a directory of its own" >&2; exit 2
fi
if curl -s -o /dev/null -m 2 "$base/" 2>/dev/null; then
  echo "chaos: something already answers on port $host_port; set TT_CHAOS_HOST_PORT" >&2; exit 2
fi

log() { echo "chaos: $*" >&2; }
now() { echo "$EPOCHREALTIME"; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }
# An integer in [lo, hi] into $r, from the seeded generator (not through $(...): a subshell's draw would not advance it).
rand() { r=$(($1 + RANDOM % ($2 - $1 + 1))); }
sleep_ms() { sleep "$(awk -v m="$1" 'BEGIN { printf "%.3f", m / 1000 }')"; }

pg() { "$root/ops/postgres.sh" "$1" --port "$cpg_port" --data "$cpg_data" >/dev/null; }
pg_running() { "$root/ops/postgres.sh" status --port "$cpg_port" --data "$cpg_data" >/dev/null 2>&1; }
psql_() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$pg_bin/psql" "$@"; else "$pg_bin/psql" "$@"; fi; }
export PGOPTIONS='-c client_min_messages=warning'
sql() { psql_ -h 127.0.0.1 -p "$cpg_port" -U postgres -d "$db" -qAtX -v ON_ERROR_STOP=1 -F ' ' "$@"; }
sql_admin() { psql_ -h 127.0.0.1 -p "$cpg_port" -U postgres -d postgres -qAtX -v ON_ERROR_STOP=1 -c "$1"; }

# ---- what this script started, stopped on exit ----------------------------------------------------------------
host_pid="" publisher_pid="" started_pg=0
cleanup() {
  [ -n "$publisher_pid" ] && kill "$publisher_pid" 2>/dev/null && wait "$publisher_pid" 2>/dev/null
  if [ -n "$host_pid" ] && kill -0 "$host_pid" 2>/dev/null; then kill -KILL "$host_pid" 2>/dev/null; wait "$host_pid" 2>/dev/null; fi
  if [ "$keep" = 0 ] && [ "$started_pg" = 1 ]; then pg stop || true; fi
  true
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---- the host ---------------------------------------------------------------------------------------------------
host_log=/dev/null
start_host() {
  env -u Api__Key ConnectionStrings__Marten="$connection" Logging__LogLevel__Default=Warning \
    dotnet "$host_dll" --urls "$base" >>"$host_log" 2>&1 &
  host_pid=$!
}
host_ready() { kill -0 "$host_pid" 2>/dev/null && curl -fsS -o /dev/null -m 2 "$base/health" 2>/dev/null; }
wait_ready() {
  local i
  for i in $(seq 1 240); do
    host_ready && return 0
    kill -0 "$host_pid" 2>/dev/null || return 1
    sleep 0.25
  done
  return 1
}
kill_host() { kill -KILL "$host_pid" 2>/dev/null || true; wait "$host_pid" 2>/dev/null || true; }
stop_host() {   # SIGTERM, then SIGKILL after 30 s (counted: the host must stop within its shutdown timeout)
  local i
  kill -TERM "$host_pid" 2>/dev/null || return 0
  for i in $(seq 1 120); do kill -0 "$host_pid" 2>/dev/null || break; sleep 0.25; done
  if kill -0 "$host_pid" 2>/dev/null; then sigterm_ignored=$((sigterm_ignored + 1)); kill_host; fi
  wait "$host_pid" 2>/dev/null || true
}

# ---- publishers: each writes `<article id> <status>` lines for what it confirmed ------------------------------
publish_cli() {   # chunk output; run in the background, so exec: the pid the script records is the CLI's own
  exec timeout 120 env ConnectionStrings__Marten="$connection" dotnet "$cli_dll" publish "$1" >"$2.cli" 2>>"$cycle_dir/publish.log"
}
publish_http() {   # chunk output; curl retries any failure (an article that landed before answers `duplicate` the second time)
  local line answer
  while IFS= read -r line; do
    answer=$(printf '%s' "$line" | curl -s -m 10 --retry 10 --retry-delay 1 --retry-all-errors --retry-max-time 60 \
      -H 'Content-Type: application/json' --data-binary @- -w '\n%{http_code}' "$base/api/articles" 2>/dev/null || true)
    if [[ $answer =~ \"articleId\":\"([0-9a-f-]{36})\".*\"status\":\"([a-z]+)\" ]]; then
      echo "${BASH_REMATCH[1]} ${BASH_REMATCH[2]}"
    else
      echo "- http-${answer##*$'\n'}"   # not confirmed: the answer's status code (000: none)
    fi
  done <"$1" >"$2"
}

# ---- disruptions --------------------------------------------------------------------------------------------------
disrupt() {
  case $1 in
    kill-host) kill_host; rand 0 2000; sleep_ms "$r"; start_host ;;
    restart-host) stop_host; start_host ;;
    terminate-backends)   # (a connection that closes meanwhile only gets a warning: not shown)
      PGOPTIONS='-c client_min_messages=error' sql -c "select count(pg_terminate_backend(pid)) from pg_stat_activity
            where datname = current_database() and backend_type = 'client backend' and pid <> pg_backend_pid()" >/dev/null || true ;;
    restart-postgres) pg stop; rand 0 3000; sleep_ms "$r"; pg start ;;
  esac
}

# Quiet: nothing left in the queue table, in the host's outbox (what POST /api/articles accepted goes there first)
# or in its inbox but the poison (accounted for by the checks), the host answering, twice in a row half a second
# apart. A host that died on its own is counted and started again. (The CLI's own outbox is not waited for: nothing
# sends it once the CLI has exited; the checks count what it holds.)
quiet_sql="select (select count(*) from wolverine_queues.wolverine_queue_ingest q where q.id not in (select envelope_id from chaos.poison))
  + (select count(*) from wolverine_queues.wolverine_queue_ingest_scheduled)
  + (select count(*) from tension.wolverine_outgoing_envelopes)
  + (select count(*) from tension.wolverine_incoming_envelopes i where i.status <> 'Handled' and i.id not in (select envelope_id from chaos.poison))"
wait_quiet() {   # sets quiet_at; returns 1 after quiet_timeout seconds
  local deadline=$((EPOCHSECONDS + quiet_timeout)) streak=0 first="" n
  while [ "$EPOCHSECONDS" -lt "$deadline" ]; do
    if ! kill -0 "$host_pid" 2>/dev/null; then
      host_crashes=$((host_crashes + 1)); log "  the host exited on its own; starting it again"; start_host
    fi
    n=$(sql -c "$quiet_sql" 2>/dev/null || echo busy)
    if [ "$n" = 0 ] && host_ready; then
      streak=$((streak + 1)); [ -n "$first" ] || first=$(now)
      if [ "$streak" -ge 2 ]; then quiet_at=$first; return 0; fi
    else
      streak=0 first=""
    fi
    sleep 0.5
  done
  return 1
}

# ---- one cycle ------------------------------------------------------------------------------------------------------
declare -a recoveries=()
total_lost=0 total_duplicated=0 total_dead_valid=0 total_poison=0 total_poison_isolated=0 total_mismatched=0
total_confirmed=0 check_failures=0 unconfirmed_cycles=0 cli_unsummarised=0 quiet_timeouts=0 host_crashes=0 host_start_failures=0 sigterm_ignored=0 failed_cycles=0 stuck_outbox=0

run_cycle() {
  local c=$1 step i j t out check_errors=0 offered=0 confirmed plan=() chunks=() poison_step lost duplicated dead_valid poison poison_total mismatched
  # A fresh folder: files of an earlier run must not count as what this cycle published.
  cycle_dir=$work/cycle-$(printf '%02d' "$c"); rm -rf "$cycle_dir"; mkdir -p "$cycle_dir"; host_log=$cycle_dir/host.log
  local t_setup t_steps t_checks t_rebuild; t_setup=$(now)
  sql_admin "drop database if exists $db with (force)" >/dev/null
  sql_admin "create database $db" >/dev/null
  start_host
  wait_ready || { log "cycle $c: the host did not start (see $host_log)"; host_start_failures=$((host_start_failures + 1)); return 1; }
  sql -c "create schema chaos; create table chaos.expected (article_id uuid primary key);
          create table chaos.poison (envelope_id uuid primary key, article_id uuid, kind text not null, cycle int, step int, body bytea)" >/dev/null

  dotnet "$cli_dll" corpus --articles "$articles" --seed $((seed + c)) --output "$cycle_dir/corpus.jsonl" >/dev/null 2>&1 \
    || { log "cycle $c: tension corpus failed"; return 1; }
  rm -f "$cycle_dir"/chunk-*.jsonl
  split -n l/4 -d --additional-suffix=.jsonl "$cycle_dir/corpus.jsonl" "$cycle_dir/chunk-"
  chunks=("$cycle_dir"/chunk-*.jsonl)

  # The four disruptions in random order (Fisher-Yates with the seeded generator).
  plan=(kill-host terminate-backends restart-postgres restart-host)
  for ((i = 3; i > 0; i--)); do rand 0 "$i"; j=$r; t=${plan[i]}; plan[i]=${plan[j]}; plan[j]=$t; done
  rand 0 3; poison_step=$r
  local summary=""
  t_steps=$(now)

  for step in 0 1 2 3; do
    local via=cli; rand 0 1; [ "$r" = 1 ] && via=http
    if [ $via = cli ]; then publish_cli "${chunks[step]}" "$cycle_dir/published-$step.txt" &
    else publish_http "${chunks[step]}" "$cycle_dir/published-$step.txt" & fi
    publisher_pid=$!
    offered=$((offered + $(wc -l <"${chunks[step]}")))
    if [ "$step" = "$poison_step" ]; then
      sql -v cycle="$c" -v step="$step" -f - <"$here/poison.sql" >/dev/null || log "  the poison could not be written"
    fi
    rand 300 3000; sleep_ms "$r"   # a random moment while the chunk is published and drained
    local t0; t0=$(now)
    disrupt "${plan[step]}"
    wait "$publisher_pid" 2>/dev/null || true; publisher_pid=""
    # Recovery: from the disruption until quiet. It includes what the publisher still had to send then (logged: the
    # time of its last write after the disruption), since the queue is not drained before that is in.
    local t1 out_file="$cycle_dir/published-$step.txt"; [ $via = cli ] && out_file+=.cli
    t1=$(awk -v a="$t0" -v b="$(date -r "$out_file" +%s.%N 2>/dev/null || echo 0)" 'BEGIN { printf "%.6f", (b > a ? b : a) }')
    if wait_quiet; then
      local recovery; recovery=$(elapsed "$t0" "$quiet_at"); recoveries+=("$recovery")
      summary+=" ${plan[step]}($via, published +$(elapsed "$t0" "$t1")s) quiet +${recovery}s"
    else
      recoveries+=("$quiet_timeout"); quiet_timeouts=$((quiet_timeouts + 1))
      summary+=" ${plan[step]}($via)+TIMEOUT"
      log "  cycle $c: not quiet ${quiet_timeout}s after ${plan[step]}$([ "$step" = 3 ] || echo '; the remaining steps are skipped')"
      break
    fi
  done

  t_checks=$(now)
  # What the publishers confirmed: accepted, or duplicate (a retried POST whose first attempt landed).
  # The CLI prints `source<TAB>id status` per article.
  local unsummarised=0
  for out in "$cycle_dir"/published-*.txt.cli; do
    [ -e "$out" ] || continue
    sed -n 's/^.*\t\([0-9a-f-]\{36\}\) \([a-z]*\)$/\1 \2/p' "$out" >"${out%.cli}"
    grep -q '^published [0-9]*, rejected [0-9]*' "$out" || unsummarised=$((unsummarised + 1))
  done
  cli_unsummarised=$((cli_unsummarised + unsummarised))
  local refused; refused=$(cat "$cycle_dir"/published-*.txt 2>/dev/null | awk '$1 == "-" { n[$2]++ } END { for (k in n) printf " %s x%d", k, n[k] }')
  cat "$cycle_dir"/published-*.txt 2>/dev/null | awk '$2 == "accepted" || $2 == "duplicate" { print $1 }' | sort -u >"$cycle_dir/expected.txt"
  confirmed=$(wc -l <"$cycle_dir/expected.txt")
  sql -c "\copy chaos.expected from stdin" <"$cycle_dir/expected.txt" >/dev/null 2>>"$cycle_dir/checks.err" \
    || check_failed "$c" "the confirmed articles could not be loaded"
  sql -f - <"$here/checks.sql" >"$cycle_dir/checks.txt" 2>>"$cycle_dir/checks.err" || check_failed "$c" "checks.sql"
  local -A f=()
  while read -r name value; do f[$name]=$value; done <"$cycle_dir/checks.txt"
  if [ "$confirmed" = 0 ] || [ "${f[confirmed]:-}" != "$confirmed" ]; then
    unconfirmed_cycles=$((unconfirmed_cycles + 1)) check_errors=$((check_errors + 1))
    log "  cycle $c: FAILED: the publishers confirmed $confirmed article(s), the database holds ${f[confirmed]:-none} of them as expected (see $cycle_dir/published-*.txt*)"
  fi

  # The rebuild, with the host stopped: snapshot, clear, rebuild from the events, compare.
  t_rebuild=$(now)
  stop_host
  sql -f - <"$here/rebuild-before.sql" >/dev/null 2>>"$cycle_dir/checks.err" || check_failed "$c" "rebuild-before.sql"
  timeout 300 env ConnectionStrings__Marten="$connection" dotnet "$cli_dll" projections rebuild >"$cycle_dir/rebuild.log" 2>&1 \
    || { log "  cycle $c: projections rebuild failed or took over 300 s (see $cycle_dir/rebuild.log)"; check_errors=$((check_errors + 1)); }
  sql -f - <"$here/rebuild-after.sql" >>"$cycle_dir/checks.txt" 2>>"$cycle_dir/checks.err" || check_failed "$c" "rebuild-after.sql"
  while read -r name value; do f[$name]=$value; done <"$cycle_dir/checks.txt"
  # A check that did not run (an SQL error, see the files in $cycle_dir) counts as a mismatch.
  for k in lost evidence_missing duplicated dead_lettered_valid poison_isolated poison_total readings_vs_statements totals_vs_evidence \
           day_totals_vs_evidence rebuild_documents rebuild_evidence rebuild_totals rebuild_days confirmed dead_letters \
           stuck_in_publisher_outbox poison_left_in_inbox; do
    [ -n "${f[$k]:-}" ] || { log "  cycle $c: the check $k did not run"; f[$k]=0; check_errors=$((check_errors + 1)); }
  done

  lost=${f[lost]} duplicated=${f[duplicated]} dead_valid=${f[dead_lettered_valid]}
  poison=${f[poison_isolated]} poison_total=${f[poison_total]}
  mismatched=$((f[readings_vs_statements] + f[totals_vs_evidence] + f[day_totals_vs_evidence] + f[rebuild_documents] + f[rebuild_evidence] \
    + f[rebuild_totals] + f[rebuild_days] + check_errors))
  total_lost=$((total_lost + lost)) total_duplicated=$((total_duplicated + duplicated)) total_dead_valid=$((total_dead_valid + dead_valid))
  total_poison=$((total_poison + poison_total)) total_poison_isolated=$((total_poison_isolated + poison))
  total_mismatched=$((total_mismatched + mismatched)) total_confirmed=$((total_confirmed + confirmed))
  stuck_outbox=$((stuck_outbox + f[stuck_in_publisher_outbox]))
  log "cycle $c:$summary | confirmed $confirmed of $offered (HTTP not confirmed:${refused:- none}; CLI runs without a summary line: $unsummarised), lost $lost (evidence rows missing ${f[evidence_missing]}), duplicated $duplicated, dead_lettered_valid $dead_valid," \
      "poison $poison/$poison_total (${f[poison_left_in_inbox]} left in the inbox), mismatched $mismatched" \
      "(readings ${f[readings_vs_statements]}, totals ${f[totals_vs_evidence]} days ${f[day_totals_vs_evidence]}, rebuild documents ${f[rebuild_documents]}" \
      "evidence ${f[rebuild_evidence]} totals ${f[rebuild_totals]} days ${f[rebuild_days]}, check errors $check_errors)," \
      "dead letters ${f[dead_letters]}, in the CLI's outbox ${f[stuck_in_publisher_outbox]};" \
      "seconds: setup $(elapsed "$t_setup" "$t_steps"), steps $(elapsed "$t_steps" "$t_checks"), checks $(elapsed "$t_checks" "$t_rebuild"), rebuild $(elapsed "$t_rebuild" "$(now)")"

  if [ "$lost" != 0 ] || [ "$duplicated" != 0 ] || [ "$dead_valid" != 0 ] || [ "$mismatched" != 0 ] || [[ $summary == *TIMEOUT* ]]; then
    failed_cycles=$((failed_cycles + 1))
    local keep_as; keep_as=chaos_failed_c$(printf '%02d' "$c")
    sql_admin "drop database if exists $keep_as with (force)" >/dev/null
    sql_admin "alter database $db rename to $keep_as" >/dev/null && log "  kept as database $keep_as"
  fi
}

# A check that could not run is a failure, said loudly: its figure would otherwise read as a clean 0.
check_failed() {
  check_failures=$((check_failures + 1)) check_errors=$((check_errors + 1))
  log "  cycle $1: FAILED: $2 stopped with an error: $(tail -n 3 "$cycle_dir/checks.err" 2>/dev/null | tr '\n' ' ')"
}

# ---- the run ----------------------------------------------------------------------------------------------------------
[ "$do_build" = 0 ] || build >&2
for dll in "$host_dll" "$cli_dll"; do [ -f "$dll" ] || { echo "chaos: $dll is missing (build first)" >&2; exit 1; }; done
mkdir -p "$work"
pg_running || started_pg=1
pg start
for d in /usr/lib/postgresql/15/bin /usr/lib/postgresql/*/bin; do [ -x "$d/psql" ] && { pg_bin=$d; break; }; done
# Databases kept by an earlier run go: this cluster belongs to this script.
for old in $(sql_admin "select datname from pg_database where datname like 'chaos_failed_c%'"); do sql_admin "drop database $old with (force)" >/dev/null; done
RANDOM=$seed
started=$(now)
log "seed $seed, $cycles cycle(s) of $articles articles, PostgreSQL on port $cpg_port ($cpg_data), host on $base, logs in $work"
for c in $(seq 1 "$cycles"); do
  run_cycle "$c" || failed_cycles=$((failed_cycles + 1))
  [ -z "$host_pid" ] || { kill -0 "$host_pid" 2>/dev/null && stop_host; host_pid=""; }
done

p95=$(printf '%s\n' "${recoveries[@]}" | sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) { print "n/a"; exit } i = int(NR * 0.95); if (i < NR * 0.95) i++; print v[i] }')
echo "cycles $cycles"
echo "lost $total_lost"
echo "duplicated $total_duplicated"
echo "dead_lettered_valid $total_dead_valid"
echo "poison_isolated $total_poison_isolated"
echo "mismatched $total_mismatched"
echo "recovery_p95_s $p95"
echo "# $total_confirmed articles confirmed by the publishers; $total_poison poison messages, $total_poison_isolated of them dead-lettered"
echo "# ${#recoveries[@]} disruptions, $quiet_timeouts never quiet within ${quiet_timeout}s; host exited on its own $host_crashes time(s), did not start $host_start_failures time(s), ignored SIGTERM $sigterm_ignored time(s)"
echo "# $check_failures check(s) that did not run; $unconfirmed_cycles cycle(s) with nothing confirmed or the confirmations not loaded"
echo "# $stuck_outbox message(s) left in the CLI's outbox; $cli_unsummarised CLI run(s) ended without their summary line; $failed_cycles failed cycle(s); seed $seed; $(elapsed "$started" "$(now)") s"
if [ "$check_failures" != 0 ] || [ "$unconfirmed_cycles" != 0 ]; then
  echo "chaos: FAILED: $check_failures check(s) did not run and $unconfirmed_cycles cycle(s) had nothing confirmed: the figures above are not a result (see the cycles' checks.err)" >&2
  exit 1
fi
[ "$failed_cycles" = 0 ]
