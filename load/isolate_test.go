package load_test

import (
	"github.com/relgraph/relgraph/graph"
)

// isolate returns a copy of g with every id (nodes, relations, sources, and
// the references to them) prefixed, so that tests running at the same time
// in the one database of Neo4j Community never share an element.
func isolate(g *graph.Graph, prefix string) *graph.Graph {
	p := func(s string) string { return prefix + s }
	props := func(in graph.Props) graph.Props {
		out := graph.Props{}
		for k, vs := range in {
			for _, v := range vs {
				src := make([]string, len(v.Sources))
				for i, s := range v.Sources {
					src[i] = p(s)
				}
				out[k] = append(out[k], graph.Value{Value: v.Value, Sources: src})
			}
		}
		return out
	}
	cites := func(in []graph.Citation) []graph.Citation {
		out := make([]graph.Citation, len(in))
		for i, c := range in {
			out[i] = graph.Citation{Source: p(c.Source), Quote: c.Quote}
		}
		return out
	}
	var nodes []*graph.Node
	for _, n := range g.Nodes {
		c := *n
		c.ID, c.Props, c.Cites = p(n.ID), props(n.Props), cites(n.Cites)
		nodes = append(nodes, &c)
	}
	var edges []*graph.Edge
	for _, e := range g.Edges {
		c := *e
		c.ID, c.From, c.To, c.Props, c.Cites = p(e.ID), p(e.From), p(e.To), props(e.Props), cites(e.Cites)
		edges = append(edges, &c)
	}
	var sources []*graph.Source
	for _, s := range g.Sources {
		c := *s
		c.ID, c.Props = p(s.ID), props(s.Props)
		sources = append(sources, &c)
	}
	return graph.New(g.Schema, nodes, edges, sources)
}
