#!/usr/bin/env bash
# Throughput of `dyad text` on the Reuters-21578 corpus: documents/s, MB/s of input file and of document text,
# peak RSS, with one thread and with all threads. Best of three runs each. Output: a Markdown table.
# Usage: scripts/bench-text.sh [CORPUS.jsonl] [extra dyad text flags...]
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=${1:-../shared/data/corpora/reuters21578_with_body.jsonl}
shift || true
cargo build --release -q
bin=target/release/dyad
file_mb=$(awk -v b="$(stat -c %s "$corpus")" 'BEGIN { printf "%.1f", b / 1e6 }')
echo "| threads | docs | docs/s | input MB/s | text MB/s | peak RSS |"
echo "|---|---|---|---|---|---|"
for threads in 1 "$(nproc)"; do
  best=""
  for _ in 1 2 3; do
    out=$( { /usr/bin/time -f "%e %M" "$bin" --threads "$threads" text "$@" "$corpus" > /dev/null; } 2>&1 )
    summary=$(grep '^dyad:' <<<"$out" | tail -1)
    read -r wall rss < <(tail -1 <<<"$out")
    if [ -z "$best" ] || awk -v a="$wall" -v b="${best%% *}" 'BEGIN { exit !(a < b) }'; then
      best="$wall $rss $summary"
    fi
  done
  read -r wall rss rest <<<"$best"
  docs=$(sed -E 's/.*: ([0-9]+) records read.*/\1/' <<<"$rest")
  text_mb=$(sed -E 's/.*\(([0-9.]+) MB in.*/\1/' <<<"$rest")
  awk -v t="$threads" -v d="$docs" -v w="$wall" -v f="$file_mb" -v m="$text_mb" -v r="$rss" \
    'BEGIN { printf "| %s | %d | %.0f | %.1f | %.1f | %.0f MB |\n", t, d, d / w, f / w, m / w, r / 1024 }'
done
