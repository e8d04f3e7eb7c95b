package gen_test

import (
	"bytes"
	"fmt"
	"io"
	"sort"
	"strings"
	"testing"
	"testing/fstest"

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

// memDir collects the files WriteGraphRAG creates, as a file system.
type memDir struct{ fs fstest.MapFS }

type memFile struct {
	bytes.Buffer
	name string
	dir  *memDir
}

func (f *memFile) Close() error {
	f.dir.fs[f.name] = &fstest.MapFile{Data: f.Bytes()}
	return nil
}

func (d *memDir) create(name string) (io.WriteCloser, error) {
	return &memFile{name: name, dir: d}, nil
}

// The GraphRAG generator is deterministic, writes GraphRAG's tables, and
// reads without a problem: every entity, claim and relationship arrives,
// the second spellings merge, every edge cites a document.
func TestWriteGraphRAG(t *testing.T) {
	c := gen.Config{Seed: 5, Entities: 500, Relations: 2000}
	a, b := &memDir{fs: fstest.MapFS{}}, &memDir{fs: fstest.MapFS{}}
	rows, err := gen.WriteGraphRAG(a.create, c)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := gen.WriteGraphRAG(b.create, c); err != nil {
		t.Fatal(err)
	}
	var names []string
	for name, f := range a.fs {
		names = append(names, name)
		if !bytes.Equal(f.Data, b.fs[name].Data) {
			t.Errorf("%s: two runs differ", name)
		}
	}
	sort.Strings(names)
	if got := strings.Join(names, " "); got != "covariates.parquet documents.parquet entities.parquet relationships.parquet text_units.parquet" {
		t.Fatalf("tables: %s", got)
	}
	if rows.Documents != 5 || rows.TextUnits != 50 || rows.Covariates != 25 || rows.Relationships != 2000 || rows.Entities <= 500 {
		t.Errorf("rows: %+v", rows)
	}
	if rows.Total() != rows.Documents+rows.TextUnits+rows.Entities+rows.Covariates+rows.Relationships {
		t.Errorf("Total: %d", rows.Total())
	}
	bl := graph.NewBuilder(nil, graph.Limits{})
	if err := ingest.ReadGraphRAG(bl, a.fs, ".", "out", ingest.Options{}); err != nil {
		t.Fatal(err)
	}
	g, err := bl.Graph()
	if err != nil {
		t.Fatal(err)
	}
	// 500 entities and 25 claims; each claim has an ACCUSES or CONCERNS
	// edge to its subject and one to its object unless that is NONE
	if len(g.Nodes) != 525 || len(g.Edges) < 2025 || len(g.Sources) != 5 || len(g.Merges) != rows.Entities-500 {
		t.Errorf("%d nodes, %d edges, %d sources, %d merges", len(g.Nodes), len(g.Edges), len(g.Sources), len(g.Merges))
	}
	for _, e := range g.Edges {
		if len(e.Cites) == 0 {
			t.Fatalf("edge %s cites nothing", e.ID)
		}
	}
}
