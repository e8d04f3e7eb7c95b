package graph_test

import (
	"fmt"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/relgraph/relgraph/graph"
)

// mergeInput builds a graph with thousands of relations: repeats of ids
// (same ends: merged), repeats of ends, type and date without an id
// (merged), and, when conflict is set, one id reused for other ends.
func mergeInput(t *testing.T, conflict bool) (*graph.Graph, error) {
	t.Helper()
	b := graph.NewBuilder(nil, graph.Limits{})
	for i := 0; i < 20; i++ {
		b.AddSource(&graph.Source{ID: fmt.Sprintf("s%02d", i)})
	}
	for i := 0; i < 300; i++ {
		b.AddNode(&graph.Node{ID: fmt.Sprint("n", i), Kind: "Person", Name: fmt.Sprint("Person ", i), Cites: cite("s00", "")})
	}
	for i := 0; i < 6000; i++ {
		j := i % 2000 // records j, j+2000 and j+4000 share ends and id or key
		from, to := fmt.Sprint("n", j%300), fmt.Sprint("n", (j*7+1)%300)
		src := fmt.Sprintf("s%02d", i%20)
		e := &graph.Edge{From: from, To: to, Type: "MET_WITH", Status: []string{"reported", "confirmed"}[i%2], Cites: cite(src, fmt.Sprint("q", i%3)), Pos: graph.Pos{File: "in.jsonl", Line: i + 1}}
		if j%3 != 0 {
			e.ID = fmt.Sprint("r", j)
		} else {
			e.Date = fmt.Sprint(2020 + j%4)
		}
		b.AddEdge(e)
	}
	if conflict {
		b.AddEdge(&graph.Edge{ID: "r1", From: "n5", To: "n6", Type: "MET_WITH", Cites: cite("s01", ""), Pos: graph.Pos{File: "in.jsonl", Line: 7001}})
	}
	return b.Graph()
}

// Relations that share an id or a key merge into the first, whatever the
// number of cores the shards run on; an id reused for other ends is a
// problem at its line.
func TestShardedMerge(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	var want string
	for _, procs := range []int{1, 2, 4, 8} {
		runtime.GOMAXPROCS(procs)
		g, err := mergeInput(t, false)
		if err != nil {
			t.Fatal(err)
		}
		var sb strings.Builder
		for _, e := range g.Edges {
			fmt.Fprintf(&sb, "%s %s %s %s %s %v %v\n", e.ID, e.From, e.To, e.Date, e.Status, e.Cites, e.Props)
		}
		if want == "" {
			want = sb.String()
			// every id merged its three records; every keyed relation its repeats
			if r1 := strings.Count(want, "\nr1 "); r1 != 1 {
				t.Fatalf("r1 appears %d times", r1)
			}
			for _, e := range g.Edges {
				if e.ID == "r1" && len(e.Cites) != 3 {
					t.Errorf("r1 cites %v, want the three records'", e.Cites)
				}
			}
			continue
		}
		if sb.String() != want {
			t.Fatalf("GOMAXPROCS %d merges differently", procs)
		}
		_, err = mergeInput(t, true)
		if err == nil || !strings.Contains(err.Error(), `in.jsonl:7001: id: conflicting duplicate relation id "r1"`) {
			t.Fatalf("GOMAXPROCS %d: conflicting id: %v", procs, err)
		}
	}
}

// A graph from a Builder lists its conflicts from the elements it knows
// have properties; they are those a scan of every element finds: values
// that differ in merged relations and nodes, and relations given several
// values of a property, merged or not.
func TestConflictsOfBuiltGraph(t *testing.T) {
	b := graph.NewBuilder(nil, graph.Limits{})
	for i := 0; i < 4; i++ {
		b.AddSource(&graph.Source{ID: fmt.Sprint("s", i)})
	}
	for i := 0; i < 400; i++ {
		// n0..n199, then the same names again under other ids: merged
		name := fmt.Sprint("Person ", i%200)
		if i >= 200 {
			name = strings.ToUpper(name) // another spelling of one name
		}
		b.AddNode(&graph.Node{ID: fmt.Sprint("n", i), Kind: "Person", Name: name, Cites: cite(fmt.Sprint("s", i%4), "")})
	}
	for i := 0; i < 3000; i++ {
		e := &graph.Edge{ID: fmt.Sprint("r", i%1000), From: fmt.Sprint("n", i%1000%200), To: fmt.Sprint("n", (i%1000*7+1)%200), Type: "MET_WITH",
			Status: []string{"reported", "confirmed", "alleged"}[i%3], Cites: cite(fmt.Sprint("s", i%4), ""), Pos: graph.Pos{File: "in.jsonl", Line: i + 1}}
		switch {
		case i%1000%5 == 0:
			e.Status = "reported" // merged, no conflict
		case i%97 == 0:
			e.Props = graph.Props{"place": {{Value: "Vladivostok", Sources: []string{"s0"}}, {Value: "Vostochny", Sources: []string{"s1"}}}}
		case i%89 == 0:
			e.Props = graph.Props{"place": {{Value: "Pyongyang"}}}
		}
		if i%7 == 0 {
			e.ID = "" // merged by ends, type and date
			e.Date = fmt.Sprint(2020 + i%3)
		}
		b.AddEdge(e)
	}
	g, err := b.Graph()
	if err != nil {
		t.Fatal(err)
	}
	got := g.Conflicts()
	scan := graph.New(g.Schema, slices.Clone(g.Nodes), slices.Clone(g.Edges), slices.Clone(g.Sources)).Conflicts()
	if len(got) == 0 || !reflect.DeepEqual(got, scan) {
		t.Fatalf("conflicts of the built graph (%d) differ from those of a scan (%d):\n%v\n%v", len(got), len(scan), got, scan)
	}
	var nodes, edges int
	for _, c := range got {
		if c.Edge {
			edges++
		} else {
			nodes++
		}
	}
	if nodes == 0 || edges == 0 {
		t.Fatalf("%d node and %d edge conflicts: the test wants both", nodes, edges)
	}
}
