package ingest_test

import (
	"os"
	"strings"
	"testing"

	"github.com/relgraph/relgraph/graph"
	"github.com/relgraph/relgraph/ingest"
)

func TestReadYAMLDataset(t *testing.T) {
	b := graph.NewBuilder(nil, graph.Limits{})
	if err := ingest.Read(b, []string{"testdata/yaml/dataset.yaml"}, "", nil, ingest.Options{}); err != nil {
		t.Fatal(err)
	}
	g, err := b.Graph()
	if err != nil {
		t.Fatal(err)
	}
	kim := g.Node("kim")
	if kim == nil || kim.Aliases[0] != "Kim Jong-un" || kim.Props.Get("title") != "General Secretary" {
		t.Fatalf("kim %+v", kim)
	}
	if v := kim.Props["born"]; len(v) != 1 || v[0].Value != "1984" || v[0].Sources[0] != "s1" {
		t.Errorf("born %+v", v)
	}
	if s := g.Source("s1"); s.Date != "2024-06-12" || s.Title != "First: article" {
		t.Errorf("source %+v", s)
	}
	if len(g.Edges) != 2 {
		t.Fatalf("edges %d", len(g.Edges))
	}
	for _, e := range g.Edges {
		if e.Type == "MET_WITH" && (e.Date != "2024-06" || *e.Confidence != 0.9 || e.Cites[0].Quote != "North Korean leader Kim Jong Un" || e.Pos.Line != 20) {
			t.Errorf("MET_WITH %+v", e)
		}
		if e.Type == "INVITED" && (e.Cites[0].Source != "s1" || e.Cites[0].Quote != "Putin: invited") {
			t.Errorf("INVITED %+v", e)
		}
	}
}

var yamlProblemTests = []struct {
	name string
	text string
	want []string
}{
	{"syntax", "nodes:\n  - id: k\n   kind: x\n", []string{"1 : syntax error"}},
	{"not a mapping", "- a\n- b\n", []string{"1 : the document must be a mapping"}},
	{"unknown top", "nodes: []\nfoo: 1\n", []string{"2 foo: unknown field"}},
	{"unknown field", "nodes:\n  - id: k\n    kind: Leader\n    name: K\n    colour: red\n", []string{"5 nodes[0].colour: unknown field"}},
	{"duplicate field", "nodes:\n  - id: k\n    id: j\n", []string{"3 nodes[0].id: field given twice"}},
	{"list not mapping", "nodes: 3\n", []string{"1 nodes: must be a list"}},
	{"record not mapping", "edges:\n  - 3\n", []string{"2 edges[0]: must be a mapping"}},
	{"name not string", "nodes:\n  - {id: k, kind: Leader, name: [a]}\n", []string{"2 nodes[0].name: want a string"}},
	{"bad confidence", "edges:\n  - {from: a, to: b, type: MET_WITH, confidence: high, sources: [s]}\n", []string{"2 edges[0].confidence: \"high\" is not a number"}},
	{"bad citation", "edges:\n  - from: a\n    to: b\n    type: MET_WITH\n    sources:\n      - {id: s, page: 3}\n", []string{"6 edges[0].sources[0].page: unknown field"}},
	{"bad prop", "nodes:\n  - id: k\n    kind: Leader\n    name: K\n    props: {a: {b: c}}\n", []string{"5 nodes[0].props.a: want a string"}},
	{"bad prop value", "nodes:\n  - id: k\n    kind: Leader\n    name: K\n    props:\n      a:\n        - {value: [x]}\n", []string{"7 nodes[0].props.a[0].value: want a string"}},
	{"record mismatch", "nodes:\n  - {record: edge, id: k, kind: Leader, name: K}\n", []string{"2 nodes[0].record: \"edge\" in a list of nodes"}},
	{"merge key", "nodes:\n  - <<: {id: k}\n    kind: Leader\n", []string{"2 nodes[0].<<: merge keys"}},
	{"two documents", "nodes: []\n---\nedges: []\n", []string{"2 : more than one YAML document"}},
	{"builder problem keeps line", "sources: [{id: s}]\nnodes:\n  - {id: k, kind: Leder, name: K}\n", []string{"3 kind: unknown kind"}},
	{"invalid utf8", "nodes:\n  - {id: k, kind: Leader, name: \xff}\n", []string{"2 : invalid UTF-8"}},
	{"deep", "nodes: " + strings.Repeat("[", 100) + strings.Repeat("]", 100) + "\n", []string{"1 : nested too deeply"}},
	{"alias expansion", "nodes: [&n {id: k, kind: Leader, name: K, aliases: [" + strings.Repeat("x,", 300) + "x]}" + strings.Repeat(", *n", 3000) + "]\n",
		[]string{"1 : too much alias expansion"}},
}

func TestReadYAMLProblems(t *testing.T) {
	for _, tt := range yamlProblemTests {
		t.Run(tt.name, func(t *testing.T) {
			_, ps, err := readOne(t, "yaml", tt.text, ingest.Options{})
			if err != nil {
				t.Fatal(err)
			}
			checkProblems(t, ps, tt.want)
		})
	}
}

// TestReadEmptyInput: an input that holds no record, in any format, is
// one problem naming the file (a failed upstream step must not pass for a
// day without news: load --prune would empty the dataset).
func TestReadEmptyInput(t *testing.T) {
	for _, tt := range []struct{ format, text, want string }{
		{"yaml", "", "in.yaml: empty input"},
		{"yaml", "# nothing\n", "in.yaml: empty input"},
		{"yaml", "~\n", "in.yaml: empty input"},
		{"yaml", "nodes:\nedges: []\n", "in.yaml: empty input"},
		{"jsonl", "", "in.jsonl: empty input"},
		{"jsonl", "\n  \n\n", "in.jsonl: empty input"},
		{"csv", "id,kind,name\n", "in.csv: empty input"},
		{"csv", "", "in.csv:1: empty CSV file"},
		{"json", `{"nodes": [], "edges": []}`, "in.json: empty input"},
		{"json", "", "in.json:1: syntax error"},
	} {
		_, ps, err := readOne(t, tt.format, tt.text, ingest.Options{})
		if err != nil || len(ps) != 1 || !strings.HasPrefix(ps[0].Error(), tt.want) {
			t.Errorf("%s %q: %v %v, want one problem %q", tt.format, tt.text, err, ps, tt.want)
		}
	}
}

// FuzzReadYAML: no input makes ReadYAML panic or blow up, and every
// rejection is a Problem. Seeds: testdata/fuzz/FuzzReadYAML and the YAML
// test files.
func FuzzReadYAML(f *testing.F) {
	for _, tt := range yamlProblemTests {
		f.Add([]byte(tt.text))
	}
	if b, err := os.ReadFile("testdata/yaml/dataset.yaml"); err == nil {
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzRead(t, "yaml", data)
	})
}
