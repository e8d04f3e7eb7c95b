package export_test

import (
	"testing"

	"github.com/relgraph/relgraph"
	"github.com/relgraph/relgraph/export"
	"github.com/relgraph/relgraph/graph"
)

// TestRowHashes: every row of CypherGroups carries its element's hash
// (what relgraph load compares), Hash and Key give it without building the
// row, and every hash of the embedded dataset is distinct.
func TestRowHashes(t *testing.T) {
	g, err := relgraph.DefaultGraph()
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]string{}
	for _, grp := range export.CypherGroups(g) {
		for i, row := range grp.Rows {
			k := grp.Key(i)
			if grp.Type == export.ReportsType {
				if grp.Hash(i) != "" || row["source"] != k.From || row["node"] != k.To || row["quote"] != k.Quote {
					t.Errorf("%s row %d: key %+v, hash %q; row %v", grp.Name, i, k, grp.Hash(i), row)
				}
				continue
			}
			props := row["props"].(map[string]any)
			h, _ := props[export.HashProperty].(string)
			if h == "" || h != grp.Hash(i) || len(h) != 22 {
				t.Errorf("%s row %d: hash %q, Hash %q", grp.Name, i, h, grp.Hash(i))
			}
			if row["id"] != k.ID || grp.Rels && (row["from"] != k.From || row["to"] != k.To) {
				t.Errorf("%s row %d: key %+v; row %v", grp.Name, i, k, row)
			}
			if other, dup := seen[h]; dup {
				t.Errorf("%s row %d and %s: the same hash", grp.Name, i, other)
			}
			seen[h] = grp.Name
		}
	}
}

// TestHashChanges: an element's hash changes with every field its row
// writes, and with nothing else.
func TestHashChanges(t *testing.T) {
	conf := 0.5
	edge := func() *graph.Edge {
		return &graph.Edge{ID: "r1", From: "a", To: "b", Type: "MET_WITH", Date: "2024-06", Status: "alleged", Confidence: &conf,
			Props: graph.Props{"place": {{Value: "Pyongyang", Sources: []string{"s1"}}}},
			Cites: []graph.Citation{{Source: "s1", Quote: "they met"}, {Source: "s2"}}}
	}
	srcs := []*graph.Source{{ID: "s1", File: "a.txt"}, {ID: "s2", File: "b.txt"}}
	nodes := []*graph.Node{{ID: "a", Kind: "Leader", Name: "A"}, {ID: "b", Kind: "Leader", Name: "B"}}
	hash := func(e *graph.Edge, ss []*graph.Source) string {
		return export.EdgeHash(graph.New(nil, nodes, []*graph.Edge{e}, ss), e)
	}
	base := hash(edge(), srcs)
	if again := hash(edge(), srcs); again != base {
		t.Fatalf("equal edges hash differently: %s, %s", base, again)
	}
	withPos := edge()
	withPos.Pos = graph.Pos{File: "elsewhere.json", Line: 9}
	if hash(withPos, srcs) != base {
		t.Errorf("the input position changed the hash")
	}
	conf2 := 0.50001
	for name, change := range map[string]func(*graph.Edge){
		"status":        func(e *graph.Edge) { e.Status = "denied" },
		"date":          func(e *graph.Edge) { e.Date = "2024-07" },
		"until":         func(e *graph.Edge) { e.Until = "2024" },
		"confidence":    func(e *graph.Edge) { e.Confidence = &conf2 },
		"no confidence": func(e *graph.Edge) { e.Confidence = nil },
		"endpoint":      func(e *graph.Edge) { e.To = "a" },
		"new citation":  func(e *graph.Edge) { e.Cites = append(e.Cites, graph.Citation{Source: "s2", Quote: "x"}) },
		"quote":         func(e *graph.Edge) { e.Cites[0].Quote = "they met twice" },
		"property":      func(e *graph.Edge) { e.Props["place"][0].Value = "Moscow" },
		"value source":  func(e *graph.Edge) { e.Props["place"][0].Sources = []string{"s2"} },
		"boundary":      func(e *graph.Edge) { e.Cites[0] = graph.Citation{Source: "s1they", Quote: " met"} },
	} {
		e := edge()
		change(e)
		if hash(e, srcs) == base {
			t.Errorf("%s: the hash did not change", name)
		}
	}
	moved := []*graph.Source{{ID: "s1", File: "a2.txt"}, srcs[1]}
	if hash(edge(), moved) == base {
		t.Errorf("a cited source's file changed and the hash did not")
	}
	n := &graph.Node{ID: "a", Kind: "Leader", Name: "A", Aliases: []string{"Mr A"}}
	nh := export.NodeHash(n)
	n.Aliases = append(n.Aliases, "Comrade A")
	if export.NodeHash(n) == nh {
		t.Errorf("an alias added and the node's hash did not change")
	}
	n.Aliases = n.Aliases[:1]
	n.Cites = []graph.Citation{{Source: "s1"}}
	if export.NodeHash(n) != nh {
		t.Errorf("a node's citations (REPORTS links, compared apart) changed its hash")
	}
	s := &graph.Source{ID: "s1", Title: "T"}
	sh := export.SourceHash(s)
	s.Outlet = "KCNA"
	if export.SourceHash(s) == sh {
		t.Errorf("a source's outlet changed and its hash did not")
	}
}
