package ingest

import _ "embed"

//go:embed relgraph.schema.json
var jsonSchema []byte

// JSONSchema returns the JSON Schema (draft 2020-12) of the native document.
func JSONSchema() []byte { return jsonSchema }
