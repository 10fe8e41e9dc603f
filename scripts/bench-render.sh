#!/usr/bin/env bash
# Requests per second of POST /api/v1/prompts/{name}/render against GET /api/v1/health,
# measured in one run by wrk at concurrency 32 on loopback against the release binary; render
# sends an API key (as services do), health none (as load balancers do). Target ratio >= 0.6.
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${DURATION:-10s}
CONNECTIONS=32
BIN=${LLMOPS_BIN:-target/release/llmops}
# Access control is on: the server creates this admin key at start, and every request sends it.
export LLMOPS_INIT_API_KEY=${LLMOPS_INIT_API_KEY:-llmops_bench_admin_key_0123456789}
export LLMOPS_API_KEY=$LLMOPS_INIT_API_KEY

if ! command -v wrk >/dev/null; then
  apt-get update && apt-get install -y wrk
fi
[ -x "$BIN" ] || { echo "build first: make build" >&2; exit 1; }

workdir=$(mktemp -d)
"$BIN" serve --addr 127.0.0.1:0 --db "$workdir/bench.db" --log-level warn >"$workdir/stdout" 2>"$workdir/stderr" &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$workdir"' EXIT

for _ in $(seq 100); do
  grep -q "^listening on " "$workdir/stdout" 2>/dev/null && break
  sleep 0.05
done
base=$(sed -n 's/^listening on //p' "$workdir/stdout")
[ -n "$base" ] || { echo "the server did not start" >&2; cat "$workdir/stderr" >&2; exit 1; }

curl -H "Authorization: Bearer $LLMOPS_API_KEY" -sf -X POST "$base/api/v1/prompts" -H 'content-type: application/json' -d '{
  "name": "bench",
  "template": [
    {"role": "system", "content": "You are a concise assistant for {{ topic }}."},
    {"role": "user", "content": "Hello, I am {{ name }}. Explain:{% for item in items %}\n- {{ item }}{% endfor %}"}
  ],
  "variables": [
    {"name": "name", "type": "string"},
    {"name": "topic", "type": "string"},
    {"name": "items", "type": "list"}
  ],
  "model_config": {"model": "gpt-4o-mini", "temperature": 0.2}
}' >/dev/null

rps() { sed -n 's/^Requests\/sec:[[:space:]]*\([0-9.]*\).*/\1/p'; }
run() { wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency "$@"; }

run -d2s "$base/api/v1/health" >/dev/null   # warm-up
health_out=$(run "$base/api/v1/health")
render_out=$(run -s bench/render.lua "$base/api/v1/prompts/bench/render")
errors=$(printf '%s\n' "$render_out" | grep -E "Non-2xx|Socket errors" || true)

health=$(printf '%s\n' "$health_out" | rps)
render=$(printf '%s\n' "$render_out" | rps)
printf 'health: %s req/s\n' "$health"
printf 'render: %s req/s\n' "$render"
[ -z "$errors" ] || printf 'render errors: %s\n' "$errors"
awk -v r="$render" -v h="$health" 'BEGIN { printf "render (with an API key)/health ratio: %.2f (target >= 0.60)\n", r / h }'
