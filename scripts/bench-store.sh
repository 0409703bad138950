#!/usr/bin/env bash
# Store benchmark: ingest of synthetic coded events and the common queries, at 1 M and 10 M events (or the
# sizes given). The database goes to $DYAD_BENCH_DIR (default: the temp directory; 10 M events need ~10 GB).
# Usage: scripts/bench-store.sh [EVENTS...]
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${DYAD_BENCH_DIR:-${TMPDIR:-/tmp}}
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000000 10000000)
for events in "${sizes[@]}"; do
  echo "## $events events"
  DYAD_BENCH_EVENTS=$events DYAD_BENCH_DB="$dir/dyad-bench-$events.db" \
    cargo bench -q -p dyad-store --bench store 2>/dev/null
  rm -f "$dir/dyad-bench-$events.db" "$dir/dyad-bench-$events.db-wal" "$dir/dyad-bench-$events.db-shm"
done
