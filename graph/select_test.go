package graph

import (
	"errors"
	"reflect"
	"sort"
	"strings"
	"testing"
)

// selectGraph: two states, their leaders, an alleged supply and a denial,
// cited by two articles.
func selectGraph() *Graph {
	c := func(ids ...string) []Citation {
		var cs []Citation
		for _, id := range ids {
			cs = append(cs, Citation{Source: id, Quote: "q-" + id})
		}
		return cs
	}
	nodes := []*Node{
		{ID: "kim", Kind: "Leader", Name: "Kim Jong Un", Aliases: []string{"김정은", "Kim Jong-un"}, Cites: c("a1")},
		{ID: "putin", Kind: "Leader", Name: "Vladimir Putin", Aliases: []string{"Владимир Путин"}, Cites: c("a1", "a2")},
		{ID: "nk", Kind: "State", Name: "North Korea", Cites: c("a1")},
		{ID: "ru", Kind: "State", Name: "Russia", Cites: c("a1", "a2")},
		{ID: "peskov", Kind: "Person", Name: "Dmitry Peskov", Cites: c("a2")},
		{ID: "claim", Kind: "Allegation", Name: "North Korea supplies shells", Cites: c("a2")},
		{ID: "lone", Kind: "Place", Name: "Nowhere", Cites: c("a2")},
	}
	edges := []*Edge{
		{ID: "e1", From: "kim", To: "nk", Type: "LEADS", Cites: c("a1")},
		{ID: "e2", From: "putin", To: "ru", Type: "LEADS", Cites: c("a1", "a2")},
		{ID: "e3", From: "kim", To: "putin", Type: "MET_WITH", Date: "2023-09-13", Cites: c("a1")},
		{ID: "e4", From: "nk", To: "ru", Type: "SUPPLIES", Date: "2023-08", Until: "2023-10", Status: "alleged", Cites: c("a2")},
		{ID: "e5", From: "peskov", To: "claim", Type: "DENIES", Date: "2023-10-14", Cites: c("a2")},
		{ID: "e6", From: "peskov", To: "ru", Type: "MEMBER_OF", Cites: c("a2")},
		{ID: "e7", From: "kim", To: "putin", Type: "INVITED", Date: "2024", Cites: c("a1")},
	}
	sources := []*Source{{ID: "a1", File: "001_kcna.txt"}, {ID: "a2", File: "002_tass.txt", Title: "Kremlin rejects"}}
	return New(DefaultSchema(), nodes, edges, sources)
}

func ids[T any](xs []T, id func(T) string) []string {
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = id(x)
	}
	sort.Strings(out)
	return out
}

func nodeIDs(g *Graph) []string { return ids(g.Nodes, func(n *Node) string { return n.ID }) }
func edgeIDs(g *Graph) []string { return ids(g.Edges, func(e *Edge) string { return e.ID }) }

