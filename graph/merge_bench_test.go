package graph_test

import (
	"fmt"
	"testing"

	"github.com/relgraph/relgraph/graph"
)

// Merging must cost the record merged, not the node merged into: each
// benchmark merges n records into one node or one relation. Figures in
// BENCHMARKS.md ("Pathological merges").

// n people whose alias "Kim" is the name of the first node: every one
// merges into it, and past the alias limit each is a problem.
func BenchmarkMergeSharedAlias(b *testing.B) {
	for _, n := range []int{50000, 100000, 200000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				bd := graph.NewBuilder(nil, graph.Limits{})
				bd.AddSource(&graph.Source{ID: "s1"})
				bd.AddNode(&graph.Node{ID: "kim", Kind: "Person", Name: "Kim", Cites: cite("s1", "")})
				for j := 0; j < n; j++ {
					bd.AddNode(&graph.Node{ID: fmt.Sprintf("p%d", j), Kind: "Person", Name: fmt.Sprintf("Person %d", j), Aliases: []string{"Kim"}, Cites: cite("s1", ""), Pos: graph.Pos{File: "kim.jsonl", Line: j + 3}})
				}
				bd.Graph()
			}
		})
	}
}

// n relations a-MET_WITH->b without id or date, each with its own quote:
// one relation with n citations.
func BenchmarkMergeSameRelation(b *testing.B) {
	for _, n := range []int{50000, 100000, 200000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				bd := graph.NewBuilder(nil, graph.Limits{})
				bd.AddSource(&graph.Source{ID: "s1"})
				bd.AddNode(&graph.Node{ID: "a", Kind: "Person", Name: "A"})
				bd.AddNode(&graph.Node{ID: "b", Kind: "Person", Name: "B"})
				for j := 0; j < n; j++ {
					bd.AddEdge(&graph.Edge{From: "a", To: "b", Type: "MET_WITH", Cites: cite("s1", fmt.Sprintf("they met %d", j))})
				}
				if _, err := bd.Graph(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
