#!/usr/bin/env bash
# bench/export.sh — time and peak memory of `relgraph export` per format on a
# generated extraction (default: 1,000,000 relations among 200,000 entities).
# Not a timed test: it prints a Markdown table for BENCHMARKS.md.
#
# Usage: bench/export.sh [FORMAT...]        (default: every format but test ones)
# Env:   RELATIONS (1000000), ENTITIES (200000), SEED (1), WORK (a temp dir; the
#        generated input is kept there between runs when WORK is given)
set -euo pipefail
cd "$(dirname "$0")/.."

RELATIONS=${RELATIONS:-1000000}
ENTITIES=${ENTITIES:-200000}
SEED=${SEED:-1}
WORK=${WORK:-$(mktemp -d)}
mkdir -p "$WORK"

if [[ ! -x /usr/bin/time ]]; then
  echo "bench: installing GNU time (apt-get install time)" >&2
  (apt-get install -y time || sudo apt-get install -y time) >&2
fi

bin="$WORK/relgraph"
go build -o "$bin" ./cmd/relgraph
in="$WORK/gen-s$SEED-e$ENTITIES-r$RELATIONS.jsonl"
if [[ ! -s "$in" ]]; then
  echo "bench: generating $in" >&2
  go run ./gen/cmd/relgen -seed "$SEED" -entities "$ENTITIES" -relations "$RELATIONS" -o "$in"
fi

formats=("$@")
if ((${#formats[@]} == 0)); then
  mapfile -t formats < <("$bin" export --list | awk '{print $1}')
fi

# measure CMD...: prints "wall_seconds cpu_seconds peak_MiB" from GNU time -v.
# CPU seconds (user + system) hold up better than wall time when other jobs
# share the machine.
measure() {
  local log="$WORK/time.log"
  /usr/bin/time -v "$@" >"$WORK/stdout" 2>"$log" || { cat "$log" >&2; return 1; }
  local wall rss
  wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$log" | awk -F: '{ if (NF==3) print $1*3600+$2*60+$3; else print $1*60+$2 }')
  rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$log")
  cpu=$(awk -F': ' '/User time \(seconds\)|System time \(seconds\)/ {s += $2} END {printf "%.1f", s}' "$log")
  echo "$wall $cpu $((rss / 1024))"
}

echo "Input: $(basename "$in"), $(du -m "$in" | cut -f1) MiB, $(wc -l <"$in") lines; $(nproc) CPUs, $(free -g | awk '/Mem:/{print $2}') GiB RAM; $(go version | cut -d' ' -f3)"
echo
echo "Load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
read -r s c m < <(measure "$bin" validate "$in")
echo "| step | wall s | CPU s | export s | peak RSS MiB | output MiB | files |"
echo "|---|---:|---:|---:|---:|---:|---:|"
echo "| validate (read + merge only: the graph) | $s | $c | – | $m | – | – |"
for f in "${formats[@]}"; do
  out="$WORK/out.$f"
  rm -rf "$out"
  read -r s c m < <(measure "$bin" export --format "$f" -o "$out" --json "$in")
  secs=$(python3 -c 'import json,sys; print("%.2f" % json.load(open(sys.argv[1]))["seconds"])' "$WORK/stdout" 2>/dev/null || echo "?")
  nfiles=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["files"]))' "$WORK/stdout" 2>/dev/null || echo "?")
  echo "| export --format $f | $s | $c | $secs | $m | $(du -sm "$out" | cut -f1) | $nfiles |"
  rm -rf "$out"
done
echo
echo "Load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
