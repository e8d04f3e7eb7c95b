package export_test

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/relgraph/relgraph/export"
	"github.com/relgraph/relgraph/graph"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file (go test -update rewrites it):\n%s", name, got)
	}
}

var cypherStringTests = []struct{ in, want string }{
	{"", `''`},
	{"plain", `'plain'`},
	{`O'Brien`, `'O\'Brien'`},
	{`say "hi"`, `'say \"hi\"'`},
	{`back\slash`, `'back\\slash'`},
	{`\u0041`, `'\\u0041'`},
	{"line\nbreak\r\ttab", `'line\nbreak\r\ttab'`},
	{"ctrl\x01\x7f", `'ctrl\u0001\u007F'`},
	{"北朝鮮 Путин 🚀", `'北朝鮮 Путин 🚀'`},
	{"sep\u2028", `'sep\u2028'`},
	{"`tick` {brace} MATCH (n) DELETE n //", "'`tick` {brace} MATCH (n) DELETE n //'"},
	{`\u0027) DELETE n //`, `'\\u0027) DELETE n //'`},
}

func TestCypherComment(t *testing.T) {
	for in, want := range map[string]string{"plain": "plain", `x\u000a MATCH`: `x\u005Cu000a MATCH`, "a\nb\rc\u2028d\u0085e": "a b c d e"} {
		if got := export.CypherComment(in); got != want {
			t.Errorf("CypherComment(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestCypherString(t *testing.T) {
	for _, tt := range cypherStringTests {
		if got := export.CypherString(tt.in); got != tt.want {
			t.Errorf("CypherString(%q) = %s, want %s", tt.in, got, tt.want)
		}
	}
}

func TestQuoteIdent(t *testing.T) {
	for in, want := range map[string]string{"Leader": "`Leader`", "a`b": "`a``b`", "weird key }\n": "`weird key }\\u000A`",
		`k\u0060}`: "`k\\u005Cu0060}`", `a\\b`: "`a\\u005C\\u005Cb`", "sep\u2028": "`sep\\u2028`"} {
		if got := export.QuoteIdent(in); got != want {
			t.Errorf("QuoteIdent(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestCypherFloat(t *testing.T) {
	for in, want := range map[float64]string{1: "1.0", 0: "0.0", 0.25: "0.25", 1e-7: "1e-07"} {
		if got := export.CypherFloat(in); got != want {
			t.Errorf("CypherFloat(%v) = %s, want %s", in, got, want)
		}
	}
}

func smallGraph() *graph.Graph {
	conf := 0.8
	src := &graph.Source{ID: "src-1", File: "a.txt", Title: "It's \"news\"", Outlet: "KCNA", Date: "2024-06-12"}
	a := &graph.Node{ID: "kim", Kind: "Leader", Name: "Kim Jong Un", Aliases: []string{"Kim"},
		Props: graph.Props{"title": {{Value: "Chairman", Sources: []string{"src-1"}}, {Value: "President", Sources: []string{"src-2"}}}},
		Cites: []graph.Citation{{Source: "src-1", Quote: "leader Kim\nJong Un"}}}
	b := &graph.Node{ID: "putin", Kind: "Leader", Name: "Vladimir Putin", Cites: []graph.Citation{{Source: "src-1", Quote: `the "president"`}}}
	e := &graph.Edge{ID: "kim:MET_WITH:putin", From: "kim", To: "putin", Type: "MET_WITH", Date: "2023-09-13", Status: "reported", Confidence: &conf,
		Cites: []graph.Citation{{Source: "src-1", Quote: "they met"}}}
	return graph.New(graph.DefaultSchema(), []*graph.Node{a, b}, []*graph.Edge{e}, []*graph.Source{src})
}

func TestCypherGolden(t *testing.T) {
	var buf bytes.Buffer
	if err := export.NewCypherEncoder(&buf, "news's").Encode(smallGraph()); err != nil {
		t.Fatal(err)
	}
	golden(t, "small.cypher", buf.Bytes())
}

func TestCypherRejectsNonIdentifiers(t *testing.T) {
	for _, kind := range []string{"Bad Kind", "a`b", "1x", ""} {
		n := &graph.Node{ID: "x", Kind: kind, Name: "X"}
		g := graph.New(graph.DefaultSchema(), []*graph.Node{n}, nil, nil)
		var buf bytes.Buffer
		if err := export.NewCypherEncoder(&buf, "d").Encode(g); err == nil {
			t.Errorf("kind %q accepted", kind)
		}
		if buf.Len() != 0 {
			t.Errorf("kind %q: wrote %d bytes before failing", kind, buf.Len())
		}
	}
}

func TestCypherRegistered(t *testing.T) {
	for _, name := range []string{"cypher", "grass"} {
		if _, err := export.Lookup(name); err != nil {
			t.Error(err)
		}
	}
}
