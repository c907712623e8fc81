#!/usr/bin/env bash
# gazet against flashtext, pyahocorasick, ahocorasick_rs, spaCy and a bare
# Rust aho-corasick scan: same names, same text. See benches/README.md.
#
#   benches/peers/run.sh                       # full run (~20 min), writes benches/README.md
#   benches/peers/run.sh --quick               # ~3 min, prints the table only
#   benches/peers/run.sh --corpus ../shared/eval/lgl_dev.jsonl   # a real corpus (JSONL, `text` field)
#   benches/peers/run.sh --help
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
venv="$here/.venv"
# The virtualenv holds the pinned peers (requirements.lock: every package,
# pinned); it is made once and refreshed when the lock file changes.
if [ ! -x "$venv/bin/python" ] || ! cmp -s "$here/requirements.lock" "$venv/.installed.lock"; then
    python3 -m venv "$venv"
    "$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r "$here/requirements.lock"
    cp "$here/requirements.lock" "$venv/.installed.lock"
fi
exec "$venv/bin/python" "$here/peers.py" "$@"
