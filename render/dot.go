package render

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"sort"
	"strings"

	"github.com/relgraph/relgraph/graph"
)

// DOTEncoder writes a graph as Graphviz DOT. Output is streamed, every
// user string escaped (see escape.go), and written in a fixed order —
// graph attributes, state boxes by state id, nodes by id, relations in the
// graph's order, source links — so the same graph and options give the same
// bytes.
type DOTEncoder struct {
	w   *bufio.Writer
	o   Options
	t   *Theme
	err error

	// mark applies to the next attribute list only: node and edge set it
	// from Options.Marks (diff.go), attrs applies and clears it.
	mark     *mark
	markNode bool
	// what was handed to Graphviz, for the size guard
	nodes, edges, items int
}

// NewDOT returns an encoder writing to w.
func NewDOT(w io.Writer, o Options) *DOTEncoder {
	return &DOTEncoder{w: bufio.NewWriter(w), o: o.withDefaults()}
}

// Encode writes g as one digraph. It fails on bad options (see
// [Options.Check]) and on write errors.
func (e *DOTEncoder) Encode(g *graph.Graph) error {
	if err := e.o.Check(); err != nil {
		return err
	}
	e.t, _ = ThemeNamed(e.o.Theme)
	if e.o.View == "timeline" {
		e.o.Layout = "dot"
		return e.encodeTimeline(g)
	}
	d := prepare(g, e.o)
	e.o = d.o
	e.nodes, e.edges = drawnSize(d)
	g = d.g
	e.header(d)
	e.clusters(d)
	e.printf("\n")
	for _, n := range g.Nodes {
		if d.state[n.ID] == "" {
			e.node(d, n, "  ")
		}
	}
	if e.o.ShowSources {
		for _, s := range d.sources {
			e.sourceNode(d, s)
		}
	}
	e.printf("\n")
	if e.o.Detail == "full" {
		for _, ed := range g.Edges {
			if g.Node(ed.From) != nil && g.Node(ed.To) != nil {
				e.edge(d, []*graph.Edge{ed})
			}
		}
	} else {
		for _, b := range bundles(g, d.note != nil) {
			e.edge(d, b)
		}
	}
	if e.o.ShowSources {
		e.sourceLinks(d)
	}
	e.printf("}\n")
	if e.err != nil {
		return e.err
	}
	return e.w.Flush()
}

func (e *DOTEncoder) printf(format string, args ...any) {
	if e.err == nil {
		_, e.err = fmt.Fprintf(e.w, format, args...)
	}
}

// attrs writes a bracketed attribute list; kv holds names and values,
// values already quoted or HTML (<…>).
func (e *DOTEncoder) attrs(kv ...string) {
	if e.mark != nil {
		kv = e.mark.apply(kv, e.markNode)
		e.mark = nil
	}
	e.printf(" [")
	for i := 0; i+1 < len(kv); i += 2 {
		if kv[i+1] == "" {
			continue
		}
		if i > 0 {
			e.printf(" ")
		}
		e.printf("%s=%s", kv[i], kv[i+1])
	}
	e.printf("]")
}

func (e *DOTEncoder) header(d *diagram) {
	t := e.t
	e.printf("// relgraph diagram: %s, %s, %s\n", plural(len(d.g.Nodes), "node", "nodes"),
		plural(len(d.g.Edges), "relation", "relations"), plural(len(d.sources), "source", "sources"))
	e.printf("digraph \"relgraph\" {\n")
	overlap, sep, esep := "false", "", ""
	if d.labelNodes {
		overlap, sep, esep = "prism", q("+4"), q("+2")
	}
	e.printf("  graph")
	e.attrs("layout", e.o.Layout, "rankdir", e.o.RankDir, "bgcolor", q(t.Background),
		"fontname", q(t.Font), "fontcolor", q(t.Text), "fontsize", fmt.Sprintf("%.0f", 10*d.legendScale()),
		"labelloc", "b", "labeljust", "l", "label", "<"+e.legend(d)+">",
		"tooltip", quoteTooltip(e.o.Title),
		"pad", "0.3", "nodesep", "0.3", "ranksep", "0.45", "overlap", overlap, "sep", sep, "esep", esep, "splines", splines(e.o.Layout, len(d.g.Nodes)),
		"outputorder", "edgesfirst", "newrank", "true", "compound", "true", "size", e.o.sizeAttr())
	e.printf(";\n  node")
	e.attrs("fontname", q(t.Font), "fontsize", "11", "style", q("filled"), "penwidth", "1.3", "margin", q("0.1,0.05"))
	e.printf(";\n  edge")
	e.attrs("fontname", q(t.Font), "fontsize", "8", "color", q(t.Edge), "fontcolor", q(t.Edge), "arrowsize", "0.7")
	e.printf(";\n")
}

