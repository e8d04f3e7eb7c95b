package graph

import (
	"cmp"
	"slices"
	"sort"
)

// Graph is a merged, sourced property graph. Its slices are sorted by id
// (edges by from, type, to, date, id) and must be treated as read-only.
type Graph struct {
	Schema  *Schema
	Nodes   []*Node
	Edges   []*Edge
	Sources []*Source
	Merges  []Merge

	nodeIdx   map[string]int
	sourceIdx map[string]int
}

// Node returns the node with id, or nil when there is none. Ids of records
// that were merged into another node resolve to the surviving node.
func (g *Graph) Node(id string) *Node {
	if i, ok := g.nodeIdx[id]; ok {
		return g.Nodes[i]
	}
	return nil
}

// Source returns the source with id, or nil when there is none.
func (g *Graph) Source(id string) *Source {
	if i, ok := g.sourceIdx[id]; ok {
		return g.Sources[i]
	}
	return nil
}

// Conflicts returns every property with more than one value, in node then
// edge order.
func (g *Graph) Conflicts() []Conflict {
	var out []Conflict
	for _, n := range g.Nodes {
		for _, k := range n.Props.Keys() {
			if len(n.Props[k]) > 1 {
				out = append(out, Conflict{Element: n.ID, Prop: k, Values: n.Props[k]})
			}
		}
	}
	for _, e := range g.Edges {
		for _, k := range e.Props.Keys() {
			if len(e.Props[k]) > 1 {
				out = append(out, Conflict{Element: e.ID, Edge: true, Prop: k, Values: e.Props[k]})
			}
		}
	}
	return out
}

// Degree returns the number of edges at each node id.
func (g *Graph) Degree() map[string]int {
	d := make(map[string]int, len(g.Nodes))
	for _, e := range g.Edges {
		d[e.From]++
		if e.To != e.From {
			d[e.To]++
		}
	}
	return d
}

// New returns a graph over the given elements, sorting them and indexing
// them. It does not check or merge anything: use a [Builder] for input.
func New(s *Schema, nodes []*Node, edges []*Edge, sources []*Source) *Graph {
	g := &Graph{Schema: s, Nodes: nodes, Edges: edges, Sources: sources}
	g.finish(nil, false)
	return g
}

func (g *Graph) finish(alias map[string]string, sorted bool) {
	if !sorted {
		sort.Slice(g.Nodes, func(i, j int) bool { return g.Nodes[i].ID < g.Nodes[j].ID })
		slices.SortFunc(g.Edges, edgeCmp)
	}
	sort.Slice(g.Sources, func(i, j int) bool { return g.Sources[i].ID < g.Sources[j].ID })
	g.nodeIdx = make(map[string]int, len(g.Nodes)+len(alias))
	for i, n := range g.Nodes {
		g.nodeIdx[n.ID] = i
	}
	for from, into := range alias {
		if _, ok := g.nodeIdx[from]; !ok {
			if i, ok := g.nodeIdx[into]; ok {
				g.nodeIdx[from] = i
			}
		}
	}
	g.sourceIdx = make(map[string]int, len(g.Sources))
	for i, s := range g.Sources {
		g.sourceIdx[s.ID] = i
	}
}

func edgeCmp(a, b *Edge) int {
	if c := cmp.Compare(a.From, b.From); c != 0 {
		return c
	}
	if c := cmp.Compare(a.Type, b.Type); c != 0 {
		return c
	}
	if c := cmp.Compare(a.To, b.To); c != 0 {
		return c
	}
	if c := cmp.Compare(a.Date, b.Date); c != 0 {
		return c
	}
	return cmp.Compare(a.ID, b.ID)
}
