package load_test

import (
	"context"
	"strings"
	"testing"

	"github.com/relgraph/relgraph/graph"
	"github.com/relgraph/relgraph/internal/neo4jtest"
	"github.com/relgraph/relgraph/load"
)

// small builds a graph of people a–d under prefix p, met in a chain.
func small(p string, drop string, role string) *graph.Graph {
	src := &graph.Source{ID: p + "src", File: "a.txt", Title: "Article", Props: graph.Props{}}
	var nodes []*graph.Node
	for _, id := range []string{"a", "b", "c", "d"} {
		if strings.Contains(drop, id) {
			continue
		}
		props := graph.Props{}
		if role != "" && id == "a" {
			props["role"] = []graph.Value{{Value: role, Sources: []string{src.ID}}}
		}
		nodes = append(nodes, &graph.Node{ID: p + id, Kind: "Person", Name: "Person " + id, Props: props,
			Cites: []graph.Citation{{Source: src.ID, Quote: "about " + id}}})
	}
	var edges []*graph.Edge
	for _, e := range [][2]string{{"a", "b"}, {"b", "c"}, {"c", "d"}} {
		if strings.Contains(drop, e[0]) || strings.Contains(drop, e[1]) {
			continue
		}
		edges = append(edges, &graph.Edge{ID: p + e[0] + e[1], From: p + e[0], To: p + e[1], Type: "MET_WITH", Status: "reported",
			Cites: []graph.Citation{{Source: src.ID, Quote: e[0] + " met " + e[1]}}})
	}
	return graph.New(graph.DefaultSchema(), nodes, edges, []*graph.Source{src})
}

func TestChangedInputAndPrune(t *testing.T) {
	s := neo4jtest.Get(t)
	ds, other := neo4jtest.Dataset(t, s), neo4jtest.Dataset(t, s)
	p := ds + "/"
	loadGraph(t, s, config(s, ds), small(p, "", "envoy"))
	// Another dataset holds b, c and the b–c relation too.
	loadGraph(t, s, config(s, other), small(p, "ad", ""))
	// Something relgraph did not write, attached to d.
	s.Run(t, "MATCH (d:Entity {id: $id}) CREATE (:Note {text: 'mine'})-[:ABOUT]->(d)", map[string]any{"id": p + "d"})
	t.Cleanup(func() {
		s.Run(t, "MATCH (n:Note {text: 'mine'})-[r:ABOUT]->(:Entity {id: $id}) DELETE r, n", map[string]any{"id": p + "d"})
	})

	// Changed input, without prune: a's role changes, the role property of
	// a disappears from the input in the next step; nothing is deleted.
	loadGraph(t, s, config(s, ds), small(p, "", "ambassador"))
	if got := s.Run(t, "MATCH (n {id: $id}) RETURN n.role AS role", map[string]any{"id": p + "a"}); got[0]["role"] != "ambassador" {
		t.Errorf("role not updated: %v", got)
	}
	loadGraph(t, s, config(s, ds), small(p, "", ""))
	if got := s.Run(t, "MATCH (n {id: $id}) RETURN n.role AS role, n.prop_keys AS keys", map[string]any{"id": p + "a"}); got[0]["role"] != nil {
		t.Errorf("role not removed: %v", got)
	}

	// Drop c and d: without --prune they stay. With it, they leave the
	// dataset: c–d and d's REPORTS are deleted; c, b–c and c's REPORTS stay
	// for the other dataset; d stays, untagged, because of the Note
	// relgraph did not write.
	loadGraph(t, s, config(s, ds), small(p, "cd", ""))
	if got := countsOf(t, s, ds); got.nodes != 4 {
		t.Errorf("without prune: %+v", got)
	}
	cfg := config(s, ds)
	cfg.Prune = true
	g := small(p, "cd", "")
	sum := loadGraph(t, s, cfg, g)
	if sum.Pruned == nil {
		t.Fatal("no prune summary")
	}
	if got, want := countsOf(t, s, ds), (counts{nodes: 2, sources: 1, rels: 1, reports: 2}); got != want {
		t.Errorf("after prune: %+v, want %+v", got, want)
	}
	if want := (load.Pruned{Relationships: 2, Untagged: 4}); *sum.Pruned != want {
		t.Errorf("prune summary %+v, want %+v", *sum.Pruned, want)
	}
	q := func(query, id string) int { return s.Int(t, query, map[string]any{"id": id, "ds": other}) }
	if q("MATCH (n:Entity {id: $id}) WHERE n.datasets = [$ds] RETURN count(n)", p+"c") != 1 {
		t.Errorf("pruning one dataset removed, or left tagged, a node another dataset holds")
	}
	if q("MATCH ()-[r {id: $id}]->() WHERE r.datasets = [$ds] RETURN count(r)", p+"bc") != 1 {
		t.Errorf("pruning one dataset removed a relationship another dataset holds")
	}
	if q("MATCH ()-[r {id: $id}]->() RETURN count(r)", p+"cd") != 0 {
		t.Errorf("pruning left c–d")
	}
	if q("MATCH (n:Entity {id: $id})<-[:ABOUT]-(:Note) WHERE n.datasets = [] RETURN count(n)", p+"d") != 1 {
		t.Errorf("pruning removed data relgraph did not write")
	}
	// Prune again: nothing more to do.
	sum = loadGraph(t, s, cfg, g)
	if *sum.Pruned != (load.Pruned{}) {
		t.Errorf("second prune did something: %+v", sum.Pruned)
	}
	_ = context.Background
}