// legend returns the graph label: title, legend and caption, as an
// HTML-like table. The kind and line-style rows are tables of their own so
// that a long caption does not stretch their cells.
func (e *DOTEncoder) legend(d *diagram) string {
	t := e.t
	var b strings.Builder
	b.WriteString(`<table border="0" cellborder="0" cellspacing="2" cellpadding="1">`)
	fmt.Fprintf(&b, `<tr><td align="left"><font point-size="%.0f"><b>%s</b></font></td></tr>`, 16*d.legendScale(), htmlText(e.o.Title))
	if n := d.note; n != nil {
		b.WriteString(`<tr><td align="left" balign="left">`)
		for _, l := range wrapWords(fmt.Sprintf("%s, %s from %s, drawn as an overview: %s",
			plural(n.entities, "entity", "entities"), plural(n.relations, "relation", "relations"),
			plural(len(d.sources), "source", "sources"), n.summary(d)), captionWidth) {
			b.WriteString(htmlText(l) + `<br align="left"/>`)
		}
		b.WriteString(`</td></tr>`)
	} else {
		fmt.Fprintf(&b, `<tr><td align="left">%s, %s from %s</td></tr>`,
			plural(d.entities, "entity", "entities"), plural(len(d.g.Edges), "relation", "relations"), plural(len(d.sources), "source", "sources"))
	}
	if n := d.note; n != nil && e.o.FoldList {
		if lines := n.foldCaption(d, captionWidth); len(lines) > 0 {
			b.WriteString(`<tr><td align="left" balign="left">`)
			for _, l := range lines {
				b.WriteString(htmlText(l) + `<br align="left"/>`)
			}
			b.WriteString(`</td></tr>`)
		}
	}
	if !e.o.NoLegend && len(d.kinds) > 0 {
		b.WriteString(`<tr><td align="left"><table border="0" cellborder="0" cellspacing="3" cellpadding="3"><tr>`)
		for _, k := range d.kinds {
			s := t.kind(k)
			fmt.Fprintf(&b, `<td bgcolor="%s" color="%s" border="1"><font color="%s">%s (%s)</font></td>`,
				s.Fill, s.Stroke, s.Text, htmlText(k), shapeNames[s.Shape])
		}
		b.WriteString(`</tr></table></td></tr>`)
		b.WriteString(`<tr><td align="left"><table border="0" cellborder="0" cellspacing="3" cellpadding="1"><tr>`)
		for _, st := range edgeStyles {
			if !d.styles[st.key] {
				continue
			}
			c := t.Edge
			switch st.colour {
			case "alleged":
				c = t.Alleged
			case "denied":
				c = t.Denied
			}
			fmt.Fprintf(&b, `<td align="left"><font color="%s">%s</font></td>`, c, htmlText(st.sample+" "+st.label))
		}
		b.WriteString(`</tr></table></td></tr>`)
	}
	if len(d.sources) > 0 {
		b.WriteString(`<tr><td align="left" balign="left">`)
		b.WriteString(`<b>Sources</b><br align="left"/>`)
		for i, s := range d.sources {
			if i == maxCaptionSources {
				fmt.Fprintf(&b, `… and %d more<br align="left"/>`, len(d.sources)-i)
				break
			}
			b.WriteString(htmlText(truncate(sourceCitation(s), 140)))
			b.WriteString(`<br align="left"/>`)
		}
		b.WriteString(`</td></tr>`)
	}
	b.WriteString(`</table>`)
	return b.String()
}

// captionWidth is the length, in characters, of caption lines.
const captionWidth = 130

