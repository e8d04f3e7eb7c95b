package gen_test

import (
	"bytes"
	"fmt"
	"testing"

	"github.com/relgraph/relgraph/gen"
	"github.com/relgraph/relgraph/graph"
	"github.com/relgraph/relgraph/ingest"
)

// The generator is deterministic and its output is valid input whose
// duplicates merge.
func TestGenerate(t *testing.T) {
	c := gen.Config{Seed: 5, Entities: 500, Relations: 2000}
	var a, b bytes.Buffer
	if err := gen.Write(&a, c); err != nil {
		t.Fatal(err)
	}
	gen.Write(&b, c)
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Fatal("two runs differ")
	}
	bl := graph.NewBuilder(nil, graph.Limits{})
	if err := ingest.ReadJSONL(bl, &a, "gen.jsonl", ingest.Options{}); err != nil {
		t.Fatal(err)
	}
	g, err := bl.Graph()
	if err != nil {
		t.Fatal(err)
	}
	if len(g.Nodes) != 500 || len(g.Edges) != 2000 || len(g.Merges) == 0 {
		t.Errorf("%d nodes, %d edges, %d merges", len(g.Nodes), len(g.Edges), len(g.Merges))
	}
}

func ExampleWrite() {
	var b bytes.Buffer
	gen.Write(&b, gen.Config{Seed: 1, Entities: 1000, Relations: 5000})
	bl := graph.NewBuilder(nil, graph.Limits{})
	ingest.ReadJSONL(bl, &b, "synthetic.jsonl", ingest.Options{})
	g, _ := bl.Graph()
	fmt.Println(len(g.Nodes), "nodes,", len(g.Edges), "edges,", len(g.Sources), "sources")
	// Output: 1000 nodes, 5000 edges, 10 sources
}
