#!/usr/bin/env bash
# bench/load.sh — relationships/s of `relgraph load` against LOAD CSV and
# neo4j-admin import, side by side in one run, on a private Neo4j (its own
# home and ports; the shared server on 7687 is never touched). Each method
# starts from an empty database with the same constraints: relgraph load,
# then relgraph load of the same input again (everything exists: the MERGE
# path), LOAD CSV with MERGE (what a repeatable load writes), LOAD CSV with
# CREATE (only right for an empty database), and neo4j-admin database import
# full (offline) followed by the constraints. Not a timed test: it prints a
# Markdown table for BENCHMARKS.md. ADMIN=0 leaves neo4j-admin out.
#
# It then measures the daily reload (issue 14): a reload of unchanged input
# (content hashes: nothing written), the same with --full (every row
# written, the behaviour before hashes), a reload with 1% of relations
# changed and 1% added, and one with 1% removed and --prune, each beside
# the first load's time.
#
# Usage: bench/load.sh
# Env:   ENTITIES (100000), RELATIONS (500000), SEED (1), RUNS (1),
#        PEERS (1; 0 runs relgraph only: no LOAD CSV, no neo4j-admin),
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

# Tomorrow's inputs: 1% of relations changed (confidence) and 1% added
# (copies under new ids and a new date), then 1% of the original removed.
changed="$in.changed.jsonl" removed="$in.removed.jsonl"
if [[ ! -s "$removed" || "$removed" -ot "$in" ]]; then
  python3 - "$in" "$changed" "$removed" <<'PY'
import json, sys
src, changed, removed = sys.argv[1:4]
with open(src) as f, open(changed, "w") as c, open(removed, "w") as r:
    i = 0
    for line in f:
        rec = json.loads(line)
        if rec.get("record") != "edge":
            c.write(line); r.write(line); continue
        i += 1
        if i % 100 == 0:
            rec["confidence"] = 0.55 if rec.get("confidence") != 0.55 else 0.45
            line = json.dumps(rec) + "\n"
        c.write(line)
        if i % 100 != 25:
            r.write(line)
        if i % 100 == 50:
            new = dict(rec, id="new-" + rec["id"], date="2030-01-01")
            out = json.dumps(new) + "\n"
            c.write(out); r.write(out)
PY
fi

# fresh empties the database (a restart) and lets the new server settle.
fresh() { scripts/neo4j reset >/dev/null 2>&1 || { echo "bench: reset failed" >&2; scripts/neo4j logs 20 >&2; exit 1; }; sleep "${SETTLE:-5}"; }
field() { python3 -c "import json,sys; d=json.load(sys.stdin); d=d.get('summary', d); print(round(d['$1'], 1))"; }

row() { echo "| $1 | $2 | $(field seconds <"$3") | $(field relationships_per_second <"$3") | $(field rows_per_second <"$3") |"; }

echo "| run | method | seconds | relationships/s | rows/s |"
echo "|---|---|---:|---:|---:|"
: >"$WORK/reload.md"
for run in $(seq 1 "$RUNS"); do
  fresh
  # shellcheck disable=SC2086
  "$bin" load --dataset bench --json ${LOAD_ARGS:-} "$in" >"$WORK/relgraph.json" 2>"$WORK/relgraph.log"
  row "$run" "relgraph load (empty database)" "$WORK/relgraph.json"
  # shellcheck disable=SC2086
  "$bin" load --dataset bench --json ${LOAD_ARGS:-} "$in" >"$WORK/relgraph-again.json" 2>"$WORK/relgraph-again.log"
  row "$run" "relgraph load again, no change (content hashes: nothing written)" "$WORK/relgraph-again.json"
  # shellcheck disable=SC2086
  "$bin" load --dataset bench --json --full ${LOAD_ARGS:-} "$in" >"$WORK/relgraph-full.json" 2>"$WORK/relgraph-full.log"
  row "$run" "relgraph load again --full (every row written: MERGE)" "$WORK/relgraph-full.json"
  # shellcheck disable=SC2086
  "$bin" load --dataset bench --json ${LOAD_ARGS:-} "$changed" >"$WORK/relgraph-changed.json" 2>"$WORK/relgraph-changed.log"
  row "$run" "relgraph load, 1% of relations changed and 1% added" "$WORK/relgraph-changed.json"
  # shellcheck disable=SC2086
  "$bin" load --dataset bench --json --prune ${LOAD_ARGS:-} "$removed" >"$WORK/relgraph-removed.json" 2>"$WORK/relgraph-removed.log"
  row "$run" "relgraph load --prune, 1% of relations removed" "$WORK/relgraph-removed.json"
  python3 - "$run" "$WORK" >>"$WORK/reload.md" <<'PY'
