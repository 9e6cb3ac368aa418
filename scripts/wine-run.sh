#!/usr/bin/env bash
# Runs a Windows program under wine64: scripts/wine-run.sh prog.exe [args...]
# The CMake toolchain (cmake/mingw-w64.toolchain.cmake) uses it as CMAKE_CROSSCOMPILING_EMULATOR
# and sets WINEPREFIX (default here: build-win/wineprefix). Creates the prefix on first use, once
# even when ctest starts several tests at a time, without the Mono/Gecko install prompts.
set -euo pipefail
WINE=/usr/lib/wine/wine64
[ -x "$WINE" ] || { echo "wine-run: $WINE missing (apt-get install wine64)" >&2; exit 127; }
export WINEPREFIX=${WINEPREFIX:-$(cd "$(dirname "$0")/.." && pwd)/build-win/wineprefix}
export WINEDEBUG=${WINEDEBUG:--all}
export WINEDLLOVERRIDES=${WINEDLLOVERRIDES:-mscoree,mshtml=}
if [ ! -f "$WINEPREFIX/system.reg" ]; then
  mkdir -p "$(dirname "$WINEPREFIX")"
  (
    flock 9
    if [ ! -f "$WINEPREFIX/system.reg" ]; then
      echo "wine-run: creating wine prefix $WINEPREFIX (once, takes a while)" >&2
      "$WINE" wineboot --init >/dev/null 2>&1
      /usr/lib/wine/wineserver64 -w 2>/dev/null || true
    fi
  ) 9>"$WINEPREFIX.lock"
fi
exec "$WINE" "$@"
