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
	// Another dataset has b, c and the b–c relation too, under the same ids.
	loadGraph(t, s, config(s, other), small(p, "ad", ""))
	otherDump := s.Dump(t, other)
	// Something relgraph did not write, attached to d.
	s.Run(t, "MATCH (d:Entity {dataset: $ds, id: $id}) CREATE (:Note {text: 'mine'})-[:ABOUT]->(d)", map[string]any{"id": p + "d", "ds": ds})
	t.Cleanup(func() {
		s.Run(t, "MATCH (n:Note {text: 'mine'})-[r:ABOUT]->(d:Entity {id: $id}) DELETE r, n, d", map[string]any{"id": p + "d"})
	})

	// Changed input, without prune: a's role changes, the role property of
	// a disappears from the input in the next step; nothing is deleted.
	loadGraph(t, s, config(s, ds), small(p, "", "ambassador"))
	if got := s.Run(t, "MATCH (n {dataset: $ds, id: $id}) RETURN n.role AS role", map[string]any{"id": p + "a", "ds": ds}); got[0]["role"] != "ambassador" {
		t.Errorf("role not updated: %v", got)
	}
	loadGraph(t, s, config(s, ds), small(p, "", ""))
	if got := s.Run(t, "MATCH (n {dataset: $ds, id: $id}) RETURN n.role AS role, n.prop_keys AS keys", map[string]any{"id": p + "a", "ds": ds}); got[0]["role"] != nil {
		t.Errorf("role not removed: %v", got)
	}

	// Drop c and d: without --prune they stay. With it, they leave the
	// dataset: c, b–c, c–d and the REPORTS of c and d are deleted; d stays,
	// outside the dataset, because of the Note relgraph did not write; the
	// other dataset's b, c and b–c, with the same ids, are untouched.
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
	if want := (load.Pruned{Nodes: 1, Relationships: 4, Untagged: 1}); *sum.Pruned != want {
		t.Errorf("prune summary %+v, want %+v", *sum.Pruned, want)
	}
	if got := s.Dump(t, other); got != otherDump {
		t.Errorf("pruning one dataset changed another with the same ids:\n%s", diff(otherDump, got))
	}
	q := func(query, id string) int { return s.Int(t, query, map[string]any{"id": id, "ds": ds}) }
	if q("MATCH ()-[r {id: $id}]->() RETURN count(r)", p+"cd") != 0 {
		t.Errorf("pruning left c–d")
	}
	if q("MATCH (n:Entity {id: $id})<-[:ABOUT]-(:Note) WHERE n.dataset IS NULL RETURN count(n)", p+"d") != 1 {
		t.Errorf("pruning removed data relgraph did not write, or left it in the dataset")
	}
	// Prune again: nothing more to do.
	sum = loadGraph(t, s, cfg, g)
	if *sum.Pruned != (load.Pruned{}) {
		t.Errorf("second prune did something: %+v", sum.Pruned)
	}
	_ = context.Background
}
