#!/usr/bin/env bash
# Latency of CompareRuns through the API: two completed 10,000-sample runs of one dataset on the
# built-in echo endpoint (the candidate changes 1 sample in 10), then `GET /api/v1/compare` timed
# end to end over loopback (curl's total time per request). Prints the first request's time,
# then the median and the slowest of the timed requests, against the 100 ms target.
# Builds nothing: it needs target/release/llmops.
set -euo pipefail
cd "$(dirname "$0")/.."
export LC_ALL=C

BIN=${LLMOPS_BIN:-target/release/llmops}
# Access control is on: the server creates this admin key at start, and every request sends it.
export LLMOPS_INIT_API_KEY=${LLMOPS_INIT_API_KEY:-llmops_bench_admin_key_0123456789}
export LLMOPS_API_KEY=$LLMOPS_INIT_API_KEY
SAMPLES=${SAMPLES:-10000}
REQUESTS=${REQUESTS:-30}
[ -x "$BIN" ] || { echo "no $BIN: build first with cargo build --release -p server" >&2; exit 1; }

workdir=$(mktemp -d)
pid=
cleanup() {
  [ -n "$pid" ] && { kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; }
  rm -rf "$workdir"
}
trap cleanup EXIT

"$BIN" serve --addr 127.0.0.1:0 --db "$workdir/bench.db" --log-level warn >"$workdir/stdout" 2>"$workdir/stderr" &
pid=$!
for _ in $(seq 200); do grep -q "^listening on " "$workdir/stdout" 2>/dev/null && break; sleep 0.05; done
base=$(sed -n 's/^listening on //p' "$workdir/stdout")
[ -n "$base" ] || { echo "the server did not start" >&2; cat "$workdir/stderr" >&2; exit 1; }
api="$base/api/v1"
post() { curl -H "Authorization: Bearer $LLMOPS_API_KEY" -sf "$api$1" -H 'content-type: application/json' --data-binary "$2"; }
field() { python3 -c "import json, sys; print(json.load(sys.stdin)$1)"; }

post /endpoints '{"name": "echo", "kind": "echo", "max_concurrency": 64}' >/dev/null
variables='[{"name": "input", "type": "string"}, {"name": "keep", "type": "string"}]'
post /prompts "{\"name\": \"bench-compare\", \"template\": \"{{ input }}\", \"variables\": $variables}" >/dev/null
post /prompts/bench-compare/versions "{\"template\": \"{% if keep == 'yes' %}{{ input }}{% else %}changed {{ input }}{% endif %}\", \"variables\": $variables}" >/dev/null
dataset=$(post /datasets '{"name": "bench-compare", "type": "benchmark"}' | field '["id"]')
python3 -c "
import json
for i in range($SAMPLES):
    print(json.dumps({'input': f'question {i}', 'expected_output': f'question {i}', 'metadata': {'keep': 'no' if i % 10 == 9 else 'yes'}}))
" >"$workdir/samples.jsonl"
curl -H "Authorization: Bearer $LLMOPS_API_KEY" -sf "$api/datasets/$dataset/import" -H 'content-type: application/x-ndjson' --data-binary "@$workdir/samples.jsonl" >/dev/null

run() {
  post /runs "{\"dataset\": \"$dataset\", \"prompt_name\": \"bench-compare\", \"prompt_version\": \"$1\",
    \"endpoint\": \"echo\", \"metrics\": [{\"name\": \"exact_match\", \"threshold\": 1}, \"levenshtein\", \"token_f1\"],
    \"start\": true}" | field '["id"]'
}
wait_run() {
  for _ in $(seq 6000); do
    status=$(curl -H "Authorization: Bearer $LLMOPS_API_KEY" -sf "$api/runs/$1" | field '["status"]')
    [ "$status" = completed ] && return 0
    case "$status" in failed|cancelled) echo "run $1 $status" >&2; exit 1 ;; esac
    sleep 0.1
  done
  echo "run $1 did not finish" >&2; exit 1
}
echo "preparing two runs of $SAMPLES samples..."
base_run=$(run 1.0.0); wait_run "$base_run"
candidate_run=$(run 1.1.0); wait_run "$candidate_run"

url="$api/compare?base=$base_run&candidate=$candidate_run"
# The first request is timed on its own: nothing about these runs has been read before it.
first=$(curl -H "Authorization: Bearer $LLMOPS_API_KEY" -sf -o "$workdir/first.json" -w '%{time_total}' "$url")
python3 - "$workdir/first.json" <<'PY'
import json, sys
c = json.load(open(sys.argv[1]))
print(f"compared {c['paired']} pairs: {c['transitions']['pass_fail']} regressions, verdict {c['verdict']}")
PY
for _ in $(seq "$REQUESTS"); do curl -H "Authorization: Bearer $LLMOPS_API_KEY" -sf -o /dev/null -w '%{time_total}\n' "$url"; done >"$workdir/times"
python3 - "$workdir/times" "$first" <<'PY'
import statistics, sys
times = sorted(float(line) * 1000 for line in open(sys.argv[1]) if line.strip())
first = float(sys.argv[2]) * 1000
print(f"GET /compare on two 10,000-sample runs: first request {first:.1f} ms; "
      f"then median {statistics.median(times):.1f} ms, slowest {times[-1]:.1f} ms "
      f"over {len(times)} requests (target <= 100 ms)")
PY
