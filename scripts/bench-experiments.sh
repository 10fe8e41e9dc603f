#!/usr/bin/env bash
# A/B experiment benchmarks against the release binary with a fresh database, in one run:
#  1. POST /api/v1/experiments/{id}/assign req/s against GET /api/v1/health req/s (wrk,
#     concurrency 32, a new user on every request: each is a first exposure, written by the
#     group-committing exposure writer before the answer), and their ratio (target >= 0.75: assign sends an API key, health none);
#     then the same for returning users (ASSIGN_USERS ids), for information;
#  2. metric ingestion: BATCHES arrays of BATCH_SIZE values (default 100 x 10,000) posted to
#     /metrics, values per second (target >= 100,000/s);
#  3. GetResults median latency (RESULT_CALLS calls) of an experiment holding 1,000 values and
#     of one holding 1,001,000 (the one the ingestion filled), called alternately so that both
#     see the same machine and database, and their ratio (target: within 20%).
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-32}
BATCHES=${BATCHES:-100}
BATCH_SIZE=${BATCH_SIZE:-10000}
INGEST_CLIENTS=${INGEST_CLIENTS:-2}
RESULT_CALLS=${RESULT_CALLS:-50}
ASSIGN_USERS=${ASSIGN_USERS:-10000}
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

# Creates and starts an experiment; prints its id.
experiment() {
  curl -H "Authorization: Bearer $LLMOPS_API_KEY" -sf -X POST "$base/api/v1/experiments" -H 'content-type: application/json' -d '{
    "name": "'"$1"'",
    "variants": [
      {"id": "control", "is_control": true, "model_name": "gpt-4o-mini"},
      {"id": "treatment", "model_name": "gpt-4o-mini", "parameters": {"temperature": 0.2}}
    ],
    "traffic_split": {"control": 50, "treatment": 50},
    "metrics": [
      {"name": "score", "kind": "mean"},
      {"name": "converted", "kind": "proportion"}
    ],
    "target_metric": "score"
  }' | python3 -c 'import json, sys; print(json.load(sys.stdin)["id"])' >"$workdir/id"
  id=$(cat "$workdir/id")
  curl -H "Authorization: Bearer $LLMOPS_API_KEY" -sf -X POST "$base/api/v1/experiments/$id/start" >/dev/null
  echo "$id"
}

rps() { sed -n 's/^Requests\/sec:[[:space:]]*\([0-9.]*\).*/\1/p'; }
run() { wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency "$@"; }
errors() { grep -E "Non-2xx|Socket errors" || true; }

assign_id=$(experiment assign-bench)
returning_id=$(experiment assign-returning)

echo "== 1. assignment (wrk, $CONNECTIONS connections, $DURATION each)"
run -d2s "$base/api/v1/health" >/dev/null   # warm-up
health_out=$(run "$base/api/v1/health")
assign_out=$(run -s bench/assign.lua "$base/api/v1/experiments/$assign_id/assign")
health=$(printf '%s\n' "$health_out" | rps)
assign=$(printf '%s\n' "$assign_out" | rps)
printf 'health:                %s req/s\n' "$health"
printf 'assign (new users):    %s req/s\n' "$assign"
problems=$(printf '%s\n' "$assign_out" | errors)
[ -z "$problems" ] || printf 'assign errors: %s\n' "$problems"
awk -v a="$assign" -v h="$health" 'BEGIN { printf "assign (with an API key)/health ratio: %.2f (target >= 0.75)\n", a / h }'
ASSIGN_USERS=$ASSIGN_USERS run -d2s -s bench/assign.lua "$base/api/v1/experiments/$returning_id/assign" >/dev/null
returning_out=$(ASSIGN_USERS=$ASSIGN_USERS run -s bench/assign.lua "$base/api/v1/experiments/$returning_id/assign")
returning=$(printf '%s\n' "$returning_out" | rps)
printf 'assign (%s returning users): %s req/s, ratio %s\n' "$ASSIGN_USERS" "$returning" \
  "$(awk -v a="$returning" -v h="$health" 'BEGIN { printf "%.2f", a / h }')"
exposures=$(curl -H "Authorization: Bearer $LLMOPS_API_KEY" -sf "$base/api/v1/experiments/$assign_id/results" |
  python3 -c 'import json, sys; print(sum(json.load(sys.stdin)["srm"]["observed"]))')
printf 'exposures recorded:    %s\n' "$exposures"

echo "== 2. metric ingestion ($BATCHES batches of $BATCH_SIZE values, $INGEST_CLIENTS clients)"
small_id=$(experiment results-small)
large_id=$(experiment results-large)
python3 bench/experiments_load.py "$base" "$small_id" ingest 1 1000 >/dev/null
python3 bench/experiments_load.py "$base" "$large_id" ingest 1 1000 >/dev/null
read -r rate seconds < <(python3 bench/experiments_load.py "$base" "$large_id" ingest "$BATCHES" "$BATCH_SIZE" "$INGEST_CLIENTS")
printf 'ingestion:             %s values/s (%s s)\n' "$rate" "$seconds"
awk -v r="$rate" 'BEGIN { printf "ingestion target:      %s (>= 100000/s)\n", (r >= 100000 ? "met" : "missed") }'

echo "== 3. GetResults latency (median of $RESULT_CALLS, the two experiments called alternately)"
read -r small_latency small_count large_latency large_count < <(
  python3 bench/experiments_load.py "$base" "$small_id" results "$RESULT_CALLS" "$large_id")
printf 'after %8s values:   %s ms\n' "$small_count" "$small_latency"
printf 'after %8s values:   %s ms\n' "$large_count" "$large_latency"
awk -v s="$small_latency" -v l="$large_latency" \
  'BEGIN { printf "large/small ratio:     %.2f (target within 0.80-1.20)\n", l / s }'
