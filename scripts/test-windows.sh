#!/usr/bin/env bash
# The host on Windows, tested on this Debian machine under wine (issue 10):
#   1. scripts/windows-deps.sh: RE2, Abseil, GoogleTest built for mingw-w64 (cached in build-win/deps)
#   2. build-win: the static optout-host.exe and the unit and hostile suites (Release)
#   3. ctest in build-win: the suites run under wine (CMAKE_CROSSCOMPILING_EMULATOR)
#   4. in a fresh, throw-away WINEPREFIX (removed at the end, with its wine processes):
#      a. `optout-host.exe install --browser B [--dev]` for chrome chromium edge brave vivaldi
#         firefox: the HKCU key's default value (wine's `reg query`) names the manifest in
#         %LOCALAPPDATA%\OptOut, the manifest names the exe and the right ids, callers.json lists
#         them; the exe started as Firefox starts it (the manifest's C:\ path, the add-on id) and as
#         Chrome does (chrome-extension://ID/ --parent-window=0) answers frames whose length bytes are
#         0x0a, 0x0d, 0x1a both ways (tests/windows/frame_client.mjs), an unregistered id is refused;
#         `uninstall --browser B` removes the keys and manifests.
#      b. the .msi (scripts/package.sh msi): `msiexec /i /qn` writes the six keys and the files,
#         the installed exe answers frames started through its installed Firefox manifest, and
#         `msiexec /x /qn` removes keys and files.
#   Each check prints one line; a failure prints what was expected and seen and exits non-zero.
#
# Usage: scripts/test-windows.sh      (from a clean checkout; scripts/test.sh runs it)
#   BUILD_WIN=build-win  the Windows build directory; KEEP_WINEPREFIX=1 keeps the throw-away prefix;
#   BUILD_DIR=build      the Linux build whose host stages the .msi (package.sh builds one without it)
# Needs what scripts/setup.sh installs (g++-mingw-w64-x86-64-posix, wine64, wixl, msitools, node).
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_WIN=${BUILD_WIN:-build-win}
mkdir -p "$BUILD_WIN"
BUILD_WIN=$(cd "$BUILD_WIN" && pwd)
WINE=/usr/lib/wine/wine64
WINESERVER=/usr/lib/wine/wineserver64
DEV_ID=ckjgoakhngifaebchaaffcpfmbkojdni  # extension/manifest.json's key (native-host/src/extension_ids.h.in)
BROWSERS=(chrome chromium edge brave vivaldi firefox)
# Where each browser looks (../shared/notes/cross-platform.md), written down here independently of
# the host's table (native-host/src/os_locations.cc) so that the test checks it.
declare -A VENDOR_KEY=(
  [chrome]='Software\Google\Chrome' [chromium]='Software\Chromium' [edge]='Software\Microsoft\Edge'
  [brave]='Software\BraveSoftware\Brave-Browser' [vivaldi]='Software\Vivaldi' [firefox]='Software\Mozilla')

T0=$SECONDS
T_PHASE=$SECONDS
TIMES=()
phase_done() { TIMES+=("$1 $((SECONDS - T_PHASE)) s"); T_PHASE=$SECONDS; }
ok() { echo "windows test: ok   $*"; }
fail() { echo "windows test: FAIL: $*" >&2; exit 1; }
[ -x "$WINE" ] || fail "$WINE missing (scripts/setup.sh installs wine64)"
command -v wixl >/dev/null || fail "wixl missing (scripts/setup.sh installs it)"

# --- 1-3: libraries, build, the suites under wine ----------------------------------------------
scripts/windows-deps.sh "$BUILD_WIN"
phase_done deps
toolchain=(--toolchain cmake/mingw-w64.toolchain.cmake)
[ ! -f "$BUILD_WIN/CMakeCache.txt" ] || toolchain=()  # kept in the cache (CMake warns when given again)
cmake -S . -B "$BUILD_WIN" "${toolchain[@]}" -DCMAKE_BUILD_TYPE=Release -DOPTOUT_BUILD_TESTS=ON >/dev/null
cmake --build "$BUILD_WIN" -j"$(nproc)"
phase_done build
EXE=$BUILD_WIN/native-host/optout-host.exe
[ -f "$EXE" ] || fail "the build left no $EXE"
ctest --test-dir "$BUILD_WIN" -j"$(nproc)" --output-on-failure
# The suites' wine prefix (build-win/wineprefix): its processes end with the tests.
WINEPREFIX=$BUILD_WIN/wineprefix timeout 60 "$WINESERVER" -w 2>/dev/null || true
phase_done ctest

