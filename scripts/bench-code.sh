#!/usr/bin/env bash
# Throughput of `dyad code` (analysis + coding, JSONL output to /dev/null): documents/s, body sentences/s,
# MB/s of text, peak RSS, with one thread and with all threads. Best of three runs each. Output: Markdown.
# The start-up cost (loading and compiling the dictionaries, the gazetteer and the tagger model) is measured
# on an empty input (best of five); the last column is the sentence rate net of it, the rate of a long run.
# Usage: scripts/bench-code.sh [CORPUS] [extra dyad code flags...]
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=${1:-../shared/data/corpora/reuters21578_with_body.jsonl}
shift || true
cargo build --release -q
bin=${CARGO_TARGET_DIR:-target}/release/dyad
empty=$(mktemp --suffix=.txt)
trap 'rm -f "$empty"' EXIT

# Runs dyad with the given arguments; prints "seconds peak-KB" then dyad's summary lines.
timed() {
  local start end out
  start=$(date +%s%N)
  out=$( { /usr/bin/time -f "%M" "$bin" "$@" > /dev/null; } 2>&1 )
  end=$(date +%s%N)
  echo "$(( (end - start) / 1000000 )) $(tail -1 <<<"$out")"
  grep '^dyad: ' <<<"$out" || true
}

echo "| threads | docs | sentences | events | docs/s | sentences/s | text MB/s | peak RSS | start-up | sentences/s net of start-up |"
echo "|---|---|---|---|---|---|---|---|---|---|"
for threads in 1 "$(nproc)"; do
  startup=""
  for _ in 1 2 3 4 5; do
    read -r ms _ < <(timed --threads "$threads" code "$empty")
    if [ -z "$startup" ] || [ "$ms" -lt "$startup" ]; then startup=$ms; fi
  done
  best=""
  for _ in 1 2 3; do
    out=$(timed --threads "$threads" code "$@" "$corpus")
    read -r ms rss < <(head -1 <<<"$out")
    if [ -z "$best" ] || [ "$ms" -lt "${best%% *}" ]; then
      best="$ms $rss $(tail -n +2 <<<"$out" | tr '\n' ' ')"
    fi
  done
  read -r ms rss rest <<<"$best"
  docs=$(sed -E 's/.*: ([0-9]+) documents,.*/\1/' <<<"$rest")
  sentences=$(sed -E 's/.* ([0-9]+) sentences,.*/\1/' <<<"$rest")
  events=$(sed -E 's/.* ([0-9]+) events;.*/\1/' <<<"$rest")
  text_mb=$(sed -E 's/.*\(([0-9.]+) MB in.*/\1/' <<<"$rest")
  awk -v t="$threads" -v d="$docs" -v s="$sentences" -v e="$events" -v ms="$ms" -v m="$text_mb" -v r="$rss" \
    -v su="$startup" \
    'BEGIN { w = ms / 1000; printf "| %s | %d | %d | %d | %.0f | %.0f | %.1f | %.0f MB | %.3f s | %.0f |\n",
             t, d, s, e, d / w, s / w, m / w, r / 1024, su / 1000, s / (w - su / 1000) }'
done
