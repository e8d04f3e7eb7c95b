package graph_test

import (
	"fmt"

	"github.com/relgraph/relgraph/graph"
)

// Two articles spell one leader two ways; the builder merges them and keeps
// each spelling with the article that uses it.
func ExampleBuilder() {
	b := graph.NewBuilder(nil, graph.Limits{})
	b.AddSource(&graph.Source{ID: "src-000", File: "000_e135d90bb63d3935.txt"})
	b.AddSource(&graph.Source{ID: "src-002", File: "002_dd999458a9e93cc0.txt"})
	b.AddNode(&graph.Node{ID: "kim-jong-un", Kind: "Leader", Name: "Kim Jong Un",
		Cites: []graph.Citation{{Source: "src-000", Quote: "North Korean leader Kim Jong Un"}}})
	b.AddNode(&graph.Node{ID: "kim", Kind: "Leader", Name: "Kim Jong-un",
		Cites: []graph.Citation{{Source: "src-002", Quote: "North Korean leader Kim Jong-un"}}})
	g, err := b.Graph()
	if err != nil {
		fmt.Println(err)
		return
	}
	n := g.Node("kim")
	fmt.Println(n.ID, n.Aliases, n.SourceIDs())
	for _, v := range n.Props["name"] {
		fmt.Println(v.Value, v.Sources)
	}
	fmt.Println(g.Merges[0].Reason)
	// Output:
	// kim-jong-un [Kim Jong-un] [src-000 src-002]
	// Kim Jong Un [src-000]
	// Kim Jong-un [src-002]
	// name "Kim Jong-un" matches
}
