#!/usr/bin/env bash
# Every test: host unit and CLI tests (CTest), extension unit tests (node), and the
# end-to-end tests in a real headless Chromium with the real host.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
BUILD_DIR=${BUILD_DIR:-build}
echo "== host: unit and CLI tests (ctest)"
ctest --test-dir "$BUILD_DIR" --output-on-failure -j"$(nproc)"
echo "== host: format and lint (clang-format, clang-tidy)"
./scripts/lint-host.sh
# ---- sanitizers and fuzzing (tests/hostile, tests/fuzz) ----
echo "== host: ASan+UBSan build of the unit tests"
cmake -S . -B build-asan -DOPTOUT_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug >/dev/null
cmake --build build-asan -j"$(nproc)"
ctest --test-dir build-asan --output-on-failure -j"$(nproc)"
echo "== host: short fuzz runs"
scripts/fuzz.sh "${OPTOUT_FUZZ_SECONDS:-60}"
# ---- end of sanitizers and fuzzing ----
# ---- JavaScript: lint and type check (eslint.config.js, tsconfig.json) ----
echo "== extension: eslint and tsc --noEmit"
npx --no-install eslint .
npx --no-install tsc -p tsconfig.json
# ---- end of lint and type check ----
echo "== extension: unit tests (node --test)"
node --test tests/extension/
echo "== packages: store .zip and .xpi (scripts/package.sh, web-ext lint)"; node --test tests/package/
echo "== packages: the host .deb installed, used by real Chromium, upgraded and purged"
tests/package/deb_test.sh
echo "== host on Windows (wine): optout-host.exe, unit and hostile suites, install/uninstall, the .msi"; scripts/test-windows.sh
echo "== end to end: headless Chromium + extension + optout-host"
OPTOUT_HOST_BIN="$PWD/$BUILD_DIR/native-host/optout-host" node --test --test-concurrency=1 tests/e2e/
echo "== end to end: headless Firefox ESR + extension + optout-host"; OPTOUT_HOST_BIN="$PWD/$BUILD_DIR/native-host/optout-host" node --test --test-concurrency=1 tests/e2e-firefox/
