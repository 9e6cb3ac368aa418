#!/usr/bin/env bash
# Builds the Windows (mingw-w64, static) libraries the host and its tests link, into a prefix the
# toolchain cmake/mingw-w64.toolchain.cmake searches:
#   RE2 and Abseil from Debian's sources, at the versions of the installed libre2-dev/libabsl-dev;
#   GoogleTest + GMock from /usr/src/googletest; nlohmann/json (header-only) from /usr/include.
#
#   scripts/windows-deps.sh [BUILD_DIR]      (or BUILD_DIR=... ; default build-win)
#     -> BUILD_DIR/deps/prefix   the prefix (OPTOUT_WIN_DEPS_PREFIX's default for that build dir)
#        BUILD_DIR/deps/src      Debian source packages, unpacked
#        BUILD_DIR/deps/build    the libraries' build trees; BUILD_DIR/deps/logs their logs
#        BUILD_DIR/wineprefix    the wine prefix the tests run in (created here, once)
#
# Needs the packages scripts/setup.sh installs (g++-mingw-w64-x86-64-posix, wine64, unicode-data,
# dpkg-dev, cmake, libre2-dev, libabsl-dev, googletest, nlohmann-json3-dev). The one thing done as
# root (sudo when not root): when apt has no deb-src entry for the Debian release, it adds
# /etc/apt/sources.list.d/optout-deb-src.sources (same mirror as the deb entries) and runs
# apt-get update. Each stage records a stamp; a rerun with the same versions takes seconds.
set -euo pipefail
REPO=$(cd "$(dirname "$0")/.." && pwd)
cd "$REPO"

BUILD_DIR=${1:-${BUILD_DIR:-build-win}}
mkdir -p "$BUILD_DIR"
BUILD_DIR=$(cd "$BUILD_DIR" && pwd)
DEPS=$BUILD_DIR/deps
SRC=$DEPS/src
PREFIX=$DEPS/prefix
WORK=$DEPS/build
LOGS=$DEPS/logs
STAMPS=$DEPS/stamps
TOOLCHAIN=$REPO/cmake/mingw-w64.toolchain.cmake
JOBS=$(nproc)
mkdir -p "$SRC" "$PREFIX" "$WORK" "$LOGS" "$STAMPS"

say() { echo "windows-deps: $*" >&2; }
die() { echo "windows-deps: ERROR: $*" >&2; exit 1; }
SUDO=; [ "$(id -u)" -eq 0 ] || SUDO=sudo

# run LOGNAME CMD...: output to the log; on failure, say so and show the log's end.
run() {
  local log=$LOGS/$1.log; shift
  if ! "$@" >>"$log" 2>&1; then
    echo "windows-deps: ERROR: '$*' failed; the end of $log:" >&2
    tail -n 40 "$log" >&2
    exit 1
  fi
}
stamp_ok() { [ -f "$STAMPS/$1" ] && [ "$(cat "$STAMPS/$1")" = "$2" ]; }
stamp_set() { printf '%s\n' "$2" >"$STAMPS/$1"; }

# --- what is needed -----------------------------------------------------------------------------
missing=()
for c in x86_64-w64-mingw32-gcc-posix x86_64-w64-mingw32-g++-posix x86_64-w64-mingw32-windres \
         cmake apt-get dpkg-source perl python3 flock; do
  command -v "$c" >/dev/null || missing+=("$c")
