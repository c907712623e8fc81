#!/usr/bin/env bash
# Renders extract's HTML view in a real headless Chromium, checks what the
# browser built, and saves a screenshot to look at.
#
#   scripts/html-screenshot.sh [input.txt|input.jsonl] [out.png]
#
# Needs Debian's chromium (`apt-get install chromium`); not part of CI.
# Checks: the page parses into as many highlighted entities as `--format
# jsonl` reports, the map has a circle per place, and the screenshot is a
# non-trivial PNG of the requested size.
set -euo pipefail
cd "$(dirname "$0")/.."
input=${1:-examples/data/caucasus.txt}
png=${2:-target/html-screenshot.png}
chromium=${CHROMIUM:-$(command -v chromium || command -v chromium-browser || true)}
[ -n "$chromium" ] || { echo "no chromium: apt-get install chromium" >&2; exit 2; }

cargo build --release --quiet --example extract
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
target/release/examples/extract -q --format html --title "gazet: $(basename "$input")" "$input" > "$work/page.html"
entities=$(target/release/examples/extract -q --format jsonl "$input" | python3 -c '
import json, sys
print(sum(len(json.loads(l)["entities"]) for l in sys.stdin if l.strip()))')
places=$(target/release/examples/extract -q --format geojson "$input" | python3 -c '
import json, sys
print(len(json.load(sys.stdin)["features"]))')

# Flags from this machine's notes: no background networking, a fresh profile.
flags=(--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking
       --disable-component-update --disable-sync --hide-scrollbars "--user-data-dir=$work/profile")
"$chromium" "${flags[@]}" --dump-dom "file://$work/page.html" 2>/dev/null > "$work/dom.html"
marks=$(grep -o '<mark class="ent ' "$work/dom.html" | wc -l)
circles=$(grep -o '<circle ' "$work/dom.html" | wc -l)
legend=4 # the legend's four sample marks
echo "browser DOM: $((marks - legend)) entity marks (jsonl: $entities), $circles map circles (geojson: $places places)"
[ $((marks - legend)) -eq "$entities" ] || { echo "FAIL: marks differ from entities" >&2; exit 1; }
[ "$circles" -eq "$places" ] || { echo "FAIL: circles differ from places" >&2; exit 1; }

mkdir -p "$(dirname "$png")"
"$chromium" "${flags[@]}" --window-size=1100,1400 "--screenshot=$png" "file://$work/page.html" 2>/dev/null
python3 - "$png" <<'PY'
import struct, sys
data = open(sys.argv[1], "rb").read()
assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
w, h = struct.unpack(">II", data[16:24])
assert (w, h) == (1100, 1400), f"size {w}x{h}"
assert len(data) > 50_000, f"only {len(data)} bytes: a blank page?"
print(f"screenshot: {sys.argv[1]} ({w}x{h}, {len(data)} bytes)")
PY
