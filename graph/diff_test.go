package graph_test

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/relgraph/relgraph"
	"github.com/relgraph/relgraph/graph"
)

// small builds a two-article graph, letting edit change the records first.
func small(t *testing.T, edit func(ns []*graph.Node, es []*graph.Edge, ss []*graph.Source) ([]*graph.Node, []*graph.Edge, []*graph.Source)) *graph.Graph {
	t.Helper()
	ss := []*graph.Source{{ID: "s1", File: "a.txt", Title: "A"}, {ID: "s2", File: "b.txt"}}
	ns := []*graph.Node{
		{ID: "kim", Kind: "Leader", Name: "Kim Jong Un", Aliases: []string{"Kim"}, Cites: []graph.Citation{{Source: "s1", Quote: "Kim Jong Un"}}},
		{ID: "putin", Kind: "Leader", Name: "Vladimir Putin", Cites: []graph.Citation{{Source: "s1", Quote: "Putin"}}},
		{ID: "nk", Kind: "State", Name: "North Korea", Cites: []graph.Citation{{Source: "s2", Quote: "North Korea"}}},
	}
	es := []*graph.Edge{
		{ID: "met", From: "kim", To: "putin", Type: "MET_WITH", Date: "2023-09", Status: "reported", Cites: []graph.Citation{{Source: "s1", Quote: "they met"}}},
		{ID: "leads", From: "kim", To: "nk", Type: "LEADS", Status: "reported", Cites: []graph.Citation{{Source: "s2", Quote: "leader"}}},
	}
	if edit != nil {
		ns, es, ss = edit(ns, es, ss)
	}
	b := graph.NewBuilder(nil, graph.Limits{})
	for _, s := range ss {
		b.AddSource(s)
	}
	for _, n := range ns {
		b.AddNode(n)
	}
	for _, e := range es {
		b.AddEdge(e)
	}
	g, err := b.Graph()
	if err != nil {
		t.Fatal(err)
	}
	return g
}

func str(s string) *string { return &s }

var compareTests = []struct {
	name string
	edit func(ns []*graph.Node, es []*graph.Edge, ss []*graph.Source) ([]*graph.Node, []*graph.Edge, []*graph.Source)
	want func(d *graph.Diff)
}{
	{name: "equal", want: func(d *graph.Diff) {}},
	{
		name: "node added, edge removed",
		edit: func(ns []*graph.Node, es []*graph.Edge, ss []*graph.Source) ([]*graph.Node, []*graph.Edge, []*graph.Source) {
			ns = append(ns, &graph.Node{ID: "ru", Kind: "State", Name: "Russia", Cites: []graph.Citation{{Source: "s2", Quote: "Russia"}}})
			return ns, es[:1], ss
		},
		want: func(d *graph.Diff) { d.Nodes.Added = []string{"ru"}; d.Edges.Removed = []string{"leads"} },
	},
	{
		name: "edge fields",
		edit: func(ns []*graph.Node, es []*graph.Edge, ss []*graph.Source) ([]*graph.Node, []*graph.Edge, []*graph.Source) {
			es[0].Date, es[0].Status = "", "planned"
			es[0].Props = graph.Props{"when": {{Value: "on Wednesday"}}}
			es[0].Cites = []graph.Citation{{Source: "s1", Quote: "they met on Wednesday"}}
			return ns, es, ss
		},
		want: func(d *graph.Diff) {
			d.Edges.Changed = []graph.Change{{ID: "met", Fields: []graph.FieldChange{
				{Field: "date", Old: str("2023-09"), New: str("")},
				{Field: "status", Old: str("reported"), New: str("planned")},
				{Field: "props.when", Added: []string{"on Wednesday [s1]"}},
				{Field: "sources", Added: []string{"s1: they met on Wednesday"}, Removed: []string{"s1: they met"}},
			}}}
		},
	},
	{
		name: "node fields and a source",
		edit: func(ns []*graph.Node, es []*graph.Edge, ss []*graph.Source) ([]*graph.Node, []*graph.Edge, []*graph.Source) {
			ns[0].Name, ns[0].Aliases = "Kim Jong-un", []string{"Mr. Kim"}
			ss[0].Title = "A, corrected"
			return ns, es, ss
		},
		want: func(d *graph.Diff) {
			d.Nodes.Changed = []graph.Change{{ID: "kim", Fields: []graph.FieldChange{
				{Field: "name", Old: str("Kim Jong Un"), New: str("Kim Jong-un")},
				{Field: "aliases", Added: []string{"Mr. Kim"}, Removed: []string{"Kim"}},
			}}}
			d.Sources.Changed = []graph.Change{{ID: "s1", Fields: []graph.FieldChange{{Field: "title", Old: str("A"), New: str("A, corrected")}}}}
		},
	},
	{
		name: "merge and conflict new",
		edit: func(ns []*graph.Node, es []*graph.Edge, ss []*graph.Source) ([]*graph.Node, []*graph.Edge, []*graph.Source) {
			ns = append(ns, &graph.Node{ID: "kim2", Kind: "Leader", Name: "Kim Jong-un", Cites: []graph.Citation{{Source: "s2", Quote: "Kim Jong-un"}}})
			return ns, es, ss
		},
		want: func(d *graph.Diff) {
			d.Nodes.Changed = []graph.Change{{ID: "kim", Fields: []graph.FieldChange{
				{Field: "aliases", Added: []string{"Kim Jong-un"}},
				{Field: "props.name", Added: []string{"Kim Jong Un [s1]", "Kim Jong-un [s2]"}},
				{Field: "sources", Added: []string{"s2: Kim Jong-un"}},
			}}}
			d.Merges.Added = []graph.Merge{{Into: "kim", From: "kim2", Name: "Kim Jong-un", Reason: `name "Kim Jong-un" matches`}}
			d.Conflicts.Added = []graph.Conflict{{Element: "kim", Prop: "name", Values: []graph.Value{{Value: "Kim Jong Un", Sources: []string{"s1"}}, {Value: "Kim Jong-un", Sources: []string{"s2"}}}}}
		},
	},
}

