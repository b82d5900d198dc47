#!/usr/bin/env bash
# Pre-compresses the built SPA's files (brotli and gzip at their highest levels, too slow to do
# per request) next to them, for the server to send to browsers that accept them:
#   scripts/precompress.sh frontend/dist
set -euo pipefail
dir="${1:-frontend/dist}"
for file in "$dir"/*.wasm "$dir"/*.js "$dir"/*.css "$dir"/*.svg; do
    [ -f "$file" ] || continue
    brotli --force --best --keep --output="$file.br" "$file"
    gzip --force --best --keep --no-name "$file"
done
