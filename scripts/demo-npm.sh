#!/usr/bin/env bash
# `make demo-npm`: `make demo` without cargo or a Rust toolchain — cos-ci-wasm and
# cos-ci-emulator installed from npm (or from the tarballs in PKG_TARBALLS) into
# target/demo-npm, the emulator started with its npm bin, js/demo.mjs run against it.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=target/demo-npm
mkdir -p "$dir"
[ -f "$dir/package.json" ] || printf '{ "name": "demo-npm", "private": true, "type": "module" }\n' >"$dir/package.json"
# shellcheck disable=SC2086 # PKG_TARBALLS is a list
(cd "$dir" && npm install --silent --no-audit --no-fund --no-save ${PKG_TARBALLS:-cos-ci-wasm cos-ci-emulator})
COS_CI_EMULATOR="$PWD/$dir/node_modules/.bin/cos-ci-emulator"
. scripts/emulator.sh --job-start-ms 200 --job-run-ms 300
echo "emulator (npx cos-ci-emulator): $url"
COS_CI_WASM_MODULE="$PWD/$dir/node_modules/cos-ci-wasm/dist/node/index.mjs" node js/demo.mjs "$url"
