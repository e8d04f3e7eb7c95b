package render

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/relgraph/relgraph/graph"
)

// genGraph returns a deterministic synthetic graph of n nodes and about
// 1.5n relations, with every kind and status and some Hangul and Cyrillic
// names, for benchmarks. It needs no other package (gen/ may not exist).
func genGraph(n int) *graph.Graph {
	seed := uint64(1)
	rnd := func(k int) int { // xorshift: same graph every run
		seed ^= seed << 13
		seed ^= seed >> 7
		seed ^= seed << 17
		return int(seed % uint64(k))
	}
	kinds := []string{"Leader", "Person", "State", "Agency", "Place", "Event", "Allegation"}
	types := []string{"MEMBER_OF", "PARTICIPATED_IN", "CONCERNS", "MET_WITH", "SUPPLIES", "ALLEGES", "DENIES", "LOCATED_IN"}
	statuses := []string{"reported", "reported", "reported", "reported", "confirmed", "alleged", "denied", "planned", "speculated"}
	scripts := []string{"Entity %d", "인물 %d", "Персона %d", "Long descriptive event name number %d"}
	nsrc := max(n/50, 3)
	var sources []*graph.Source
	for i := 0; i < nsrc; i++ {
		sources = append(sources, &graph.Source{ID: fmt.Sprintf("s%03d", i), File: fmt.Sprintf("%03d.txt", i), Title: fmt.Sprintf("Article %d", i), Date: "2024-06-12"})
	}
	cite := func() []graph.Citation {
		return []graph.Citation{{Source: sources[rnd(nsrc)].ID, Quote: "quoted text"}}
	}
	var nodes []*graph.Node
	for i := 0; i < n; i++ {
		nodes = append(nodes, &graph.Node{ID: fmt.Sprintf("n%05d", i), Kind: kinds[rnd(len(kinds))],
			Name: fmt.Sprintf(scripts[rnd(len(scripts))], i), Cites: cite()})
	}
	var edges []*graph.Edge
	for i := 1; i < n; i++ {
		for k := 0; k < 1+rnd(2); k++ {
			j := rnd(i)
			edges = append(edges, &graph.Edge{ID: fmt.Sprintf("e%d-%d", i, k), From: nodes[i].ID, To: nodes[j].ID,
				Type: types[rnd(len(types))], Status: statuses[rnd(len(statuses))],
				Date: fmt.Sprintf("2024-%02d", 1+rnd(12)), Cites: cite()})
		}
	}
	return graph.New(nil, nodes, edges, sources)
}

// BenchmarkRenderVsNativeDot lays out the same DOT to SVG in-process
// (go-graphviz, WebAssembly) and with the native dot, in the same run, and
// reports both times and their ratio. Run by bench/render.sh:
//
//	go test ./render -run '^$' -bench RenderVsNativeDot -benchtime 3x
func BenchmarkRenderVsNativeDot(b *testing.B) {
	dot, err := exec.LookPath("dot")
	if err != nil {
		b.Skip("native dot not installed")
	}
	for _, n := range []int{200, 1000, 3000} {
		b.Run(fmt.Sprintf("nodes=%d", n), func(b *testing.B) {
			g := genGraph(n)
			var src bytes.Buffer
			if err := NewDOT(&src, Options{}).Encode(g); err != nil {
				b.Fatal(err)
			}
			path := filepath.Join(b.TempDir(), "g.dot")
			if err := os.WriteFile(path, src.Bytes(), 0o644); err != nil {
				b.Fatal(err)
			}
			if dir := os.Getenv("RELGRAPH_BENCH_OUT"); dir != "" {
				os.WriteFile(filepath.Join(dir, fmt.Sprintf("gen-%d.dot", n)), src.Bytes(), 0o644)
			}
			// Warm the module once so the first iteration does not pay
			// for instantiation.
			if err := layoutTo(io.Discard, []byte("digraph{a}"), "dot", "svg"); err != nil {
				b.Fatal(err)
			}
			var inproc, native time.Duration
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				t0 := time.Now()
				var svg bytes.Buffer
				if err := layoutTo(&svg, src.Bytes(), "dot", "svg"); err != nil {
					b.Fatal(err)
				}
				t1 := time.Now()
				if out, err := exec.Command(dot, "-Tsvg", "-o", os.DevNull, path).CombinedOutput(); err != nil {
					b.Fatalf("native dot: %v: %s", err, out)
				}
				inproc += t1.Sub(t0)
				native += time.Since(t1)
			}
			b.ReportMetric(float64(inproc.Milliseconds())/float64(b.N), "ms-inprocess")
			b.ReportMetric(float64(native.Milliseconds())/float64(b.N), "ms-native")
			b.ReportMetric(float64(inproc)/float64(native), "ratio")
			b.ReportMetric(float64(len(g.Nodes)), "nodes")
			b.ReportMetric(float64(len(g.Edges)), "edges")
		})
	}
}

// BenchmarkWrite measures the whole in-process pipeline (DOT encoding,
// layout, SVG finishing) on the embedded dataset.
func BenchmarkWriteDataset(b *testing.B) {
	g := loadDataset(b)
	for _, f := range []Format{DOT, SVG, PNG} {
		b.Run(string(f), func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				if err := Write(io.Discard, g, f, Options{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