// maxCaptionSources caps the caption so a graph built from hundreds of
// articles keeps a readable footer; the SVG <desc> and tooltips still
// name every source.
const maxCaptionSources = 12

// sourceCitation formats a source for the caption: "[id] title — outlet,
// date (file)".
func sourceCitation(s *graph.Source) string {
	var b strings.Builder
	fmt.Fprintf(&b, "[%s] %s", s.ID, s.Label())
	var meta []string
	if s.Outlet != "" {
		meta = append(meta, s.Outlet)
	}
	if s.Date != "" {
		meta = append(meta, s.Date)
	}
	if len(meta) > 0 {
		b.WriteString(" — " + strings.Join(meta, ", "))
	}
	if s.File != "" && s.Title != "" {
		fmt.Fprintf(&b, " (%s)", s.File)
	}
	return b.String()
}

var shapeNames = map[string]string{
	"doubleoctagon": "double octagon", "ellipse": "ellipse", "box": "box", "component": "component",
	"house": "house", "note": "note", "hexagon": "hexagon", "folder": "folder",
}

func (e *DOTEncoder) clusters(d *diagram) {
	for _, sid := range d.stateIDs {
		st := d.g.Node(sid)
		c := e.t.Cluster
		e.printf("\n  subgraph %s {\n    graph", quoteText("cluster_"+d.name(sid)))
		e.attrs("label", "<<b>"+htmlText(st.Name)+"</b>>", "style", q("rounded,filled"), "fillcolor", q(c.Fill),
			"color", q(c.Stroke), "fontcolor", q(c.Text), "fontsize", "12", "labeljust", "l", "labelloc", "t",
			"tooltip", quoteTooltip(st.Name))
		e.printf(";\n")
		for _, id := range d.members[sid] {
			e.node(d, d.g.Node(id), "    ")
		}
		e.printf("  }\n")
	}
}

func (e *DOTEncoder) node(d *diagram, n *graph.Node, indent string) {
	e.mark, e.markNode = e.o.Marks.forNode(n), true
	s := e.t.kind(n.Kind)
	style := "filled"
	switch n.Kind {
	case "Allegation":
		style = "filled,dashed"
	case "State":
		style = "filled,rounded,bold"
	}
	label := wrapLabel(n.Name, labelWidth)
	if d.note != nil && len(d.note.folded[n.ID]) > 0 {
		label += `<br/><font point-size="10">` + foldLine(d.note.folded[n.ID]) + `</font>`
	}
	e.printf("%s%s", indent, quoteText(d.name(n.ID)))
	e.attrs("label", "<"+label+">", "shape", s.Shape, "style", q(style),
		"fillcolor", q(s.Fill), "color", q(s.Stroke), "fontcolor", q(s.Text),
		"tooltip", quoteTooltip(nodeTooltip(d, n)))
	e.printf(";\n")
}

func (e *DOTEncoder) sourceNode(d *diagram, s *graph.Source) {
	st := e.t.kind(graph.KindSource)
	e.printf("  %s", quoteText(d.sourceNodeID(s.ID)))
	e.attrs("label", "<"+htmlText(truncate(s.Label(), 48))+">", "shape", st.Shape, "style", q("filled"),
		"fillcolor", q(st.Fill), "color", q(st.Stroke), "fontcolor", q(st.Text), "fontsize", "9",
		"tooltip", quoteTooltip(sourceCitation(s)))
	e.printf(";\n")
}

func (e *DOTEncoder) sourceLinks(d *diagram) {
	st := e.t.kind(graph.KindSource)
	for _, s := range d.sources {
		for _, id := range d.cited[s.ID] {
			e.printf("  %s -> %s", quoteText(d.sourceNodeID(s.ID)), quoteText(d.name(id)))
			e.attrs("style", "dotted", "color", q(st.Stroke), "arrowhead", "none", "tooltip", quoteTooltip(s.ID+" states this"))
			e.printf(";\n")
		}
	}
}

