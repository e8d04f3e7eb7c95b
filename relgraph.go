// Package relgraph embeds the default dataset: a hand-curated extraction of
// five articles on the Russia–North Korea relationship, the input of every
// relgraph command given none. The code lives in the graph, ingest, export,
// render and load packages and in cmd/relgraph.
package relgraph

import (
	"embed"

	"github.com/relgraph/relgraph/graph"
	"github.com/relgraph/relgraph/ingest"
)

// Dataset holds the default dataset under DatasetDir.
//
//go:embed testdata/dataset
var Dataset embed.FS

// DatasetDir is the directory of Dataset that holds the dataset's files.
const DatasetDir = "testdata/dataset"

// DefaultGraph reads and merges the default dataset with the default schema
// and limits: what every command uses when given no input.
func DefaultGraph() (*graph.Graph, error) {
	b := graph.NewBuilder(nil, graph.Limits{})
	if err := ingest.ReadFS(b, Dataset, DatasetDir, "", "", ingest.Options{}); err != nil {
		return nil, err
	}
	return b.Graph()
}
