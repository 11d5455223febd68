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

. scripts/emulator.sh --job-start-ms 10 --job-run-ms 20

status=0
timeout 120 "$venv/bin/python" emulator/tests/clients/python_sdk.py "$url" || status=1
timeout 120 node emulator/tests/clients/node_sdk.js "$url" || status=1
exit $status
