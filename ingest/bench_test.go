package ingest

import (
	"bytes"
	"io"
	"runtime"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/relgraph/relgraph/gen"
	"github.com/relgraph/relgraph/graph"
)

var (
	bigOnce sync.Once
	big     []byte
	bigRecs int
)

// bigInput is the benchmark input: 1,000,000 relations among
// 200,000 entities, generated once per process.
func bigInput(b *testing.B) []byte {
	bigOnce.Do(func() {
		var buf bytes.Buffer
		if err := gen.Write(&buf, gen.Config{Seed: 1, Entities: 200000, Relations: 1000000}); err != nil {
			b.Fatal(err)
		}
		big = buf.Bytes()
		bigRecs = bytes.Count(big, []byte("\n"))
	})
	return big
}

// BenchmarkReadJSONL measures parse + validate + merge of the generated
// JSON Lines: records/s is the figure reported in BENCHMARKS.md.
//
//	go test ./ingest -run '^$' -bench ReadJSONL -benchtime 3x
func BenchmarkReadJSONL(b *testing.B) {
	data := bigInput(b)
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		bl := graph.NewBuilder(nil, graph.Limits{})
		if err := ReadJSONL(bl, bytes.NewReader(data), "big.jsonl", Options{}); err != nil {
			b.Fatal(err)
		}
		g, err := bl.Graph()
		if err != nil {
			b.Fatal(err)
		}
		if len(g.Edges) != 1000000 {
			b.Fatalf("got %d edges", len(g.Edges))
		}
	}
	b.ReportMetric(float64(bigRecs)*float64(b.N)/b.Elapsed().Seconds(), "records/s")
}

// BenchmarkGraph measures Builder.Graph alone on the 1M input: resolving
// endpoints and sources, merging relations and sorting them (the input is
// read outside the timer).
//
//	go test ./ingest -run '^$' -bench 'Graph$' -benchtime 5x
func BenchmarkGraph(b *testing.B) {
	data := bigInput(b)
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		bl := graph.NewBuilder(nil, graph.Limits{})
		if err := ReadJSONL(bl, bytes.NewReader(data), "big.jsonl", Options{}); err != nil {
			b.Fatal(err)
		}
		runtime.GC()
		b.StartTimer()
		g, err := bl.Graph()
		if err != nil {
			b.Fatal(err)
		}
		if len(g.Edges) != 1000000 {
			b.Fatalf("got %d edges", len(g.Edges))
		}
	}
}

var (
	bigGROnce sync.Once
	bigGR     fstest.MapFS
	bigGRRows int
)

// mapFile is a table gen.WriteGraphRAG writes into bigGR.
type mapFile struct {
	bytes.Buffer
	name string
}

func (f *mapFile) Close() error {
	bigGR[f.name] = &fstest.MapFile{Data: f.Bytes()}
	return nil
}

// bigGraphRAG is bench/graphrag.sh's input, the Parquet tables of a
// GraphRAG output with 1,000,000 relationships among 200,000 entities,
// generated in memory once per process.
func bigGraphRAG(b *testing.B) fstest.MapFS {
	bigGROnce.Do(func() {
		bigGR = fstest.MapFS{}
		rows, err := gen.WriteGraphRAG(func(name string) (io.WriteCloser, error) { return &mapFile{name: name}, nil },
			gen.Config{Seed: 1, Entities: 200000, Relations: 1000000})
		if err != nil {
			b.Fatal(err)
		}
		bigGRRows = rows.Total()
	})
	return bigGR
}

// BenchmarkReadGraphRAG measures read + validate + merge of the generated
// GraphRAG Parquet output, beside BenchmarkReadJSONL:
//
//	go test ./ingest -run '^$' -bench ReadGraphRAG -benchtime 3x
func BenchmarkReadGraphRAG(b *testing.B) {
	fsys := bigGraphRAG(b)
	var size int64
	for _, f := range fsys {
		size += int64(len(f.Data))
	}
	b.SetBytes(size)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		bl := graph.NewBuilder(nil, graph.Limits{})
		if err := ReadGraphRAG(bl, fsys, ".", "big-graphrag", Options{}); err != nil {
			b.Fatal(err)
		}
		g, err := bl.Graph()
		if err != nil {
			b.Fatal(err)
		}
		if len(g.Edges) < 1000000 {
			b.Fatalf("got %d edges", len(g.Edges))
		}
	}
	b.ReportMetric(float64(bigGRRows)*float64(b.N)/b.Elapsed().Seconds(), "records/s")
}
