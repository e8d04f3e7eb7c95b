#!/usr/bin/env bash
# Proves that a change to reading and merging leaves every output byte for
# byte as it was: hashes every export format, validate --json, stats and a
# DOT render, on the embedded dataset, on the 1M generated input
# (bench/out/big.jsonl, as bench/parse.sh) and on small inputs with
# problems, merges, conflicts and escapes, and compares them with
# bench/identical.sha256.
#
#   bench/identical.sh                   # build ./cmd/relgraph and compare
#   bench/identical.sh BINARY            # compare another binary
#   RECORD=1 bench/identical.sh BINARY   # write bench/identical.sha256
#   QUICK=1 bench/identical.sh           # big.jsonl: only validate, stats, json, jsonl, graphml
#
# Exit 0 when every hash matches, 1 when one differs (the differing lines
# are printed), 2 for a failed command.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p bench/out
bin=${1:-}
if [ -z "$bin" ]; then
  bin=bench/out/relgraph
  go build -o "$bin" ./cmd/relgraph
fi
bin=$(realpath "$bin")
ref=bench/identical.sha256
big=bench/out/big.jsonl
[ -s "$big" ] || go run ./gen/cmd/relgen -seed 1 -entities 200000 -relations 1000000 -o "$big"
work=$(mktemp -d "${TMPDIR:-/tmp}/identical.XXXXXX")
trap 'rm -rf "$work"' EXIT
out=bench/out/identical.now
: > "$out"

# Small inputs: the embedded dataset's own exports read back (every reader
# but the fast JSON Lines path), and a slice of big.jsonl with lines the fast
# decoder refuses (escapes, props, spacing) and lines with problems.
mkdir -p "$work/in"
"$bin" export --format json -o "$work/in/embedded.json" 2>/dev/null
"$bin" export --format jsonl -o "$work/in/embedded.jsonl" 2>/dev/null
"$bin" export --format csv -o "$work/in/embedded-csv" 2>/dev/null
cp export/testdata/hostile.json "$work/in/hostile.json"
{
  head -n 60000 "$big"
  # fast path refuses: escapes, props, odd spacing, unknown key
  printf '%s\n' '{"record":"node","id":"esc1","kind":"Person","name":"Kim \"the\" Jong\u00e9","sources":["s1"]}'
  printf '%s\n' '{ "record" : "node", "id":"sp1","kind":"Person","name":"Spaced One" ,"aliases":["S. One"],"sources":[{"id":"s2","quote":"q"}]}'
  printf '%s\n' '{"record":"node","id":"pr1","kind":"Person","name":"Prop Person","props":{"born":"1950","rank":[{"value":"general","sources":["s1"]},{"value":7,"sources":["s2"]}]},"sources":["s1","s2"]}'
  printf '%s\n' '{"record":"edge","from":"esc1","to":"pr1","type":"MET_WITH","date":"2020","sources":["s1"],"props":{"where":"Pyongyang"}}'
  printf '%s\n' '{"record":"edge","from":"esc1","to":"pr1","type":"MET_WITH","date":"2020","status":"confirmed","confidence":0.5,"sources":[{"source":"s3","quote":"again"}]}'
  printf '%s\n' '{"record":"edge","from":"sp1","to":"pr1","type":"MET_WITH","sources":["s1"]}'
  printf '%s\n' '{"record":"edge","from":"sp1","to":"pr1","type":"MET_WITH","sources":["s2"]}'
  printf '%s\n' '{"record":"node","id":"pr2","kind":"Person","name":"prop  person","aliases":["Prop-Person","P. P."],"sources":["s4"]}'
} > "$work/in/slice.jsonl"
{
  cat "$work/in/slice.jsonl"
  # problems
  printf '%s\n' '{"record":"edge","from":"nope","to":"n1","type":"MET_WITH","sources":["s1"]}'
  printf '%s\n' '{"record":"edge","from":"n1","to":"n2","type":"MET_WTH","status":"rumoured","sources":["s99999"]}'
  printf '%s\n' '{"record":"edge","from":"n1","to":"n2","type":"MET_WITH","date":"2020-13-40","sources":[]}'
  printf '%s\n' '{"record":"node","id":"n1","kind":"Place","name":"Clash","sources":["s1"]}'
  printf '%s\n' '{"record":"node","id":"x1","kind":"Person","name":"","sources":[{"id":"s1","source":"s2"}]}'
  printf '%s\n' '{"record":"node","id":"x1","kind":"Person","name":"dup key","name":"again"}'
  printf '%s\n' '{"record":"edge","id":"r5","from":"n1","to":"n3","type":"MET_WITH","sources":["s1"]}'
  printf '%s\n' '{"record":"edge","from":"n1","to":"n2","type":"MET_WITH","confidence":"high","sources":["s1"]}'
  printf '%s\n' 'not json'
  printf '%s\n' '{"record":"source","id":"s1","file":"other.txt"}'
} > "$work/in/problems.jsonl"

