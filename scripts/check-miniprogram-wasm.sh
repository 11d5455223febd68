#!/usr/bin/env bash
# The mini-program .wasm (from a package directory, default pkg/; its file in miniprogram_dist/,
# default cos_ci_wasm_bg.wasm.br; the non-MVP wasm for the check of the check, default the
# package's dist/web/cos_ci_wasm_bg.wasm) uses no post-MVP feature
# but mutable-globals and exports no Global — what iOS WeChat accepts. wabt's wasm-validate
# with every other default-on feature disabled, wasm-objdump for the exports. As a check
# of the check, the browser .wasm (built with Rust's default features) must fail it.
set -euo pipefail
cd "$(dirname "$0")/.."
pkg=${1:-pkg}
file=${2:-cos_ci_wasm_bg.wasm.br}
post_mvp=${3:-$pkg/dist/web/cos_ci_wasm_bg.wasm}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

node -e 'const z=require("node:zlib"),fs=require("node:fs");fs.writeFileSync(process.argv[2],z.brotliDecompressSync(fs.readFileSync(process.argv[1])))' \
  "$pkg/miniprogram_dist/$file" "$tmp/mp.wasm"

mvp() {
  wasm-validate --disable-reference-types --disable-multi-value --disable-bulk-memory \
    --disable-sign-extension --disable-saturating-float-to-int --disable-simd "$1"
}

mvp "$tmp/mp.wasm"
exports=$(wasm-objdump -x -j Export "$tmp/mp.wasm")
if grep -E '^ - (global|table)\[' <<<"$exports"; then
  echo "the mini-program wasm exports a Global or a Table (iOS WeChat rejects exported Globals)" >&2
  exit 1
fi
imports=$(wasm-objdump -x -j Import "$tmp/mp.wasm")
if grep -E '^ - (global|table|memory)\[' <<<"$imports"; then
  echo "the mini-program wasm imports something other than functions" >&2
  exit 1
fi
# No i64 across the boundary: it would need BigInt on the JS side (iOS 14+ JavaScriptCore).
types=$(wasm-objdump -x -j Type "$tmp/mp.wasm")
sigs=$( { sed -n 's/^ - func\[[0-9]*\] sig=\([0-9]*\).*/\1/p' <<<"$imports"
          wasm-objdump -x -j Function "$tmp/mp.wasm" >"$tmp/functions"
          for f in $(sed -n 's/^ - func\[\([0-9]*\)\].*/\1/p' <<<"$exports"); do
            sed -n "s/^ - func\[$f\] sig=\([0-9]*\).*/\1/p" "$tmp/functions"
          done; } | sort -un)
for sig in $sigs; do
  if grep -E "^ - type\[$sig\] .*i64" <<<"$types"; then
    echo "an imported or exported function of the mini-program wasm passes an i64 (type $sig)" >&2
    exit 1
  fi
done
if mvp "$post_mvp" 2>/dev/null; then
  echo "the post-MVP wasm ($post_mvp) passed the MVP check: the check would not catch a post-MVP build" >&2
  exit 1
fi
n=$(grep -c '^ - func\[' <<<"$exports")
echo "mini-program wasm: MVP + mutable-globals (wasm-validate), $n function exports + memory, no Global export, no i64 at the boundary; $(stat -c %s "$tmp/mp.wasm") bytes, $(stat -c %s "$pkg/miniprogram_dist/$file") brotli"
