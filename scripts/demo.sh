#!/usr/bin/env bash
# `make demo`: the package's main job in Node. Without COS_SECRET_ID etc. it starts the
# local emulator on a free loopback port and runs against it; with COS_SECRET_ID,
# COS_SECRET_KEY, COS_BUCKET and COS_REGION set it runs against the real service.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -n "${COS_SECRET_ID:-}" ]; then
  exec node js/demo.mjs
fi
. scripts/emulator.sh --job-start-ms 200 --job-run-ms 300
echo "emulator: $url"
node js/demo.mjs "$url"
