#!/usr/bin/env bash
# bench/render.sh — how fast relgraph draws diagrams. Not a timed test:
# it prints figures to record in BENCHMARKS.md.
#
#  1. Whole-process time of "relgraph render -o out.svg" on the embedded
#     dataset, from a cold start: a fresh process each run, and either an
#     empty go-graphviz compilation cache (first run on a machine: wazero
#     compiles the 1.5 MB Graphviz WebAssembly module) or a warm one
#     ($TMPDIR/go-graphviz, filled by the first run).
#  2. Layout to SVG of generated graphs of 200, 1,000 and 3,000 nodes,
#     in-process (go-graphviz) against the native "dot -Tsvg" on the same
#     DOT, measured in one run (BenchmarkRenderVsNativeDot).
#
# Usage: bench/render.sh            (RUNS=10 by default; BENCHTIME=1x)
set -euo pipefail
cd "$(dirname "$0")/.."
out=bench/out
mkdir -p "$out"
runs=${RUNS:-10}
benchtime=${BENCHTIME:-1x}

echo "# machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(go version | cut -d' ' -f3)"
echo "# native: $(dot -V 2>&1)"
go build -trimpath -o "$out/relgraph" ./cmd/relgraph

# median and range of a command's wall time over $runs runs, in ms;
# $1 is a label, $2 a setup command run before each (untimed), the rest
# the command.
measure() {
	local label=$1 setup=$2
	shift 2
	local times=()
	for _ in $(seq "$runs"); do
		eval "$setup"
		local t0 t1
		t0=$(date +%s%N)
		"$@" >/dev/null 2>&1
		t1=$(date +%s%N)
		times+=($(((t1 - t0) / 1000000)))
	done
	printf '%s\n' "${times[@]}" | sort -n | awk -v l="$label" '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%-46s median %5d ms   min %5d   max %5d   (%d runs)\n", l, m, a[1], a[NR], NR}'
}

cold=$(mktemp -d)
warm=$(mktemp -d)
trap 'rm -rf "$cold" "$warm"' EXIT
TMPDIR=$warm "$out/relgraph" render -o "$out/dataset.svg" 2>/dev/null # fill the warm cache
echo "## whole process, embedded dataset ($(head -1 "$out/dataset.svg" >/dev/null; "$out/relgraph" stats --json 2>/dev/null | tr -d ' \n' | grep -o '"nodes":[0-9]*,"edges":[0-9]*' || true))"
measure "render -o out.svg, empty compile cache" "rm -rf $cold/*" env TMPDIR="$cold" "$out/relgraph" render -o "$out/dataset.svg"
measure "render -o out.svg, warm compile cache" ":" env TMPDIR="$warm" "$out/relgraph" render -o "$out/dataset.svg"
measure "render -o out.dot (no layout), warm cache" ":" env TMPDIR="$warm" "$out/relgraph" render -o "$out/dataset.dot"
measure "render -o out.png, warm cache" ":" env TMPDIR="$warm" "$out/relgraph" render -o "$out/dataset.png"
measure "validate (no rendering), warm cache" ":" env TMPDIR="$warm" "$out/relgraph" validate
measure "native: dot -Tsvg on the same DOT" ":" dot -Tsvg -o /dev/null "$out/dataset.dot"
measure "render --view timeline -o t.svg, warm cache" ":" env TMPDIR="$warm" "$out/relgraph" render --view timeline -o "$out/timeline.svg"
TMPDIR=$warm "$out/relgraph" render --view timeline -o "$out/timeline.dot" 2>/dev/null
measure "native: dot -Tsvg on the timeline DOT" ":" dot -Tsvg -o /dev/null "$out/timeline.dot"
measure "render --page a4 -o out.pdf, warm cache" ":" env TMPDIR="$warm" "$out/relgraph" render --page a4 -o "$out/dataset.pdf"

echo "## layout to SVG, generated graphs: in-process vs native dot, same DOT, one run"
RELGRAPH_BENCH_OUT=$out go test ./render -run '^$' -bench 'RenderVsNativeDot' -benchtime "$benchtime" -timeout 60m |
	tee "$out/render-bench.txt" | awk '/^BenchmarkRenderVsNativeDot/ {
		for (i = 1; i <= NF; i++) { v[$(i+1)] = $i }
		printf "%-6d nodes %6d edges   in-process %7d ms   native dot %7d ms   ratio %.2f\n", v["nodes"], v["edges"], v["ms-inprocess"], v["ms-native"], v["ratio"]
	}'
