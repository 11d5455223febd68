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
RUSTFLAGS="-C target-feature=-reference-types,-multivalue" CARGO_PROFILE_RELEASE_STRIP=true \
  cargo build --locked --release -p cos-ci-emulator-wasm --target wasm32-unknown-unknown --target-dir target/emulator-mp
wasm-bindgen --target web --omit-default-module-path --out-dir "$out/mp" \
  target/emulator-mp/wasm32-unknown-unknown/release/cos_ci_emulator_wasm.wasm
globals=$(wasm-objdump -x -j Export "$out/mp/cos_ci_emulator_wasm_bg.wasm" | sed -n 's/^ - global\[[0-9]*\] -> "\(.*\)"$/\1/p' | paste -sd, -)
js/node_modules/.bin/wasm-opt -Oz \
  --enable-bulk-memory --enable-sign-ext --enable-nontrapping-float-to-int --enable-mutable-globals \
  --signext-lowering --llvm-memory-copy-fill-lowering --llvm-nontrapping-fptoint-lowering \
  ${globals:+--remove-exports --pass-arg=remove-exports@"$globals"} \
  "$out/mp/cos_ci_emulator_wasm_bg.wasm" -o "$out/mp/emulator.wasm"
node emulator/npm/build.mjs
