package graph

import (
	"cmp"
	"runtime"
	"slices"
	"sort"
	"sync"
)

// Graph is a merged, sourced property graph. Its slices are sorted by id
// (edges by from, type, to, date, id) and must be treated as read-only.
type Graph struct {
	Schema  *Schema
	Nodes   []*Node
	Edges   []*Edge
	Sources []*Source
	Merges  []Merge

	// idx finds nodes and sources by id; built on first use (validate
	// and most exports never look one up)
	idx *lazyIndex
	// held, when a Builder made the graph, are the only elements that
	// may hold more than one value of a property, in order: Conflicts
	// reads them, not a million relations scattered in memory
	held *propHolders
}

// propHolders are the nodes and edges of a graph that have properties.
type propHolders struct {
	nodes []*Node
	edges []*Edge
}

// lazyIndex maps ids to positions in a Graph's slices, built once.
type lazyIndex struct {
	once      sync.Once
	alias     map[string]string // merged record id -> canonical id
	nodeIdx   map[string]int
	sourceIdx map[string]int
}

// index returns g's index, building it on first use.
func (g *Graph) index() *lazyIndex {
	x := g.idx
	if x == nil {
		return &lazyIndex{} // a Graph made without New or a Builder finds nothing, as before
	}
	x.once.Do(func() {
		x.nodeIdx = make(map[string]int, len(g.Nodes)+len(x.alias))
		for i, n := range g.Nodes {
			x.nodeIdx[n.ID] = i
		}
		for from, into := range x.alias {
			if _, ok := x.nodeIdx[from]; !ok {
				if i, ok := x.nodeIdx[into]; ok {
					x.nodeIdx[from] = i
				}
			}
		}
		x.sourceIdx = make(map[string]int, len(g.Sources))
		for i, s := range g.Sources {
			x.sourceIdx[s.ID] = i
		}
		x.alias = nil
	})
	return x
}

// Node returns the node with id, or nil when there is none. Ids of records
// that were merged into another node resolve to the surviving node.
func (g *Graph) Node(id string) *Node {
	if i, ok := g.index().nodeIdx[id]; ok {
		return g.Nodes[i]
	}
	return nil
}

// Source returns the source with id, or nil when there is none.
func (g *Graph) Source(id string) *Source {
	if i, ok := g.index().sourceIdx[id]; ok {
		return g.Sources[i]
	}
	return nil
}

// Conflicts returns every property with more than one value, in node then
// edge order.
func (g *Graph) Conflicts() []Conflict {
	var out []Conflict
	if h := g.held; h != nil {
		for _, n := range h.nodes {
			out = appendConflicts(out, n.ID, false, n.Props)
		}
		for _, e := range h.edges {
			out = appendConflicts(out, e.ID, true, e.Props)
		}
		return out
	}
	for _, n := range g.Nodes {
		out = appendConflicts(out, n.ID, false, n.Props)
	}
	// A million relations are read on every core, each part in order.
	parts := make([][]Conflict, runtime.GOMAXPROCS(0))
	parallelRuns(len(g.Edges), func(part, lo, hi int) {
		for _, e := range g.Edges[lo:hi] {
			parts[part] = appendConflicts(parts[part], e.ID, true, e.Props)
		}
	})
	for _, p := range parts {
		out = append(out, p...)
	}
	return out
}

// appendConflicts appends the properties of element id with more than one
// value, by name.
func appendConflicts(out []Conflict, id string, edge bool, p Props) []Conflict {
	if len(p) == 0 {
		return out
	}
	for _, k := range p.Keys() {
		if len(p[k]) > 1 {
			out = append(out, Conflict{Element: id, Edge: edge, Prop: k, Values: p[k]})
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
	g.idx = &lazyIndex{alias: alias}
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
