#!/usr/bin/env bash
# The browser the dashboard's browser tests drive: Debian's `chromium` package (no Playwright browser
# download). Idempotent; run as root (CI and the developer machines are root). Prints the path.
set -euo pipefail
browser=${TT_CHROMIUM:-/usr/bin/chromium}
if [ ! -x "$browser" ]; then
  echo "chromium: installing the Debian package" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq chromium >/dev/null
fi
[ -x "$browser" ] || { echo "chromium: $browser still missing after install" >&2; exit 1; }
echo "chromium: $("$browser" --version 2>/dev/null || echo "$browser")"