// edge writes one edge for relations between the same two nodes: their
// types stacked in the label, each line in its relation's colour, at most
// maxBundleLines of them, then a count of the rest. The edge is drawn in
// the look its relations share; relations drawn alike but in the other
// direction are marked "←" (the overview bundles both directions).
func (e *DOTEncoder) edge(d *diagram, rels []*graph.Edge) {
	e.mark, e.markNode = e.o.Marks.forEdges(rels...), false
	ed := rels[0]
	lk := edgeLook(ed)
	mixed, both := false, false
	for _, r := range rels[1:] {
		if edgeLook(r).key != lk.key {
			mixed = true
		}
		if r.From != ed.From {
			both = true
		}
	}
	if mixed {
		lk = look0
	}
	colour := func(l look) string {
		switch l.colour {
		case "alleged":
			return e.t.Alleged
		case "denied":
			return e.t.Denied
		}
		return e.t.Edge
	}
	c := colour(lk)
	var lb strings.Builder
	for i, r := range rels {
		if i == maxBundleLines && len(rels) > maxBundleLines+1 {
			fmt.Fprintf(&lb, "<br/>+ %d more (%d relations)", len(rels)-i, len(rels))
			break
		}
		if i > 0 {
			lb.WriteString("<br/>")
		}
		l := edgeLook(r)
		var line strings.Builder
		if r.From != ed.From {
			line.WriteString("← ")
		}
		line.WriteString(htmlText(l.prefix + r.Type))
		if l.suffix != "" {
			line.WriteString(" <i>" + htmlText(l.suffix) + "</i>")
		}
		if dt := dateRange(r); dt != "" {
			if len(rels) == 1 {
				line.WriteString("<br/>")
			} else {
				line.WriteString(" ")
			}
			line.WriteString(htmlText(dt))
		}
		if lc := colour(l); lc != c {
			fmt.Fprintf(&lb, `<font color="%s">%s</font>`, lc, line.String())
		} else {
			lb.WriteString(line.String())
		}
	}
	pen := "1"
	if lk.bold {
		pen = "2"
	}
	var tip strings.Builder
	for i, r := range rels {
		if i > 0 {
			tip.WriteString("\n\n")
		}
		tip.WriteString(edgeTooltip(d, r))
	}
	dir := ""
	if both {
		dir = "both"
	}
	// Ends are written by the id of the node they resolve to, in case an
	// edge still names a record merged into another.
	from, to := quoteText(d.name(d.g.Node(ed.From).ID)), quoteText(d.name(d.g.Node(ed.To).ID))
	tooltip := quoteTooltip(truncate(tip.String(), maxBundleTooltip))
	if !d.labelNodes {
		e.printf("  %s -> %s", from, to)
		e.attrs("label", "<"+lb.String()+">", "style", q(lk.style), "color", q(c), "fontcolor", q(c),
			"penwidth", pen, "arrowhead", lk.arrow, "dir", dir, "tooltip", tooltip)
		e.printf(";\n")
		return
	}
	mid := quoteText(uniqueName(d.used, "relation:"+d.g.Node(ed.From).ID+"→"+d.g.Node(ed.To).ID))
	e.printf("  %s", mid)
	e.attrs("label", "<"+lb.String()+">", "shape", "plain", "style", q(""), "fontsize", labelNodeFont, "fontcolor", q(c),
		"tooltip", tooltip)
	e.printf(";\n  %s -> %s", from, mid)
	tail := ""
	if both {
		tail = lk.arrow
	}
	e.attrs("style", q(lk.style), "color", q(c), "penwidth", pen, "arrowhead", "none", "arrowtail", tail, "dir", dir,
		"tooltip", tooltip)
	e.printf(";\n  %s -> %s", mid, to)
	e.attrs("style", q(lk.style), "color", q(c), "penwidth", pen, "arrowhead", lk.arrow, "tooltip", tooltip)
	e.printf(";\n")
}

// labelNodeFont is the size of relation labels drawn as nodes: larger
// than on edges (8), as an overview is drawn to fit a page.
const labelNodeFont = "10"

// look0 is how a bundle of relations drawn differently is drawn: plain,
// its label lines in their own colours.
var look0 = look{key: "reported", style: "solid", arrow: "normal"}

// maxBundleLines is how many relation types one edge label stacks.
const maxBundleLines = 3

// maxBundleTooltip bounds the tooltip of a bundle, in characters.
const maxBundleTooltip = 4000

