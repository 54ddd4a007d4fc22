# factcard: `make demo` and `make test` install what is missing, build, then serve or test.
# Every install step is skipped when what it installs is already there.

SHELL := /bin/bash
export PATH := $(HOME)/.cargo/bin:$(CURDIR)/node_modules/.bin:$(PATH)

# The wasm-bindgen CLI must be the exact version of the crate (pinned with "=" in Cargo.toml).
WB_VERSION := $(shell sed -n 's/^wasm-bindgen = { version = "=\([0-9.]*\)".*/\1/p' crates/wasm/Cargo.toml)
WASM := target/wasm32-unknown-unknown/release/factcard_wasm.wasm
# The search box's module is built with its own standard library, compiled to abort on a panic without formatting
# a message (RUSTC_BOOTSTRAP lets stable rustc take the flags, as for fuzzing): 19 KB brotli instead of 26. Its
# own target folder keeps the two builds from invalidating each other.
SEARCH_TARGET := target/search
SEARCH_WASM := $(SEARCH_TARGET)/wasm32-unknown-unknown/release/factcard_search.wasm
WASM_FEATURES := --enable-bulk-memory --enable-sign-ext --enable-nontrapping-float-to-int \
                 --enable-reference-types --enable-multivalue
CHROMEDRIVER ?= /usr/bin/chromedriver
export CHROMEDRIVER

.PHONY: all build demo test setup setup-test lint test-native test-wasm test-pages sizes clean desk-assets compat-old compat-build

all: build

## Tools ------------------------------------------------------------------------------------------------

setup: node_modules/.stamp
	@rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown
	@rustup component list --installed | grep -q '^clippy' || rustup component add clippy
	@rustup component list --installed | grep -q '^rustfmt' || rustup component add rustfmt
	@rustup component list --installed | grep -q '^rust-src' || rustup component add rust-src
	@if [ "$$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $(WB_VERSION)" ]; then \
	  echo "installing wasm-bindgen-cli $(WB_VERSION) (about 3 minutes)"; \
	  cargo install wasm-bindgen-cli --version $(WB_VERSION); \
	fi

# `npm ci` installs exactly what package-lock.json records (and checks each package's integrity hash), never a newer
# version that a registry happens to serve today.
node_modules/.stamp: package.json package-lock.json
	npm ci --no-audit --no-fund
	@touch $@

setup-test: setup
	@if ! command -v chromium >/dev/null || [ ! -x $(CHROMEDRIVER) ]; then \
	  echo "installing Chromium and its driver"; \
	  apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium chromium-driver; \
	fi
	@# nginx, the caching proxy in front of a published folder in tests/pages/cdn.test.mjs.
	@if [ ! -x /usr/sbin/nginx ]; then \
	  echo "installing nginx"; \
	  apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y nginx; \
	fi
	@# Hugo, for the test of the README's Hugo recipe (Eleventy comes from npm).
	@if ! command -v hugo >/dev/null; then \
	  echo "installing Hugo"; \
	  apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y hugo; \
	fi

## Build ------------------------------------------------------------------------------------------------

# The desk's and the iframe embed's scripts, bundled and minified from js/desk/ and js/embed.js into the files the
# `factcard` binary carries (crates/publish/assets/, committed: publishers `cargo install` it without Node). Only
# the files that changed are written; tests/pages/desk-assets.test.mjs fails when the committed ones are stale.
desk-assets: node_modules/.stamp
	node tools/desk-assets.mjs

