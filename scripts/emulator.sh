# Sourced by the scripts that need a running emulator: builds it, starts it
# on a free loopback port with the given options, sets $url, and stops it on
# exit. With COS_CI_EMULATOR set (a command), that emulator is started instead
# of the native binary: e.g. the npm package's bin (scripts/emulator-npm-tests.sh).
if [ -n "${COS_CI_EMULATOR:-}" ]; then
  # In a process group of its own, stopped as a group: `npm exec` / `npx` does not pass
  # SIGTERM on to the command it runs.
  emulator_cmd=(setsid $COS_CI_EMULATOR)
else
  cargo build --locked --quiet -p cos-ci-emulator
  emulator_cmd=(target/debug/cos-ci-emulator)
fi
emulator_out=$(mktemp)
"${emulator_cmd[@]}" --port 0 "$@" >"$emulator_out" 2>/dev/null &
emulator_pid=$!
trap 'kill -- -$emulator_pid 2>/dev/null || kill $emulator_pid 2>/dev/null; wait $emulator_pid 2>/dev/null || true; rm -f "$emulator_out"' EXIT
for _ in $(seq 200); do
  grep -q '^listening on ' "$emulator_out" && break
  sleep 0.05
done
url=$(sed -n 's/^listening on //p' "$emulator_out" | head -n1)
[ -n "$url" ] || { echo "the emulator did not start" >&2; exit 1; }
