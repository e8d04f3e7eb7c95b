package ingest_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/relgraph/relgraph/graph"
	"github.com/relgraph/relgraph/ingest"
)

// The fixtures LangChain's classes wrote (testdata/langchain/make.py), as
// a JSON list and as JSON Lines, read by content, to the same graph.
func TestReadLangChainFixtures(t *testing.T) {
	for _, name := range []string{"seeds.json", "seeds.jsonl"} {
		t.Run(name, func(t *testing.T) {
			g, ps := readDir(t, nil, filepath.Join("testdata", "langchain", name))
			if len(ps) > 0 {
				t.Fatal(ps)
			}
			if len(g.Nodes) != 10 || len(g.Edges) != 9 || len(g.Sources) != 2 {
				t.Fatalf("%d nodes, %d edges, %d sources", len(g.Nodes), len(g.Edges), len(g.Sources))
			}
			everyEdgeCitesASource(t, g)
			s := g.Source("seeds/000_e135d90bb63d3935.txt")
			if s == nil || s.File != "000_e135d90bb63d3935.txt" || !strings.HasPrefix(s.Title, "North Korean leader Kim") {
				t.Fatalf("source = %+v", s)
			}
			for _, tc := range []struct{ id, kind, typ string }{
				{"Kim Jong Un", "Person", ""}, {"North Korea", "State", "Country"}, {"Korean Central News Agency", "Agency", "Organization"},
				{"Pyongyang", "Place", "City"}, {"Vostochny Spaceport", "Place", "Location"},
			} {
				n := g.Node(tc.id)
				if n == nil || n.Kind != tc.kind || n.Props.Get("type") != tc.typ {
					t.Errorf("%s = %+v", tc.id, n)
				}
			}
			if n := g.Node("Vladimir Putin"); n == nil || n.Props.Get("role") != "President of Russia" {
				t.Errorf("Putin = %+v", n)
			}
			for _, tc := range []struct{ from, typ, to, own, prop string }{
				{"Kim Jong Un", "LEADS", "North Korea", "LEADER_OF", ""},
				{"Kim Jong Un", "MET_WITH", "Vladimir Putin", "MET", "place=Vostochny Spaceport"},
				{"Vladimir Putin", "PLANS_TO_VISIT", "North Korea", "", "when=as early as next week"},
				{"Pyongyang", "RELATED_TO", "North Korea", "CAPITAL_OF", ""},
				{"North Korea", "SUPPLIES", "Russia", "", "goods=artillery, missiles and other conventional weapons"},
			} {
				e := edgeFrom(g, tc.from, tc.typ)
				if e == nil || e.To != tc.to || e.Props.Get("type") != tc.own {
					t.Errorf("%s -%s-> %s: %+v", tc.from, tc.typ, tc.to, e)
					continue
				}
				if tc.prop != "" {
					k, v, _ := strings.Cut(tc.prop, "=")
					if e.Props.Get(k) != v {
						t.Errorf("%s: %s = %q", e.ID, k, e.Props.Get(k))
					}
				}
			}
		})
	}
}

// One document, a list, JSON Lines and stdin are all told by content.
func TestLangChainForms(t *testing.T) {
	doc := `{"nodes": [{"id": "Kim", "type": "Person", "properties": {"name": "Kim Jong Un"}}, {"id": 7, "type": "Country"}],
 "relationships": [{"source": {"id": "Kim", "type": "Person"}, "target": {"id": 7, "type": "Country"}, "type": "leader of", "properties": {}}],
 "source": {"id": null, "metadata": {"source": "https://example.org/a", "date": "2024-06-12T09:00:00", "page": 3}, "page_content": "Kim…", "type": "Document"}}`
	one := strings.ReplaceAll(doc, "\n", "")
	for _, tc := range []struct{ name, format, text string }{
		{"one.json", "", doc},
		{"list.json", "", "[" + doc + ",\n" + doc + "]"},
		{"lines.jsonl", "", one + "\n" + one + "\n"},
		{"stdin", "auto", one + "\n"},
		{"named.txt", "langchain", doc},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b := graph.NewBuilder(nil, graph.Limits{})
			if err := ingest.ReadFormat(b, strings.NewReader(tc.text), tc.name, tc.format, ingest.Options{}); err != nil {
				t.Fatal(err)
			}
			g, err := b.Graph()
			if err != nil {
				t.Fatal(err)
			}
			kim, nk := g.Node("Kim"), g.Node("7")
			if kim == nil || kim.Name != "Kim Jong Un" || nk == nil || nk.Kind != "State" {
				t.Fatalf("nodes = %+v %+v", kim, nk)
			}
			s := g.Sources[0]
			if len(g.Sources) != 1 || s.ID != "https://example.org/a" || s.URL != s.ID || s.Date != "2024-06-12" || s.Props.Get("page") != "3" {
				t.Fatalf("source = %+v", s)
			}
			if len(g.Edges) != 1 || g.Edges[0].Type != "LEADS" || g.Edges[0].Props.Get("type") != "leader of" {
				t.Fatalf("edges = %+v", g.Edges)
			}
		})
	}
}

