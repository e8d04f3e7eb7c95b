package export

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"strconv"

	"github.com/relgraph/relgraph/graph"
	"github.com/relgraph/relgraph/ingest"
)

func init() {
	Register(Format{Name: "json", Ext: ".json", Usage: "one JSON document {nodes, edges, sources}: relgraph's native format, read back as input",
		NewEncoder: func(w io.Writer, o Options) Encoder { return NewJSONEncoder(w) }})
}

// JSONEncoder writes the native JSON document. It streams: one element is
// marshalled at a time.
type JSONEncoder struct {
	w *bufio.Writer
}

// NewJSONEncoder returns an encoder writing to w.
func NewJSONEncoder(w io.Writer) *JSONEncoder { return &JSONEncoder{w: bufio.NewWriterSize(w, 1<<16)} }

// Encode writes g as {"nodes": […], "edges": […], "sources": […]}, one
// element per line.
func (e *JSONEncoder) Encode(g *graph.Graph) error {
	w := e.w
	section := func(name string, n int, rec func(i int) any, last bool) error {
		fmt.Fprintf(w, "%q: [", name)
		for i := 0; i < n; i++ {
			if i > 0 {
				w.WriteByte(',')
			}
			w.WriteString("\n  ")
			b, err := marshal(rec(i))
			if err != nil {
				return fmt.Errorf("export: json: %w", err)
			}
			w.Write(b)
		}
		if n > 0 {
			w.WriteByte('\n')
		}
		w.WriteByte(']')
		if !last {
			w.WriteString(",\n")
		}
		return nil
	}
	w.WriteString("{")
	if err := section("nodes", len(g.Nodes), func(i int) any { return NodeRecord(g.Nodes[i]) }, false); err != nil {
		return err
	}
	if err := section("edges", len(g.Edges), func(i int) any { return EdgeRecord(g.Edges[i]) }, false); err != nil {
		return err
	}
	if err := section("sources", len(g.Sources), func(i int) any { return SourceRecord(g.Sources[i]) }, true); err != nil {
		return err
	}
	w.WriteString("}\n")
	if err := w.Flush(); err != nil {
		return fmt.Errorf("export: json: %w", err)
	}
	return nil
}

// marshal is json.Marshal without HTML escaping, so that quotes with & and
// < stay readable; the output is still valid JSON.
func marshal(v any) ([]byte, error) {
	var b jsonBuf
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return b[:len(b)-1], nil // drop Encode's newline
}

type jsonBuf []byte

func (b *jsonBuf) Write(p []byte) (int, error) { *b = append(*b, p...); return len(p), nil }

// PropsOut is a property map as written: every property as a list of sourced
// values, keys sorted (encoding/json sorts map keys).
type PropsOut map[string][]graph.Value

func propsOut(p graph.Props) PropsOut {
	if len(p) == 0 {
		return nil
	}
	out := make(PropsOut, len(p))
	for k, v := range p {
		out[k] = v
	}
	return out
}

// NodeRecord returns the native record of n, as the json and jsonl formats
// write it.
func NodeRecord(n *graph.Node) ingest.NodeRec {
	aliases := n.Aliases
	if aliases == nil {
		aliases = []string{}
	}
	return ingest.NodeRec{ID: n.ID, Kind: n.Kind, Name: n.Name, Aliases: aliases, Props: ingest.PropsRec(propsOut(n.Props)), Sources: cites(n.Cites)}
}

// EdgeRecord returns the native record of e.
func EdgeRecord(e *graph.Edge) ingest.EdgeRec {
	return ingest.EdgeRec{ID: e.ID, From: e.From, To: e.To, Type: e.Type, Date: e.Date, Until: e.Until, Status: e.Status, Confidence: e.Confidence, Props: ingest.PropsRec(propsOut(e.Props)), Sources: cites(e.Cites)}
}

// SourceRecord returns the native record of s.
func SourceRecord(s *graph.Source) ingest.SourceRec {
	return ingest.SourceRec{ID: s.ID, File: s.File, Title: s.Title, Outlet: s.Outlet, Author: s.Author, Date: s.Date, URL: s.URL, Props: ingest.PropsRec(propsOut(s.Props))}
}

func cites(cs []graph.Citation) ingest.CitesRec {
	out := make(ingest.CitesRec, len(cs))
	for i, c := range cs {
		out[i] = ingest.CiteRec{ID: c.Source, Quote: c.Quote}
	}
	return out
}

// FormatFloat writes a confidence the way every format does.
func FormatFloat(f float64) string { return strconv.FormatFloat(f, 'g', -1, 64) }