done
[ -f /usr/share/unicode/UnicodeData.txt ] || missing+=("unicode-data (/usr/share/unicode)")
[ -f /usr/src/googletest/CMakeLists.txt ] || missing+=("googletest (/usr/src/googletest)")
[ -f /usr/include/nlohmann/json.hpp ] || missing+=("nlohmann-json3-dev")
((${#missing[@]} == 0)) || die "missing: ${missing[*]} (run scripts/setup.sh)"

src_version() {  # the source version a binary package was built from
  local v
  v=$(dpkg-query -W -f='${db:Status-Status} ${source:Version}' "$1" 2>/dev/null) || true
  [ "${v%% *}" = installed ] || die "$1 is not installed (run scripts/setup.sh): its version picks the sources"
  echo "${v#* }"
}
RE2_VER=$(src_version libre2-dev)          # 20220601+dfsg-1 on Debian 12
ABSL_VER=$(src_version libabsl-dev)        # 20220623.1-1+deb12u2
GTEST_VER=$(src_version googletest)        # 1.12.1-0.2
JSON_VER=$(src_version nlohmann-json3-dev) # 3.11.2-2
# A changed toolchain file rebuilds the libraries.
TC_HASH=$(sha256sum "$TOOLCHAIN" | cut -c1-16)
# shellcheck source=/dev/null
CODENAME=$(. /etc/os-release && echo "${VERSION_CODENAME:-bookworm}")

# --- deb-src --------------------------------------------------------------------------------------
DEB_SRC_LIST=/etc/apt/sources.list.d/optout-deb-src.sources

# The Signed-By of a sources entry ("FILE:N", N = stanza of a .sources file or line of a .list file).
signed_by_of() {
  local file=${1%:*} n=${1##*:}
  case "$file" in
    *.sources)
      awk -v n="$n" 'BEGIN { RS = "" } NR == n' "$file" | awk '
        /^[Ss]igned-[Bb]y:/ { on = 1; sub(/^[^:]*:[ \t]*/, ""); print; next }
        on && /^[ \t]/ { print; next }
        { on = 0 }' ;;
    *)
      sed -n "${n}p" "$file" | sed -n 's/^[^[]*\[\([^]]*\)\].*/\1/p' | tr ' ' '\n' |
        sed -n 's/^signed-by=//p' | tr ',' ' ' ;;
  esac
}

# shellcheck disable=SC2016 # $(FIELD) is apt-get indextargets' format, not a shell expansion
ensure_deb_src() {
  local targets need_update=
  targets=$(apt-get indextargets --format '$(FILENAME)' 'Identifier: Sources' "Codename: $CODENAME")
  if [ -z "$targets" ]; then
    local uris entry signed
    uris=$(apt-get indextargets --format '$(REPO_URI)' 'Identifier: Packages' "Codename: $CODENAME" | sort -u | tr '\n' ' ')
    entry=$(apt-get indextargets --format '$(SOURCESENTRY)' 'Identifier: Packages' "Codename: $CODENAME" | head -n1)
    [ -n "${uris// /}" ] || die "apt has no deb entry for $CODENAME: cannot tell which mirror to take sources from"
    signed=$(signed_by_of "$entry")
    say "adding $DEB_SRC_LIST (deb-src ${uris% } $CODENAME $CODENAME-updates main)"
    {
      echo "# Added by OptOut's scripts/windows-deps.sh: Debian sources of RE2 and Abseil for the Windows build."
      echo "Types: deb-src"
      echo "URIs: ${uris% }"
      echo "Suites: $CODENAME $CODENAME-updates"
      echo "Components: main"
      [ -z "$signed" ] || printf 'Signed-By: %s\n' "$signed"
    } | $SUDO tee "$DEB_SRC_LIST.tmp" >/dev/null || die "cannot write $DEB_SRC_LIST (needs root or sudo)"
    $SUDO mv "$DEB_SRC_LIST.tmp" "$DEB_SRC_LIST"
    need_update=1
  else
    local f
    for f in $targets; do [ -e "$f" ] || need_update=1; done
  fi
  if [ -n "$need_update" ]; then
    say "apt-get update (source package lists)"
    run apt-update $SUDO apt-get update
  fi
}

# fetch_source PKG VERSION: the Debian source package unpacked (patches applied) in $SRC/PKG-VERSION.
fetch_source() {
  local pkg=$1 ver=$2 dir=$SRC/$1-$2
  if stamp_ok "$pkg-src" "$pkg $ver" && [ -d "$dir" ]; then return; fi
  local dsc=$SRC/${pkg}_${ver#*:}.dsc
  if [ ! -f "$dsc" ]; then
    ensure_deb_src
    say "downloading the $pkg $ver source package"
    (cd "$SRC" && apt-get source --download-only "$pkg=$ver" >>"$LOGS/$pkg-src.log" 2>&1) ||
      { tail -n 20 "$LOGS/$pkg-src.log" >&2; die "apt-get source $pkg=$ver failed (is $ver still on the mirror's deb-src?)"; }
  fi
  say "unpacking $pkg $ver"
  rm -rf "$dir" "$dir.tmp"
  run "$pkg-src" dpkg-source --no-check -x "$dsc" "$dir.tmp"
  if [ "$pkg" = re2 ]; then
    # Debian's tarball lacks three generated tables (debian/rules rebuilds them from unicode-data).
    say "generating RE2's Unicode tables"
    run re2-src make -C "$dir.tmp" REBUILD_TABLES=1 re2/perl_groups.cc re2/unicode_casefold.cc re2/unicode_groups.cc
  fi
  mv "$dir.tmp" "$dir"
  stamp_set "$pkg-src" "$pkg $ver"
}

# cross_build NAME SOURCE_DIR VERSION CMAKE_ARGS...: configure, build and install into $PREFIX.
cross_build() {
  local name=$1 srcdir=$2 ver=$3; shift 3
  if stamp_ok "$name" "$name $ver $TC_HASH"; then say "$name $ver: up to date"; return; fi
  local bdir=$WORK/$name start=$SECONDS
  say "building $name $ver for Windows (-j$JOBS)"
  rm -rf "$bdir" "$LOGS/$name.log"
  run "$name" cmake -S "$srcdir" -B "$bdir" --toolchain "$TOOLCHAIN" \
    -DOPTOUT_WIN_DEPS_PREFIX="$PREFIX" -DOPTOUT_WINEPREFIX="$BUILD_DIR/wineprefix" \
    -DCMAKE_BUILD_TYPE=Release -DCMAKE_INSTALL_PREFIX="$PREFIX" -DCMAKE_INSTALL_LIBDIR=lib \
    -DBUILD_SHARED_LIBS=OFF -DBUILD_TESTING=OFF -DCMAKE_CXX_STANDARD=17 -DCMAKE_CXX_STANDARD_REQUIRED=ON \
    "$@"
  run "$name" cmake --build "$bdir" -j"$JOBS"
  run "$name" cmake --install "$bdir"
  stamp_set "$name" "$name $ver $TC_HASH"
  say "$name $ver: installed in $((SECONDS - start)) s"
}

T0=$SECONDS
fetch_source re2 "$RE2_VER"
fetch_source abseil "$ABSL_VER"

cross_build re2 "$SRC/re2-$RE2_VER" "$RE2_VER" -DRE2_BUILD_TESTING=OFF
cross_build abseil "$SRC/abseil-$ABSL_VER" "$ABSL_VER" \
  -DABSL_PROPAGATE_CXX_STD=ON -DABSL_ENABLE_INSTALL=ON -DABSL_BUILD_TESTING=OFF
cross_build googletest /usr/src/googletest "$GTEST_VER" -DBUILD_GMOCK=ON -DINSTALL_GTEST=ON

# nlohmann/json is header-only: the headers and Debian's CMake package files, which locate the
# headers relative to themselves (<prefix>/share/cmake/nlohmann_json -> <prefix>/include).
if stamp_ok nlohmann_json "nlohmann_json $JSON_VER" && [ -f "$PREFIX/include/nlohmann/json.hpp" ]; then
  say "nlohmann_json $JSON_VER: up to date"
else
  JSON_CMAKE=$(dirname "$(dpkg -L nlohmann-json3-dev | grep '/nlohmann_jsonConfig\.cmake$' | head -n1)")
  [ -f "$JSON_CMAKE/nlohmann_jsonTargets.cmake" ] || die "nlohmann-json3-dev has no CMake package files"
  rm -rf "$PREFIX/include/nlohmann" "$PREFIX/share/cmake/nlohmann_json"
  mkdir -p "$PREFIX/include" "$PREFIX/share/cmake/nlohmann_json"
  cp -r /usr/include/nlohmann "$PREFIX/include/"
  cp "$JSON_CMAKE"/*.cmake "$PREFIX/share/cmake/nlohmann_json/"
  grep -q 'get_filename_component(_IMPORT_PREFIX' "$PREFIX/share/cmake/nlohmann_json/nlohmann_jsonTargets.cmake" ||
    die "nlohmann_jsonTargets.cmake does not locate the headers relative to itself: it would use /usr/include"
  stamp_set nlohmann_json "nlohmann_json $JSON_VER"
  say "nlohmann_json $JSON_VER: installed"
fi

# The wine prefix the tests run in: created once here (it takes a while) rather than in the first test.
if [ -f "$BUILD_DIR/wineprefix/system.reg" ]; then
  say "wine prefix: ready"
elif [ -x /usr/lib/wine/wine64 ]; then
  say "creating the wine prefix $BUILD_DIR/wineprefix"
  start=$SECONDS
  WINEPREFIX=$BUILD_DIR/wineprefix run wine "$REPO/scripts/wine-run.sh" cmd /c exit 0
  say "wine prefix: created in $((SECONDS - start)) s"
else
  say "wine64 is not installed: the Windows tests cannot run here (apt-get install wine64)"
fi

say "done in $((SECONDS - T0)) s: prefix $PREFIX"