// bundles groups g's relations by their ends (as resolved), direction and
// look — or, when anyway is set, by their two ends alone — in the order of
// each group's first relation (the graph's order).
func bundles(g *graph.Graph, anyway bool) [][]*graph.Edge {
	type key struct{ from, to, look string }
	idx := map[key]int{}
	var out [][]*graph.Edge
	for _, ed := range g.Edges {
		from, to := g.Node(ed.From), g.Node(ed.To)
		if from == nil || to == nil {
			continue
		}
		k := key{from.ID, to.ID, edgeLook(ed).key}
		if anyway { // both directions, any look
			k = key{min(from.ID, to.ID), max(from.ID, to.ID), ""}
		}
		i, ok := idx[k]
		if !ok {
			i = len(out)
			idx[k] = i
			out = append(out, nil)
		}
		out[i] = append(out[i], ed)
	}
	return out
}

// labelWidth is the line length, in characters, of node labels.
const labelWidth = 24

// look is how one relation is drawn.
type look struct {
	key            string // edgeStyles key, for the legend
	style          string // Graphviz style
	colour         string // "", "alleged" or "denied"
	arrow          string
	bold           bool
	prefix, suffix string // around the type in the label
}

// edgeStyles are the relation looks in legend order.
var edgeStyles = []struct{ key, sample, label, colour string }{
	{"reported", "──▶", "reported", ""},
	{"planned", "╌╌▶", "planned", ""},
	{"alleged", "╌╌▶", "alleged", "alleged"},
	{"speculated", "┈┈▶", "speculated", "alleged"},
	{"denied", "╌╌┤", "denied", "denied"},
	{"denies", "━━┤", "DENIES", "denied"},
}

func edgeLook(e *graph.Edge) look {
	l := look{key: "reported", style: "solid", arrow: "normal"}
	switch e.Status {
	case "planned":
		l = look{key: "planned", style: "dashed", arrow: "normal", suffix: "planned"}
	case "alleged":
		l = look{key: "alleged", style: "dashed", colour: "alleged", arrow: "normal", suffix: "alleged"}
	case "speculated":
		l = look{key: "speculated", style: "dotted", colour: "alleged", arrow: "normal", suffix: "speculated"}
	case "denied":
		l = look{key: "denied", style: "dashed", colour: "denied", arrow: "tee", bold: true, prefix: "DENIED: "}
	case "confirmed":
		l.suffix = "confirmed"
	}
	if e.Type == "DENIES" && e.Status != "denied" {
		l = look{key: "denies", style: "solid", colour: "denied", arrow: "tee", bold: true, suffix: l.suffix}
	}
	return l
}

func dateRange(e *graph.Edge) string {
	switch {
	case e.Date != "" && e.Until != "":
		return e.Date + "–" + e.Until
	case e.Until != "":
		return "until " + e.Until
	}
	return e.Date
}

// maxTooltipCites bounds a tooltip; the caption and <desc> list the rest.
const maxTooltipCites = 8

func nodeTooltip(d *diagram, n *graph.Node) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s (%s)", n.Name, n.Kind)
	if len(n.Aliases) > 0 {
		b.WriteString("\nAlso: " + truncate(strings.Join(n.Aliases, ", "), 200))
	}
	writeCites(&b, d, n.Cites)
	if d.note != nil && len(d.note.folded[n.ID]) > 0 {
		b.WriteString("\nFolded into this node (one relation each):")
		for _, f := range d.note.folded[n.ID] {
			for _, r := range f.rels {
				from, to := d.note.g.Node(r.From), d.note.g.Node(r.To)
				fmt.Fprintf(&b, "\n• %s %s %s", from.Name, r.Type, to.Name)
				if st := strings.Trim(r.Status+", "+dateRange(r), ", "); st != "" {
					b.WriteString(" (" + st + ")")
				}
				b.WriteString(" [" + strings.Join(r.SourceIDs(), ", ") + "]")
			}
		}
	}
	return b.String()
}

