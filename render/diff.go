package render

import (
	"sort"
	"strings"

	"github.com/relgraph/relgraph/graph"
)

// Diagrams of what changed (relgraph render --diff OLD): [WithRemoved]
// puts back into the new graph what the old one had and the new one lacks,
// and [NewMarks] says how to mark each element. The DOT encoder consults
// Options.Marks once per node and edge (DOTEncoder.attrs): a marked
// element gets a word before its label (NEW, REMOVED, CHANGED), a thick or
// dashed outline in the mark's colour, and its tooltip says what changed.
// Nothing else of the drawing changes, so the kind's shape and fill and the
// relation's status line style stay readable.

// Mark states, in the order a bundle of relations takes the first present.
const (
	MarkAdded   = "added"
	MarkRemoved = "removed"
	MarkChanged = "changed"
)

// Marks says which nodes and edges, by id, a diagram marks, and how.
type Marks struct {
	nodes, edges map[string]mark
}

type mark struct {
	state  string
	fields []string // for a change, the fields that changed
}

// NewMarks marks what d says was added, removed or changed.
func NewMarks(d *graph.Diff) *Marks {
	m := &Marks{nodes: map[string]mark{}, edges: map[string]mark{}}
	fill := func(dst map[string]mark, e graph.ElementDiff) {
		for _, id := range e.Added {
			dst[id] = mark{state: MarkAdded}
		}
		for _, id := range e.Removed {
			dst[id] = mark{state: MarkRemoved}
		}
		for _, c := range e.Changed {
			fs := make([]string, len(c.Fields))
			for i, f := range c.Fields {
				fs[i] = f.Field
			}
			dst[c.ID] = mark{state: MarkChanged, fields: fs}
		}
	}
	fill(m.nodes, d.Nodes)
	fill(m.edges, d.Edges)
	return m
}

// Node returns how node id is marked: "" when it is not.
func (m *Marks) Node(id string) string {
	if m == nil {
		return ""
	}
	return m.nodes[id].state
}

// Edge returns how edge id is marked: "" when it is not.
func (m *Marks) Edge(id string) string {
	if m == nil {
		return ""
	}
	return m.edges[id].state
}

// WithRemoved returns new with the nodes, edges and sources that d says
// were removed put back from old, so a diagram can show them struck out.
// An edge comes back when both its ends are in the result.
func WithRemoved(new, old *graph.Graph, d *graph.Diff) *graph.Graph {
	if len(d.Nodes.Removed)+len(d.Edges.Removed)+len(d.Sources.Removed) == 0 {
		return new
	}
	nodes := append([]*graph.Node(nil), new.Nodes...)
	have := make(map[string]bool, len(nodes))
	for _, n := range nodes {
		have[n.ID] = true
	}
	for _, id := range d.Nodes.Removed {
		if n := old.Node(id); n != nil && !have[n.ID] {
			nodes = append(nodes, n)
			have[n.ID] = true
		}
	}
	removed := make(map[string]bool, len(d.Edges.Removed))
	for _, id := range d.Edges.Removed {
		removed[id] = true
	}
	edges := append([]*graph.Edge(nil), new.Edges...)
	for _, e := range old.Edges {
		if !removed[e.ID] {
			continue
		}
		from, to := old.Node(e.From), old.Node(e.To)
		if from == nil || to == nil || !have[from.ID] || !have[to.ID] {
			continue
		}
		c := *e
		c.From, c.To = from.ID, to.ID
		edges = append(edges, &c)
	}
	sources := append([]*graph.Source(nil), new.Sources...)
	for _, id := range d.Sources.Removed {
		if s := old.Source(id); s != nil {
			sources = append(sources, s)
		}
	}
	return graph.New(new.Schema, nodes, edges, sources)
}

// markLooks are the attribute overrides per state: the outline colour and
// width, and for a removed element a dashed grey look.
var markLooks = map[string]struct{ word, colour, pen string }{
	MarkAdded:   {"NEW", "#009E73", "4"},
	MarkRemoved: {"REMOVED", "#999999", "2"},
	MarkChanged: {"CHANGED", "#E69F00", "4"},
}

// forNode returns the mark of node n, or nil.
func (m *Marks) forNode(n *graph.Node) *mark {
	if m == nil {
		return nil
	}
	if k, ok := m.nodes[n.ID]; ok {
		return &k
	}
	return nil
}

// forEdges returns the mark of a drawn edge standing for rels (one
// relation, or several bundled): the first state among added, removed,
// changed that one of them has, with every changed field.
func (m *Marks) forEdges(rels ...*graph.Edge) *mark {
	if m == nil {
		return nil
	}
	for _, state := range []string{MarkAdded, MarkRemoved, MarkChanged} {
		var out *mark
		seen := map[string]bool{}
		for _, r := range rels {
			if k, ok := m.edges[r.ID]; ok && k.state == state {
				if out == nil {
					out = &mark{state: state}
				}
				for _, f := range k.fields {
					if !seen[f] {
						seen[f] = true
						out.fields = append(out.fields, f)
					}
				}
			}
		}
		if out != nil {
			sort.Strings(out.fields)
			return out
		}
	}
	return nil
}

// apply rewrites an attribute list (names and values, values quoted or
// HTML) of a node (node true) or an edge for mark k.
func (k *mark) apply(kv []string, node bool) []string {
	look := markLooks[k.state]
	out := append([]string(nil), kv...)
	set := func(name, v string) {
		for i := 0; i+1 < len(out); i += 2 {
			if out[i] == name {
				out[i+1] = v
				return
			}
		}
		out = append(out, name, v)
	}
	tip := look.word
	if k.state == MarkChanged && len(k.fields) > 0 {
		tip += ": " + strings.Join(k.fields, ", ")
	}
	for i := 0; i+1 < len(out); i += 2 {
		v := out[i+1]
		switch out[i] {
		case "label":
			sep := " "
			if node {
				sep = "<br/>"
			}
			if strings.HasPrefix(v, "<") && strings.HasSuffix(v, ">") {
				out[i+1] = "<<b>" + look.word + "</b>" + sep + v[1:]
			}
		case "tooltip":
			if strings.HasPrefix(v, `"`) {
				q := quoteTooltip(tip + "\n")
				out[i+1] = q[:len(q)-1] + v[1:]
			}
		}
	}
	set("color", q(look.colour))
	set("penwidth", look.pen)
	if k.state == MarkRemoved {
		set("fontcolor", q(look.colour))
		if node {
			set("style", q("filled,dashed"))
			set("fillcolor", q("#F2F2F2"))
		} else {
			set("style", q("dashed"))
		}
	}
	return out
}
