#!/usr/bin/env bash
# The host's .deb on this machine, as an administrator would use it: build it
# (scripts/package.sh deb), install it with dpkg, check what it put where, run the one-click
# e2e tests in real Chromium against the installed host found through the package's system-wide
# manifest (no per-profile registration), upgrade over it keeping an administrator's edit of a
# conffile, then purge it and check that nothing of it is left.
# Needs root (or password-less sudo): dpkg installs into the system. Refuses to run when
# optout-host is already installed from elsewhere, so it never purges somebody's real install.
set -euo pipefail
cd "$(dirname "$0")/../.."

fail() { echo "deb test: FAIL: $*" >&2; exit 1; }
ok() { echo "deb test: ok   $*"; }

SUDO=
if [ "$(id -u)" -ne 0 ]; then
  if sudo -n true 2>/dev/null; then SUDO=sudo; else
    echo "deb test: SKIPPED: needs root or password-less sudo to dpkg -i (run as root to test the package)" >&2
    exit 0
  fi
fi
if dpkg-query -W -f='${Status}' optout-host 2>/dev/null | grep -q "install ok installed"; then
  fail "optout-host is already installed on this machine; remove it first (this test purges the package)"
fi

DIST=$(mktemp -d "${TMPDIR:-/tmp}/optout-deb.XXXXXX")
trap '$SUDO dpkg --purge optout-host >/dev/null 2>&1 || true; rm -rf "$DIST"' EXIT
DIST=$DIST scripts/package.sh deb
deb=$(ls "$DIST"/optout-host_*.deb)

# What dpkg says about the package before installing it.
control=$(dpkg-deb -f "$deb")
grep -q '^Depends: .*libre2' <<<"$control" || fail "Depends lacks libre2 (dpkg-shlibdeps): $control"
grep -q '^Depends: .*libabsl' <<<"$control" || fail "Depends lacks libabsl: $control"
ok "Depends from dpkg-shlibdeps"
conffiles=$(dpkg-deb --ctrl-tarfile "$deb" | tar -xO ./conffiles)
for f in /etc/opt/chrome/native-messaging-hosts/com.optout.host.json \
         /etc/chromium/native-messaging-hosts/com.optout.host.json \
         /etc/opt/edge/native-messaging-hosts/com.optout.host.json /etc/optout/callers.json; do
  grep -qx "$f" <<<"$conffiles" || fail "$f is not a conffile"
done
ok "the /etc files are conffiles"

$SUDO dpkg -i "$deb" >/dev/null
[ "$(command -v optout-host)" = /usr/bin/optout-host ] || fail "optout-host is not /usr/bin/optout-host"
/usr/bin/optout-host --version | grep -q '^optout-host ' || fail "the installed host does not run"
for m in /etc/opt/chrome/native-messaging-hosts /etc/chromium/native-messaging-hosts \
         /etc/opt/edge/native-messaging-hosts /usr/lib/mozilla/native-messaging-hosts; do
  path=$(node -p "require('$m/com.optout.host.json').path")
  [ "$path" = /usr/bin/optout-host ] || fail "$m/com.optout.host.json names $path"
done
ok "installed: /usr/bin/optout-host and four system-wide manifests naming it"

# The one-click path in real Chromium, with the host only the package registered.
run_e2e() {
  OPTOUT_E2E_SYSTEM_HOST=1 OPTOUT_HOST_BIN=/usr/bin/optout-host timeout 300 node --test --test-concurrency=1 \
    --test-name-pattern='^(banner opt-out, English, current|toolbar popup lists|unknown and non-data)' \
    tests/e2e/one_click.test.mjs
}
run_e2e || fail "one-click e2e against the installed package"
ok "one-click e2e against the installed package"

# Upgrade (the same package again): an administrator's edit of callers.json is kept.
edit='{"format":"optout-allowed-callers/1","callers":[{"origin":"chrome-extension://ckjgoakhngifaebchaaffcpfmbkojdni/","browser":"chromium","manifest":"/etc/chromium/native-messaging-hosts/com.optout.host.json"},{"origin":"chrome-extension://abcdefghijklmnopabcdefghijklmnop/","browser":"chromium","manifest":"/etc/chromium/native-messaging-hosts/com.optout.host.json"}]}'
printf '%s\n' "$edit" | $SUDO tee /etc/optout/callers.json >/dev/null
$SUDO dpkg -i --force-confold "$deb" >/dev/null
grep -q abcdefghijklmnopabcdefghijklmnop /etc/optout/callers.json || fail "upgrade overwrote the edited conffile"
run_e2e || fail "one-click e2e after the upgrade"
ok "upgrade keeps the administrator's callers.json and still works"

# Purge: every file and directory the package brought is gone.
files=$(dpkg-query -L optout-host)
$SUDO dpkg --purge optout-host >/dev/null
left=()
while IFS= read -r f; do
  case "$f" in /. | /etc | /usr | /usr/bin | /usr/lib | /etc/opt) continue ;; esac
  [ -e "$f" ] || continue
  # A directory another package also owns (Debian's chromium owns /etc/chromium) stays theirs.
  [ -d "$f" ] && dpkg-query -S "$f" >/dev/null 2>&1 && continue
  left+=("$f")
done <<<"$files"
[ -e /etc/optout ] && left+=(/etc/optout)
((${#left[@]} == 0)) || fail "purge left: ${left[*]}"
ok "purge leaves nothing of the package behind"
