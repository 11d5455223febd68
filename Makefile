# Two commands on a fresh machine: `make demo` and `make test`.
# Each target installs what it needs first (the wasm32 target via rustup).

SHELL := bash
CARGO ?= cargo
WASM_TARGET := wasm32-unknown-unknown

.PHONY: demo test build setup lint unit wasm clients

## demo: the main job against the local emulator: queues, a job to Success, the job list
demo:
	./scripts/demo.sh

## test: formatting, clippy, every test suite, the official SDKs against the emulator, the wasm32 release build
test: setup lint unit clients wasm

## build: the wasm32 release build of the crate
build: setup wasm

setup:
	@rustup target list --installed | grep -qx $(WASM_TARGET) || rustup target add $(WASM_TARGET)

lint:
	$(CARGO) fmt --check
	$(CARGO) clippy --locked --workspace --all-targets -- -D warnings

unit:
	$(CARGO) test --locked --workspace

## clients: cos-python-sdk-v5 and cos-nodejs-sdk-v5 as clients of the emulator (pip venv + npm ci)
clients:
	./scripts/client-tests.sh

wasm:
	$(CARGO) build --locked --release --lib --target $(WASM_TARGET)
