#!/usr/bin/env bash
# Builds the libFuzzer targets (clang, ASan+UBSan) into build-fuzz/ and runs each for SECONDS
# (default 60). Fails when any target finds a crash, leak, timeout or out-of-memory.
# Seeds are generated here from the fixtures (never committed as binary files); the corpus
# each target grows is kept in build-fuzz/corpus/ between runs. Usage: scripts/fuzz.sh [SECONDS]
set -euo pipefail
export LC_ALL=C  # ${#body} must count bytes, not characters, for the length prefixes
cd "$(dirname "$0")/.."
SECONDS_PER_TARGET=${1:-60}
BUILD=build-fuzz
TARGETS=(framing request rule_pack classify)

CC=clang CXX=clang++ cmake -S . -B "$BUILD" -DOPTOUT_FUZZ=ON -DOPTOUT_BUILD_TESTS=OFF \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$BUILD" -j2 --target "${TARGETS[@]/#/fuzz_}" >/dev/null

# ---- seed corpora ----
SEEDS="$BUILD/seeds"
rm -rf "$SEEDS"
for t in "${TARGETS[@]}"; do mkdir -p "$SEEDS/$t" "$BUILD/corpus/$t"; done

le32() {  # 32-bit little-endian length prefix
  local n=$1
  printf "\\x$(printf %02x $((n & 255)))\\x$(printf %02x $(((n >> 8) & 255)))"
  printf "\\x$(printf %02x $(((n >> 16) & 255)))\\x$(printf %02x $(((n >> 24) & 255)))"
}
frame() { le32 "${#1}"; printf '%s' "$1"; }

HELLO='{"v":1,"id":1,"type":"hello"}'
SETTINGS='{"v":1,"id":"s","type":"settings"}'
HISTORY='{"v":1,"id":2,"type":"history","limit":5}'
RECORD='{"v":1,"id":3,"type":"record","change":{"setting":"research","url_path":"/p","before":"on","after":"off","verified":true,"outcome":"changed","label":"x"}}'
RECORD_NULL='{"v":1,"id":4,"type":"record","change":{"setting":null,"url_path":"/p","verified":false,"outcome":"failed"}}'
i=0
for body in "$HELLO" "$SETTINGS" "$HISTORY" "$RECORD" "$RECORD_NULL"; do
  i=$((i + 1))
  printf '%s' "$body" >"$SEEDS/request/hand-$i.json"
  printf '%s' "$body" >"$SEEDS/classify/hand-$i.json"
done
for f in tests/fixtures/snapshots/*.json; do
  n=$(basename "$f" .json)
  body=$(tr -d '\n' <"$f")  # one line, as the extension sends it
  printf '%s' "$body" >"$SEEDS/request/$n.json"
  printf '%s' "$body" >"$SEEDS/classify/$n.json"
  { frame "$HELLO"; frame "$body"; } >"$SEEDS/framing/$n.bin"
done
for f in native-host/rules/*.json tests/unit/data/*pack*.json; do
  [ -f "$f" ] && cp "$f" "$SEEDS/rule_pack/$(basename "$f")"
done
# A one-rule pack the fuzzer can mutate cheaply.
printf '%s' '{"schema":1,"pack":"p","version":"1","settings":[{"id":"r","title":"T","category":"research","shares_when":"on","explain":"e","url_paths":["^/p/?$"],"attrs":["^tog$"],"labels":{"en":["use my data"]},"context":{"en":["research"]}}]}' \
  >"$SEEDS/rule_pack/one-rule.json"
# Hand-made frame streams: empty frame, over the 512-byte fuzz cap, truncated body and prefix.
{ le32 0; frame "$HELLO"; } >"$SEEDS/framing/empty-then-hello.bin"
{ le32 600; head -c 600 /dev/zero; frame "$HELLO"; } >"$SEEDS/framing/too-large-then-hello.bin"
{ le32 100; printf '{"v":1'; } >"$SEEDS/framing/truncated-body.bin"
printf '\x10\x00' >"$SEEDS/framing/truncated-prefix.bin"
printf '\xff\xff\xff\xff' >"$SEEDS/framing/claims-4gib.bin"

# ---- runs ----
mkdir -p "$BUILD/artifacts"
failed=()
for t in "${TARGETS[@]}"; do
  dict=()
  [ "$t" != framing ] && dict=(-dict=tests/fuzz/json.dict)
  max_len=65536  # the shipped pack (45 KB) must fit as a seed
  echo "== fuzz_$t for ${SECONDS_PER_TARGET}s"
  rm -f "$BUILD/artifacts/$t-"*
  set +e
  "$BUILD/tests/fuzz/fuzz_$t" "$BUILD/corpus/$t" "$SEEDS/$t" "${dict[@]}" \
    -max_total_time="$SECONDS_PER_TARGET" -rss_limit_mb=2048 -timeout=10 -max_len="$max_len" \
    -artifact_prefix="$BUILD/artifacts/$t-" -print_final_stats=1 >"$BUILD/fuzz_$t.log" 2>&1
  rc=$?
  set -e
  grep -E '^(#[0-9]+\s+DONE|stat::number_of_executed_units|stat::peak_rss_mb)|cov:' "$BUILD/fuzz_$t.log" | tail -3
  if [ $rc -ne 0 ] || compgen -G "$BUILD/artifacts/$t-*" >/dev/null; then
    echo "fuzz_$t FAILED (exit $rc); log: $BUILD/fuzz_$t.log; artifacts:" $(ls "$BUILD/artifacts/$t-"* 2>/dev/null)
    grep -E 'ERROR|SUMMARY|runtime error' "$BUILD/fuzz_$t.log" | head -5
    failed+=("$t")
  fi
done
if ((${#failed[@]})); then
  echo "fuzz: failures in ${failed[*]}"
  exit 1
fi
echo "fuzz: all ${#TARGETS[@]} targets ran ${SECONDS_PER_TARGET}s each without a finding"
