#!/usr/bin/env bash
# The npm package cos-ci-emulator (pkg-emulator/, made by scripts/build-emulator.sh), tested
# from its packed tarball, installed beside the cos-ci-wasm tarball in target/emulator-pkgtest:
#   - publint and arethetypeswrong clean; at most 1 MB unpacked;
#   - its bin passes the native emulator's HTTP suite (emulator/tests/http.rs), the official
#     SDKs' checks pass against `npx cos-ci-emulator` (npm exec; scripts/client-tests.sh), and
#     cos-ci-wasm's JS end-to-end suite runs once against it;
#   - createEmulator's in-process transport in Node (node:test and vitest), in headless Chromium and in the simulated
#     mini-program runtime (its miniprogram_dist/ wasm checked as cos-ci-wasm's is); the types;
#   - every request those runs sent, replayed on the native core: the same answers
#     (emulator/tests/differential.rs, from the traces the bin and startEmulator wrote).
set -euo pipefail
cd "$(dirname "$0")/.."

mkdir -p target/pack
rm -f target/pack/cos-ci-emulator-*.tgz target/pack/cos-ci-wasm-*.tgz
tarball="$PWD/target/pack/$(cd target/pack && npm pack --silent ../../pkg-emulator | tail -n1)"
wasm_tarball="$PWD/target/pack/$(cd target/pack && npm pack --silent ../../pkg | tail -n1)"
echo "packed $tarball"

lint=$(NO_COLOR=1 js/node_modules/.bin/publint "$tarball" | sed 's/\x1b\[[0-9;]*m//g')
echo "$lint"
grep -q '^All good!$' <<<"$lint" || { echo "publint reported something (above)" >&2; exit 1; }
# ESM only: no CommonJS entry, so the node10 and node16-from-CJS resolutions do not apply.
js/node_modules/.bin/attw "$tarball" --profile esm-only --format table-flipped --no-color

dir=target/emulator-pkgtest
rm -rf "$dir"
mkdir -p "$dir"
printf '{ "name": "emulator-pkgtest", "private": true, "type": "module" }\n' >"$dir/package.json"
(cd "$dir" && npm install --silent --no-audit --no-fund --no-save "$tarball" "$wasm_tarball")
unpacked=$(du -sb --apparent-size "$dir/node_modules/cos-ci-emulator" | cut -f1)
echo "cos-ci-emulator unpacked: $unpacked bytes"
[ "$unpacked" -le 1048576 ] || { echo "cos-ci-emulator is over 1 MB unpacked" >&2; exit 1; }

bin="$PWD/$dir/node_modules/.bin/cos-ci-emulator"
traces="$PWD/target/emulator-traces"
rm -rf "$traces"
export COS_CI_EMULATOR="$bin" COS_CI_EMULATOR_TRACE="$traces"

cargo test --locked --quiet -p cos-ci-emulator --test http
# The official SDKs, unchanged, against the emulator started as users start it: npx.
COS_CI_EMULATOR="npm exec --prefix $PWD/$dir --no -- cos-ci-emulator" ./scripts/client-tests.sh

# cos-ci-wasm's end-to-end suite (every operation, every transport), once, against the npm bin.
cat >"$dir/package.test.js" <<'JS'
import * as lib from 'cos-ci-wasm';
import { run } from '../../js/test/suite.mjs';
run(lib, 'ESM import, against npx cos-ci-emulator');
JS
cp emulator/npm/test/scenario.mjs emulator/npm/test/inprocess.test.mjs emulator/npm/test/browser.test.mjs emulator/npm/test/miniprogram.test.mjs "$dir/"
# The mini-program wasm: MVP + mutable-globals, no Global export (wabt), as cos-ci-wasm's.
./scripts/check-miniprogram-wasm.sh "$dir/node_modules/cos-ci-emulator" emulator.wasm.br target/emulator-build/emulator.wasm
# The package README's test example, as written.
awk '/^```js$/{on=1; next} /^```$/{on=0} on' emulator/npm/README.md >"$dir/readme-example.test.mjs"
grep -q createEmulator "$dir/readme-example.test.mjs" || { echo "no example in emulator/npm/README.md" >&2; exit 1; }
EMULATOR_BIN="$bin" node --test --test-concurrency=1 "$dir/package.test.js" "$dir/inprocess.test.mjs" "$dir/browser.test.mjs" "$dir/miniprogram.test.mjs" "$dir/readme-example.test.mjs"
# vitest (3.2.7, pinned by emulator/npm/test/vitest's lock) with both tarballs: the README's
# example as a vitest user writes it.
vt=target/emulator-vitest
rm -rf "$vt"
mkdir -p "$vt"
cp emulator/npm/test/vitest/package.json emulator/npm/test/vitest/package-lock.json emulator/npm/test/vitest/report.test.js "$vt/"
(cd "$vt" && npm ci --prefer-offline --fetch-timeout=60000 --no-audit --no-fund --loglevel=error \
  && npm install --silent --no-audit --no-fund --no-save "$tarball" "$wasm_tarball" \
  && ./node_modules/.bin/vitest run --reporter=verbose)
# require() of the ES module (Node ≥ 20.19 / 22.12): nothing in it waits at the top level.
(cd "$dir" && node -e "const e = require('cos-ci-emulator'); if (typeof e.createEmulator !== 'function' || typeof e.startEmulator !== 'function') process.exit(1)")
echo "require('cos-ci-emulator'): ok"

cp emulator/npm/test/usage.ts emulator/npm/test/tsconfig.json "$dir/"
(cd "$dir" && ../../js/node_modules/.bin/tsc -p tsconfig.json)
echo "types: tsc --noEmit passed"

# make demo-npm (no cargo) with these tarballs, to its end.
PKG_TARBALLS="$tarball $wasm_tarball" ./scripts/demo-npm.sh >target/demo-npm.log 2>&1 || { tail -20 target/demo-npm.log >&2; exit 1; }
echo "make demo-npm: ran to its end ($(wc -l <target/demo-npm.log) lines)"

unset COS_CI_EMULATOR COS_CI_EMULATOR_TRACE
COS_CI_EMULATOR_TRACES="$traces" cargo test --locked --quiet -p cos-ci-emulator --test differential -- --nocapture
