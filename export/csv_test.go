package export_test

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/relgraph/relgraph"
	"github.com/relgraph/relgraph/export"
	"github.com/relgraph/relgraph/gen"
	"github.com/relgraph/relgraph/graph"
	"github.com/relgraph/relgraph/ingest"
)

// memFiles collects the files of a multi-file format in memory.
type memFiles map[string]*bytes.Buffer

type nopCloser struct{ *bytes.Buffer }

func (nopCloser) Close() error { return nil }

func (m memFiles) Create(name string) (io.WriteCloser, error) {
	if _, dup := m[name]; dup {
		return nil, errors.New("created twice: " + name)
	}
	m[name] = &bytes.Buffer{}
	return nopCloser{m[name]}, nil
}

func (m memFiles) names() []string {
	var out []string
	for n := range m {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

// dirFiles writes the files of a multi-file format into a directory.
type dirFiles string

func (d dirFiles) Create(name string) (io.WriteCloser, error) {
	return os.Create(filepath.Join(string(d), name))
}

// testGraphs are the graphs every format is tested on: the embedded dataset,
// a hostile one, one of spreadsheet formulas, and a generated one.
func testGraphs(t *testing.T) map[string]*graph.Graph {
	t.Helper()
	out := map[string]*graph.Graph{}
	g, err := relgraph.DefaultGraph()
	if err != nil {
		t.Fatalf("embedded dataset: %v", err)
	}
	out["embedded"] = g
	out["hostile"] = readGraph(t, "testdata/hostile.json")
	out["formulas"] = readGraph(t, "testdata/formulas.json") // cells a spreadsheet would run
	var gen1 bytes.Buffer
	if err := gen.Write(&gen1, gen.Config{Seed: 2, Entities: 500, Relations: 3000}); err != nil {
		t.Fatal(err)
	}
	b := graph.NewBuilder(nil, graph.Limits{})
	if err := ingest.ReadJSONL(b, &gen1, "gen.jsonl", ingest.Options{}); err != nil {
		t.Fatal(err)
	}
	if out["generated"], err = b.Graph(); err != nil {
		t.Fatal(err)
	}
	return out
}

func readGraph(t *testing.T, files ...string) *graph.Graph {
	t.Helper()
	b := graph.NewBuilder(nil, graph.Limits{})
	if err := ingest.Read(b, files, "", nil, ingest.Options{}); err != nil {
		t.Fatal(err)
	}
	g, err := b.Graph()
	if err != nil {
		t.Fatalf("%s: %v", files, err)
	}
	return g
}

func encode(t *testing.T, format string, g *graph.Graph) []byte {
	t.Helper()
	f, err := export.Lookup(format)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := f.NewEncoder(&buf, export.Options{Dataset: "test"}).Encode(g); err != nil {
		t.Fatalf("%s: %v", format, err)
	}
	return buf.Bytes()
}

func encodeDir(t *testing.T, format string, g *graph.Graph) memFiles {
	t.Helper()
	f, err := export.Lookup(format)
	if err != nil {
		t.Fatal(err)
	}
	m := memFiles{}
	if err := f.NewDirEncoder(m, export.Options{Dataset: "test"}).Encode(g); err != nil {
		t.Fatalf("%s: %v", format, err)
	}
	return m
}

// TestCSVRoundTrip: json → relgraph → csv → relgraph → json is identical.
func TestCSVRoundTrip(t *testing.T) {
	for name, g := range testGraphs(t) {
		t.Run(name, func(t *testing.T) {
			want := encode(t, "json", g)
			files := encodeDir(t, "csv", g)
			if got := strings.Join(files.names(), " "); got != "entities.csv relations.csv" {
				t.Fatalf("files %s", got)
			}
			b := graph.NewBuilder(nil, graph.Limits{})
			for _, n := range files.names() {
				if err := ingest.ReadCSV(b, bytes.NewReader(files[n].Bytes()), n, ingest.Options{}); err != nil {
					t.Fatal(err)
				}
			}
			g2, err := b.Graph()
			if err != nil {
				t.Fatalf("reading the csv back: %v\n%s", err, files["entities.csv"])
			}
			got := encode(t, "json", g2)
			if !bytes.Equal(got, want) {
				t.Errorf("round trip differs:\n%s", diffLines(string(want), string(got)))
			}
		})
	}
}

// TestJSONLRoundTrip: json → relgraph → jsonl → relgraph → json is identical.
func TestJSONLRoundTrip(t *testing.T) {
	for name, g := range testGraphs(t) {
		t.Run(name, func(t *testing.T) {
			want := encode(t, "json", g)
			lines := encode(t, "jsonl", g)
			b := graph.NewBuilder(nil, graph.Limits{})
			if err := ingest.ReadJSONL(b, bytes.NewReader(lines), "x.jsonl", ingest.Options{}); err != nil {
				t.Fatal(err)
			}
			g2, err := b.Graph()
			if err != nil {
				t.Fatal(err)
			}
			if got := encode(t, "json", g2); !bytes.Equal(got, want) {
				t.Errorf("round trip differs:\n%s", diffLines(string(want), string(got)))
			}
			// sources, then nodes, then edges
			var kinds []string
			for _, ln := range strings.Split(strings.TrimSpace(string(lines)), "\n") {
				k := ln[len(`{"record":"`):]
				k = k[:strings.IndexByte(k, '"')]
				if len(kinds) == 0 || kinds[len(kinds)-1] != k {
					kinds = append(kinds, k)
				}
			}
			if got := strings.Join(kinds, ","); got != "source,node,edge" {
				t.Errorf("record order %s", got)
			}
		})
	}
}

func diffLines(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	var out []string
	for i := 0; i < len(al) || i < len(bl); i++ {
		var x, y string
		if i < len(al) {
			x = al[i]
		}
		if i < len(bl) {
			y = bl[i]
		}
		if x != y {
			out = append(out, "- "+x, "+ "+y)
		}
	}
	return strings.Join(out, "\n")
}
