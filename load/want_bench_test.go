package load

import (
	"bytes"
	"testing"

	"github.com/relgraph/relgraph/export"
	"github.com/relgraph/relgraph/gen"
	"github.com/relgraph/relgraph/graph"
	"github.com/relgraph/relgraph/ingest"
)

// BenchmarkWant: keying and hashing every row of a generated graph of
// 100,000 entities and 500,000 relations, what a reload does before it
// reads the dataset back.
func BenchmarkWant(b *testing.B) {
	var buf bytes.Buffer
	if err := gen.Write(&buf, gen.Config{Seed: 1, Entities: 100000, Relations: 500000}); err != nil {
		b.Fatal(err)
	}
	bl := graph.NewBuilder(nil, graph.Limits{})
	if err := ingest.ReadFormat(bl, &buf, "gen.jsonl", "jsonl", ingest.Options{}); err != nil {
		b.Fatal(err)
	}
	g, err := bl.Graph()
	if err != nil {
		b.Fatal(err)
	}
	groups := export.CypherGroups(g)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		w := want(groups)
		b.ReportMetric(float64(len(w.refs)), "rows")
	}
}
