#!/usr/bin/env bash
# Wall time of one evaluation run: 1,000 samples against the OpenAI-compatible stub answering
# after 20 ms, at the endpoint's max_concurrency 16, from `POST /runs` with "start": true until
# the run is completed, against the ideal 1,000 x 20 ms / 16 = 1.25 s.
# Builds nothing: it needs target/release/llmops and target/release/model-stub.
set -euo pipefail
cd "$(dirname "$0")/.."
export LC_ALL=C  # a dot in $EPOCHREALTIME

BIN=${LLMOPS_BIN:-target/release/llmops}
# Access control is on: the server creates this admin key at start, and every request sends it.
export LLMOPS_INIT_API_KEY=${LLMOPS_INIT_API_KEY:-llmops_bench_admin_key_0123456789}
export LLMOPS_API_KEY=$LLMOPS_INIT_API_KEY
STUB=${MODEL_STUB_BIN:-target/release/model-stub}
SAMPLES=${SAMPLES:-1000}
CONCURRENCY=${CONCURRENCY:-16}
DELAY_MS=${DELAY_MS:-20}

for binary in "$BIN" "$STUB"; do
  if [ ! -x "$binary" ]; then
    echo "no $binary: build first with" >&2
    echo "  cargo build --release -p server && cargo build --release -p system-tests --bin model-stub" >&2
    exit 1
  fi
done

workdir=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  rm -rf "$workdir"
}
trap cleanup EXIT

# The address a process prints as "listening on ADDR" in FILE.
address() {
  for _ in $(seq 200); do grep -q "^listening on " "$1" 2>/dev/null && break; sleep 0.05; done
  sed -n 's/^listening on //p' "$1"
}
post() { curl -H "Authorization: Bearer $LLMOPS_API_KEY" -sf "$api$1" -H 'content-type: application/json' --data-binary "$2"; }
field() { python3 -c "import json, sys; print(json.load(sys.stdin)$1)"; }

"$STUB" --port 0 --delay-ms "$DELAY_MS" >"$workdir/stub.out" 2>"$workdir/stub.err" &
pids+=($!)
"$BIN" serve --addr 127.0.0.1:0 --db "$workdir/bench.db" --log-level warn >"$workdir/stdout" 2>"$workdir/stderr" &
pids+=($!)
stub=$(address "$workdir/stub.out")
base=$(address "$workdir/stdout")
[ -n "$stub" ] || { echo "the stub did not start" >&2; cat "$workdir/stub.err" >&2; exit 1; }
[ -n "$base" ] || { echo "the server did not start" >&2; cat "$workdir/stderr" >&2; exit 1; }
api="$base/api/v1"

post /endpoints "{\"name\": \"stub\", \"kind\": \"openai\", \"base_url\": \"$stub/v1\",
  \"model\": \"stub-model\", \"max_concurrency\": $CONCURRENCY, \"timeout_ms\": 60000}" >/dev/null
post /prompts '{"name": "bench-eval", "template": "{{ input }}",
  "variables": [{"name": "input", "type": "string"}]}' >/dev/null
dataset=$(post /datasets '{"name": "bench-eval", "type": "benchmark"}' | field '["id"]')
python3 -c "import json; print(json.dumps([{'input': f'question {i}', 'expected_output': f'question {i}'} for i in range($SAMPLES)]))" >"$workdir/samples.json"
post "/datasets/$dataset/samples" "@$workdir/samples.json" >/dev/null

# Timed: from the POST that creates and starts the run until a poll sees it completed. One curl
# process polls every 10 ms over one kept-alive connection (its URL glob numbers the polls) and
# bash reads each answer, so the loop spawns no process that would take CPU from the server.
start=$EPOCHREALTIME
created=$(post /runs '{"dataset": "bench-eval", "prompt_name": "bench-eval", "endpoint": "stub",
  "metrics": ["exact_match"], "start": true}')
[[ $created =~ ^\{\"id\":\"([^\"]+)\" ]] || { echo "the run could not be created: $created" >&2; exit 1; }
run=${BASH_REMATCH[1]}
status=
exec {polls}< <(curl -H "Authorization: Bearer $LLMOPS_API_KEY" -sN --rate 100/s -w '\n' "$api/runs/$run?poll=[1-1000000]")
poller=$!
while IFS= read -r -u "$polls" answer; do
  case "$answer" in
    *'"status":"completed"'*) status=completed; break ;;
    *'"status":"failed"'* | *'"status":"cancelled"'*) status=finished; break ;;
  esac
done
end=$EPOCHREALTIME
kill "$poller" 2>/dev/null || true
exec {polls}<&-
[ "$status" = completed ] || { echo "the run did not complete:" >&2; curl -H "Authorization: Bearer $LLMOPS_API_KEY" -s "$api/runs/$run" >&2; exit 1; }

curl -H "Authorization: Bearer $LLMOPS_API_KEY" -sf "$api/runs/$run" >"$workdir/run.json"
passed=$(field '["progress"]["passed"]' <"$workdir/run.json")
[ "$passed" = "$SAMPLES" ] || echo "warning: only $passed of $SAMPLES samples passed" >&2
if [ -n "${VERBOSE:-}" ]; then
  python3 - "$workdir/run.json" <<'PY'
import json, sys
from datetime import datetime
run = json.load(open(sys.argv[1]))
t = lambda k: datetime.fromisoformat(run[k].replace("Z", "+00:00"))
lat = run["results"]["latency_ms"]
print(f"  created->started {(t('start_time') - t('created_at')).total_seconds() * 1000:.0f} ms, "
      f"started->ended {(t('end_time') - t('start_time')).total_seconds():.3f} s, "
      f"call latency p50 {lat['p50']:.0f} ms p95 {lat['p95']:.0f} ms max {lat['max']:.0f} ms")
PY
fi
awk -v n="$SAMPLES" -v c="$CONCURRENCY" -v d="$DELAY_MS" -v a="$start" -v b="$end" 'BEGIN {
  ideal = n * d / c / 1000; took = b - a
  printf "eval: %d samples at concurrency %d in %.3f s; ideal %.3f s; ratio %.2f (target <= 1.15)\n",
    n, c, took, ideal, took / ideal }'
