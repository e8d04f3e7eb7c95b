package view

import (
	"slices"
	"strings"

	"github.com/relgraph/relgraph/graph"
	"github.com/relgraph/relgraph/render"
)

// page is the JSON the page's script reads. Nodes, edges and sources refer
// to each other by index into these slices, which keeps the file small at
// thousands of elements; every slice is in the graph's (sorted) order.
type page struct {
	Title    string      `json:"title"`
	Kinds    []kindStyle `json:"kinds"`    // legend order, kinds present only
	Looks    []lookStyle `json:"looks"`    // relation looks, legend order
	Statuses []string    `json:"statuses"` // every status, in graph.Statuses order
	Large    bool        `json:"large"`    // draw for speed: straight edges, labels only when zoomed in
	Sources  []source    `json:"sources"`
	Nodes    []node      `json:"nodes"`
	Edges    []edge      `json:"edges"`
}

type kindStyle struct {
	Kind   string `json:"kind"`
	Fill   string `json:"fill"`
	Stroke string `json:"stroke"`
	Text   string `json:"text"`
	Shape  string `json:"shape"` // a Cytoscape.js node shape
	Border string `json:"border"`
	Count  int    `json:"count"`
}

type lookStyle struct {
	Key    string `json:"key"`
	Label  string `json:"label"`
	Colour string `json:"colour"`
	Line   string `json:"line"`  // solid, dashed, dotted
	Arrow  string `json:"arrow"` // a Cytoscape.js arrow shape
	Width  int    `json:"width"`
}

type source struct {
	ID     string `json:"id"`
	File   string `json:"file,omitempty"`
	Title  string `json:"title,omitempty"`
	Outlet string `json:"outlet,omitempty"`
	Author string `json:"author,omitempty"`
	Date   string `json:"date,omitempty"`
	URL    string `json:"url,omitempty"`
	Props  []prop `json:"props,omitempty"`
}

type node struct {
	ID      string   `json:"id"`
	Kind    string   `json:"kind"`
	Name    string   `json:"name"`
	Aliases []string `json:"aliases,omitempty"`
	// Keys are graph.Key of the name and each alias, joined by "\n": the
	// search compares with these, so it folds exactly as the merge does.
	Keys  string  `json:"keys"`
	Props []prop  `json:"props,omitempty"`
	Cites []cite  `json:"cites,omitempty"`
	X     float64 `json:"x"`
	Y     float64 `json:"y"`
}

type edge struct {
	ID     string   `json:"id"`
	From   int      `json:"s"`
	To     int      `json:"t"`
	Type   string   `json:"type"`
	Date   string   `json:"date,omitempty"`
	Until  string   `json:"until,omitempty"`
	Status string   `json:"status"` // "reported" when the input gives none
	Look   string   `json:"look"`
	Conf   *float64 `json:"conf,omitempty"`
	Props  []prop   `json:"props,omitempty"`
	Cites  []cite   `json:"cites,omitempty"`
}

// prop is one property with every value the sources give.
type prop struct {
	Key    string  `json:"k"`
	Values []value `json:"v"`
}

type value struct {
	Value   string `json:"v"`
	Sources []int  `json:"s,omitempty"`
}

type cite struct {
	Source int    `json:"s"`
	Quote  string `json:"q,omitempty"`
}

// largeGraph is the number of elements from which the page draws for
// speed rather than looks.
const largeGraph = 1500

// shapes maps render's Graphviz shapes to the nearest Cytoscape.js shape.
var shapes = map[string]string{
	"doubleoctagon": "octagon", "ellipse": "ellipse", "box": "round-rectangle", "component": "rectangle",
	"house": "pentagon", "note": "cut-rectangle", "hexagon": "hexagon", "folder": "tag",
}

