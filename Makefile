# factcard: `make demo` and `make test` install what is missing, build, then serve or test.
# Every install step is skipped when what it installs is already there.

SHELL := /bin/bash
export PATH := $(HOME)/.cargo/bin:$(CURDIR)/node_modules/.bin:$(PATH)

# The wasm-bindgen CLI must be the exact version of the crate (pinned with "=" in Cargo.toml).
WB_VERSION := $(shell sed -n 's/^wasm-bindgen = { version = "=\([0-9.]*\)".*/\1/p' Cargo.toml)
WASM := target/wasm32-unknown-unknown/release/factcard.wasm
WASM_FEATURES := --enable-bulk-memory --enable-sign-ext --enable-nontrapping-float-to-int \
                 --enable-reference-types --enable-multivalue
CHROMEDRIVER ?= /usr/bin/chromedriver
export CHROMEDRIVER

.PHONY: all build demo test setup setup-test lint test-native test-wasm test-pages sizes clean

all: build

## Tools ------------------------------------------------------------------------------------------------

setup: node_modules/.stamp
	@rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown
	@rustup component list --installed | grep -q '^clippy' || rustup component add clippy
	@rustup component list --installed | grep -q '^rustfmt' || rustup component add rustfmt
	@if [ "$$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $(WB_VERSION)" ]; then \
	  echo "installing wasm-bindgen-cli $(WB_VERSION) (about 3 minutes)"; \
	  cargo install wasm-bindgen-cli --version $(WB_VERSION); \
	fi

node_modules/.stamp: package.json
	npm install --no-audit --no-fund
	@touch $@

setup-test: setup
	@if ! command -v chromium >/dev/null || [ ! -x $(CHROMEDRIVER) ]; then \
	  echo "installing Chromium and its driver"; \
	  apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium chromium-driver; \
	fi

## Build ------------------------------------------------------------------------------------------------

# pkg/ is what a publisher uploads to any static host or CDN, or installs from npm.
build: setup
	cargo build --release --target wasm32-unknown-unknown --lib
	rm -rf pkg && mkdir -p pkg
	wasm-bindgen --target web --no-typescript --out-dir pkg --out-name factcard_core $(WASM)
	wasm-opt -Oz $(WASM_FEATURES) --strip-debug --strip-producers pkg/factcard_core_bg.wasm -o pkg/factcard_core_bg.wasm
	cp js/factcard.js pkg/factcard.js
	node tools/package-json.mjs > pkg/package.json
	cp README.md pkg/README.md
	@node tools/sizes.mjs pkg

sizes:
	@node tools/sizes.mjs pkg

demo: build
	node tools/serve.mjs . 8080

## Tests ------------------------------------------------------------------------------------------------

test: setup-test build lint test-native test-wasm test-pages

lint:
	cargo fmt --check
	cargo clippy --all-targets -- -D warnings
	cargo clippy --target wasm32-unknown-unknown --lib --tests -- -D warnings

test-native:
	cargo test

test-wasm:
	cargo test --target wasm32-unknown-unknown --test web

test-pages:
	node --test tests/pages/

clean:
	rm -rf pkg target node_modules

## Benchmark --------------------------------------------------------------------------------------------

# Search latency and recall: factcard vs MiniSearch and Fuse.js in headless Chromium, and factcard natively.
# Prints a Markdown report and writes it to bench/results.md.
.PHONY: bench
bench: setup-test build
	node bench/run.mjs