# pkg/ is what a publisher uploads to any static host or CDN, or installs from npm.
build: setup desk-assets
	cargo build --release --target wasm32-unknown-unknown -p factcard-wasm
	RUSTC_BOOTSTRAP=1 RUSTFLAGS="-Zunstable-options -Cpanic=immediate-abort" cargo build --release \
	  --target wasm32-unknown-unknown -p factcard-search -Zbuild-std=std,panic_abort --target-dir $(SEARCH_TARGET)
	rm -rf pkg && mkdir -p pkg
	wasm-bindgen --target web --no-typescript --out-dir pkg --out-name factcard_core $(WASM)
	wasm-bindgen --target web --no-typescript --out-dir pkg --out-name factcard_search $(SEARCH_WASM)
	@# Flattened and reloopered before -Oz (twice): 0.4 KB brotli less search module, 0.5 KB less core.
	for m in factcard_core factcard_search; do \
	  wasm-opt --flatten --rereloop -Oz -Oz $(WASM_FEATURES) --strip-debug --strip-producers pkg/$${m}_bg.wasm -o pkg/$${m}_bg.wasm; done
	cargo run --quiet --release --bin factcard -- site $${FACTCARD_SEEDS:-seeds} -o pkg/data
	@# The same set as one bundle under a fixed name, for the wasm tests (pkg/data/ names it by its content).
	cargo run --quiet --release --bin factcard -- build $${FACTCARD_SEEDS:-seeds} -o target/default.facts
	# js/factcard.js and the modules it imports, bundled and minified for readers (js/ stays the readable source);
	# the glue stays a file of its own, loaded only when needed.
	esbuild js/factcard.js --bundle --external:./factcard_core.js --external:./factcard_search.js --minify --charset=utf8 --format=esm --target=es2022 --legal-comments=none --log-level=warning --outfile=pkg/factcard.js
	for m in factcard_core factcard_search; do \
	  esbuild pkg/$$m.js --minify --format=esm --target=es2022 --log-level=warning --outfile=pkg/$$m.js --allow-overwrite; done
	@# The wasm modules and their glue named by their content (NAME.HHHHHHHH.EXT), and factcard.js told their names.
	node tools/hash-names.mjs pkg
	esbuild js/factcard.css --minify --log-level=warning --outfile=pkg/factcard.css
	# The elements' styles as a file, for the shadow roots that `factcard inline` writes into pages.
	node tools/inline-css.mjs | esbuild --loader=css --minify --log-level=warning > pkg/factcard-inline.css
	node tools/package-json.mjs pkg > pkg/package.json
	# Types (written by hand, checked against the code by a page test) and the elements' manifest (read from the code).
	cp js/factcard.d.ts js/jsx-react.d.ts js/jsx-preact.d.ts pkg/
	node tools/manifest.mjs > pkg/custom-elements.json
	cp README.md pkg/README.md
	@# Subresource Integrity hashes of the code files, for pages that pin the script they include (README).
	node tools/integrity.mjs pkg > pkg/integrity.json
	@# The caching rules (Netlify and Cloudflare Pages read them; the README gives them for other hosts), last: they name every file.
	node tools/headers.mjs pkg > pkg/_headers
	@node tools/sizes.mjs pkg

sizes:
	@node tools/sizes.mjs pkg

demo: build
	node tools/serve.mjs . 8080

## Tests ------------------------------------------------------------------------------------------------

test: setup-test build lint test-native test-wasm test-pages

lint:
	cargo fmt --check
	cargo clippy --workspace --all-targets -- -D warnings
	cargo clippy --target wasm32-unknown-unknown -p factcard-core -p factcard-wasm -p factcard-search --lib --tests -- -D warnings

test-native:
	cargo test

test-wasm:
	cargo test --target wasm32-unknown-unknown -p factcard-wasm --test web

