package export

import (
	"bufio"
	"fmt"
	"io"

	"github.com/relgraph/relgraph/graph"
)

func init() {
	Register(Format{Name: "jsonl", Ext: ".jsonl", Usage: "JSON Lines: one source, node or edge per line (\"record\" tells which), read back as input",
		NewEncoder: func(w io.Writer, o Options) Encoder { return NewJSONLEncoder(w) }})
}

// JSONLEncoder writes JSON Lines: the sources, then the nodes, then the
// edges, one record per line, each with a "record" field ("source", "node",
// "edge") so that ingest.ReadJSONL reads them back as they were.
type JSONLEncoder struct {
	w *bufio.Writer
}

// NewJSONLEncoder returns an encoder writing to w.
func NewJSONLEncoder(w io.Writer) *JSONLEncoder {
	return &JSONLEncoder{w: bufio.NewWriterSize(w, 1<<16)}
}

// Encode writes g, one record at a time.
func (e *JSONLEncoder) Encode(g *graph.Graph) error {
	line := func(v any) error {
		b, err := marshal(v)
		if err != nil {
			return fmt.Errorf("export: jsonl: %w", err)
		}
		e.w.Write(b)
		if err := e.w.WriteByte('\n'); err != nil {
			return fmt.Errorf("export: jsonl: %w", err)
		}
		return nil
	}
	for _, s := range g.Sources {
		r := SourceRecord(s)
		r.Record = "source"
		if err := line(r); err != nil {
			return err
		}
	}
	for _, n := range g.Nodes {
		r := NodeRecord(n)
		r.Record = "node"
		if err := line(r); err != nil {
			return err
		}
	}
	for _, ed := range g.Edges {
		r := EdgeRecord(ed)
		r.Record = "edge"
		if err := line(r); err != nil {
			return err
		}
	}
	if err := e.w.Flush(); err != nil {
		return fmt.Errorf("export: jsonl: %w", err)
	}
	return nil
}
