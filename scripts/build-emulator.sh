#!/usr/bin/env bash
# The npm package cos-ci-emulator: the emulator's sans-I/O core (emulator/src) compiled
# to wasm (emulator/wasm) → wasm-bindgen (web glue) → wasm-opt -Oz → pkg-emulator/
# (emulator/npm/build.mjs). make build runs it after scripts/build.sh.
set -euo pipefail
cd "$(dirname "$0")/.."

cargo build --locked --release -p cos-ci-emulator-wasm --target wasm32-unknown-unknown --target-dir target/emulator
out=target/emulator-build
rm -rf "$out"
wasm-bindgen --target web --out-dir "$out" target/emulator/wasm32-unknown-unknown/release/cos_ci_emulator_wasm.wasm
js/node_modules/.bin/wasm-opt -Oz \
  --enable-bulk-memory --enable-sign-ext --enable-nontrapping-float-to-int \
  --enable-mutable-globals --enable-reference-types --enable-multivalue \
  "$out/cos_ci_emulator_wasm_bg.wasm" -o "$out/emulator.wasm"
# The mini-program wasm (miniprogram_dist/, for the DevTools simulator and tests of mini-program
# code), built as cos-ci-wasm's is (scripts/build.sh): MVP + mutable-globals, no Global export.
./scripts/miniprogram-wasm.sh target/emulator-mp cos_ci_emulator_wasm "$out/mp" emulator.wasm -p cos-ci-emulator-wasm
node emulator/npm/build.mjs
