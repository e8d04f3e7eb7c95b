#!/usr/bin/env bash
# Before/after of bench/parse.sh's measurement: `relgraph validate` on the
# 1M-relation input, an old binary and the working tree's taking turns, so
# that both see the same load on a shared machine. Prints one line a run:
# wall, CPU (user+sys), records/s, peak RSS and the load average then.
#
#   bench/parse-compare.sh                 # before = main, 5 runs each
#   BEFORE=da210a6 RUNS=3 bench/parse-compare.sh
#   INPUT=bench/out/big5m.jsonl bench/parse-compare.sh
#   ENV=GOMEMLIMIT=off bench/parse-compare.sh   # without the soft memory limit
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p bench/out
before=${BEFORE:-main}
runs=${RUNS:-5}
in=${INPUT:-bench/out/big.jsonl}
[ -s bench/out/big.jsonl ] || go run ./gen/cmd/relgen -seed 1 -entities 200000 -relations 1000000 -o bench/out/big.jsonl
src=$(mktemp -d "${TMPDIR:-/tmp}/relgraph-before.XXXXXX")
trap 'rm -rf "$src"' EXIT
git archive "$before" | tar -x -C "$src"
(cd "$src" && go build -o "$OLDPWD/bench/out/relgraph-before" ./cmd/relgraph)
go build -o bench/out/relgraph ./cmd/relgraph
records=$(wc -l < "$in")
echo "input: $in, $records records; before: $before ($(git rev-parse --short "$before")), after: working tree ($(git rev-parse --short HEAD))"
for i in $(seq "$runs"); do
  for b in relgraph-before relgraph; do
    env ${ENV:-} /usr/bin/time -f "%e %U %S %M" -o bench/out/time.txt "bench/out/$b" validate "$in" 2>/dev/null
    read -r secs user sys kb < bench/out/time.txt
    load=$(cut -d' ' -f1 /proc/loadavg)
    awk -v b="$b" -v r="$records" -v s="$secs" -v u="$user" -v y="$sys" -v kb="$kb" -v l="$load" \
      'BEGIN { printf "%-16s wall %6.2f s  cpu %6.2f s  %9.0f records/s  peak %5.0f MiB  load %s\n", b, s, u+y, r/s, kb/1024, l }'
  done
done
