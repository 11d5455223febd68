#!/usr/bin/env bash
# Installs what the make targets need, from package registries only; each step is skipped
# when already done.
#   scripts/setup.sh          rust wasm32 target, wasm-bindgen CLI (= Cargo.lock), wasm-pack, npm ci in js/,
#                             Debian wabt (wasm-objdump/wasm-validate: the mini-program wasm checks)
#   scripts/setup.sh browser  also Debian chromium + chromium-driver (headless tests)
#   scripts/setup.sh fuzz     also cargo-fuzz (crates.io, pinned) for the nightly toolchain
set -euo pipefail
cd "$(dirname "$0")/.."

rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown

# The wasm-bindgen CLI must be the version in Cargo.lock. --locked resolves against the
# registry for 0.2.129 (0.2.130's lock pins a webpki-roots release it does not have).
want=$(grep -A1 '^name = "wasm-bindgen"$' Cargo.lock | sed -n 's/^version = "\(.*\)"/\1/p')
have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
if [ "$have" != "$want" ]; then
  echo "installing wasm-bindgen-cli $want (was: ${have:-none})"
  cargo install --quiet wasm-bindgen-cli --version "$want" --locked
fi

# wasm-pack (crates.io, pinned), for the wasm suite as Rust users run it (make wasm-node,
# make wasm-browser); run with --mode no-install so that it uses the CLI above.
if [ "$(wasm-pack --version 2>/dev/null | awk '{print $2}')" != 0.15.1 ]; then
  echo "installing wasm-pack 0.15.1"
  cargo install --quiet wasm-pack --version 0.15.1 --locked
fi

# npm ci in js/ (binaryen's wasm-opt, esbuild, typescript, playwright-core, the official SDKs).
if ! cmp -s js/package-lock.json js/node_modules/.setup-stamp 2>/dev/null; then
  (cd js && npm ci --no-audit --no-fund --loglevel=error)
  cp js/package-lock.json js/node_modules/.setup-stamp
fi

# cargo-fuzz, pinned, from crates.io; the fuzzers need the nightly toolchain (sanitizers).
if [ "${1:-}" = fuzz ]; then
  rustup toolchain list | grep -q '^nightly' || {
    echo "make fuzz-smoke needs the nightly Rust toolchain (rustup toolchain install nightly)" >&2
    exit 1
  }
  if [ "$(cargo fuzz --version 2>/dev/null | awk '{print $2}')" != 0.13.2 ]; then
    echo "installing cargo-fuzz 0.13.2"
    cargo install --quiet cargo-fuzz --version 0.13.2 --locked
  fi
fi

# Debian packages, installed only when a command is missing.
apt_packages=()
command -v wasm-objdump >/dev/null && command -v wasm-validate >/dev/null || apt_packages+=(wabt)
if [ "${1:-}" = browser ] && ! { command -v chromium && command -v chromedriver; } >/dev/null; then
  apt_packages+=(chromium chromium-driver)
fi
if [ ${#apt_packages[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" = 0 ] || sudo=sudo
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${apt_packages[@]}" >/dev/null
fi
