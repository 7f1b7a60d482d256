#!/usr/bin/env bash
# The benchmark suite: ops/bench.sh [--articles N] [--seed S] [--output FILE] [--lag-rate R] [--seconds S] [--keep]
# PostgreSQL up, build, VADER's npm package installed (when ops/vader exists), then `tension bench` on a fresh
# database of its own (tension_bench, dropped and created by the bench; never the one ops/run.sh serves).
# Prints one `name value unit` line per figure and writes them as JSON (the last line names the file).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
"$root/ops/postgres.sh" start >/dev/null
build
if [ -f "$root/ops/vader/package.json" ] && [ ! -d "$root/ops/vader/node_modules/vader-sentiment" ] && command -v npm >/dev/null; then
  npm ci --prefix "$root/ops/vader" --no-audit --no-fund --loglevel=error >&2 || echo "bench: npm ci in ops/vader failed; VADER will be n/a" >&2
fi
export ConnectionStrings__Marten=${TT_BENCH_CONNECTION:-$(connection_for tension_bench)}
cd "$root"
exec dotnet "$cli_dll" bench "$@"