// Every problem names the file, the line of the node or relationship, and
// the field.
func TestLangChainProblems(t *testing.T) {
	text := `[
 {"nodes": [
   {"id": "a", "type": "Person"},
   {"id": null, "type": "Person"},
   {"id": "b", "type": 5}
  ],
  "relationships": [
   {"source": {"id": "a", "type": "Person"}, "target": {"id": "c", "type": "Person"}, "type": "KNOWS"}
  ],
  "source": {"page_content": "x", "metadata": {"source": "a.txt"}}},
 {"nodes": [], "relationships": [{"source": {"id": "a", "type": "Person"}, "target": {"id": "a", "type": "Person"}, "type": "MET_WITH"}]},
 {"edges": []}
]`
	ps := readLC(t, "in.json", text)
	want := []string{
		`in.json:4: [0].nodes[1].id: missing`,
		`in.json:5: [0].nodes[2].type: want string, got number`,
		`in.json:11: [1].source: missing: the document the graph was extracted from is what its facts cite`,
		`in.json:11: sources: a relation needs at least one source`,
		`in.json:12: [2]: not a LangChain graph document: no nodes or relationships`,
	}
	var got []string
	for _, p := range ps {
		got = append(got, p.Error())
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	ps = readLC(t, "in.jsonl", `{"nodes": [{"id": "a", "type": "Person"}], "relationships": []}`+"\n{oops\n")
	if len(ps) < 1 || !strings.HasPrefix(ps[len(ps)-1].Error(), "in.jsonl:2: syntax error") {
		t.Errorf("jsonl syntax: %v", ps)
	}
}

// FuzzReadLangChain: no input panics, and every rejection is a Problem.
func FuzzReadLangChain(f *testing.F) {
	for _, name := range []string{"seeds.json", "seeds.jsonl"} {
		data, err := os.ReadFile(filepath.Join("testdata", "langchain", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(data))
	}
	f.Add(`[{"nodes": [{"id": 1.5e3, "type": "X", "properties": {"a": [1, {"b": null}]}}], "relationships": [{"source": {"id": 1}, "target": {"id": "1"}, "type": ""}], "source": {"id": "s", "metadata": {"date": "2024-02-30"}}}]`)
	f.Fuzz(func(t *testing.T, text string) {
		b := graph.NewBuilder(nil, graph.Limits{})
		if err := ingest.ReadLangChain(b, strings.NewReader(text), "in.json", ingest.Options{}); err != nil {
			t.Fatalf("read error instead of a problem: %v", err)
		}
		_, gerr := b.Graph()
		var ps graph.Problems
		if gerr != nil && !errors.As(gerr, &ps) {
			t.Fatalf("Graph: %v", gerr)
		}
		for _, p := range ps {
			if p.Pos.File == "" || p.Msg == "" {
				t.Fatalf("problem without a place or message: %+v", p)
			}
		}
	})
}

// readLC reads text named name by content and returns its problems.
func readLC(t *testing.T, name, text string) graph.Problems {
	t.Helper()
	b := graph.NewBuilder(nil, graph.Limits{})
	if err := ingest.ReadFormat(b, strings.NewReader(text), name, "", ingest.Options{}); err != nil {
		t.Fatal(err)
	}
	_, err := b.Graph()
	var ps graph.Problems
	if err != nil && !errors.As(err, &ps) {
		t.Fatal(err)
	}
	return ps
}
