#!/usr/bin/env bash
# Parse + validate + merge of a generated JSON Lines extraction of
# 1,000,000 relations among 200,000 entities: records/s and peak memory.
#
#   bench/parse.sh            # whole process, /usr/bin/time for peak RSS
#   go test ./ingest -run '^$' -bench ReadJSONL -benchtime 3x   # in-process
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p bench/out
go build -o bench/out/relgraph ./cmd/relgraph
in=bench/out/big.jsonl
[ -s "$in" ] || go run ./gen/cmd/relgen -seed 1 -entities 200000 -relations 1000000 -o "$in"
records=$(wc -l < "$in")
echo "input: $in, $records records, $(du -h "$in" | cut -f1)"
# CPU seconds (user + system) beside the wall time: on a shared machine
# they are the steadier figure
for i in 1 2 3; do
  /usr/bin/time -f "%e %U %S %M" -o bench/out/time.txt bench/out/relgraph validate "$in" 2>/dev/null
  read -r secs user sys kb < bench/out/time.txt
  awk -v r="$records" -v s="$secs" -v u="$user" -v y="$sys" -v kb="$kb" -v l="$(cut -d' ' -f1 /proc/loadavg)" \
    'BEGIN { printf "run: %.2f s, %.2f CPU s, %.0f records/s, peak RSS %.0f MiB, load %s\n", s, u+y, r/s, kb/1024, l }'
done
