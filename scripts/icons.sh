#!/usr/bin/env bash
# Renders the extension's icons: every extension/icons/src/NAME.svg to
# extension/icons/NAME-{16,32,48,128}.png (git-ignored; the manifest and background/badge.js
# name them). Run by scripts/setup.sh and scripts/package.sh. A PNG newer than its SVG is kept.
# Needs rsvg-convert (Debian: librsvg2-bin, installed by setup.sh).
set -euo pipefail
cd "$(dirname "$0")/.."

ICON_DIR=extension/icons
SIZES=(16 32 48 128)

render_icons() {
  command -v rsvg-convert >/dev/null || { echo "icons: rsvg-convert missing (apt-get install librsvg2-bin)" >&2; return 1; }
  local svg name size png
  for svg in "$ICON_DIR"/src/*.svg; do
    name=$(basename "$svg" .svg)
    for size in "${SIZES[@]}"; do
      png="$ICON_DIR/$name-$size.png"
      [ "$png" -nt "$svg" ] && continue
      # Written beside and renamed: an interrupted run never leaves a truncated PNG that looks new.
      rsvg-convert --width "$size" --height "$size" --format png "$svg" --output "$png.tmp"
      mv "$png.tmp" "$png"
    done
  done
}

render_icons
