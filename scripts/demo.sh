#!/usr/bin/env bash
# `make demo`: start the local emulator on a free loopback port, run the demo
# against it, stop the emulator.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --locked --quiet -p cos-ci-emulator && cargo build --locked --quiet -p cos-ci-wasm --example demo
out=$(mktemp)
target/debug/cos-ci-emulator --port 0 >"$out" 2>/dev/null &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -f "$out"' EXIT
for _ in $(seq 100); do
  grep -q '^listening on ' "$out" && break
  sleep 0.05
done
url=$(sed -n 's/^listening on //p' "$out" | head -n1)
[ -n "$url" ] || { echo "demo: the emulator did not start" >&2; exit 1; }
echo "emulator: $url"
echo
target/debug/examples/demo "$url"
