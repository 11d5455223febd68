#!/usr/bin/env bash
# The official SDKs as clients of the local emulator: cos-python-sdk-v5 1.9.44
# (installed with pip into a virtual environment under target/) and
# cos-nodejs-sdk-v5 (npm ci in emulator/tests/clients). Both must print
# `N passed, 0 failed`.
set -euo pipefail
cd "$(dirname "$0")/.."

venv=target/py-venv
if ! "$venv/bin/python" -c 'import qcloud_cos' 2>/dev/null; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check cos-python-sdk-v5==1.9.44
fi
(cd emulator/tests/clients && npm ci --no-audit --no-fund --loglevel=error)

cargo build --locked --quiet -p cos-ci-emulator
out=$(mktemp)
target/debug/cos-ci-emulator --port 0 --job-start-ms 10 --job-run-ms 20 >"$out" 2>/dev/null &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -f "$out"' EXIT
for _ in $(seq 100); do
  grep -q '^listening on ' "$out" && break
  sleep 0.05
done
url=$(sed -n 's/^listening on //p' "$out" | head -n1)
[ -n "$url" ] || { echo "client tests: the emulator did not start" >&2; exit 1; }

status=0
timeout 120 "$venv/bin/python" emulator/tests/clients/python_sdk.py "$url" || status=1
timeout 120 node emulator/tests/clients/node_sdk.js "$url" || status=1
exit $status
