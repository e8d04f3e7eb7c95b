package main

import (
	"github.com/relgraph/relgraph/ingest"
	"github.com/urfave/cli/v2"
)

var schemaCommand = &cli.Command{
	Name:  "schema",
	Usage: "print the JSON Schema of the native input format",
	Description: `The schema describes the JSON document relgraph reads and writes (sources,
nodes, edges); editors and validators such as check-jsonschema use it.

Example:
   relgraph schema > relgraph.schema.json`,
	Action: func(c *cli.Context) error {
		_, err := c.App.Writer.Write(ingest.JSONSchema())
		return err
	},
}
