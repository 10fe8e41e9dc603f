# The two commands of the README: `make run` and `make test`. Both set up what is missing first.
SHELL := /bin/bash
export PATH := $(CURDIR)/tools/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)

.PHONY: setup setup-test build run test test-rust test-browser bench bench-datasets bench-eval bench-experiments bench-compare bench-pages model-server lint

setup:
	./scripts/setup.sh

setup-test:
	./scripts/setup.sh --test

## Builds the release server and the optimised wasm bundle into target/, with brotli and gzip
## copies of every static file beside it.
build: setup
	cargo leptos build --release --precompress

## Serves the app on http://127.0.0.1:3000 with ./llmops.db.
run: build
	./target/release/llmops serve

## Every test: unit, database, system (real binary) and browser tests.
test: setup-test build test-rust test-browser

# Two invocations, so that the system tests' HTTP client does not change the features (and so
# force a rebuild) of the crates the server shares with the release build. The system tests run
# on SQLite, then on PostgreSQL (the cluster tests always use PostgreSQL, so the second pass
# skips them).
test-rust:
	cargo test --release -p domain -p db -p service -p charts -p app -p server
	cargo test --release -p system-tests
	LLMOPS_TEST_BACKEND=postgres cargo test --release -p system-tests -- --skip cluster::

# The browser tests also start the OpenAI-compatible stub of the system tests.
test-browser:
	cargo build --release -p system-tests --bin model-stub
	cd end2end && npx playwright test

## Prints requests per second of render against health, and their ratio.
bench: build
	./scripts/bench-render.sh

## Prints import and export times of 25,000 and 100,000 samples and the server's peak memory.
bench-datasets: build
	./scripts/bench-datasets.sh

## Prints the wall time of a 1,000-sample run against a 20 ms stub at concurrency 16, and its
## ratio to the ideal 1.25 s.
bench-eval: build
	cargo build --release -p system-tests --bin model-stub
	./scripts/bench-eval.sh

## Prints assign req/s against health, batch ingestion values/s, and GetResults latency after
## 1,000 and 1,001,000 values.
bench-experiments: build
	./scripts/bench-experiments.sh

## Prints the latency of GET /api/v1/compare on two 10,000-sample runs (target 100 ms).
bench-compare: build
	./scripts/bench-compare.sh

## Prints bytes, first contentful paint and time to hydration of three pages on a throttled
## first visit, and the server render time of a 1,000-result run page, against their targets.
bench-pages: build
	./scripts/bench-pages.sh

## Serves SmolLM2-135M with llama.cpp's OpenAI-compatible server on http://127.0.0.1:8080/v1.
model-server: setup-test
	./scripts/model-server.sh 8080

lint:
	cargo fmt --all --check
	cargo clippy -p domain -p db -p service -p charts -p app -p server --all-targets -- -D warnings
	cargo clippy -p frontend --target wasm32-unknown-unknown -- -D warnings
	cargo clippy -p system-tests --all-targets -- -D warnings