func newPage(g *graph.Graph, title string) *page {
	p := &page{Title: title, Statuses: graph.Statuses, Large: len(g.Nodes)+len(g.Edges) > largeGraph}
	srcIdx := make(map[string]int, len(g.Sources))
	for i, s := range g.Sources {
		srcIdx[s.ID] = i
		p.Sources = append(p.Sources, source{ID: s.ID, File: s.File, Title: s.Title, Outlet: s.Outlet,
			Author: s.Author, Date: s.Date, URL: s.URL, Props: props(s.Props, srcIdx)})
	}
	nodeIdx := make(map[string]int, len(g.Nodes))
	counts := map[string]int{}
	for i, n := range g.Nodes {
		nodeIdx[n.ID] = i
		counts[n.Kind]++
		keys := []string{graph.Key(n.Name)}
		for _, a := range n.Aliases {
			keys = append(keys, graph.Key(a))
		}
		p.Nodes = append(p.Nodes, node{ID: n.ID, Kind: n.Kind, Name: n.Name, Aliases: n.Aliases,
			Keys: strings.Join(keys, "\n"), Props: props(n.Props, srcIdx), Cites: cites(n.Cites, srcIdx)})
	}
	var pairs [][2]int
	for _, e := range g.Edges {
		from, to := g.Node(e.From), g.Node(e.To)
		if from == nil || to == nil {
			continue
		}
		status := e.Status
		if status == "" {
			status = "reported"
		}
		x := edge{ID: e.ID, From: nodeIdx[from.ID], To: nodeIdx[to.ID], Type: e.Type, Date: e.Date, Until: e.Until,
			Status: status, Look: lookOf(e), Conf: e.Confidence, Props: props(e.Props, srcIdx), Cites: cites(e.Cites, srcIdx)}
		p.Edges = append(p.Edges, x)
		pairs = append(pairs, [2]int{x.From, x.To})
	}
	for i, xy := range positions(len(p.Nodes), pairs) {
		p.Nodes[i].X, p.Nodes[i].Y = xy[0], xy[1]
	}
	p.Kinds = kindStyles(g, counts)
	p.Looks = lookStyles()
	return p
}

// kindStyles lists the kinds present: render's legend order first, then
// the kinds of a user's schema, sorted.
func kindStyles(g *graph.Graph, counts map[string]int) []kindStyle {
	var kinds []string
	known := map[string]bool{}
	for _, k := range render.Kinds {
		known[k] = true
		if counts[k] > 0 {
			kinds = append(kinds, k)
		}
	}
	var other []string
	for k := range counts {
		if !known[k] {
			other = append(other, k)
		}
	}
	kinds = append(kinds, sorted(other)...)
	var out []kindStyle
	for _, k := range kinds {
		s := render.KindStyle(k)
		border := "solid"
		switch k {
		case "Leader":
			border = "double"
		case "Allegation":
			border = "dashed"
		}
		out = append(out, kindStyle{Kind: k, Fill: s.Fill, Stroke: s.Stroke, Text: s.Text, Shape: shapes[s.Shape],
			Border: border, Count: counts[k]})
	}
	return out
}

// lookOf says how a relation is drawn, as render's diagrams do: planned
// dashed, alleged dashed and speculated dotted in the alleged colour,
// denied dashed in the denial colour with a tee, DENIES solid with a tee.
func lookOf(e *graph.Edge) string {
	if e.Type == "DENIES" && e.Status != "denied" {
		return "denies"
	}
	switch e.Status {
	case "planned", "alleged", "speculated", "denied":
		return e.Status
	}
	return "reported"
}

func lookStyles() []lookStyle {
	t, _ := render.ThemeNamed("print")
	return []lookStyle{
		{Key: "reported", Label: "reported, confirmed", Colour: t.Edge, Line: "solid", Arrow: "triangle", Width: 1},
		{Key: "planned", Label: "planned", Colour: t.Edge, Line: "dashed", Arrow: "triangle", Width: 1},
		{Key: "alleged", Label: "alleged", Colour: t.Alleged, Line: "dashed", Arrow: "triangle", Width: 2},
		{Key: "speculated", Label: "speculated", Colour: t.Alleged, Line: "dotted", Arrow: "triangle", Width: 2},
		{Key: "denied", Label: "denied", Colour: t.Denied, Line: "dashed", Arrow: "tee", Width: 2},
		{Key: "denies", Label: "DENIES", Colour: t.Denied, Line: "solid", Arrow: "tee", Width: 2},
	}
}

func props(p graph.Props, srcIdx map[string]int) []prop {
	var out []prop
	for _, k := range p.Keys() {
		x := prop{Key: k}
		for _, v := range p[k] {
			y := value{Value: v.Value}
			for _, s := range v.Sources {
				if i, ok := srcIdx[s]; ok {
					y.Sources = append(y.Sources, i)
				}
			}
			x.Values = append(x.Values, y)
		}
		out = append(out, x)
	}
	return out
}

func cites(cs []graph.Citation, srcIdx map[string]int) []cite {
	var out []cite
	for _, c := range cs {
		if i, ok := srcIdx[c.Source]; ok {
			out = append(out, cite{Source: i, Quote: c.Quote})
		}
	}
	return out
}

func sorted(ss []string) []string {
	out := append([]string(nil), ss...)
	slices.Sort(out)
	return out
}