func edgeTooltip(d *diagram, e *graph.Edge) string {
	var b strings.Builder
	from, to := d.g.Node(e.From), d.g.Node(e.To)
	fmt.Fprintf(&b, "%s %s %s", from.Name, e.Type, to.Name)
	var meta []string
	if e.Status != "" {
		meta = append(meta, e.Status)
	}
	if dt := dateRange(e); dt != "" {
		meta = append(meta, dt)
	}
	if len(meta) > 0 {
		b.WriteString(" (" + strings.Join(meta, ", ") + ")")
	}
	writeCites(&b, d, e.Cites)
	return b.String()
}

func writeCites(b *strings.Builder, d *diagram, cs []graph.Citation) {
	if len(cs) == 0 {
		return
	}
	b.WriteString("\nSources:")
	for i, c := range cs {
		if i == maxTooltipCites {
			fmt.Fprintf(b, "\n… and %d more", len(cs)-i)
			return
		}
		label := c.Source
		if s := d.g.Source(c.Source); s != nil {
			label = "[" + s.ID + "] " + s.Label()
		}
		b.WriteString("\n• " + truncate(label, 100))
		if c.Quote != "" {
			b.WriteString(": “" + truncate(c.Quote, 160) + "”")
		}
	}
}

// diagram is what the encoder works out about g before writing.
type diagram struct {
	g        *graph.Graph
	entities int
	kinds    []string        // kinds drawn, legend order
	styles   map[string]bool // edge looks used
	sources  []*graph.Source // cited by what is drawn, by id
	cited    map[string][]string
	state    map[string]string   // node id -> state node id (cluster)
	stateIDs []string            // clusters, sorted
	members  map[string][]string // state id -> member ids, sorted
	srcIDs   map[string]string
	names    map[string]string // node id -> DOT node name, where they differ
	o        Options           // as drawn (the overview boxes by state)
	note     *overviewNote     // what the overview left out; nil when all is drawn
	used     map[string]bool   // DOT node names taken
	// labelNodes draws each edge's label as a node of its own in the
	// middle of the edge, so that force layouts keep labels apart.
	labelNodes bool
}

// prepare works out what to draw: the overview of g (see overview.go) or
// g itself.
func prepare(g *graph.Graph, o Options) *diagram {
	o = o.withDefaults()
	if !useOverview(g, o) {
		d := newDiagram(g, o)
		if o.Layout == "" {
			o.Layout = autoEngine(drawnSize(d))
		}
		d.o = o
		return d
	}
	if o.Layout == "" {
		// A force layout with the labels as nodes is the most compact
		// that keeps every label clear of the others (see BENCHMARKS.md).
		o.Layout = "neato"
	}
	if o.Layout != "dot" && o.Layout != "fdp" {
		o.ClusterBy = "" // the other engines draw no boxes
	}
	part, note := overview(g, o)
	d := newDiagramIn(part, o, note.state)
	d.o, d.note = o, note
	// The caption cites every source of the selection, also those that
	// only state what the overview leaves out.
	cited := map[string]bool{}
	for _, n := range g.Nodes {
		for _, id := range n.SourceIDs() {
			cited[id] = true
		}
	}
	for _, e := range g.Edges {
		for _, id := range e.SourceIDs() {
			cited[id] = true
		}
	}
	d.sources = nil
	for _, s := range g.Sources {
		if cited[s.ID] {
			d.sources = append(d.sources, s)
		}
	}
	d.srcIDs = map[string]string{}
	for _, s := range d.sources {
		if _, ok := d.srcIDs[s.ID]; !ok {
			d.srcIDs[s.ID] = uniqueName(d.used, "source:"+s.ID)
		}
	}
	d.labelNodes = o.Layout != "dot"
	return d
}

// uniqueName returns name, or name with a numbered suffix, unused so far.
func uniqueName(used map[string]bool, name string) string {
	if !used[name] {
		used[name] = true
		return name
	}
	for i := 2; ; i++ {
		if c := fmt.Sprintf("%s (%d)", name, i); !used[c] {
			used[c] = true
			return c
		}
	}
}

func newDiagram(g *graph.Graph, o Options) *diagram { return newDiagramIn(g, o, nil) }

