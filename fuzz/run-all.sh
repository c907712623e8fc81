#!/usr/bin/env bash
# Runs every fuzz target, one at a time, for SECONDS of wall time each
# (default 720, so a busy 2-core machine still gives each 10 CPU minutes),
# and prints one Markdown row per target: CPU seconds, executions, crash
# files (and slow units apart).
# Usage: fuzz/run-all.sh [SECONDS] [TARGET...]
set -u
cd "$(dirname "$0")"
secs=${1:-720}
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=(extract build_extract load_tsv load_jsonl load_geonames load_geonames_extra load_saved)
fi
cargo +nightly fuzz build -s none -a >&2 || exit 2
mkdir -p logs
for t in "${targets[@]}"; do
  mkdir -p "corpus/$t"
  # New inputs go to corpus/$t; seeds and regressions are read only.
  seeds=()
  [ -d "seeds/$t" ] && seeds+=("seeds/$t")
  [ -d "regressions/$t" ] && seeds+=("regressions/$t")
  log="logs/$t.log"
  /usr/bin/time -f 'CPU %U %S' -o "logs/$t.time" \
    cargo +nightly fuzz run -s none -a "$t" "corpus/$t" "${seeds[@]}" -- \
    -max_total_time="$secs" -print_final_stats=1 >"$log" 2>&1
  status=$?
  cpu=$(awk '/^CPU/ {printf "%.0f", $2 + $3}' "logs/$t.time")
  execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1)
  # Crashes, leaks, timeouts and out-of-memory inputs; "slow-unit" files
  # are only slow (the first bundled-gazetteer build) and counted apart.
  crashes=$(find "artifacts/$t" -name 'crash-*' -o -name 'leak-*' -o -name 'timeout-*' -o -name 'oom-*' 2>/dev/null | wc -l)
  slow=$(find "artifacts/$t" -name 'slow-unit-*' 2>/dev/null | wc -l)
  echo "| \`$t\` | ${cpu} s | ${execs:-?} | ${crashes} (exit ${status}, ${slow} slow) |"
done
