package render

import (
	"bytes"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/relgraph/relgraph/graph"
)

// Format is an output format of [Write].
type Format string

// The formats, in the order help lists them.
const (
	DOT Format = "dot"
	SVG Format = "svg"
	PNG Format = "png"
	PDF Format = "pdf"
)

// Formats lists every format.
var Formats = []Format{DOT, SVG, PNG, PDF}

// ParseFormat returns the format called name.
func ParseFormat(name string) (Format, error) {
	for _, f := range Formats {
		if string(f) == strings.ToLower(name) {
			return f, nil
		}
	}
	return "", optionError{fmt.Errorf("render: unknown format %q (one of dot, svg, png, pdf)", name)}
}

// FormatOf returns the format named by path's extension (".gv" is DOT),
// and false when the extension names none.
func FormatOf(path string) (Format, bool) {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".dot", ".gv":
		return DOT, true
	case ".svg":
		return SVG, true
	case ".png":
		return PNG, true
	case ".pdf":
		return PDF, true
	}
	return "", false
}

// Write draws g in format f to w. Nothing is written to w when layout
// fails, so a caller writing a file can discard it whole.
func Write(w io.Writer, g *graph.Graph, f Format, o Options) error {
	if err := o.Check(); err != nil {
		return err
	}
	o = o.withDefaults()
	if f == DOT {
		return NewDOT(w, o).Encode(g)
	}
	var dot bytes.Buffer
	enc := NewDOT(&dot, o)
	if err := enc.Encode(g); err != nil {
		return err
	}
	o = enc.o // with the layout engine chosen for g
	check := checkSize(o.Layout, enc.nodes, enc.edges)
	if o.View == "timeline" {
		check = checkTimeline(enc.items)
	}
	if check != nil {
		return check
	}
	switch f {
	case SVG:
		var svg bytes.Buffer
		if err := layoutTo(&svg, dot.Bytes(), o.Layout, "svg"); err != nil {
			return err
		}
		title, desc := describe(g, o)
		return finishSVG(w, svg.Bytes(), title, desc)
	case PNG, PDF:
		var js bytes.Buffer
		if err := layoutTo(&js, pngDOT(dot.Bytes()), o.Layout, "json"); err != nil {
			return err
		}
		if f == PDF {
			return paintPDF(w, js.Bytes(), o)
		}
		return paintPNG(w, js.Bytes(), o)
	}
	return optionError{fmt.Errorf("render: unknown format %q", f)}
}

// describe returns the SVG's title and long description: what is drawn
// and from which sources.
func describe(g *graph.Graph, o Options) (title, desc string) {
	d := newDiagram(g, o)
	var b strings.Builder
	fmt.Fprintf(&b, "Relation diagram: %s and %s", plural(d.entities, "entity", "entities"), plural(len(g.Edges), "relation", "relations"))
	if len(d.kinds) > 0 {
		b.WriteString(" (" + strings.Join(d.kinds, ", ") + ")")
	}
	fmt.Fprintf(&b, ", from %s.", plural(len(d.sources), "source", "sources"))
	for _, s := range d.sources {
		b.WriteString(" " + sourceCitation(s) + ".")
	}
	return o.Title, clean(b.String())
}
