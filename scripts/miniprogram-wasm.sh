#!/usr/bin/env bash
# A WeChat mini-program wasm: what iOS WeChat accepts is MVP wasm + mutable-globals and no
# exported Global. Rust's std is prebuilt with newer features, so: reference-types and
# multi-value off in our code (strip=true is needed, or the kept target_features section makes
# wasm-bindgen expect an externref table), then binaryen lowers sign-ext, bulk memory and
# non-trapping float-to-int, and drops the wasm-bindgen runtime's Global exports. make test
# validates the result with wabt with those features disabled (scripts/check-miniprogram-wasm.sh).
# Used by scripts/build.sh (cos-ci-wasm) and scripts/build-emulator.sh (cos-ci-emulator).
#
#   scripts/miniprogram-wasm.sh TARGET_DIR CRATE_WASM_NAME OUT_DIR OUT_FILE CARGO_ARGS...
# builds with `cargo build CARGO_ARGS` into TARGET_DIR, writes wasm-bindgen's --target web glue
# (--omit-default-module-path) to OUT_DIR and the optimised wasm to OUT_DIR/OUT_FILE.
set -euo pipefail
cd "$(dirname "$0")/.."
target=$1 name=$2 out=$3 file=$4
shift 4
RUSTFLAGS="-C target-feature=-reference-types,-multivalue" CARGO_PROFILE_RELEASE_STRIP=true \
  cargo build --locked --release --target wasm32-unknown-unknown --target-dir "$target" "$@"
wasm-bindgen --target web --omit-default-module-path --out-dir "$out" \
  "$target/wasm32-unknown-unknown/release/$name.wasm"
globals=$(wasm-objdump -x -j Export "$out/${name}_bg.wasm" | sed -n 's/^ - global\[[0-9]*\] -> "\(.*\)"$/\1/p' | paste -sd, -)
js/node_modules/.bin/wasm-opt -Oz \
  --enable-bulk-memory --enable-sign-ext --enable-nontrapping-float-to-int --enable-mutable-globals \
  --signext-lowering --llvm-memory-copy-fill-lowering --llvm-nontrapping-fptoint-lowering \
  ${globals:+--remove-exports --pass-arg=remove-exports@"$globals"} \
  "$out/${name}_bg.wasm" -o "$out/$file"
if wasm-objdump -x -j Export "$out/$file" | grep -E '^ - global\['; then
  echo "the mini-program wasm $out/$file still exports a Global (iOS WeChat rejects it)" >&2
  exit 1
fi