// empty returns the Diff of two equal graphs, to which a test adds what it
// expects.
func empty() *graph.Diff {
	e := func() graph.ElementDiff {
		return graph.ElementDiff{Added: []string{}, Removed: []string{}, Changed: []graph.Change{}}
	}
	return &graph.Diff{Nodes: e(), Edges: e(), Sources: e(),
		Merges:    graph.MergeDiff{Added: []graph.Merge{}, Removed: []graph.Merge{}},
		Conflicts: graph.ConflictDiff{Added: []graph.Conflict{}, Removed: []graph.Conflict{}}}
}

func TestCompare(t *testing.T) {
	for _, tt := range compareTests {
		t.Run(tt.name, func(t *testing.T) {
			old, new := small(t, nil), small(t, tt.edit)
			got := graph.Compare(old, new)
			for i := range got.Merges.Added {
				got.Merges.Added[i].Pos = graph.Pos{}
			}
			want := empty()
			tt.want(want)
			if !reflect.DeepEqual(got, want) {
				g, _ := json.MarshalIndent(got, "", " ")
				w, _ := json.MarshalIndent(want, "", " ")
				t.Errorf("got\n%s\nwant\n%s", g, w)
			}
			if got.Equal() != (tt.name == "equal") {
				t.Errorf("Equal() = %v", got.Equal())
			}
			// The other way round, added and removed swap.
			back := graph.Compare(new, old)
			if !reflect.DeepEqual(back.Nodes.Added, want.Nodes.Removed) || !reflect.DeepEqual(back.Edges.Removed, want.Edges.Added) ||
				len(back.Merges.Removed) != len(want.Merges.Added) || len(back.Conflicts.Removed) != len(want.Conflicts.Added) {
				t.Errorf("reversed diff does not mirror: %+v", back)
			}
		})
	}
}

// The embedded dataset against itself, read twice, is equal, and its JSON
// is the same every time.
func TestCompareDatasetWithItself(t *testing.T) {
	a, err := relgraph.DefaultGraph()
	if err != nil {
		t.Fatal(err)
	}
	b, err := relgraph.DefaultGraph()
	if err != nil {
		t.Fatal(err)
	}
	d := graph.Compare(a, b)
	if !d.Equal() {
		j, _ := json.Marshal(d)
		t.Fatalf("dataset differs from itself: %s", j)
	}
	j1, _ := json.Marshal(d)
	j2, _ := json.Marshal(graph.Compare(a, b))
	if string(j1) != string(j2) || !strings.Contains(string(j1), `"nodes":{"added":[]`) {
		t.Errorf("unstable or unexpected JSON: %s", j1)
	}
}
