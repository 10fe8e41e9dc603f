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
