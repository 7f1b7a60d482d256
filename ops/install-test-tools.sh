#!/usr/bin/env bash
# What the tests need beside .NET, PostgreSQL, RabbitMQ and Chromium: the system Python with Debian's python3-pika
# (the scale-out tests publish from Python onto RabbitMQ, through /usr/bin/python3, not a python earlier on PATH).
# Idempotent; run as root (CI and the developer machines are root).
set -euo pipefail
python=/usr/bin/python3
if ! "$python" -c "import pika" 2>/dev/null; then
  echo "test tools: installing the Debian packages python3 and python3-pika" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq --no-install-recommends python3 python3-pika >/dev/null
fi
"$python" -c "import pika" || { echo "test tools: $python still cannot import pika after install" >&2; exit 1; }
echo "test tools: $("$python" -c 'import sys, pika; print(f"python {sys.version.split()[0]}, pika {pika.__version__}")')"
