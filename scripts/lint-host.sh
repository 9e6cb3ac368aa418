#!/usr/bin/env bash
# The host's C++ must be formatted (.clang-format) and clean under clang-tidy (.clang-tidy);
# any difference or finding fails. Run by scripts/test.sh after the build.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=${BUILD_DIR:-build}
mapfile -t cpp < <(git ls-files 'native-host/*.cc' 'native-host/*.h' 'tests/*.cc' 'tests/*.h' 'bench/*.cc' 'bench/*.h')
echo "clang-format: ${#cpp[@]} files"
clang-format-14 --dry-run --Werror "${cpp[@]}"
# platform_windows.cc is not in the Linux compile database (the mingw build compiles it with -Werror).
mapfile -t sources < <(git ls-files 'native-host/src/*.cc' ':!native-host/src/platform_windows.cc')
echo "clang-tidy: ${#sources[@]} host sources"
# WarningsAsErrors: clang-tidy's exit status says whether anything was found.
if ! findings=$(clang-tidy-14 -p "$BUILD_DIR" --quiet "${sources[@]}" 2>&1); then
  grep -E "(warning|error):" <<<"$findings" >&2 || echo "$findings" >&2
  echo "host lint: clang-tidy findings above" >&2
  exit 1
fi
echo "host lint: clean"