func TestSelect(t *testing.T) {
	all := []string{"claim", "kim", "lone", "nk", "peskov", "putin", "ru"}
	tests := []struct {
		name    string
		sel     Selection
		nodes   []string
		edges   []string
		sources []string
		cut     int
	}{
		{"zero keeps all", Selection{}, all, []string{"e1", "e2", "e3", "e4", "e5", "e6", "e7"}, []string{"a1", "a2"}, 0},
		{"focus by id", Selection{Focus: "kim"}, []string{"kim", "nk", "putin"}, []string{"e1", "e3", "e7"}, []string{"a1", "a2"}, 0},
		{"focus by alias", Selection{Focus: "김정은"}, []string{"kim", "nk", "putin"}, []string{"e1", "e3", "e7"}, []string{"a1", "a2"}, 0},
		{"focus by name, loose", Selection{Focus: "kim jong-un"}, []string{"kim", "nk", "putin"}, []string{"e1", "e3", "e7"}, []string{"a1", "a2"}, 0},
		{"focus depth 2", Selection{Focus: "Kim Jong Un", Depth: 2}, []string{"kim", "nk", "putin", "ru"},
			[]string{"e1", "e2", "e3", "e4", "e7"}, []string{"a1", "a2"}, 0},
		{"kinds", Selection{Kinds: []string{"Leader", "State"}}, []string{"kim", "nk", "putin", "ru"},
			[]string{"e1", "e2", "e3", "e4", "e7"}, []string{"a1", "a2"}, 0},
		{"types", Selection{Types: []string{"DENIES", "SUPPLIES"}}, []string{"claim", "nk", "peskov", "ru"}, []string{"e4", "e5"}, []string{"a1", "a2"}, 0},
		{"since month overlaps period", Selection{Since: "2023-10"}, []string{"claim", "kim", "nk", "peskov", "putin", "ru"},
			[]string{"e4", "e5", "e7"}, []string{"a1", "a2"}, 0},
		{"until year", Selection{Until: "2023"}, []string{"claim", "kim", "nk", "peskov", "putin", "ru"}, []string{"e3", "e4", "e5"}, []string{"a1", "a2"}, 0},
		{"since and until", Selection{Since: "2023-09-01", Until: "2023-09-30"}, []string{"kim", "nk", "putin", "ru"}, []string{"e3", "e4"}, []string{"a1", "a2"}, 0},
		{"source by file", Selection{Source: "002_tass.txt"}, []string{"claim", "lone", "nk", "peskov", "putin", "ru"},
			[]string{"e2", "e4", "e5", "e6"}, []string{"a2"}, 0},
		{"source by id and path", Selection{Source: "some/dir/002_tass.txt"}, []string{"claim", "lone", "nk", "peskov", "putin", "ru"},
			[]string{"e2", "e4", "e5", "e6"}, []string{"a2"}, 0},
		// kim, putin and ru have three relations each: ties go by id.
		{"max nodes", Selection{MaxNodes: 2}, []string{"kim", "putin"}, []string{"e3", "e7"}, []string{"a1", "a2"}, 5},
		{"max nodes keeps focus", Selection{Focus: "nk", Depth: 3, MaxNodes: 2}, []string{"kim", "nk"}, []string{"e1"}, []string{"a1"}, 4},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := selectGraph()
			got, info, err := Select(g, tt.sel)
			if err != nil {
				t.Fatal(err)
			}
			if n := nodeIDs(got); !reflect.DeepEqual(n, tt.nodes) {
				t.Errorf("nodes %v, want %v", n, tt.nodes)
			}
			if e := edgeIDs(got); !reflect.DeepEqual(e, tt.edges) {
				t.Errorf("edges %v, want %v", e, tt.edges)
			}
			if s := ids(got.Sources, func(s *Source) string { return s.ID }); !reflect.DeepEqual(s, tt.sources) {
				t.Errorf("sources %v, want %v", s, tt.sources)
			}
			if info.Cut != tt.cut {
				t.Errorf("cut %d, want %d", info.Cut, tt.cut)
			}
		})
	}
}

func TestSelectSourceNarrowsCitations(t *testing.T) {
	g := selectGraph()
	got, _, err := Select(g, Selection{Source: "a2"})
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range got.Nodes {
		for _, c := range n.Cites {
			if c.Source != "a2" {
				t.Errorf("node %s keeps citation of %s", n.ID, c.Source)
			}
		}
	}
	for _, e := range got.Edges {
		for _, c := range e.Cites {
			if c.Source != "a2" {
				t.Errorf("edge %s keeps citation of %s", e.ID, c.Source)
			}
		}
	}
	// The input is untouched.
	if p := g.Node("putin"); len(p.Cites) != 2 {
		t.Errorf("input node changed: %v", p.Cites)
	}
	for _, e := range g.Edges {
		if e.ID == "e2" && len(e.Cites) != 2 {
			t.Errorf("input edge changed: %v", e.Cites)
		}
	}
	if len(g.Nodes) != 7 || len(g.Edges) != 7 {
		t.Errorf("input graph changed: %d nodes, %d edges", len(g.Nodes), len(g.Edges))
	}
}

func TestSelectErrors(t *testing.T) {
	tests := []struct {
		sel  Selection
		is   error
		want string
	}{
		// One suggestion per node, by its name, though the alias "Kim Jong-un" is as close.
		{Selection{Focus: "Kim Jong Il"}, ErrNoSuchNode, `no such node named "Kim Jong Il" (did you mean "Kim Jong Un"?)`},
		{Selection{Focus: "김정운"}, ErrNoSuchNode, `(did you mean "Kim Jong Un"?)`},
		{Selection{Focus: "Ким"}, ErrNoSuchNode, `no such node named "Ким"`},
		{Selection{Focus: "Vladmir Putin"}, ErrNoSuchNode, `did you mean "Vladimir Putin"`},
		{Selection{Source: "003.txt"}, ErrNoSuchSource, `no such source "003.txt"`},
		{Selection{Types: []string{"HOSTILE_TO"}}, ErrEmpty, "selection is empty"},
		{Selection{Since: "2030"}, ErrEmpty, "selection is empty"},
		{Selection{Since: "2023-13"}, nil, "not a calendar date"},
	}
	for _, tt := range tests {
		_, _, err := Select(selectGraph(), tt.sel)
		if err == nil {
			t.Errorf("%+v: no error", tt.sel)
			continue
		}
		if tt.is != nil && !errors.Is(err, tt.is) {
			t.Errorf("%+v: %v is not %v", tt.sel, err, tt.is)
		}
		if !strings.Contains(err.Error(), tt.want) || !strings.HasPrefix(err.Error(), "graph: ") {
			t.Errorf("%+v: error %q lacks %q", tt.sel, err, tt.want)
		}
	}
}
