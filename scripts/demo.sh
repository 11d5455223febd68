#!/usr/bin/env bash
# `make demo`: start the local emulator on a free loopback port, run the demo
# against it, stop the emulator.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --locked --quiet -p cos-ci-wasm --example demo
. scripts/emulator.sh
echo "emulator: $url"
echo
target/debug/examples/demo "$url"
