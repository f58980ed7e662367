#!/usr/bin/env bash
# Fetch the dashboard's pinned npm packages (Leaflet, Cytoscape.js, topojson-client, world-atlas) into
# src/hoopoe/web/vendor/<package>/, with each package's licence beside its files. Needs npm and the network;
# run it once by hand when a pin changes (the files it writes are committed; nothing is fetched at run time).
# Usage: scripts/vendor_web.sh
set -euo pipefail
cd "$(dirname "$0")/.."
DEST=src/hoopoe/web/vendor
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

# package@version  then the files to copy from the package folder (relative paths kept under DEST/<name>)
fetch() {
  local spec=$1; shift
  local name=${spec%@*}
  (cd "$TMP" && npm pack --silent "$spec" >/dev/null)
  mkdir -p "$TMP/$name" && tar xzf "$TMP/$name"-*.tgz -C "$TMP/$name"
  rm -rf "${DEST:?}/$name" && mkdir -p "$DEST/$name"
  for f in "$@" LICENSE package.json; do
    mkdir -p "$DEST/$name/$(dirname "$f")"
    cp -r "$TMP/$name/package/$f" "$DEST/$name/$f"
  done
  echo "$spec: $(du -sh "$DEST/$name" | cut -f1)"
}

fetch leaflet@1.9.4 dist/leaflet.js dist/leaflet.css dist/images
fetch cytoscape@3.34.4 dist/cytoscape.min.js
fetch topojson-client@3.1.0 dist/topojson-client.min.js
fetch world-atlas@2.0.2 countries-50m.json
