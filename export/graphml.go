package export

import (
	"bufio"
	"encoding/xml"
	"fmt"
	"io"

	"github.com/relgraph/relgraph/graph"
)

func init() {
	Register(Format{Name: "graphml", Ext: ".graphml", Usage: "GraphML with typed keys (kind, name, aliases, type, status, dates, sources, quotes) for Gephi, yEd, Cytoscape, networkx",
		NewEncoder: func(w io.Writer, o Options) Encoder { return NewGraphMLEncoder(w) }})
}

// GraphMLEncoder writes a directed GraphML graph of the entities and
// relations. Every attribute is declared as a key with attr.name and
// attr.type:
//
//	node: label (= name, for Gephi), kind, name, aliases, props, sources
//	edge: label (= type), type, status, date, until, confidence (double),
//	      sources, quotes, props
//
// Lists are JSON arrays of strings: aliases; the source ids of a node;
// an edge's sources and quotes, one item per citation, so sources[i] says
// quotes[i] ("" when the citation has no quote). props is the JSON object of
// sourced values of the native format. Empty values are left out.
//
// Sources are not nodes: they are named by id in sources. Text goes
// through xml.EscapeText; characters XML 1.0 cannot hold (control
// characters other than tab, CR and LF, U+FFFE, U+FFFF) become U+FFFD in
// names and other values. In an id that would make two ids one, so an id
// holding one is an error (the graph builder refuses such ids already).
type GraphMLEncoder struct {
	w *bufio.Writer
}

// NewGraphMLEncoder returns an encoder writing to w.
func NewGraphMLEncoder(w io.Writer) *GraphMLEncoder {
	return &GraphMLEncoder{w: bufio.NewWriterSize(w, 1<<16)}
}

// graphmlKey declares one attribute.
type graphmlKey struct{ id, for_, name, typ string }

var graphmlKeys = []graphmlKey{
	{"n_label", "node", "label", "string"},
	{"n_kind", "node", "kind", "string"},
	{"n_name", "node", "name", "string"},
	{"n_aliases", "node", "aliases", "string"},
	{"n_props", "node", "props", "string"},
	{"n_sources", "node", "sources", "string"},
	{"e_label", "edge", "label", "string"},
	{"e_type", "edge", "type", "string"},
	{"e_status", "edge", "status", "string"},
	{"e_date", "edge", "date", "string"},
	{"e_until", "edge", "until", "string"},
	{"e_confidence", "edge", "confidence", "double"},
	{"e_sources", "edge", "sources", "string"},
	{"e_quotes", "edge", "quotes", "string"},
	{"e_props", "edge", "props", "string"},
}

// Encode writes g, one element at a time.
func (e *GraphMLEncoder) Encode(g *graph.Graph) error {
	w := e.w
	w.WriteString(`<?xml version="1.0" encoding="UTF-8"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">
`)
	for _, k := range graphmlKeys {
		fmt.Fprintf(w, "  <key id=%q for=%q attr.name=%q attr.type=%q/>\n", k.id, k.for_, k.name, k.typ)
	}
	w.WriteString("  <graph id=\"relgraph\" edgedefault=\"directed\">\n")
	var err error
	data := func(key, v string) {
		if v == "" || err != nil {
			return
		}
		w.WriteString("      <data key=\"")
		w.WriteString(key)
		w.WriteString("\">")
		err = xml.EscapeText(w, []byte(v))
		w.WriteString("</data>\n")
	}
	list := func(key string, xs []string) {
		if len(xs) == 0 {
			return
		}
		b, merr := marshal(xs)
		if merr != nil {
			err = merr
			return
		}
		data(key, string(b))
	}
	props := func(key string, p graph.Props) {
		if len(p) == 0 {
			return
		}
		b, merr := marshal(propsOut(p))
		if merr != nil {
			err = merr
			return
		}
		data(key, string(b))
	}
	attr := func(v string) {
		if err == nil {
			err = graphmlID(v)
		}
		w.WriteByte('"')
		if err == nil {
			err = xml.EscapeText(w, []byte(v))
		}
		w.WriteByte('"')
	}
	for _, n := range g.Nodes {
		w.WriteString("    <node id=")
		attr(n.ID)
		w.WriteString(">\n")
		data("n_label", n.Name)
		data("n_kind", n.Kind)
		data("n_name", n.Name)
		list("n_aliases", n.Aliases)
		props("n_props", n.Props)
		list("n_sources", n.SourceIDs())
		w.WriteString("    </node>\n")
	}
	for _, ed := range g.Edges {
		w.WriteString("    <edge id=")
		attr(ed.ID)
		w.WriteString(" source=")
		attr(ed.From)
		w.WriteString(" target=")
		attr(ed.To)
		w.WriteString(">\n")
		data("e_label", ed.Type)
		data("e_type", ed.Type)
		data("e_status", ed.Status)
		data("e_date", ed.Date)
		data("e_until", ed.Until)
		if ed.Confidence != nil {
			data("e_confidence", FormatFloat(*ed.Confidence))
		}
		ids, quotes := make([]string, len(ed.Cites)), make([]string, len(ed.Cites))
		for i, c := range ed.Cites {
			ids[i], quotes[i] = c.Source, c.Quote
		}
		list("e_sources", ids)
		list("e_quotes", quotes)
		props("e_props", ed.Props)
		if _, werr := w.WriteString("    </edge>\n"); werr != nil && err == nil {
			err = werr
		}
		if err != nil {
			return fmt.Errorf("export: graphml: %w", err)
		}
	}
	w.WriteString("  </graph>\n</graphml>\n")
	if err == nil {
		err = w.Flush()
	}
	if err != nil {
		return fmt.Errorf("export: graphml: %w", err)
	}
	return nil
}

// graphmlID returns an error when id holds a character XML cannot hold.
func graphmlID(id string) error {
	for _, r := range id {
		if r < 0x20 && r != '\t' && r != '\n' && r != '\r' || r == 0xFFFE || r == 0xFFFF {
			return fmt.Errorf("id %q holds U+%04X, which XML cannot hold", id, r)
		}
	}
	return nil
}