# A publisher's own facts, as a bundle and as a folder, for the src= and open() tests; the German and Japanese
# test set the same way, for the language tests; the template set kept in sheets, for the corrections tests; a page
# run through `factcard inline`.
test-pages: compat-old
	cargo run --quiet --release --bin factcard -- build tests/pages/fixtures/own -o target/own.facts
	cargo run --quiet --release --bin factcard -- site tests/pages/fixtures/own -o target/own-site
	cargo run --quiet --release --bin factcard -- build tests/datasets/hafen -o target/hafen.facts
	cargo run --quiet --release --bin factcard -- site tests/datasets/hafen -o target/hafen-site
	cargo run --quiet --release --bin factcard -- site examples/sheets -o target/sheets-site --script /pkg/factcard.js
	@# Every hostile case that compiles (tests/hostile/cases.toml), as site folders, for hostile.test.mjs and sanitize.test.mjs.
	cargo run --quiet --release --example browser_corpus -- target/hostile
	@# A page run through `factcard inline`, for the inlined-page tests.
	rm -rf target/inline-site && mkdir -p target/inline-site && cp tests/pages/fixtures/inline.html target/inline-site/
	cargo run --quiet --release --bin factcard -- inline target/inline-site
	@# A set above the whole-bundle limit (5,000 facts), so that the sharded search is tested too: made afresh each
	@# time (a few seconds), so that it always has the current format.
	cargo run --quiet --release --example gen_facts -- target/gen6k 6000
	@# Its desk loads the package's factcard.js (the desk of a folder outside pkg/ is told where it is).
	cargo run --quiet --release --bin factcard -- site target/gen6k -o target/site6k --script /pkg/factcard.js
	node --test tests/pages/

# The previous release, for tests/pages/compat.test.mjs (its factcard.js against today's folder, and today's against
# its folder): its package and its `factcard` binary in target/compat/OLD_RELEASE/ (pkg/, factcard), built once
# from `git archive` with a copy of this checkout's node_modules and compiled dependencies (a few minutes the first
# time, nothing after). OLD_RELEASE: the last commit before fact versions and content-named files (issue 25).
OLD_RELEASE ?= 3d12d16
compat-old: target/compat/$(OLD_RELEASE)/factcard
target/compat/$(OLD_RELEASE)/factcard:
	@# A clone without that history (a shallow one) cannot build it: the compat test then says it is skipped, and why.
	@if ! git cat-file -e '$(OLD_RELEASE)^{commit}' 2>/dev/null; then \
	  echo "compat-old: $(OLD_RELEASE) is not in this clone's history (a shallow clone?): tests/pages/compat.test.mjs is skipped"; \
	  exit 0; fi; \
	$(MAKE) --no-print-directory compat-build
compat-build:
	rm -rf target/compat/$(OLD_RELEASE) && mkdir -p target/compat/$(OLD_RELEASE)/src/target
	git archive --format=tar $(OLD_RELEASE) | tar -x -C target/compat/$(OLD_RELEASE)/src
	cp -a node_modules target/compat/$(OLD_RELEASE)/src/
	@# Its dependencies compiled already: only the workspace's own crates are built again.
	for d in release wasm32-unknown-unknown search; do \
	  if [ -d target/$$d ]; then cp -a target/$$d target/compat/$(OLD_RELEASE)/src/target/; fi; done
	$(MAKE) -C target/compat/$(OLD_RELEASE)/src build
	mv target/compat/$(OLD_RELEASE)/src/pkg target/compat/$(OLD_RELEASE)/pkg
	cp target/compat/$(OLD_RELEASE)/src/target/release/factcard target/compat/$(OLD_RELEASE)/factcard.tmp
	rm -rf target/compat/$(OLD_RELEASE)/src
	mv target/compat/$(OLD_RELEASE)/factcard.tmp target/compat/$(OLD_RELEASE)/factcard

clean:
	rm -rf pkg target node_modules

## Benchmark --------------------------------------------------------------------------------------------

