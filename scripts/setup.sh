#!/usr/bin/env bash
# Installs what OptOut needs on a fresh Debian 12 machine and builds the host.
# Idempotent: packages already present are not reinstalled; the build is incremental.
set -euo pipefail
cd "$(dirname "$0")/.."

PACKAGES=(build-essential cmake pkg-config nlohmann-json3-dev libabsl-dev libre2-dev
          libgtest-dev libgmock-dev libbenchmark-dev chromium firefox-esr openssl python3-jsonschema strace
          clang-format-14 clang-tidy-14
          clang libclang-rt-14-dev
          librsvg2-bin
          dpkg-dev file
          g++-mingw-w64-x86-64-posix wine64 wixl msitools unicode-data python3)
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

# npm ci whenever a devDependency is missing or not at its locked version (a fresh clone, or
# package-lock.json changed since the last install): playwright-core, eslint, typescript, ...
node -e '
  const fs = require("fs");
  const lock = require("./package-lock.json").packages;
  for (const name of Object.keys(require("./package.json").devDependencies || {})) {
    const want = (lock["node_modules/" + name] || {}).version;
    const file = "node_modules/" + name + "/package.json";
    if (!want || !fs.existsSync(file) || JSON.parse(fs.readFileSync(file, "utf8")).version !== want) process.exit(1);
  }' || npm ci --no-audit --no-fund

# The extension's PNG icons from extension/icons/src/*.svg (rsvg-convert, from librsvg2-bin).
./scripts/icons.sh

BUILD_DIR=${BUILD_DIR:-build}
cmake -S . -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_EXPORT_COMPILE_COMMANDS=ON >/dev/null
cmake --build "$BUILD_DIR" -j"$(nproc)"
