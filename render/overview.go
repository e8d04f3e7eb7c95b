package render

import (
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/relgraph/relgraph/graph"
)

// The overview is what a whole-graph diagram draws by default, so that it
// fits a printed page with every label readable (see README, "Diagrams").
// It leaves out three things, each named in the caption:
//   - REPORTED relations (who reported an event) — the sources list under
//     the diagram already says who reported what;
//   - belonging relations (LEADS, MEMBER_OF, PART_OF, LOCATED_IN) between
//     nodes in the same state box — the box says it;
//   - nodes with a single relation, folded into the node they relate to:
//     their names are listed under that node's name and in its tooltip.
//
// Detail "full" draws every node and relation, one edge per relation.

// Details lists the values of Options.Detail other than "".
var Details = []string{"auto", "overview", "full"}

// overviewNodes is the size above which "auto" draws the overview: up to
// this many nodes, a diagram fits a page without folding.
const overviewNodes = 24

// reportTypes are the relation types the overview leaves to the caption.
var reportTypes = map[string]bool{"REPORTED": true, "REPORTS": true}

// overviewCore is how many nodes the overview draws: the most connected.
// More do not fit a landscape A4 page with every label at 6 pt or more
// (measured on the embedded dataset: 10 draw at 4.6 pt, see BENCHMARKS.md).
const overviewCore = 8

// maxFoldNames is how many folded names a node lists under its own.
const maxFoldNames = 3

// overviewNote says what the overview left out.
type overviewNote struct {
	g                   *graph.Graph      // the graph before the overview
	state               map[string]string // node id -> its state box, worked out on g
	entities, relations int               // in the graph before the overview
	reported            int               // REPORTED relations left out
	implied             int               // belonging relations shown by boxes
	folded              map[string][]fold // host node id -> folded nodes, by name
	nFolded             int
	dropped             int           // relations of folded nodes to other nodes
	alone               []*graph.Node // nodes with no relation to the core
}

// fold is a node folded into its one neighbour, with the relations that
// joined them.
type fold struct {
	node *graph.Node
	rels []*graph.Edge
}

// useOverview reports whether options o draw g as an overview.
func useOverview(g *graph.Graph, o Options) bool {
	switch o.Detail {
	case "overview":
		return true
	case "full":
		return false
	}
	// A diff is drawn whole: an overview would fold away the very
	// elements it marks. (The size guard still applies.)
	if o.Marks != nil {
		return false
	}
	return len(g.Nodes) > overviewNodes
}

// overview returns the part of g the overview draws and what it left out.
// The result shares g's nodes and edges.
func overview(g *graph.Graph, o Options) (*graph.Graph, *overviewNote) {
	note := &overviewNote{g: g, entities: len(g.Nodes), relations: len(g.Edges), folded: map[string][]fold{}}
	state := map[string]string{}
	if o.ClusterBy == "state" {
		state = statesOf(g)
	}
	note.state = state
	var edges []*graph.Edge
	for _, e := range g.Edges {
		from, to := g.Node(e.From), g.Node(e.To)
		if from == nil || to == nil {
			continue
		}
		if from.ID != e.From || to.ID != e.To {
			// An edge naming a record merged into another: the new graph
			// has no aliases, so it names the surviving ids.
			c := *e
			c.From, c.To = from.ID, to.ID
			e = &c
		}
		switch {
		case reportTypes[e.Type] && !o.ShowSources:
			note.reported++
		case belongsTypes[e.Type] && state[e.From] != "" && state[e.From] == state[e.To]:
			note.implied++
		default:
			edges = append(edges, e)
		}
	}

	// The core: the overviewCore nodes with the most neighbours (ties by
	// id). Every other node folds into the core neighbour it has the most
	// relations with (ties: the better-ranked), or is left out when it has
	// none.
	nbrs := map[string]map[string]int{}
	link := func(a, b string) {
		if nbrs[a] == nil {
			nbrs[a] = map[string]int{}
		}
		nbrs[a][b]++
	}
	for _, e := range edges {
		if e.From != e.To {
			link(e.From, e.To)
			link(e.To, e.From)
		}
	}
	ranked := make([]*graph.Node, len(g.Nodes))
	copy(ranked, g.Nodes)
	sort.SliceStable(ranked, func(i, j int) bool {
		a, b := ranked[i], ranked[j]
		if (a.ID == o.Keep) != (b.ID == o.Keep) {
			return a.ID == o.Keep
		}
		return len(nbrs[a.ID]) > len(nbrs[b.ID])
	})
	rank := map[string]int{}
	for i, n := range ranked {
		rank[n.ID] = i
	}
	core := func(id string) bool { return rank[id] < overviewCore }
	host := map[string]string{}
	for _, n := range ranked[min(overviewCore, len(ranked)):] {
		best := ""
		for id, k := range nbrs[n.ID] {
			if !core(id) {
				continue
			}
			if best == "" || k > nbrs[n.ID][best] || k == nbrs[n.ID][best] && rank[id] < rank[best] {
				best = id
			}
		}
		host[n.ID] = best // "" when left out
	}
	var kept []*graph.Edge
	rels := map[string][]*graph.Edge{}
	for _, e := range edges {
		switch {
		case core(e.From) && core(e.To):
			kept = append(kept, e)
		case !core(e.From) && host[e.From] == e.To:
			rels[e.From] = append(rels[e.From], e)
		case !core(e.To) && host[e.To] == e.From:
			rels[e.To] = append(rels[e.To], e)
		default:
			note.dropped++
		}
	}
	var nodes []*graph.Node
	for _, n := range g.Nodes {
		switch {
		case core(n.ID):
			nodes = append(nodes, n)
		case host[n.ID] != "":
			note.folded[host[n.ID]] = append(note.folded[host[n.ID]], fold{node: n, rels: rels[n.ID]})
			note.nFolded++
		default:
			note.alone = append(note.alone, n)
		}
	}
	for _, fs := range note.folded {
		sort.Slice(fs, func(i, j int) bool {
			if fs[i].node.Name != fs[j].node.Name {
				return fs[i].node.Name < fs[j].node.Name
			}
			return fs[i].node.ID < fs[j].node.ID
		})
	}
	return graph.New(g.Schema, nodes, kept, g.Sources), note
}