// newDiagramIn is newDiagram with the state boxes given: within maps a
// node id to its state's id (the overview works them out before it drops
// the relations they come from).
func newDiagramIn(g *graph.Graph, o Options, within map[string]string) *diagram {
	d := &diagram{g: g, styles: map[string]bool{}, cited: map[string][]string{}, state: map[string]string{}}
	present := map[string]bool{}
	for _, n := range g.Nodes {
		if n.Kind != graph.KindSource {
			d.entities++
		}
		present[n.Kind] = true
	}
	if o.ShowSources && len(g.Sources) > 0 {
		present[graph.KindSource] = true
	}
	for _, k := range Kinds {
		if present[k] {
			d.kinds = append(d.kinds, k)
		}
	}
	var extra []string
	for k := range present {
		if _, ok := okabeIto[k]; !ok {
			extra = append(extra, k)
		}
	}
	sort.Strings(extra)
	d.kinds = append(d.kinds, extra...)

	// Sources cited by the drawn elements, and what each states.
	cites := map[string]map[string]bool{}
	add := func(src, node string) {
		if cites[src] == nil {
			cites[src] = map[string]bool{}
		}
		cites[src][node] = true
	}
	for _, n := range g.Nodes {
		for _, id := range n.SourceIDs() {
			add(id, n.ID)
		}
	}
	for _, e := range g.Edges {
		d.styles[edgeLook(e).key] = true
		for _, id := range e.SourceIDs() {
			add(id, e.From)
			add(id, e.To)
		}
	}
	for _, s := range g.Sources {
		if cites[s.ID] != nil {
			d.sources = append(d.sources, s)
			d.cited[s.ID] = sortedSet(cites[s.ID])
		}
	}
	if o.ClusterBy == "state" {
		d.state = statesOf(g)
		if within != nil {
			d.state = map[string]string{}
			for _, n := range g.Nodes {
				if sid := within[n.ID]; sid != "" && g.Node(sid) != nil {
					d.state[n.ID] = sid
				}
			}
		}
		d.members = map[string][]string{}
		for _, n := range g.Nodes { // sorted, so members are too
			if sid := d.state[n.ID]; sid != "" {
				if len(d.members[sid]) == 0 {
					d.stateIDs = append(d.stateIDs, sid)
				}
				d.members[sid] = append(d.members[sid], n.ID)
			}
		}
		// A box around a lone state says nothing: draw it unboxed.
		ids := d.stateIDs[:0]
		for _, sid := range d.stateIDs {
			if len(d.members[sid]) < 2 {
				delete(d.state, sid)
				delete(d.members, sid)
				continue
			}
			ids = append(ids, sid)
		}
		d.stateIDs = ids
		sort.Strings(d.stateIDs)
	}
	// DOT node names are the ids, except where an id holds characters XML
	// cannot carry (clean drops them) or would then clash with another:
	// those get a numbered suffix, so distinct nodes stay distinct.
	d.names, d.srcIDs = map[string]string{}, map[string]string{}
	used := map[string]bool{}
	unique := func(id string) string {
		name := clean(id)
		if name == id && !used[name] {
			used[name] = true
			return name
		}
		for i := 2; ; i++ {
			if c := fmt.Sprintf("%s (%d)", name, i); !used[c] {
				used[c] = true
				return c
			}
		}
	}
	for _, n := range g.Nodes {
		if !used[n.ID] && clean(n.ID) == n.ID {
			used[n.ID] = true
		}
	}
	for _, n := range g.Nodes {
		if clean(n.ID) != n.ID {
			d.names[n.ID] = unique(n.ID)
		}
	}
	for _, s := range d.sources {
		d.srcIDs[s.ID] = unique("source:" + s.ID)
	}
	d.used = used
	return d
}

// legendScale grows the title, legend and caption with the graph, so they
// stay legible when a large diagram is scaled down to fit a page.
func (d *diagram) legendScale() float64 {
	return min(max(math.Sqrt(float64(len(d.g.Nodes))/16), 1), 3)
}

// name returns the DOT node name of node id.
func (d *diagram) name(id string) string {
	if n, ok := d.names[id]; ok {
		return n
	}
	return id
}

func (d *diagram) sourceNodeID(id string) string { return d.srcIDs[id] }

func sortedSet(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

func q(s string) string { return quoteText(s) }
