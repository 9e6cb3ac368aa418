#!/usr/bin/env bash
# Sets up, then runs the real one-click opt-out in headless Chromium against the bundled
# LinkedIn-like pages, and prints what changed and the host's record.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
exec node scripts/demo.mjs "$@"
