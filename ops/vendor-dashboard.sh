#!/usr/bin/env bash
# Vendors the dashboard's third-party browser assets from npm into the host's wwwroot/vendor.
# Run after changing src/TensionTracker/dashboard/package.json; commit the copied files, so the host
# serves them with no npm (and no CDN) at run time.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dash="$root/src/TensionTracker/dashboard"
out="$root/src/TensionTracker/wwwroot/vendor"

cd "$dash"
npm ci --ignore-scripts --no-audit --no-fund
nm="$dash/node_modules"

rm -rf "$out"
copy() { # copy PACKAGE FILE... : puts the files and the package's LICENSE under vendor/PACKAGE/
  local pkg="$1"; shift
  mkdir -p "$out/$pkg"
  for f in "$@"; do cp "$nm/$pkg/$f" "$out/$pkg/$(basename "$f")"; done
  cp "$nm/$pkg/LICENSE" "$out/$pkg/LICENSE"
  local version
  version="$(node -p "require('$nm/$pkg/package.json').version")"
  echo "$pkg@$version" >> "$out/VERSIONS.txt"
}
copy d3-array dist/d3-array.min.js
copy d3-geo dist/d3-geo.min.js
copy topojson-client dist/topojson-client.min.js
copy world-atlas countries-110m.json
copy i18n-iso-countries codes.json langs/en.json
echo "vendored into ${out#"$root/"}:"
cat "$out/VERSIONS.txt"