# Search latency and recall (factcard vs MiniSearch and Fuse.js, in headless Chromium and natively; Pagefind on the
# same facts), page loads (bytes downloaded, first card after FCP), 1,000 elements on a page, the 100,000-fact set
# (check, build, site, readers, a one-fact correction) with Pagefind on the same 100,000 facts; BENCHMARKS.md is
# assembled from the results. The million-fact set only when asked, as it takes about half an hour and some GB of
# disk and memory: `make bench MILLION=1` (or FACTCARD_BENCH_MILLION=1 in the environment).
MILLION ?= $(FACTCARD_BENCH_MILLION)
.PHONY: bench
bench: setup-test build
	node bench/run.mjs
	node bench/page.mjs
	node bench/many.mjs
	node bench/big.mjs
	node bench/pagefind-big.mjs
	node bench/pagefind.mjs
	node bench/desk.mjs
	@if [ "$(MILLION)" = 1 ]; then node bench/big.mjs 1000000; \
	else echo "bench: the million-fact set is not measured unless asked (make bench MILLION=1); BENCHMARKS.md shows its last figures with their date"; fi
	node bench/report.mjs

## Fuzzing ----------------------------------------------------------------------------------------------

# Coverage-guided fuzzing with cargo-fuzz (libFuzzer), on stable Rust: RUSTC_BOOTSTRAP=1 lets stable rustc take
# the -Z flags that cargo-fuzz passes. Runs each target for FUZZ_SECONDS and prints its executions; fails if any
# target crashed (the crashing input is in fuzz/artifacts/TARGET/, the log in fuzz/artifacts/TARGET.SANITIZER.log).
# FUZZ_SANITIZER=address adds AddressSanitizer (about 2.5x slower; the crate has no unsafe code). See fuzz/README.md.
FUZZ_SECONDS ?= 60
FUZZ_SANITIZER ?= none
# FUZZ_RUNS=N stops each target after N executions (or FUZZ_SECONDS, whichever comes first).
FUZZ_RUNS ?=
FUZZ_TARGETS ?= bundle_decode compile_toml search_query format
.PHONY: fuzz
fuzz:
	@command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
	@mkdir -p fuzz/artifacts; failed=0; rows=""; \
	for t in $(FUZZ_TARGETS); do \
	  mkdir -p fuzz/corpus/$$t; log=fuzz/artifacts/$$t.$(FUZZ_SANITIZER).log; \
	  dict=""; if [ -f fuzz/dicts/$$t.dict ]; then dict="-dict=fuzz/dicts/$$t.dict"; fi; \
	  echo "fuzz: $$t for $(FUZZ_SECONDS) s (sanitizer $(FUZZ_SANITIZER)); log $$log"; \
	  RUSTC_BOOTSTRAP=1 cargo fuzz run --release --debug-assertions --sanitizer $(FUZZ_SANITIZER) \
	    $$t fuzz/corpus/$$t fuzz/seeds/$$t -- -max_total_time=$(FUZZ_SECONDS) $(if $(FUZZ_RUNS),-runs=$(FUZZ_RUNS)) -print_final_stats=1 $$dict \
	    >$$log 2>&1; rc=$$?; \
	  runs=$$(sed -n 's/^stat::number_of_executed_units: *//p' $$log | tail -1); \
	  if [ -z "$$runs" ]; then runs=$$(grep -aoE '^#[0-9]+' $$log | tail -1 | tr -d '#'); fi; \
	  rate=$$(sed -n 's/^stat::average_exec_per_sec: *//p' $$log | tail -1); \
	  if [ $$rc -eq 0 ]; then result=ok; else result="CRASH (exit $$rc)"; failed=1; \
	    grep -aE "panicked at|ERROR: libFuzzer|Test unit written to|error: could not compile" $$log | head -5; fi; \
	  echo "fuzz: $$t: $${runs:-0} executions, $${rate:-?} exec/s, $$result"; \
	  rows="$$rows$$(printf '%-14s %8s s %12s %10s  %s' $$t $(FUZZ_SECONDS) "$${runs:-0}" "$${rate:-?}" "$$result")\n"; \
	done; \
	printf '\n%-14s %10s %12s %10s  %s\n' target seconds executions exec/s result; printf "$$rows"; \
	exit $$failed
