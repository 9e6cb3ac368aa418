#!/usr/bin/env bash
# Builds OptOut's per-user Windows installer (.msi) with wixl (Debian package wixl, WiX 3 XML).
#
#   packaging/windows/build-msi.sh --exe optout-host.exe --stage-host HOST --version X.Y.Z --out FILE.msi
#                                  [--wxs FILE.wxs]
#
#   --exe         the Windows host (build-win/native-host/optout-host.exe), shipped stripped
#   --stage-host  an optout-host that runs here (the Linux build), which stages the manifests
#   --version     ProductVersion (the CMake project version)
#   --out         the .msi to write (replaced only when the build succeeded)
#   --wxs         also keep the generated WiX source there
#
# The files and registry rows come from the host itself: for each browser, `HOST install
# --target-os windows --root STAGE --host-path optout-host.exe --browser B` writes
# STAGE/com.optout.host.B.json (its "path" relative: the manifest sits next to the host) and
# STAGE/callers.json, and prints `registry HKCU KEY VALUE`; the .wxs gets one component per line:
# the manifest and KEY's default value = [INSTALLDIR]VALUE. Like the .deb (packaging/deb.cmake), no
# --dev: a build with store ids registers those, a development build its development id.
# scripts/package.sh msi runs this.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
BROWSERS=(chrome chromium edge brave vivaldi firefox)

die() { echo "build-msi: $*" >&2; exit 1; }

exe='' stage_host='' version='' out='' wxs_copy=''
while (($#)); do
  case "$1" in
    --exe) exe=${2:?}; shift 2 ;;
    --stage-host) stage_host=${2:?}; shift 2 ;;
    --version) version=${2:?}; shift 2 ;;
    --out) out=${2:?}; shift 2 ;;
    --wxs) wxs_copy=${2:?}; shift 2 ;;
    *) die "unknown argument '$1' (see the top of $0)" ;;
  esac
done
if [ -z "$exe" ] || [ -z "$stage_host" ] || [ -z "$version" ] || [ -z "$out" ]; then
  die "needs --exe, --stage-host, --version and --out (see the top of $0)"
fi
[ -f "$exe" ] || die "no Windows host at $exe"
[ -x "$stage_host" ] || die "no runnable host at $stage_host"
[[ "$version" =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]] || die "version '$version' is not X.Y.Z (an MSI ProductVersion)"
command -v wixl >/dev/null || die "wixl is missing (apt-get install wixl)"

STAGE=$(mktemp -d "${TMPDIR:-/tmp}/optout-msi.XXXXXX")
trap 'rm -rf "$STAGE"' EXIT
mkdir "$STAGE/files"

# The exe without its symbol table (as CPack strips the .deb's binary).
if command -v x86_64-w64-mingw32-strip >/dev/null; then
  x86_64-w64-mingw32-strip -o "$STAGE/files/optout-host.exe" "$exe"
else
  cp "$exe" "$STAGE/files/optout-host.exe"
fi

xml_escape() {
  local s=$1
  s=${s//&/&amp;}; s=${s//</&lt;}; s=${s//>/&gt;}; s=${s//\"/&quot;}
  printf '%s' "$s"
}

components='' refs=''
for b in "${BROWSERS[@]}"; do
  if ! lines=$("$stage_host" install --target-os windows --root "$STAGE/files" --host-path optout-host.exe \
                 --browser "$b" 2>>"$STAGE/notes"); then
    cat "$STAGE/notes" >&2
    die "staging $b failed"
  fi
  # Exactly one line: registry HKCU KEY VALUE (KEY has no spaces; VALUE, the rest, is the file name).
  if [ "$(wc -l <<<"$lines")" -ne 1 ] || ! [[ "$lines" =~ ^registry\ (HKCU)\ ([^ ]+)\ (.+)$ ]]; then
    die "staging $b printed '$lines', not one 'registry HKCU KEY VALUE' line"
  fi
  key=${BASH_REMATCH[2]} value=${BASH_REMATCH[3]}
  if [ "$value" != "com.optout.host.$b.json" ] || [ ! -f "$STAGE/files/$value" ]; then
    die "staging $b: the registry value '$value' is not the manifest it wrote"
  fi
  [[ "$key" == *'\NativeMessagingHosts\com.optout.host' ]] || die "staging $b: unexpected key '$key'"
  components+="          <Component Id=\"Manifest_$b\" Guid=\"*\" Win64=\"yes\">
            <File Id=\"Manifest_$b\" Name=\"$(xml_escape "$value")\" Source=\"files/$(xml_escape "$value")\" KeyPath=\"no\"/>
            <RegistryValue Root=\"HKCU\" Key=\"$(xml_escape "$key")\" Type=\"string\" Value=\"[INSTALLDIR]$(xml_escape "$value")\" KeyPath=\"yes\"/>
          </Component>
"
  refs+="      <ComponentRef Id=\"Manifest_$b\"/>
"
done
[ -f "$STAGE/files/callers.json" ] || die "staging wrote no callers.json"
# The same note for each Chrome-family browser (a development build): say it once.
sort -u "$STAGE/notes" >&2

shopt -u patsub_replacement 2>/dev/null || true  # bash 5.2: '&' in a replacement is literal
wxs=$(<"$HERE/optout.wxs.in")
wxs=${wxs//@VERSION@/$version}
wxs=${wxs//@STAGE@/files}  # wixl finds sources relative to where it runs: $STAGE
wxs=${wxs//@MANIFEST_COMPONENTS@$'\n'/$components}
wxs=${wxs//@MANIFEST_REFS@$'\n'/$refs}
[[ "$wxs" != *@[A-Z_]*@* ]] || die "optout.wxs.in has a field this script does not fill"
printf '%s\n' "$wxs" >"$STAGE/optout.wxs"
if [ -n "$wxs_copy" ]; then mkdir -p "$(dirname "$wxs_copy")" && cp "$STAGE/optout.wxs" "$wxs_copy"; fi

mkdir -p "$(dirname "$out")"
# wixl ignores what it does not know with a mere warning (an attribute it lacks would silently be
# missing from the package): any output from it fails the build.
if ! (cd "$STAGE" && wixl -a x64 -o out.msi optout.wxs >wixl.log 2>&1) || [ -s "$STAGE/wixl.log" ]; then
  cat "$STAGE/wixl.log" >&2
  die "wixl failed or warned on the generated .wxs (--wxs FILE keeps it)"
fi
mv "$STAGE/out.msi" "$out"
echo "build-msi: $out (OptOut helper $version; ${#BROWSERS[@]} browsers)" >&2
