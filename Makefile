# Two commands on a fresh machine: `make demo` and `make test`.
# Each target installs what it needs first (scripts/setup.sh: the wasm32 target, the
# wasm-bindgen CLI at the Cargo.lock version, npm ci in js/, and for tests Chromium).

SHELL := bash
CARGO ?= cargo

.PHONY: demo demo-npm demo-web test build bench bench-smoke fuzz fuzz-smoke setup setup-browser lint unit clients wasm-node wasm-browser js emulator-npm

## demo: the main job in Node with the built package, against the local emulator
##       (or the real service with COS_SECRET_ID, COS_SECRET_KEY, COS_BUCKET, COS_REGION set)
demo: build
	./scripts/demo.sh

## demo-npm: the same without cargo: cos-ci-wasm and cos-ci-emulator from npm, the emulator by its
##           npm bin (PKG_TARBALLS="a.tgz b.tgz" installs those instead)
demo-npm:
	./scripts/demo-npm.sh

## demo-web: the browser demo page (js/demo) with the built package against the local emulator;
##           `node js/demo/serve.mjs --screenshot docs/demo.jpg` remakes the README's screenshot
demo-web: build
	cargo build -p cos-ci-emulator
	node js/demo/serve.mjs

## test: formatting, clippy, every Rust suite, the official SDKs against the emulator,
##       the wasm suites in Node and headless Chromium, the npm package's JS, type, browser and
##       mini-program (wabt + simulated runtime) tests, the npm emulator's tests, the bench
##       harness and the fuzzers in smoke mode
test: setup-browser lint unit clients wasm-node wasm-browser js emulator-npm bench-smoke fuzz-smoke

## build: the npm package in pkg/ (release wasm, wasm-bindgen glue, wasm-opt, the JS shim)
##        and the npm emulator in pkg-emulator/ (its core compiled to wasm, the Node shell)
build: setup
	./scripts/build.sh
	./scripts/build-emulator.sh

## bench: cos-ci-wasm against cos-js-sdk-v5, cos-wx-sdk-v5 and cos-nodejs-sdk-v5 side by side in
##        Node and headless Chromium, cold starts, shipped bytes, native Rust — writes bench/RESULTS.md
bench: build setup-browser
	node bench/run.mjs

## bench-smoke: the same harness, every step once with tiny batches (no timing is asserted)
bench-smoke: build
	node bench/run.mjs --smoke

## fuzz: each cargo-fuzz target (fuzz/) for FUZZ_SECONDS (default 600), corpora seeded from
##       tests/fixtures; the long runs are recorded in fuzz/README.md
FUZZ_SECONDS ?= 600
fuzz: setup-fuzz
	./scripts/fuzz.sh $(FUZZ_SECONDS)

## fuzz-smoke: every target over its seeds and fuzz/regressions, then 15 s of fuzzing each
fuzz-smoke: setup-fuzz
	./scripts/fuzz.sh 15

setup:
	./scripts/setup.sh

setup-fuzz:
	./scripts/setup.sh fuzz

setup-browser:
	./scripts/setup.sh browser

lint:
	$(CARGO) fmt --check
	$(CARGO) clippy --locked --workspace --all-targets -- -D warnings
	$(CARGO) clippy --locked --lib --target wasm32-unknown-unknown -- -D warnings
	$(CARGO) clippy --locked -p cos-ci-emulator-wasm --target wasm32-unknown-unknown -- -D warnings

unit:
	$(CARGO) test --locked --workspace

## clients: cos-python-sdk-v5 and cos-nodejs-sdk-v5 as clients of the emulator (pip venv + npm ci)
clients:
	./scripts/client-tests.sh

## wasm-node / wasm-browser: the wasm suite (tests/wasm/cases.rs) as Rust users run it, with
##   wasm-pack: in Node, and in headless Chromium through Debian's chromedriver
##   (--mode no-install: wasm-pack uses the wasm-bindgen CLI setup installed, downloads nothing)
wasm-node: setup
	wasm-pack test --node --mode no-install -- --locked

wasm-browser: setup setup-browser
	wasm-pack test --headless --chrome --chromedriver "$$(command -v chromedriver)" --mode no-install -- --locked

## emulator-npm: pack pkg-emulator/ and test it: its bin under the emulator's HTTP suite, the
##   official SDKs and the JS suite; its in-process transport in Node and Chromium; its types;
##   the native core replaying every request it answered (scripts/emulator-npm-tests.sh)
emulator-npm: build setup-browser
	./scripts/emulator-npm-tests.sh

## js: build pkg/, pack it, install the tarball into ESM and CJS projects, run the JS suites
js: build
	./scripts/js-tests.sh
