#!/usr/bin/env bash
# Page speed of three pages on a throttled first visit: the dashboard `/`, the run page of a
# 1,000-result run and the shared comparison of two such runs (`/s/{token}`). Chromium loads each
# page 3 times with the cache disabled, 1.6 Mbps down / 750 kbps up, 150 ms RTT and 4x CPU
# slowdown; the medians of bytes transferred (all, and wasm + JS), first contentful paint and
# time until hydrated are printed. Then the server-side render time of the run page: p50 and p90
# of 50 sequential GETs after 5 warm-up requests, timed until the last byte (the HTML is streamed,
# so the first byte leaves before the render is done). Ends with the figures against their targets.
# Builds nothing: it needs target/release/llmops and target/site.
set -euo pipefail
cd "$(dirname "$0")/.."
export LC_ALL=C

BIN=${LLMOPS_BIN:-target/release/llmops}
# Access control is on: the server creates this admin key at start, and every request sends it.
export LLMOPS_INIT_API_KEY=${LLMOPS_INIT_API_KEY:-llmops_bench_admin_key_0123456789}
export LLMOPS_API_KEY=$LLMOPS_INIT_API_KEY
SITE=${LLMOPS_SITE_ROOT:-target/site}
SAMPLES=${SAMPLES:-1000}
REQUESTS=${REQUESTS:-50}
WARMUP=${WARMUP:-5}
[ -x "$BIN" ] || { echo "no $BIN: build first with make build" >&2; exit 1; }
compgen -G "$SITE/pkg/llmops*.wasm" >/dev/null || { echo "no wasm bundle in $SITE/pkg: build first with make build" >&2; exit 1; }
[ -d end2end/node_modules/@playwright/test ] || { echo "no end2end/node_modules: run npm ci in end2end/" >&2; exit 1; }

workdir=$(mktemp -d)
pid=
cleanup() {
  [ -n "$pid" ] && { kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; }
  rm -rf "$workdir"
}
trap cleanup EXIT

"$BIN" serve --addr 127.0.0.1:0 --db "$workdir/bench.db" --site-root "$SITE" --log-level warn \
  >"$workdir/stdout" 2>"$workdir/stderr" &
pid=$!
for _ in $(seq 200); do grep -q "^listening on " "$workdir/stdout" 2>/dev/null && break; sleep 0.05; done
base=$(sed -n 's/^listening on //p' "$workdir/stdout")
[ -n "$base" ] || { echo "the server did not start" >&2; cat "$workdir/stderr" >&2; exit 1; }
api="$base/api/v1"
post() { curl -H "Authorization: Bearer $LLMOPS_API_KEY" -sf "$api$1" -H 'content-type: application/json' --data-binary "$2"; }
field() { python3 -c "import json, sys; print(json.load(sys.stdin)$1)"; }

post /endpoints '{"name": "echo", "kind": "echo", "max_concurrency": 64}' >/dev/null
variables='[{"name": "input", "type": "string"}, {"name": "keep", "type": "string"}]'
post /prompts "{\"name\": \"bench-pages\", \"template\": \"{{ input }}\", \"variables\": $variables}" >/dev/null
post /prompts/bench-pages/versions "{\"template\": \"{% if keep == 'yes' %}{{ input }}{% else %}changed {{ input }}{% endif %}\", \"variables\": $variables}" >/dev/null
dataset=$(post /datasets '{"name": "bench-pages", "type": "benchmark"}' | field '["id"]')
python3 -c "
import json
for i in range($SAMPLES):
    print(json.dumps({'input': f'question {i}', 'expected_output': f'question {i}', 'metadata': {'keep': 'no' if i % 10 == 9 else 'yes'}}))
" >"$workdir/samples.jsonl"
curl -H "Authorization: Bearer $LLMOPS_API_KEY" -sf "$api/datasets/$dataset/import" -H 'content-type: application/x-ndjson' --data-binary "@$workdir/samples.jsonl" >/dev/null

run() {
  post /runs "{\"dataset\": \"$dataset\", \"prompt_name\": \"bench-pages\", \"prompt_version\": \"$1\",
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
share=$(post /shares "{\"kind\": \"comparison\", \"base\": \"$base_run\", \"candidate\": \"$candidate_run\"}" | field '["path"]')

echo "loading pages in Chromium (throttled first visits, median of 3 each)..."
node end2end/bench/bench-pages.mjs "$base" "$workdir/pages.json" \
  "dashboard=/" "run page=/evaluations/$base_run" "shared comparison=$share"

run_page="$base/evaluations/$base_run"
for _ in $(seq "$WARMUP"); do curl -H "Authorization: Bearer $LLMOPS_API_KEY" -sf -o /dev/null "$run_page"; done
for _ in $(seq "$REQUESTS"); do curl -H "Authorization: Bearer $LLMOPS_API_KEY" -sf -o /dev/null -w '%{time_starttransfer} %{time_total}\n' "$run_page"; done >"$workdir/ssr"

python3 - "$workdir/pages.json" "$workdir/ssr" "$SAMPLES" <<'PY'
import json, math, statistics, sys
pages = {p["name"]: p for p in json.load(open(sys.argv[1]))}
rows = [line.split() for line in open(sys.argv[2]) if line.strip()]
ttfb = sorted(float(first) * 1000 for first, _ in rows)
ssr = sorted(float(total) * 1000 for _, total in rows)
samples = int(sys.argv[3])

def quantile(values, q):
    return values[max(0, math.ceil(q * len(values)) - 1)]

p50, p90 = statistics.median(ssr), quantile(ssr, 0.9)
print(f"\nrun page server render ({samples} results), {len(ssr)} GETs until the last byte: "
      f"p50 {p50:.1f} ms, p90 {p90:.1f} ms (first byte: p50 {statistics.median(ttfb):.1f} ms, "
      f"p90 {quantile(ttfb, 0.9):.1f} ms)")

kb = lambda b: f"{b / 1024:.0f} KB"
wasm_js = max(p["wasm_js_bytes"] for p in pages.values())
shared = pages["shared comparison"]
print("\ntargets:")
print(f"wasm + JS transferred: {kb(wasm_js)} (target <= 350 KB)")
print(f"shared comparison FCP: {shared['fcp_ms']:.0f} ms (target < 1500 ms); "
      f"hydrated: {shared['hydrated_ms']:.0f} ms (target < 4000 ms)")
print(f"run page SSR p50: {p50:.1f} ms (target < 20 ms)")
PY
