package ingest

import (
	"io"

	"github.com/relgraph/relgraph/graph"
)

// ReadCSV is written in csv.go.
func ReadCSV(b *graph.Builder, r io.Reader, name string, o Options) error { panic("todo") }

// ReadYAML is written in yaml.go.
func ReadYAML(b *graph.Builder, r io.Reader, name string, o Options) error { panic("todo") }
