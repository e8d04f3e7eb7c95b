#!/usr/bin/env bash
# bench/load.sh — relationships/s of `relgraph load` against LOAD CSV, side by
# side, on a private Neo4j (its own home and ports; the shared server on 7687
# is never touched). Each method starts from an empty database with the same
# constraints. Not a timed test: it prints a Markdown table for BENCHMARKS.md.
#
# Usage: bench/load.sh
# Env:   ENTITIES (100000), RELATIONS (500000), SEED (1), RUNS (1),
#        WORK (temp dir; the generated input is kept there when WORK is given),
#        BOLT_PORT (7690), HTTP_PORT (7477), LOAD_ARGS (extra relgraph load flags)
set -euo pipefail
cd "$(dirname "$0")/.."

ENTITIES=${ENTITIES:-100000}
RELATIONS=${RELATIONS:-500000}
SEED=${SEED:-1}
RUNS=${RUNS:-1}
WORK=${WORK:-$(mktemp -d)}
BOLT_PORT=${BOLT_PORT:-7690}
HTTP_PORT=${HTTP_PORT:-7477}
mkdir -p "$WORK"

export RELGRAPH_NEO4J_HOME="$WORK/neo4j" NEO4J_BOLT_PORT=$BOLT_PORT NEO4J_HTTP_PORT=$HTTP_PORT
export NEO4J_HEAP_INITIAL=${NEO4J_HEAP_INITIAL:-2g} NEO4J_HEAP_MAX=${NEO4J_HEAP_MAX:-2g} NEO4J_PAGECACHE=${NEO4J_PAGECACHE:-2g}
mkdir -p "$RELGRAPH_NEO4J_HOME"
# share the downloaded jars with the default home
shared_lib="$HOME/.cache/relgraph/neo4j/lib"
if [[ ! -e "$RELGRAPH_NEO4J_HOME/lib" && -f "$shared_lib/.pom.sha256" ]]; then
  ln -s "$shared_lib" "$RELGRAPH_NEO4J_HOME/lib"
fi
trap 'scripts/neo4j stop >/dev/null 2>&1 || true' EXIT
eval "$(scripts/neo4j env)"

bin="$WORK/relgraph"
go build -o "$bin" ./cmd/relgraph
go build -o "$WORK/loadcsv" ./bench/loadcsv
in="$WORK/gen-s$SEED-e$ENTITIES-r$RELATIONS.jsonl"
if [[ ! -s "$in" ]]; then
  echo "bench: generating $in" >&2
  go run ./gen/cmd/relgen -seed "$SEED" -entities "$ENTITIES" -relations "$RELATIONS" -o "$in"
fi

fresh() { scripts/neo4j reset >/dev/null 2>&1 || { echo "bench: reset failed" >&2; scripts/neo4j logs 20 >&2; exit 1; }; }
field() { python3 -c "import json,sys; d=json.load(sys.stdin); d=d.get('summary', d); print(round(d['$1'], 1))"; }

echo "| run | method | seconds | relationships/s | rows/s |"
echo "|---|---|---:|---:|---:|"
for run in $(seq 1 "$RUNS"); do
  fresh
  # shellcheck disable=SC2086
  "$bin" load --dataset bench --json ${LOAD_ARGS:-} "$in" >"$WORK/relgraph.json" 2>"$WORK/relgraph.log"
  echo "| $run | relgraph load | $(field seconds <"$WORK/relgraph.json") | $(field relationships_per_second <"$WORK/relgraph.json") | $(field rows_per_second <"$WORK/relgraph.json") |"
  fresh
  "$WORK/loadcsv" -import "$NEO4J_IMPORT_DIR" -uri "$NEO4J_URI" "$in" >"$WORK/loadcsv.json" 2>"$WORK/loadcsv.log"
  echo "| $run | LOAD CSV … IN TRANSACTIONS OF 10000 ROWS | $(field seconds <"$WORK/loadcsv.json") | $(field relationships_per_second <"$WORK/loadcsv.json") | $(field rows_per_second <"$WORK/loadcsv.json") |"
done
echo
echo "input: $in ($(wc -l <"$in") records); relgraph log: $WORK/relgraph.log; LOAD CSV log: $WORK/loadcsv.log" >&2
