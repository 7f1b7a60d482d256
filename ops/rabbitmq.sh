#!/usr/bin/env bash
# Project-local RabbitMQ on loopback for the scale-out path: ops/rabbitmq.sh start|stop|status
# Installs the Debian package when missing, runs the broker detached as the `rabbitmq` OS user (the
# Debian wrapper switches to it when called as root) with its database and logs under .data/rabbitmq of
# the repository (ignored by git). AMQP, Erlang distribution and epmd listen on 127.0.0.1 only; guest/guest
# (development and CI only). Idempotent: start when running is a no-op. Stop also ends the epmd that this
# script's start brought up (by the pid it recorded), never one that was already running.
# Environment: TT_RABBITMQ_PORT (AMQP port, default 5672), TT_RABBITMQ_NODE (default rabbit@localhost),
# TT_RABBITMQ_DATA (default .data/rabbitmq).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
cmd=${1:-status}
port=${TT_RABBITMQ_PORT:-5672}
node=${TT_RABBITMQ_NODE:-rabbit@localhost}
data=${TT_RABBITMQ_DATA:-$here/.data/rabbitmq}

export RABBITMQ_NODENAME=$node
export RABBITMQ_NODE_IP_ADDRESS=127.0.0.1
export RABBITMQ_NODE_PORT=$port
export RABBITMQ_DIST_PORT=$((port + 20000))
export ERL_EPMD_ADDRESS=127.0.0.1
export RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS='-kernel inet_dist_use_interface {127,0,0,1}'
export RABBITMQ_CTL_ERL_ARGS='-kernel inet_dist_use_interface {127,0,0,1}'
export RABBITMQ_MNESIA_BASE=$data/mnesia
export RABBITMQ_LOG_BASE=$data/log
export RABBITMQ_PID_FILE=$data/$node.pid
export RABBITMQ_CONFIG_FILE=$data/rabbitmq
export RABBITMQ_ADVANCED_CONFIG_FILE=$data/advanced.config
export RABBITMQ_ENABLED_PLUGINS_FILE=$data/enabled_plugins
epmd_pid_file=$data/epmd.pid

installed() { [ -x /usr/lib/rabbitmq/bin/rabbitmq-server ] && command -v rabbitmqctl >/dev/null 2>&1; }
ctl() { rabbitmqctl -n "$node" "$@"; }
# Judged from the pid file, not with rabbitmqctl: the CLI starts an epmd of its own when none runs.
running() { [ -f "$RABBITMQ_PID_FILE" ] && [ "$(cat /proc/"$(cat "$RABBITMQ_PID_FILE")"/comm 2>/dev/null)" = beam.smp ]; }
epmd_pids() { pgrep -x epmd 2>/dev/null | sort || true; }

case $cmd in
  start)
    before=$(epmd_pids)
    if ! installed; then
      echo "rabbitmq: installing the Debian package" >&2
      export DEBIAN_FRONTEND=noninteractive
      apt-get update -qq >/dev/null
      apt-get install -y -qq --no-install-recommends rabbitmq-server >/dev/null
    fi
    if running; then echo "rabbitmq: running on amqp://127.0.0.1:$port ($node)"; exit 0; fi
    # Another checkout's broker (several developers share a machine): use it, and leave its stop to its owner.
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "rabbitmq: a broker started elsewhere already listens on 127.0.0.1:$port; using it"
      exit 0
    fi
    mkdir -p "$data/mnesia" "$data/log"
    # Loopback only for AMQP as well (the environment variable covers it; the config file makes it explicit),
    # and guest may log in from loopback, which is all the broker serves.
    printf 'listeners.tcp.default = 127.0.0.1:%s\nloopback_users.guest = true\n' "$port" > "$data/rabbitmq.conf"
    echo '[].' > "$data/advanced.config"
    [ -f "$data/enabled_plugins" ] || echo '[].' > "$data/enabled_plugins"
    if [ "$(id -u)" = 0 ]; then chown -R rabbitmq:rabbitmq "$data"; fi
    rabbitmq-server -detached >"$data/log/start.out" 2>&1 || { cat "$data/log/start.out" >&2; exit 1; }
    # await_startup fails at once while the node has not registered with epmd yet: retry for a minute.
    ok=
    for _ in $(seq 1 60); do
      if timeout 60 rabbitmqctl -n "$node" await_startup >/dev/null 2>&1; then ok=1; break; fi
      sleep 1
    done
    if [ -z "$ok" ]; then
      echo "rabbitmq: did not start within a minute; last log lines:" >&2
      cat "$data/log/start.out" >&2 2>/dev/null || true
      tail -n 30 "$data/log/$node.log" >&2 2>/dev/null || true
      exit 1
    fi
    # The epmd this start brought up (none when one was already running): stop ends it by this pid.
    started=$(comm -13 <(echo "$before") <(epmd_pids) | head -n 1)
    if [ -n "$started" ]; then echo "$started" > "$epmd_pid_file"; fi
    echo "rabbitmq: running on amqp://127.0.0.1:$port ($node)"
    ;;
  stop)
    if running; then ctl stop "$RABBITMQ_PID_FILE" >/dev/null 2>&1 || kill "$(cat "$RABBITMQ_PID_FILE")" 2>/dev/null || true; fi
    if [ -f "$epmd_pid_file" ]; then
      pid=$(cat "$epmd_pid_file")
      # Only our own epmd, and only when no other Erlang node still uses it.
      if [ "$(cat /proc/"$pid"/comm 2>/dev/null)" = epmd ] && ! epmd -names 2>/dev/null | grep -q '^name '; then
        kill "$pid" 2>/dev/null || true
      fi
      rm -f "$epmd_pid_file"
    fi
    echo "rabbitmq: stopped"
    ;;
  status)
    if running; then echo "rabbitmq: running on amqp://127.0.0.1:$port ($node)"; else echo "rabbitmq: not running"; exit 3; fi
    ;;
  *) echo "usage: ops/rabbitmq.sh start|stop|status" >&2; exit 2 ;;
esac
