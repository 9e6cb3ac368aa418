#!/usr/bin/env bash
# Installs what OptOut needs on a fresh Debian 12 machine and builds the host.
# Idempotent: packages already present are not reinstalled; the build is incremental.
set -euo pipefail
cd "$(dirname "$0")/.."

PACKAGES=(build-essential cmake pkg-config nlohmann-json3-dev libabsl-dev libre2-dev
          libgtest-dev libgmock-dev libbenchmark-dev chromium openssl python3-jsonschema strace
          clang libclang-rt-14-dev)
# Node.js may come from elsewhere (nvm, a preinstalled build): only ask apt when absent.
command -v npm >/dev/null || PACKAGES+=(nodejs npm)
missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}" >&2
  SUDO=; [ "$(id -u)" -eq 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi

[ -d node_modules/playwright-core ] || npm ci --no-audit --no-fund

BUILD_DIR=${BUILD_DIR:-build}
cmake -S . -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$BUILD_DIR" -j"$(nproc)"
