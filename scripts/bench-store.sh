#!/usr/bin/env bash
# Store benchmark: ingest of synthetic coded events and the common queries, at 1 M and 10 M events (or the
# sizes given). The database is $DYAD_BENCH_DB if set, else a file in $DYAD_BENCH_DIR (default: the temp
# directory); 10 M events need ~10 GB. It is deleted after each size.
# Usage: [DYAD_BENCH_DB=FILE | DYAD_BENCH_DIR=DIR] scripts/bench-store.sh [EVENTS...]
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${DYAD_BENCH_DIR:-${TMPDIR:-/tmp}}
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000000 10000000)
for events in "${sizes[@]}"; do
  echo "## $events events"
  db=${DYAD_BENCH_DB:-$dir/dyad-bench-$events.db}
  DYAD_BENCH_EVENTS=$events DYAD_BENCH_DB="$db" cargo bench -q -p dyad-store --bench store 2>/dev/null
  rm -f "$db" "$db-wal" "$db-shm"
done
