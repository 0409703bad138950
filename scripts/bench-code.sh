#!/usr/bin/env bash
# Throughput of `dyad code` (analysis + coding, JSONL output to /dev/null): documents/s, body sentences/s,
# MB/s of text, peak RSS, with one thread and with all threads. Best of three runs each. Output: Markdown.
# Usage: scripts/bench-code.sh [CORPUS] [extra dyad code flags...]
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=${1:-../shared/data/corpora/reuters21578_with_body.jsonl}
shift || true
cargo build --release -q
bin=${CARGO_TARGET_DIR:-target}/release/dyad
echo "| threads | docs | sentences | events | docs/s | sentences/s | text MB/s | peak RSS |"
echo "|---|---|---|---|---|---|---|---|"
for threads in 1 "$(nproc)"; do
  best=""
  for _ in 1 2 3; do
    out=$( { /usr/bin/time -f "%e %M" "$bin" --threads "$threads" code "$@" "$corpus" > /dev/null; } 2>&1 )
    read -r wall rss < <(tail -1 <<<"$out")
    if [ -z "$best" ] || awk -v a="$wall" -v b="${best%% *}" 'BEGIN { exit !(a < b) }'; then
      best="$wall $rss $(grep '^dyad: ' <<<"$out" | tr '\n' ' ')"
    fi
  done
  read -r wall rss rest <<<"$best"
  docs=$(sed -E 's/.*: ([0-9]+) documents,.*/\1/' <<<"$rest")
  sentences=$(sed -E 's/.* ([0-9]+) sentences,.*/\1/' <<<"$rest")
  events=$(sed -E 's/.* ([0-9]+) events;.*/\1/' <<<"$rest")
  text_mb=$(sed -E 's/.*\(([0-9.]+) MB in.*/\1/' <<<"$rest")
  awk -v t="$threads" -v d="$docs" -v s="$sentences" -v e="$events" -v w="$wall" -v m="$text_mb" -v r="$rss" \
    'BEGIN { printf "| %s | %d | %d | %d | %.0f | %.0f | %.1f | %.0f MB |\n", t, d, s, e, d / w, s / w, m / w, r / 1024 }'
done
