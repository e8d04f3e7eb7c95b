package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/relgraph/relgraph/load"
	"github.com/urfave/cli/v2"
)

var dropCommand = &cli.Command{
	Name:  "drop",
	Usage: "remove a dataset from Neo4j (and relgraph's schema when no dataset is left)",
	Description: `Removes everything "relgraph load --dataset NAME" wrote: the dataset's
relationships, nodes and sources. Other datasets are untouched, whatever ids
they use. A node or source that something relgraph did not write is attached
to (an analyst's note) leaves the dataset but stays. When no dataset is left,
relgraph's constraints and indexes (relgraph_*) are dropped too, so that a
trial leaves the database's schema as it was; Neo4j itself keeps the names of
property keys once used (db.propertyKeys()).

--legacy instead removes what relgraph wrote under its old model, where
datasets shared elements listed in a datasets property (a load refuses such a
database): those elements and the old constraints on id alone.

Exit codes: 0 dropped (also when there was nothing to drop); 2 bad usage;
4 Neo4j unreachable, refused or failed.

Example:
   relgraph drop --dataset trial
   relgraph drop --legacy --json`,
	Flags: []cli.Flag{
		uriFlag, usernameFlag, passwordFileFlag, databaseFlag,
		&cli.StringFlag{Name: "dataset", Category: "Neo4j", Usage: "dataset `NAME` to remove (required: there is no default)"},
		&cli.BoolFlag{Name: "legacy", Usage: "remove relgraph's data and constraints of the old model (elements with a datasets list) instead of a dataset"},
		&cli.BoolFlag{Name: "json", Usage: "print a JSON summary on stdout"},
	},
	Action: func(c *cli.Context) error {
		if c.NArg() > 0 {
			return usagef("drop: takes no arguments (got %q): name the dataset with --dataset", strings.Join(c.Args().Slice(), " "))
		}
		cfg := load.Config{
			URI:      c.String(uriFlag.Name),
			Username: c.String(usernameFlag.Name),
			Database: c.String(databaseFlag.Name),
			Dataset:  c.String("dataset"),
			Log:      c.App.ErrWriter,
		}
		legacy := c.Bool("legacy")
		switch {
		case legacy && cfg.Dataset != "":
			return usagef("drop: give --dataset or --legacy, not both")
		case legacy:
			cfg.Dataset = load.DefaultDataset // unused
		case !c.IsSet("dataset"):
			return usagef("drop: --dataset NAME is required")
		}
		if err := load.CheckDataset(cfg.Dataset); err != nil {
			return usageError{err}
		}
		if err := load.CheckURI(cfg.URI); err != nil {
			return usageError{err}
		}
		pw, err := neo4jPassword(c)
		if err != nil {
			return err
		}
		cfg.Password = pw
		ctx, stop := signal.NotifyContext(c.Context, os.Interrupt, syscall.SIGTERM)
		defer stop()
		out, err := runDrop(ctx, cfg, legacy)
		if c.Bool("json") {
			res := map[string]any{"ok": err == nil}
			if out != nil {
				res["dropped"] = out
			}
			if err != nil {
				res["error"] = err.Error()
			}
			enc := json.NewEncoder(c.App.Writer)
			enc.SetIndent("", "  ")
			if werr := enc.Encode(res); werr != nil && err == nil {
				return werr
			}
		}
		if err != nil {
			return withCode(exitNeo4j, err)
		}
		what := fmt.Sprintf("dataset %q", cfg.Dataset)
		if legacy {
			what = "relgraph's old-model data"
		}
		schema := ""
		switch {
		case len(out.Schema) > 0:
			schema = fmt.Sprintf("; dropped %d of relgraph's constraints and indexes", len(out.Schema))
		case out.SchemaKept != "":
			schema = "; kept relgraph's constraints and indexes: " + out.SchemaKept
		}
		fmt.Fprintf(c.App.ErrWriter, "relgraph: dropped %s from %s: %d nodes, %d sources, %d relationships removed, %d kept (attached to data relgraph did not write)%s\n",
			what, cfg.Database, out.Nodes, out.Sources, out.Relationships, out.Untagged, schema)
		return nil
	},
}

func runDrop(ctx context.Context, cfg load.Config, legacy bool) (*load.Dropped, error) {
	db, err := load.Open(ctx, cfg)
	if err != nil {
		return nil, err
	}
	defer db.Close(context.Background())
	if legacy {
		return db.DropLegacy(ctx)
	}
	return db.Drop(ctx)
}