# run NAME ARGS...: hash stdout (and the exit code) of one command
run() {
  local name=$1
  shift
  local rc=0
  (cd "$work" && "$bin" "$@" > "$work/stdout" 2> "$work/stderr") || rc=$?
  echo "$(sha256sum < "$work/stdout" | cut -c1-64) rc=$rc $name stdout" >> "$out"
  echo "$(sha256sum < "$work/stderr" | cut -c1-64) rc=$rc $name stderr" >> "$out"
}

# export NAME FORMAT INPUT...: hash every file written (directories by file)
export_() {
  local name=$1 format=$2
  shift 2
  rm -rf "$work/x"
  mkdir -p "$work/x"
  (cd "$work" && "$bin" export --format "$format" -o x/out "$@" 2>/dev/null) || { echo "export $name $format failed" >&2; exit 2; }
  if [ -d "$work/x/out" ]; then
    (cd "$work/x/out" && find . -type f | LC_ALL=C sort | while read -r f; do
      echo "$(sha256sum < "$f" | cut -c1-64) $name export $format $f"
    done) >> "$out"
  else
    echo "$(sha256sum < "$work/x/out" | cut -c1-64) $name export $format" >> "$out"
  fi
}

# render NAME INPUT...: the DOT text of the default view
render_() {
  local name=$1
  shift
  rm -f "$work/x.dot"
  (cd "$work" && "$bin" render -o x.dot "$@" 2>/dev/null) || { echo "render $name failed" >&2; exit 2; }
  echo "$(sha256sum < "$work/x.dot" | cut -c1-64) $name render dot" >> "$out"
}

formats=$("$bin" export --list | awk '{print $1}')
all() {
  local name=$1 fmts=$2
  shift 2
  run "$name validate-json" validate --json "$@"
  run "$name validate" validate "$@"
  run "$name stats" stats "$@"
  run "$name stats-json" stats --json --top 20 "$@"
  render_ "$name" "$@"
  for f in $fmts; do
    export_ "$name" "$f" "$@"
  done
}
all embedded "$formats"
all embedded-json "$formats" in/embedded.json
all embedded-jsonl "$formats" in/embedded.jsonl
all embedded-csv "$formats" in/embedded-csv
all hostile "$formats" in/hostile.json
all slice "$formats" in/slice.jsonl
run "problems validate-json" validate --json in/problems.jsonl
run "problems validate" validate in/problems.jsonl
bigfmts=$formats
[ -n "${QUICK:-}" ] && bigfmts="json jsonl graphml"
# by a relative name: positions in merges and problems print the path
ln -s "$(realpath "$big")" "$work/big.jsonl"
all big "$bigfmts" big.jsonl

if [ -n "${RECORD:-}" ]; then
  cp "$out" "$ref"
  echo "identical: recorded $(wc -l < "$ref") hashes in $ref"
  exit 0
fi
# QUICK leaves some lines out: compare those present
key() { awk '{h=$1; $1=""; print substr($0, 2) "\t" h}' "$1" | LC_ALL=C sort; }
if diff <(LC_ALL=C join -t $'\t' <(key "$out" | cut -f1) <(key "$ref")) <(key "$out") > "$work/diff"; then
  echo "identical: $(wc -l < "$out") of $(wc -l < "$ref") hashes match"
else
  echo "identical: outputs differ (< recorded, > now):"
  cat "$work/diff"
  exit 1
fi