# --- 4: a fresh wine prefix for the install checks ------------------------------------------------
TMP=$(mktemp -d "${TMPDIR:-/tmp}/optout-wintest.XXXXXX")
export WINEPREFIX=$TMP/wineprefix WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="
cleanup() {
  "$WINESERVER" -k 2>/dev/null || true
  if [ -n "${KEEP_WINEPREFIX:-}" ]; then echo "windows test: kept $TMP" >&2; else rm -rf "$TMP"; fi
}
trap cleanup EXIT
mkdir -p "$WINEPREFIX"
# One persistent server for every wine command below (no server started with a check's pipes).
"$WINESERVER" -p
"$WINE" wineboot --init >/dev/null 2>&1 || fail "wineboot --init failed in $WINEPREFIX"
w() { "$WINE" "$@" 2>/dev/null | tr -d '\r'; }  # wine's console output has CR LF line ends
LOCALAPPDATA_W=$(w cmd /c 'echo %LOCALAPPDATA%')
[[ "$LOCALAPPDATA_W" == [A-Z]:\\* ]] || fail "%LOCALAPPDATA% in the new prefix is '$LOCALAPPDATA_W'"
OPTOUT_W="$LOCALAPPDATA_W\\OptOut"
OPTOUT_U=$(w winepath -u "$OPTOUT_W")
OPTOUT_U=${OPTOUT_U%/}
EXE_W=$(w winepath -w "$EXE")
FIREFOX_ID=$(sed -n 's/^OPTOUT_FIREFOX_ADDON_ID:STRING=//p' "$BUILD_WIN/CMakeCache.txt")
ok "fresh wine prefix: %LOCALAPPDATA%\\OptOut is $OPTOUT_W"
phase_done prefix

# The default value of HKCU\<key>, or status 1 when the key is not there.
reg_default() {
  local out
  out=$(w reg query "HKCU\\$1" /ve) || return 1
  sed -n 's/^ *(Default) *REG_SZ *//p' <<<"$out"
}
key_of() { echo "${VENDOR_KEY[$1]}\\NativeMessagingHosts\\com.optout.host"; }

# check_manifest FILE BROWSER PATH: the manifest's name, path and ids.
check_manifest() {
  local allowed
  case "$2" in
    firefox) allowed="{\"allowed_extensions\":[\"$FIREFOX_ID\"]}" ;;
    *) allowed="{\"allowed_origins\":[\"chrome-extension://$DEV_ID/\"]}" ;;
  esac
  # shellcheck disable=SC2016  # JavaScript, not shell, expands these
  node -e '
    const [file, path, allowed] = process.argv.slice(1);
    const fs = require("fs");
    const m = JSON.parse(fs.readFileSync(file, "utf8"));
    const want = { name: "com.optout.host", path, type: "stdio", ...JSON.parse(allowed) };
    const seen = Object.fromEntries(Object.keys(want).map((k) => [k, m[k]]));
    if (JSON.stringify(seen) !== JSON.stringify(want)) {
      console.error(`${file}: expected ${JSON.stringify(want)}, seen ${JSON.stringify(seen)}`);
      process.exit(1);
    }' "$1" "$3" "$allowed" || fail "manifest for $2"
}

# check_callers DIR: callers.json lists exactly the six browsers' callers.
check_callers() {
  # shellcheck disable=SC2016  # JavaScript, not shell, expands these
  node -e '
    const [file, dev, firefox] = process.argv.slice(1);
    const c = JSON.parse(require("fs").readFileSync(file, "utf8")).callers.map((x) => `${x.browser} ${x.origin}`).sort();
    const want = ["brave", "chrome", "chromium", "edge", "vivaldi"].map((b) => `${b} chrome-extension://${dev}/`)
      .concat([`firefox firefox:${firefox}`]).sort();
    if (JSON.stringify(c) !== JSON.stringify(want)) {
      console.error(`${file}: expected callers ${JSON.stringify(want)}, seen ${JSON.stringify(c)}`);
      process.exit(1);
    }' "$1/callers.json" "$DEV_ID" "$FIREFOX_ID" || fail "callers.json"
}

# frames WHAT [--refused] -- COMMAND...: a frame session (tests/windows/frame_client.mjs).
frames() {
  local what=$1 out; shift
  out=$(node tests/windows/frame_client.mjs "$@") || fail "$what (frame client above; command: ${*: -3})"
  ok "$what: $out"
}

# --- 4a: install / uninstall through the CLI --------------------------------------------------------
for b in "${BROWSERS[@]}"; do
  dev=(--dev); [ "$b" = firefox ] && dev=()  # --dev is for the Chrome family
  out=$("$WINE" "$EXE" install --browser "$b" "${dev[@]}" 2>&1) || fail "install --browser $b: $out"
  want="$OPTOUT_W\\com.optout.host.$b.json"
  seen=$(reg_default "$(key_of "$b")") || fail "install --browser $b: no key HKCU\\$(key_of "$b")"
  [ "$seen" = "$want" ] || fail "install --browser $b: HKCU\\$(key_of "$b") = '$seen', expected '$want'"
  check_manifest "$OPTOUT_U/com.optout.host.$b.json" "$b" "$EXE_W"
  ok "install --browser $b${dev[*]:+ ${dev[*]}}: HKCU\\$(key_of "$b") -> $want, manifest names the exe and its ids"
