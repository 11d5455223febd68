#!/usr/bin/env bash
# The JS tests, against the packed tarball: `npm pack ./pkg`, installed into a temporary
# ESM project and a temporary CommonJS project under js/.pkgtest/ (so that the dev
# dependencies in js/node_modules — the official SDKs — resolve too); then node:test.
set -euo pipefail
cd "$(dirname "$0")/.."

cargo build --locked --quiet -p cos-ci-emulator
export EMULATOR_BIN="$PWD/target/debug/cos-ci-emulator"

mkdir -p target/pack
rm -f target/pack/cos-ci-wasm-*.tgz
tarball="$PWD/target/pack/$(cd target/pack && npm pack --silent ../../pkg | tail -n1)"
echo "packed $tarball"
rm -f target/pack/cos-ci-emulator-*.tgz
emulator_tarball="$PWD/target/pack/$(cd target/pack && npm pack --silent ../../pkg-emulator | tail -n1)"

# The package as published: publint with nothing to report (not even a suggestion), and
# arethetypeswrong clean for every entry point that is a module. attw leaves out
# ./cos_ci_wasm_bg.wasm: a binary asset, not a module (it is exported so that an app can hand
# the .wasm's URL to init(), e.g. a bundler's `?url` import); no type resolution applies to it.
lint=$(NO_COLOR=1 js/node_modules/.bin/publint "$tarball" | sed 's/\x1b\[[0-9;]*m//g')
echo "$lint"
grep -q '^All good!$' <<<"$lint" || { echo "publint reported something (above)" >&2; exit 1; }
js/node_modules/.bin/attw "$tarball" --format table-flipped --no-color --exclude-entrypoints ./cos_ci_wasm_bg.wasm

(cd js && node --test test/unit/)

rm -rf js/.pkgtest
for kind in esm cjs; do
  dir="js/.pkgtest/$kind"
  mkdir -p "$dir"
  if [ "$kind" = esm ]; then type=module; else type=commonjs; fi
  printf '{ "name": "pkgtest-%s", "private": true, "type": "%s" }\n' "$kind" "$type" >"$dir/package.json"
  # The ESM project also gets the npm emulator (the README's testing example imports it).
  extra=()
  [ "$kind" = esm ] && extra=("$emulator_tarball")
  (cd "$dir" && npm install --silent --no-audit --no-fund --no-save "$tarball" "${extra[@]}")
done

cat >js/.pkgtest/esm/package.test.js <<'JS'
import * as lib from 'cos-ci-wasm';
import { run } from '../../test/suite.mjs';
run(lib, 'ESM import');
JS
cat >js/.pkgtest/cjs/package.test.js <<'JS'
const lib = require('cos-ci-wasm');
const { pathToFileURL } = require('node:url');
const path = require('node:path');
// node:test collects tests registered while this module's promise is pending.
module.exports = import(pathToFileURL(path.join(__dirname, '../../test/suite.mjs')).href).then((s) => s.run(lib, 'CJS require'));
JS

for suite in reliability bad-input secrets hostile properties notifications; do
  # wasm-memory.mjs first: it must see the package instantiate its wasm.
  printf "import '../../test/helpers/wasm-memory.mjs';\nimport * as lib from 'cos-ci-wasm';\nimport { run } from '../../test/%s.mjs';\nrun(lib);\n" "$suite" >"js/.pkgtest/esm/$suite.test.js"
done

# The thin entry, cos-ci-wasm/core, in both projects.
cat >js/.pkgtest/esm/thin.test.js <<'JS'
import * as thin from 'cos-ci-wasm/core';
import * as full from 'cos-ci-wasm';
import { run } from '../../test/thin.mjs';
run(thin, full, 'ESM import of cos-ci-wasm/core');
JS
cat >js/.pkgtest/cjs/thin.test.js <<'JS'
const thin = require('cos-ci-wasm/core');
const full = require('cos-ci-wasm');
const { pathToFileURL } = require('node:url');
const path = require('node:path');
module.exports = import(pathToFileURL(path.join(__dirname, '../../test/thin.mjs')).href).then((s) => s.run(thin, full, 'CJS require of cos-ci-wasm/core'));
JS

node --test --test-concurrency=1 js/.pkgtest/esm/package.test.js js/.pkgtest/cjs/package.test.js js/.pkgtest/esm/thin.test.js js/.pkgtest/cjs/thin.test.js
# Fault injection, the bad-input catalogue, the secret checks, the hostile-server findings
# (reliability round 2) and the property-based suite (short run: PROPERTY_RUNS), once (ESM).
node --test --test-concurrency=1 js/.pkgtest/esm/reliability.test.js js/.pkgtest/esm/bad-input.test.js js/.pkgtest/esm/secrets.test.js \
  js/.pkgtest/esm/hostile.test.js js/.pkgtest/esm/properties.test.js js/.pkgtest/esm/notifications.test.js

# WeChat mini-programs: the tarball's wasm is MVP + mutable-globals with no Global export
# (wabt), and its miniprogram_dist/ runs in the simulated mini-program runtime.
./scripts/check-miniprogram-wasm.sh js/.pkgtest/cjs/node_modules/cos-ci-wasm
node --test js/test/miniprogram.test.mjs

# The types: tsc --noEmit over js/test/types/usage.ts against the installed package, in the
# ESM project and in the CommonJS one (module nodenext: there the file is CommonJS and
# resolves the "require" condition, index.d.cts).
for kind in esm cjs; do
  cp js/test/types/usage.ts js/test/types/core-usage.ts js/test/types/tsconfig.json "js/.pkgtest/$kind/"
  (cd "js/.pkgtest/$kind" && ../../node_modules/.bin/tsc -p tsconfig.json) && echo "types ($kind): tsc --noEmit passed"
done
# The README's ESM and CommonJS examples, type-checked under strict (checkJs).
node js/test/types/readme-check.mjs
# The declarations stand alone: lib ES2020, no DOM, no @types/node; and with miniprogram-api-typings.
node js/test/types/standalone-check.mjs

# Headless Chromium: the ESM build from the installed tarball.
node --test js/test/browser.test.mjs

# The browser demo page (make demo-web; the README's screenshot) runs to the end in Chromium.
node js/demo/serve.mjs --screenshot target/demo-check.jpg

# Next.js (app router; Turbopack and webpack builds) with the tarball, in headless Chromium, and the
# notification recipes of docs/notifications.md (npm ci of js/test/nextjs's lock into js/.pkgtest/next).
PKG_TARBALL="$tarball" node --test js/test/nextjs.test.mjs

# The README's examples, against the emulator.
node --test js/test/readme.test.mjs
