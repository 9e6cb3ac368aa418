#!/usr/bin/env bash
# Builds OptOut's packages into dist/ (git-ignored):
#   dist/optout-VERSION-chromium.zip  the extension for the Chrome Web Store and Edge Add-ons
#   dist/optout-VERSION-firefox.xpi   the extension for addons.mozilla.org
#   dist/optout-host_VERSION_ARCH.deb the host for Debian and Ubuntu
#   dist/OptOut-HOST_VERSION.msi      the host for Windows, per user (step msi, not a default)
# The .zip and .xpi come from extension/ with the development `key` stripped: a store gives the extension
# its own id, and an uploaded manifest must not claim the development one. Each build keeps only
# what its browser reads (chromium_manifest / firefox_manifest say which keys and why).
#
# Reproducible: entries sorted by path, every entry dated SOURCE_DATE_EPOCH (default: the last
# commit's time), the same permissions and compression, no directory entries or extra fields;
# the same commit gives the same bytes.
#
# Usage: scripts/package.sh [STEP...]   steps, in the order given (default: all but msi):
#   icons     render extension/icons/src/*.svg to PNG (scripts/icons.sh)
#   chromium  the .zip
#   firefox   the .xpi
#   lint      web-ext lint on the .xpi: fails on any error or warning
#   deb       the host as dist/optout-host_VERSION_ARCH.deb (CPack, packaging/deb.cmake): a
#             Release build in build-deb/, the binary and the system-wide host manifests
#   msi       the host for Windows as dist/OptOut-HOST_VERSION.msi (per user, no admin rights;
#             packaging/windows/build-msi.sh, wixl): optout-host.exe cross-built in build-win/
#             (scripts/windows-deps.sh, cmake/mingw-w64.toolchain.cmake), its manifests, callers.json
#             and registry rows staged by the host itself (OPTOUT_STAGE_HOST, else build-deb's binary).
#             Not in the default steps: it needs the Windows libraries (minutes, once). HOST_VERSION
#             is the CMake project version.
set -euo pipefail
cd "$(dirname "$0")/.."

DIST=${DIST:-dist}
EXT_DIR=extension
VERSION=$(node -p 'require("./extension/manifest.json").version')
ZIP_OUT="$DIST/optout-$VERSION-chromium.zip"
XPI_OUT="$DIST/optout-$VERSION-firefox.xpi"
if [ -z "${SOURCE_DATE_EPOCH:-}" ]; then
  SOURCE_DATE_EPOCH=$(git log -1 --format=%ct 2>/dev/null || echo 315532800)
fi
export SOURCE_DATE_EPOCH
# Builds are staged here, removed however the script ends.
STAGE_ROOT=$(mktemp -d "${TMPDIR:-/tmp}/optout-package.XXXXXX")
trap 'rm -rf "$STAGE_ROOT"' EXIT

# What of extension/ ships: everything but the icons' SVG sources, dotfiles and editor leftovers.
# Paths relative to extension/, sorted bytewise (LC_ALL=C) so every run lists them alike.
extension_files() {
  (cd "$EXT_DIR" && find . -type f \
      ! -path './icons/src/*' ! -name '.*' ! -name '*~' ! -name '*.tmp' ! -name 'manifest.json' \
      -printf '%P\n') | LC_ALL=C sort
}

# Copies the shipped files to $1 (emptied first); the manifest is written by the caller.
stage_extension() {
  local dir=$1 f
  rm -rf "$dir"
  mkdir -p "$dir"
  extension_files | while IFS= read -r f; do
    mkdir -p "$dir/$(dirname "$f")"
    cp "$EXT_DIR/$f" "$dir/$f"
  done
}

# Rewrites extension/manifest.json for a store build: `node - TARGET OUT`, the edits below.
write_manifest() {
  node - "$1" "$2" <<'EOF'
const fs = require('fs');
const [target, out] = process.argv.slice(2);
const m = JSON.parse(fs.readFileSync('extension/manifest.json', 'utf8'));
// The development key pins the unpacked extension's id (the host's allowed_origins, the e2e
// tests); a store assigns its own, and the Chrome Web Store refuses an uploaded key.
delete m.key;
if (target === 'chromium') {
  // Chromium runs background.service_worker; `scripts` is Firefox's event page, and
  // browser_specific_settings is Firefox's too. Chromium 156 ignores both without a warning
  // (chrome://extensions lists none), older Chrome warned "'background.scripts' requires
  // manifest version of 2 or lower" (minimum_chrome_version is 120), and neither does anything
  // in Chrome or Edge: the store build carries only what Chromium reads.
  delete m.background.scripts;
  delete m.browser_specific_settings;
} else if (target === 'firefox') {
  // Firefox ignores background.service_worker (web-ext lint warns) and runs background.scripts.
  // browser_specific_settings.gecko stays: the add-on id and data_collection_permissions.
  delete m.background.service_worker;
  delete m.minimum_chrome_version;
} else {
  throw new Error(`unknown target ${target}`);
}
// Every file the manifest names must be staged (icons not rendered: run the icons step).
const path = require('path');
const named = [...Object.values(m.icons || {}), ...Object.values((m.action || {}).default_icon || {}),
  (m.action || {}).default_popup, (m.options_ui || {}).page, m.background.service_worker, ...(m.background.scripts || []),
  ...(m.content_scripts || []).flatMap((cs) => [...(cs.js || []), ...(cs.css || [])])].filter(Boolean);
const missing = [...new Set(named)].filter((f) => !fs.existsSync(path.join(path.dirname(out), f)));
if (missing.length) throw new Error(`${target}: the manifest names files that are not there: ${missing.join(', ')} (scripts/package.sh icons renders the icons)`);
fs.writeFileSync(out, JSON.stringify(m, null, 2) + '\n');
EOF
}