done
check_callers "$OPTOUT_U"
ok "callers.json lists the development id for the Chrome family and $FIREFOX_ID for Firefox"
phase_done "install-checks"
frames "Firefox-style start (manifest path, add-on id)" -- "$WINE" "$EXE" "$OPTOUT_W\\com.optout.host.firefox.json" "$FIREFOX_ID"
frames "Chrome-style start (chrome-extension://$DEV_ID/)" -- "$WINE" "$EXE" "chrome-extension://$DEV_ID/" --parent-window=0
frames "an id install did not register" --refused -- "$WINE" "$EXE" "chrome-extension://$(printf 'a%.0s' {1..32})/" --parent-window=0
phase_done frames
for b in "${BROWSERS[@]}"; do
  out=$("$WINE" "$EXE" uninstall --browser "$b" 2>&1) || fail "uninstall --browser $b: $out"
  if seen=$(reg_default "$(key_of "$b")"); then fail "uninstall --browser $b: HKCU\\$(key_of "$b") is still there ('$seen')"; fi
  [ ! -e "$OPTOUT_U/com.optout.host.$b.json" ] || fail "uninstall --browser $b: the manifest is still there"
done
ok "uninstall: the six keys and manifests are gone"
phase_done uninstall

# --- 4b: the .msi ---------------------------------------------------------------------------------
# Staged by the Linux host of $BUILD_DIR (scripts/setup.sh's build), else package.sh builds one.
STAGE_HOST='' LINUX_BUILD=${BUILD_DIR:-build}
if [ -f "$LINUX_BUILD/CMakeCache.txt" ]; then
  cmake --build "$LINUX_BUILD" -j"$(nproc)" --target optout-host >/dev/null
  STAGE_HOST=$(cd "$LINUX_BUILD" && pwd)/native-host/optout-host
fi
OPTOUT_STAGE_HOST=$STAGE_HOST WIN_BUILD_DIR=$BUILD_WIN DIST=$TMP/dist scripts/package.sh msi
MSI=$(ls "$TMP"/dist/OptOut-*.msi)
ok "built $(basename "$MSI") ($(($(stat -c %s "$MSI") / 1024)) KiB)"
phase_done msi-build
MSI_W=$(w winepath -w "$MSI")
INSTALLED=(optout-host.exe callers.json)
for b in "${BROWSERS[@]}"; do INSTALLED+=("com.optout.host.$b.json"); done

"$WINE" msiexec /i "$MSI_W" /qn >/dev/null 2>&1 || fail "msiexec /i $(basename "$MSI") /qn: exit status $?"
for b in "${BROWSERS[@]}"; do
  want="$OPTOUT_W\\com.optout.host.$b.json"
  seen=$(reg_default "$(key_of "$b")") || fail "after msiexec /i: no key HKCU\\$(key_of "$b")"
  [ "$seen" = "$want" ] || fail "after msiexec /i: HKCU\\$(key_of "$b") = '$seen', expected '$want'"
  check_manifest "$OPTOUT_U/com.optout.host.$b.json" "$b" optout-host.exe
done
for f in "${INSTALLED[@]}"; do [ -f "$OPTOUT_U/$f" ] || fail "after msiexec /i: no $OPTOUT_W\\$f"; done
check_callers "$OPTOUT_U"
ok "msiexec /i: six keys -> $OPTOUT_W\\com.optout.host.<browser>.json; exe, callers.json, manifests (path optout-host.exe) there"
frames "installed exe, Firefox-style start" -- "$WINE" "$OPTOUT_W\\optout-host.exe" "$OPTOUT_W\\com.optout.host.firefox.json" "$FIREFOX_ID"
frames "installed exe, Chrome-style start" -- "$WINE" "$OPTOUT_W\\optout-host.exe" "chrome-extension://$DEV_ID/" --parent-window=0
"$WINE" msiexec /x "$MSI_W" /qn >/dev/null 2>&1 || fail "msiexec /x $(basename "$MSI") /qn: exit status $?"
for b in "${BROWSERS[@]}"; do
  if seen=$(reg_default "$(key_of "$b")"); then fail "after msiexec /x: HKCU\\$(key_of "$b") is still there ('$seen')"; fi
done
if reg_default 'Software\OptOut' >/dev/null; then fail "after msiexec /x: HKCU\\Software\\OptOut is still there"; fi
for f in "${INSTALLED[@]}"; do [ ! -e "$OPTOUT_U/$f" ] || fail "after msiexec /x: $OPTOUT_W\\$f is still there"; done
left=$(find "$OPTOUT_U" -mindepth 1 -maxdepth 1 -printf '%f ' 2>/dev/null || true)
ok "msiexec /x: keys and installed files gone${left:+; left, not installed by it: $left}"
phase_done msi-install

"$WINESERVER" -k 2>/dev/null || true
times=$(printf '%s, ' "${TIMES[@]}")
echo "windows test: all passed in $((SECONDS - T0)) s (${times%, })"
