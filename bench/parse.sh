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
for i in 1 2 3; do
  /usr/bin/time -f "%e %M" -o bench/out/time.txt bench/out/relgraph validate "$in" 2>/dev/null
  read -r secs kb < bench/out/time.txt
  awk -v r="$records" -v s="$secs" -v kb="$kb" 'BEGIN { printf "run: %.2f s, %.0f records/s, peak RSS %.0f MiB\n", s, r/s, kb/1024 }'
done
