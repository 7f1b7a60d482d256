#!/usr/bin/env bash
# The test command: PostgreSQL and RabbitMQ up, a fresh test database (never the one ops/run.sh serves), build,
# every test project. Safe to run while ops/run.sh is serving: the test hosts take free ports of their own.
# The scale-out tests use the broker at TT_TEST_RABBITMQ (default: the one ops/rabbitmq.sh runs on loopback).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
"$root/ops/postgres.sh" start >/dev/null
"$root/ops/install-chromium.sh" >/dev/null   # the browser tests drive Debian's Chromium
"$root/ops/install-test-tools.sh" >/dev/null   # the scale-out tests publish from Python (python3-pika)
db=${TT_TEST_DB:-tension_test}
psql_() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- psql "$@"; else psql "$@"; fi; }
psql_ -h 127.0.0.1 -p "$pg_port" -U postgres -qAt -c "drop database if exists $db with (force)" -c "create database $db" >/dev/null
export TT_TEST_CONNECTION=$(connection_for "$db")
if [ -z "${TT_TEST_RABBITMQ:-}" ]; then
  "$root/ops/rabbitmq.sh" start >/dev/null
  export TT_TEST_RABBITMQ=amqp://guest:guest@127.0.0.1:${TT_RABBITMQ_PORT:-5672}
fi
build
cd "$root"
# One test project at a time: each starts real hosts, and two cores are not enough for all of them at once.
dotnet test TensionTracker.sln -c Release --no-build -nologo -m:1 --logger "console;verbosity=normal" "$@"
