#!/usr/bin/env bash
# Runs each fuzz target for $1 seconds (fuzz/README.md): seeds the corpora from the
# fixtures, replays fuzz/regressions/<target>/ (every crash found so far), then fuzzes.
# Fails on the first crash, leaving the input in fuzz/artifacts/<target>/.
set -euo pipefail
cd "$(dirname "$0")/../fuzz"
seconds=${1:-600}
node seed.mjs
cargo +nightly fuzz build -O
for target in parse_response sign build_request; do
  mkdir -p "regressions/$target"
  echo "== $target: ${seconds}s"
  status=0
  cargo +nightly fuzz run -O "$target" "corpus/$target" "regressions/$target" -- \
    -max_total_time="$seconds" -print_final_stats=1 -timeout=10 -rss_limit_mb=2048 >"target/$target.log" 2>&1 || status=$?
  grep -E '^(stat::number_of_executed_units|stat::average_exec_per_sec|stat::new_units_added|stat::peak_rss_mb)' "target/$target.log" || true
  if [ "$status" != 0 ]; then
    grep -E -A12 'panicked|ERROR: libFuzzer|SUMMARY' "target/$target.log" | head -60
    echo "fuzz target $target failed (exit $status); the input is in fuzz/artifacts/$target/" >&2
    exit "$status"
  fi
done
