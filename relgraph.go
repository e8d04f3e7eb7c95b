// Package relgraph embeds the default dataset: a hand-curated extraction of
// five articles on the Russia–North Korea relationship, the input of every
// relgraph command given none. The code lives in the graph, ingest, export,
// render and load packages and in cmd/relgraph.
package relgraph

import "embed"

// Dataset holds the default dataset under DatasetDir.
//
//go:embed testdata/dataset
var Dataset embed.FS

// DatasetDir is the directory of Dataset that holds the dataset's files.
const DatasetDir = "testdata/dataset"