import json, sys
run, work = sys.argv[1], sys.argv[2]
def s(name):
    return json.load(open(f"{work}/relgraph-{name}.json"))["summary"] if name else json.load(open(f"{work}/relgraph.json"))["summary"]
first = s("")
for name, what in [("", "first load (empty database)"), ("again", "reload, no change"), ("full", "reload, no change, --full"),
                   ("changed", "reload, 1% changed + 1% added"), ("removed", "reload, 1% removed, --prune")]:
    x = s(name)
    p = x.get("pruned") or {}
    pruned = p.get("nodes", 0) + p.get("sources", 0) + p.get("relationships", 0)
    print(f"| {run} | {what} | {x['seconds']:.2f} | {100 * x['seconds'] / first['seconds']:.1f}% | {x['rows']} | {x.get('unchanged', 0)} | {pruned} |")
PY
  if [[ "${PEERS:-1}" == 0 ]]; then continue; fi
  fresh
  "$WORK/loadcsv" -import "$NEO4J_IMPORT_DIR" -uri "$NEO4J_URI" "$in" >"$WORK/loadcsv.json" 2>"$WORK/loadcsv.log"
  row "$run" "LOAD CSV … MERGE … IN TRANSACTIONS OF 10000 ROWS" "$WORK/loadcsv.json"
  fresh
  "$WORK/loadcsv" -create -import "$NEO4J_IMPORT_DIR" -uri "$NEO4J_URI" "$in" >"$WORK/loadcsv-create.json" 2>"$WORK/loadcsv-create.log"
  row "$run" "LOAD CSV … CREATE … IN TRANSACTIONS OF 10000 ROWS" "$WORK/loadcsv-create.json"
  if [[ "${ADMIN:-1}" == 1 ]]; then
    # neo4j-admin database import full: offline, into a stopped server; then
    # start it and create the same constraints. CSV writing is not timed.
    rm -rf "$WORK/admin"
    "$bin" export --format neo4j-admin --dataset bench -o "$WORK/admin" "$in" 2>/dev/null
    scripts/neo4j stop >/dev/null 2>&1
    t0=$(date +%s.%N)
    NEO4J_ADMIN="$PWD/scripts/neo4j admin" sh "$WORK/admin/import.sh" neo4j --overwrite-destination=true >"$WORK/admin.log" 2>&1
    t1=$(date +%s.%N)
    scripts/neo4j start >/dev/null 2>&1
    "$WORK/loadcsv" -schema-only -import "$NEO4J_IMPORT_DIR" -uri "$NEO4J_URI" "$in" >"$WORK/admin-schema.json" 2>>"$WORK/admin.log"
    python3 - "$run" "$t0" "$t1" "$WORK/admin-schema.json" "$WORK/relgraph.json" <<'PY'
import json, sys
run, t0, t1 = sys.argv[1], float(sys.argv[2]), float(sys.argv[3])
schema = json.load(open(sys.argv[4]))["seconds"]
s = json.load(open(sys.argv[5]))["summary"]
rels = s["relationships"]["rows"] + s["reports"]["rows"]
secs = t1 - t0 + schema
print(f"| {run} | neo4j-admin database import full (offline) + constraints | {secs:.1f} ({t1 - t0:.1f} + {schema:.1f}) | {rels / secs:.1f} | {s['rows'] / secs:.1f} |")
PY
  fi
done
echo
echo "| run | reload | seconds | of the first load | rows written | unchanged | pruned |"
echo "|---|---|---:|---:|---:|---:|---:|"
cat "$WORK/reload.md"
echo
echo "input: $in ($(wc -l <"$in") records); logs in $WORK: relgraph.log, relgraph-again.log, loadcsv.log, loadcsv-create.log, admin.log" >&2
