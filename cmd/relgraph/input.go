package main

import (
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"

	"github.com/relgraph/relgraph"
	"github.com/relgraph/relgraph/graph"
	"github.com/relgraph/relgraph/ingest"
	textspkg "github.com/relgraph/relgraph/texts"
	"github.com/urfave/cli/v2"
)

// Input flags, shared by every command that reads a graph.
var (
	schemaFlag     = &cli.StringFlag{Name: "schema", Category: "Input", Usage: "`FILE` with the kinds and relation types (JSON; default: the built-in schema)"}
	formatInFlag   = &cli.StringFlag{Name: "input-format", Category: "Input", Usage: "read every input as `FORMAT` (json, jsonl, csv, yaml, graphrag, langchain; default: by extension and content; a GraphRAG output directory by its table files)"}
	textsFlag      = &cli.StringFlag{Name: "texts", Category: "Input", Usage: "check every quote against the articles in `DIR`: a citation whose source's file is in DIR must quote it (white space, typographic quotes and dashes folded)"}
	maxTextFlag    = &cli.IntFlag{Name: "max-text-bytes", Category: "Limits", Value: graph.DefaultLimits.MaxText, Usage: "longest id, name, alias or property accepted"}
	maxAliasesFlag = &cli.IntFlag{Name: "max-aliases", Category: "Limits", Value: graph.DefaultLimits.MaxAliases, Usage: "most aliases one entity may have"}
	maxLineFlag    = &cli.IntFlag{Name: "max-line-bytes", Category: "Limits", Value: ingest.DefaultOptions.MaxLineBytes, Usage: "longest JSON Lines line or CSV record accepted"}
	maxFileFlag    = &cli.Int64Flag{Name: "max-file-bytes", Category: "Limits", Value: ingest.DefaultOptions.MaxFileBytes, Usage: "largest JSON, YAML or CSV file accepted (JSON Lines streams)"}
	maxDepthFlag   = &cli.IntFlag{Name: "max-depth", Category: "Limits", Value: ingest.DefaultOptions.MaxDepth, Usage: "deepest JSON or YAML nesting accepted"}
)

// inputFlags are the flags of every command that reads input.
func inputFlags() []cli.Flag {
	return []cli.Flag{schemaFlag, formatInFlag, textsFlag, maxTextFlag, maxAliasesFlag, maxLineFlag, maxFileFlag, maxDepthFlag}
}

// readInput reads the inputs named by args (the embedded dataset when there
// are none) and returns the builder's result. Every problem is reported.
func readInput(c *cli.Context, args []string) (*graph.Graph, error) {
	if f := c.String(formatInFlag.Name); f != "" && f != "auto" && !slices.Contains(ingest.Formats, f) {
		return nil, usagef("--input-format: unknown format %q (want %s)", f, strings.Join(ingest.Formats, ", "))
	}
	// A limit of zero or less would be taken as the default: say so
	// rather than silently not applying it.
	for _, f := range []*cli.IntFlag{maxTextFlag, maxAliasesFlag, maxLineFlag, maxDepthFlag} {
		if v := c.Int(f.Name); v <= 0 {
			return nil, usagef("--%s: %d is not a positive number", f.Name, v)
		}
	}
	if v := c.Int64(maxFileFlag.Name); v <= 0 {
		return nil, usagef("--%s: %d is not a positive number", maxFileFlag.Name, v)
	}
	var schema *graph.Schema
	if p := c.String(schemaFlag.Name); p != "" {
		f, err := os.Open(p)
		if err != nil {
			return nil, usagef("--schema: %v", err)
		}
		defer f.Close()
		schema, err = graph.ParseSchema(f, p)
		if err != nil {
			return nil, err
		}
	}
	var texts *textspkg.Dir
	if dir := c.String(textsFlag.Name); dir != "" {
		var err error
		if texts, err = textspkg.Open(dir); err != nil {
			return nil, usagef("--texts: %v", err)
		}
	}
	b := graph.NewBuilder(schema, graph.Limits{MaxText: c.Int(maxTextFlag.Name), MaxAliases: c.Int(maxAliasesFlag.Name)})
	if texts != nil {
		b.KeepQuotes()
	}
	o := ingest.Options{MaxLineBytes: c.Int(maxLineFlag.Name), MaxFileBytes: c.Int64(maxFileFlag.Name), MaxDepth: c.Int(maxDepthFlag.Name)}
	format := c.String(formatInFlag.Name)
	var err error
	built := pauseGC(inputSize(args))
	defer built()
	if len(args) == 0 {
		err = ingest.ReadFS(b, relgraph.Dataset, relgraph.DatasetDir, "", format, o)
	} else {
		err = ingest.Read(b, args, format, c.App.Reader, o)
	}
	if texts != nil {
		for _, p := range texts.Check(b.Sources(), b.Quotes()) {
			b.Problem(p)
		}
	}
	g, gerr := b.Graph()
	for _, w := range b.Warnings() {
		fmt.Fprintf(c.App.ErrWriter, "relgraph: warning: %s\n", w)
	}
	if err != nil {
		if gerr != nil {
			return nil, errors.Join(gerr, err)
		}
		return nil, err
	}
	return g, gerr
}

// inputArgs returns the positional inputs, or the embedded dataset (nil).
func inputArgs(c *cli.Context) []string { return c.Args().Slice() }
