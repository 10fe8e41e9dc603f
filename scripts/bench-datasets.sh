#!/usr/bin/env bash
# Imports a generated JSONL dataset through the API into a fresh database, exports it again,
# and prints both times and the server's peak memory, for two file sizes so that memory can be
# seen not to grow with the file.
set -euo pipefail
cd "$(dirname "$0")/.."

BIN=${LLMOPS_BIN:-target/release/llmops}
# Access control is on: the server creates this admin key at start, and every request sends it.
export LLMOPS_INIT_API_KEY=${LLMOPS_INIT_API_KEY:-llmops_bench_admin_key_0123456789}
export LLMOPS_API_KEY=$LLMOPS_INIT_API_KEY
SIZES=${SIZES:-"25000 100000"}
[ -x "$BIN" ] || { echo "build first: make build" >&2; exit 1; }
workdir=$(mktemp -d)
trap 'rm -rf "$workdir"' EXIT

now() { date +%s.%N; }

for size in $SIZES; do
  file="$workdir/samples-$size.jsonl"
  python3 bench/gen_samples.py "$size" "$file"
  "$BIN" serve --addr 127.0.0.1:0 --db "$workdir/bench-$size.db" --log-level warn >"$workdir/stdout" 2>"$workdir/stderr" &
  server=$!
  for _ in $(seq 100); do grep -q "^listening on " "$workdir/stdout" 2>/dev/null && break; sleep 0.05; done
  base=$(sed -n 's/^listening on //p' "$workdir/stdout")
  id=$(curl -H "Authorization: Bearer $LLMOPS_API_KEY" -sf "$base/api/v1/datasets" -H 'content-type: application/json' \
        -d "{\"name\": \"bench-$size\", \"type\": \"benchmark\"}" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')

  start=$(now)
  curl -H "Authorization: Bearer $LLMOPS_API_KEY" -sf "$base/api/v1/datasets/$id/import" -H 'content-type: application/x-ndjson' --data-binary "@$file" >/dev/null
  imported=$(now)
  curl -H "Authorization: Bearer $LLMOPS_API_KEY" -sf "$base/api/v1/datasets/$id/export?format=jsonl" -o "$workdir/export.jsonl"
  exported=$(now)
  peak=$(awk '/VmHWM/ { print $2 }' "/proc/$server/status")
  kill "$server"; wait "$server" 2>/dev/null || true

  lines=$(wc -l < "$workdir/export.jsonl")
  megabytes=$(du -m "$file" | cut -f1)
  awk -v n="$size" -v mb="$megabytes" -v l="$lines" -v a="$start" -v b="$imported" -v c="$exported" -v kb="$peak" 'BEGIN {
    printf "%d samples (%d MB): import %.2f s (target <= 3 s), export %.2f s (target <= 2 s), %d lines exported, server peak memory %.0f MB\n",
      n, mb, b - a, c - b, l, kb / 1024 }'
  rm -f "$file" "$workdir/export.jsonl"
done
