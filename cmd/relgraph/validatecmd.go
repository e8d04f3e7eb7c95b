package main

import (
	"encoding/json"
	"errors"
	"fmt"

	"github.com/relgraph/relgraph/graph"
	"github.com/urfave/cli/v2"
)

var validateCommand = &cli.Command{
	Name:      "validate",
	Usage:     "check extraction files and report every problem with file, line and field",
	ArgsUsage: "[FILE|DIR|-]...",
	Description: `Reads the inputs (the embedded dataset when none are given), checks them against
the schema and reports every problem at once: syntax, unknown kinds or types,
dangling relation endpoints, conflicting duplicate ids, bad dates, empty names,
relations without a source, invalid UTF-8. Exit 0 when valid, 1 when not,
2 for bad usage.

Example:
   relgraph validate extractions/ today.jsonl
   cat batch.jsonl | relgraph validate -`,
	Flags: append(inputFlags(),
		&cli.BoolFlag{Name: "json", Usage: "print a JSON summary on stdout"},
	),
	Action: func(c *cli.Context) error {
		g, err := readInput(c, inputArgs(c))
		var ps graph.Problems
		if err != nil && !errors.As(err, &ps) {
			return err
		}
		if c.Bool("json") {
			sum := map[string]any{"valid": err == nil, "problems": ps}
			if ps == nil {
				sum["problems"] = []graph.Problem{}
			}
			if g != nil {
				sum["nodes"], sum["edges"], sum["sources"], sum["merges"] = len(g.Nodes), len(g.Edges), len(g.Sources), len(g.Merges)
			}
			enc := json.NewEncoder(c.App.Writer)
			enc.SetIndent("", "  ")
			if werr := enc.Encode(sum); werr != nil {
				return werr
			}
			if err != nil {
				return silentError{exitInvalid}
			}
			return nil
		}
		if err != nil {
			return err
		}
		fmt.Fprintf(c.App.ErrWriter, "relgraph: valid: %d nodes, %d edges, %d sources, %d merges, %d conflicts\n",
			len(g.Nodes), len(g.Edges), len(g.Sources), len(g.Merges), len(g.Conflicts()))
		return nil
	},
}
