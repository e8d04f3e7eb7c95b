package render

import (
	"context"
	"fmt"
	"io"
	"sync"

	"github.com/goccy/go-graphviz"
)

// gv is the process's one Graphviz instance, made on first use. gvMu
// serializes every call into the WebAssembly module, which is not safe for
// concurrent use.
var (
	gvMu  sync.Mutex
	gv    *graphviz.Graphviz
	gvErr error
)

// layoutTo lays out the DOT text with the named engine and writes it in
// Graphviz's output format (svg, json) to w.
func layoutTo(w io.Writer, dot []byte, engine, format string) error {
	gvMu.Lock()
	defer gvMu.Unlock()
	// Never a context with a deadline: cancelling one mid-call leaves the
	// module broken for the rest of the process.
	ctx := context.Background()
	if gv == nil && gvErr == nil {
		gv, gvErr = graphviz.New(ctx)
	}
	if gvErr != nil {
		return fmt.Errorf("render: starting graphviz: %w", gvErr)
	}
	g, err := graphviz.ParseBytes(dot)
	if err != nil {
		return fmt.Errorf("render: graphviz cannot read the DOT: %w", err)
	}
	defer g.Close()
	gv.SetLayout(graphviz.Layout(engine))
	if err := gv.Render(ctx, g, graphviz.Format(format), w); err != nil {
		return fmt.Errorf("render: graphviz %s layout: %w", engine, err)
	}
	return nil
}