# Zips directory $1 into $2, reproducibly (see the top of this file).
zip_reproducibly() {
  python3 - "$1" "$2" <<'EOF'
import os, sys, time, zipfile
src, out = sys.argv[1], sys.argv[2]
epoch = max(int(os.environ['SOURCE_DATE_EPOCH']), 315532800)  # DOS dates start in 1980
stamp = time.gmtime(epoch)[:6]
paths = []
for root, _dirs, files in os.walk(src):
    for name in files:
        paths.append(os.path.relpath(os.path.join(root, name), src).replace(os.sep, '/'))
paths.sort(key=lambda p: p.encode('utf-8'))
tmp = out + '.tmp'
with zipfile.ZipFile(tmp, 'w') as z:
    for path in paths:
        info = zipfile.ZipInfo(path, date_time=stamp)
        info.create_system = 3               # unix, so external_attr reads as a mode
        info.external_attr = 0o100644 << 16  # a regular file, rw-r--r--
        info.compress_type = zipfile.ZIP_DEFLATED
        with open(os.path.join(src, path), 'rb') as f:
            z.writestr(info, f.read(), compresslevel=9)
os.replace(tmp, out)
EOF
}

# One store build: stage, write the manifest, zip. $1 target, $2 output file.
build_extension() {
  local target=$1 out=$2 stage="$STAGE_ROOT/$1"
  stage_extension "$stage"
  write_manifest "$target" "$stage/manifest.json"
  mkdir -p "$DIST"
  zip_reproducibly "$stage" "$out"
  echo "package: $out" >&2
}

step_icons() { ./scripts/icons.sh; }
step_chromium() { build_extension chromium "$ZIP_OUT"; }
step_firefox() { build_extension firefox "$XPI_OUT"; }

# addons.mozilla.org's linter (web-ext, an npm devDependency): no errors and no warnings.
step_lint() {
  [ -f "$XPI_OUT" ] || { echo "package: $XPI_OUT not built (step firefox)" >&2; return 1; }
  local report
  report=$(npx --no-install web-ext lint --source-dir "$XPI_OUT" --output json --no-input 2>/dev/null || true)
  # shellcheck disable=SC2016  # JavaScript, not shell, expands these
  node -e '
    const r = JSON.parse(process.argv[1]);
    for (const m of [...r.errors, ...r.warnings]) console.error(`web-ext lint: ${m._type} ${m.code}: ${m.message} (${m.file || ""})`);
    if (r.errors.length || r.warnings.length) process.exit(1);
    console.error(`package: web-ext lint clean (${r.notices.length} notices)`);' "$report"
}

# The host's Release build for Linux packages (tests off), configured in $1.
configure_deb_build() {
  cmake -S . -B "$1" -DOPTOUT_DEB=ON -DOPTOUT_BUILD_TESTS=OFF -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_INSTALL_PREFIX=/usr >/dev/null
}

# The host's .deb: its own Release build (tests off), so the package never carries a debug or
# sanitizer build; CPack strips the binary and fills Depends from dpkg-shlibdeps.
step_deb() {
  local build=${DEB_BUILD_DIR:-build-deb}
  configure_deb_build "$build"
  cmake --build "$build" -j"$(nproc)" >/dev/null
  rm -f "$build"/optout-host_*.deb
  (cd "$build" && cpack -G DEB >/dev/null)
  mkdir -p "$DIST"
  local deb
  deb=$(ls "$build"/optout-host_*.deb)
  cp "$deb" "$DIST/"
  echo "package: $DIST/$(basename "$deb")" >&2
}

# The host's Windows installer. The exe: a Release cross build in $WIN_BUILD_DIR (default
# build-win; only the optout-host target, the tests' setting left as the build dir has it). The
# manifests: staged by a host that runs here, with the same ids the .deb gets (no --dev).
step_msi() {
  local win=${WIN_BUILD_DIR:-build-win} stage_host=${OPTOUT_STAGE_HOST:-}
  scripts/windows-deps.sh "$win"
  local toolchain=(--toolchain cmake/mingw-w64.toolchain.cmake)
  [ ! -f "$win/CMakeCache.txt" ] || toolchain=()  # kept in the cache (CMake warns when given again)
  cmake -S . -B "$win" "${toolchain[@]}" -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build "$win" -j"$(nproc)" --target optout-host >/dev/null
  if [ -z "$stage_host" ]; then
    local build=${DEB_BUILD_DIR:-build-deb}
    configure_deb_build "$build"
    cmake --build "$build" -j"$(nproc)" --target optout-host >/dev/null
    stage_host=$build/native-host/optout-host
  fi
  local version
  version=$(sed -n 's/^CMAKE_PROJECT_VERSION:STATIC=//p' "$win/CMakeCache.txt")
  packaging/windows/build-msi.sh --exe "$win/native-host/optout-host.exe" --stage-host "$stage_host" \
    --version "$version" --out "$DIST/OptOut-$version.msi"
  echo "package: $DIST/OptOut-$version.msi" >&2
}

main() {
  local steps=("$@")
  ((${#steps[@]})) || steps=(icons chromium firefox lint deb)
  local step
  for step in "${steps[@]}"; do
    case "$step" in
      icons | chromium | firefox | lint | deb | msi) "step_$step" ;;
      *) echo "package: unknown step '$step' (icons, chromium, firefox, lint, deb, msi)" >&2; return 2 ;;
    esac
  done
}

main "$@"
