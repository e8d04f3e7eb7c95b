package export

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/relgraph/relgraph/graph"
)

func init() {
	Register(Format{Name: "grass", Ext: ".grass", Usage: "a Neo4j Browser style sheet: colour, size and caption per kind, the diagrams' palette (drag the file onto Browser, or :style)",
		NewEncoder: func(w io.Writer, o Options) Encoder { return NewGrassEncoder(w) }})
}

// kindColours is the Okabe–Ito palette the diagrams use (render.KindStyle
// derives its fills and outlines from the same colours; a test checks that
// the two agree). Kinds missing from it are grey.
//
// TODO: move this table to package graph (or a small shared package) so
// that render and export read one table instead of keeping two in step.
var kindColours = map[string]string{
	"Leader": "#E69F00", "Person": "#56B4E9", "State": "#009E73", "Agency": "#0072B2",
	"Place": "#F0E442", "Event": "#CC79A7", "Allegation": "#D55E00", "Source": "#999999",
}

// kindDiameters make the actors of the story stand out.
var kindDiameters = map[string]int{
	"Leader": 80, "State": 70, "Allegation": 65, "Agency": 60, "Event": 55, "Person": 50, "Place": 50, "Source": 40,
}

// typeColours mark what is alleged, denied or confirmed, as in diagrams.
var typeColours = map[string]string{
	"ALLEGES": "#0072B2", "DENIES": "#D55E00", "CONFIRMS": "#009E73", ReportsType: "#BBBBBB",
}

const (
	otherColour   = "#A5ABB6"
	otherDiameter = 50
)

// GrassEncoder writes a Neo4j Browser style sheet (GraSS) for the kinds of
// a graph's schema.
type GrassEncoder struct{ w *bufio.Writer }

// NewGrassEncoder returns an encoder writing to w.
func NewGrassEncoder(w io.Writer) *GrassEncoder { return &GrassEncoder{bufio.NewWriter(w)} }

// KindColour returns the palette colour of kind ("#rrggbb"), grey for kinds
// the palette lacks.
func KindColour(kind string) string {
	if c, ok := kindColours[kind]; ok {
		return c
	}
	return otherColour
}

// Encode writes the style: defaults for nodes and relationships, then one
// rule per kind of the schema (and Source) and per relation type, sorted.
func (e *GrassEncoder) Encode(g *graph.Graph) error {
	w := e.w
	kinds := map[string]bool{graph.KindSource: true}
	types := map[string]bool{ReportsType: true}
	if g.Schema != nil {
		for k := range g.Schema.Kinds {
			kinds[k] = true
		}
		for t := range g.Schema.Types {
			types[t] = true
		}
	}
	for _, n := range g.Nodes {
		kinds[n.Kind] = true
	}
	for _, x := range g.Edges {
		types[x.Type] = true
	}
	fmt.Fprintf(w, "node {\n  diameter: %dpx;\n  color: %s;\n  border-color: %s;\n  border-width: 2px;\n  text-color-internal: #000000;\n  font-size: 10px;\n  caption: \"{name}\";\n}\n\n",
		otherDiameter, otherColour, grassShade(otherColour))
	fmt.Fprintf(w, "relationship {\n  color: #6B6B6B;\n  shaft-width: 2px;\n  font-size: 8px;\n  padding: 3px;\n  text-color-external: #000000;\n  text-color-internal: #FFFFFF;\n  caption: \"<type>\";\n}\n")
	for _, k := range cypherSortedSet(kinds) {
		if !graph.IsIdent(k) {
			continue
		}
		c := KindColour(k)
		d, ok := kindDiameters[k]
		if !ok {
			d = otherDiameter
		}
		caption := "{name}" // a Source's name is its title, else its file
		fmt.Fprintf(w, "\nnode.%s {\n  color: %s;\n  border-color: %s;\n  text-color-internal: %s;\n  diameter: %dpx;\n  caption: \"%s\";\n}\n",
			k, c, grassShade(c), textOn(c), d, caption)
	}
	for _, t := range cypherSortedSet(types) {
		c, ok := typeColours[t]
		if !ok || !graph.IsIdent(t) {
			continue
		}
		width := 2
		if t == ReportsType {
			width = 1
		}
		fmt.Fprintf(w, "\nrelationship.%s {\n  color: %s;\n  shaft-width: %dpx;\n  caption: \"<type>\";\n}\n", t, c, width)
	}
	if err := w.Flush(); err != nil {
		return fmt.Errorf("export: grass: %w", err)
	}
	return nil
}

// grassShade darkens c to 80%, as the diagrams' outlines do.
func grassShade(c string) string {
	var r, g, b uint8
	fmt.Sscanf(strings.TrimPrefix(c, "#"), "%02x%02x%02x", &r, &g, &b)
	mix := func(v uint8) uint8 { return uint8(float64(v)*0.8 + 0.5) }
	return fmt.Sprintf("#%02X%02X%02X", mix(r), mix(g), mix(b))
}

// textOn returns black or white, whichever reads better on c.
func textOn(c string) string {
	var r, g, b uint8
	fmt.Sscanf(strings.TrimPrefix(c, "#"), "%02x%02x%02x", &r, &g, &b)
	if 0.299*float64(r)+0.587*float64(g)+0.114*float64(b) > 140 {
		return "#000000"
	}
	return "#FFFFFF"
}