// summary says in one sentence what the overview left out and how to get
// it.
func (n *overviewNote) summary(d *diagram) string {
	parts := []string{fmt.Sprintf("the %s most connected and %s between them drawn", plural(len(d.g.Nodes), "entity", "entities"), plural(len(d.g.Edges), "relation", "relations"))}
	if n.nFolded > 0 {
		parts = append(parts, fmt.Sprintf("the other %s folded into the drawn one they relate to most (counted under its name, named in its tooltip)", plural(n.nFolded, "entity", "entities")))
	}
	if len(n.alone) > 0 {
		parts = append(parts, fmt.Sprintf("%s related only to those not drawn", plural(len(n.alone), "entity", "entities")))
	}
	if n.dropped > 0 {
		parts = append(parts, fmt.Sprintf("%s of folded entities to others not drawn", plural(n.dropped, "relation", "relations")))
	}
	if n.reported > 0 {
		parts = append(parts, fmt.Sprintf("%s left to the sources list", plural(n.reported, "REPORTED relation", "REPORTED relations")))
	}
	if n.implied > 0 {
		parts = append(parts, fmt.Sprintf("%s shown by the state boxes", plural(n.implied, "belonging relation", "belonging relations")))
	}
	return strings.Join(parts, "; ") + ". --detail full draws everything."
}

// foldLine is the line under a host's name: how many nodes were folded
// into it (the caption names them).
func foldLine(fs []fold) string {
	return fmt.Sprintf("+ %d folded in", len(fs))
}

// foldCaption names, host by host, the nodes folded into each, as lines
// of HTML-like label text of about width characters.
func (n *overviewNote) foldCaption(d *diagram, width int) []string {
	var hosts []string
	for _, h := range d.g.Nodes { // sorted by id
		if len(n.folded[h.ID]) > 0 {
			hosts = append(hosts, h.ID)
		}
	}
	var text []string
	for _, h := range hosts {
		var names []string
		for _, f := range n.folded[h] {
			names = append(names, truncate(f.node.Name, 48))
		}
		text = append(text, "Into "+d.g.Node(h).Name+": "+strings.Join(names, ", ")+".")
	}
	if len(n.alone) > 0 {
		var names []string
		for _, a := range n.alone {
			names = append(names, truncate(a.Name, 48))
		}
		text = append(text, "Not drawn (related only to what was folded or left out): "+strings.Join(names, ", ")+".")
	}
	var lines []string
	for _, t := range text {
		lines = append(lines, wrapWords(t, width)...)
	}
	return lines
}

// wrapWords breaks s at spaces into lines of about width characters.
func wrapWords(s string, width int) []string {
	var lines []string
	var line strings.Builder
	for _, w := range strings.Fields(s) {
		if line.Len() > 0 && utf8.RuneCountInString(line.String())+1+utf8.RuneCountInString(w) > width {
			lines = append(lines, line.String())
			line.Reset()
		}
		if line.Len() > 0 {
			line.WriteByte(' ')
		}
		line.WriteString(w)
	}
	if line.Len() > 0 {
		lines = append(lines, line.String())
	}
	return lines
}
