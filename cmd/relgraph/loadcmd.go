package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"syscall"

	"github.com/relgraph/relgraph/graph"
	"github.com/relgraph/relgraph/load"
	"github.com/urfave/cli/v2"
	"golang.org/x/term"
)

func init() { extraCommands = append(extraCommands, loadCommand, queriesCommand) }

// Neo4j connection flags, shared by load and queries.
var (
	uriFlag          = &cli.StringFlag{Name: "uri", Category: "Neo4j", EnvVars: []string{"NEO4J_URI"}, Value: load.DefaultURI, Usage: "server `URI`: bolt://, neo4j:// (routing: clusters, Aura), +s for TLS, +ssc for self-signed"}
	usernameFlag     = &cli.StringFlag{Name: "username", Category: "Neo4j", EnvVars: []string{"NEO4J_USERNAME"}, Value: load.DefaultUsername, Usage: "Neo4j `USER`"}
	passwordFileFlag = &cli.StringFlag{Name: "password-file", Category: "Neo4j", Usage: "read the password from `FILE` (else NEO4J_PASSWORD, else a prompt on a terminal)"}
	databaseFlag     = &cli.StringFlag{Name: "database", Aliases: []string{"d"}, Category: "Neo4j", EnvVars: []string{"NEO4J_DATABASE"}, Value: load.DefaultDatabase, Usage: "database `NAME`, always sent"}
	datasetFlag      = &cli.StringFlag{Name: "dataset", Category: "Neo4j", Value: load.DefaultDataset, Usage: "dataset `NAME` everything written belongs to; datasets never share an element, and --prune stays within one"}
)

var loadCommand = &cli.Command{
	Name:      "load",
	Usage:     "load the graph into Neo4j (schema, then batched MERGE; repeatable; scoped to a dataset)",
	ArgsUsage: "[FILE|DIR|-]...",
	Description: `Creates the constraints and indexes that are missing, then merges sources,
nodes by kind and relationships by type in batched write transactions. Every
element written carries a hash of its content (relgraph_hash): a reload reads
the dataset's hashes back in one pass and writes only what is new or changed
(--full writes everything again). Loading the same input again writes nothing;
--prune also removes what the dataset no longer holds, and only from that
dataset. An analyst's edit in Browser to a property relgraph wrote stays until
the input changes that element or a --full load; properties, labels and
relationships relgraph did not write are never touched, and an element deleted
by hand is written again. Every element belongs to one dataset: datasets that
use the same ids hold separate elements. A prune that would remove more than
--max-prune of the dataset (an input that lost most of its records is more
likely a failed upstream step) is refused before anything is written, unless
--force. "relgraph drop --dataset NAME" removes a dataset again.
The password comes from --password-file, NEO4J_PASSWORD
or a prompt when stdin is a terminal; it is never a flag, so it never shows in
the process list.

Exit codes: 0 loaded; 1 invalid input, or a prune over --max-prune (nothing
written); 2 bad usage; 4 Neo4j unreachable, refused or failed (the message says
how far the load got; run it again), or a database holding relgraph data of
the old model (see relgraph drop --legacy).

Example:
   eval "$(scripts/neo4j env)"
   relgraph load --dataset daily extractions/
   relgraph load --dry-run today.jsonl
   NEO4J_URI=neo4j+s://xxxx.databases.neo4j.io relgraph load --json --prune --dataset daily extractions/`,
	Flags: append(inputFlags(),
		uriFlag, usernameFlag, passwordFileFlag, databaseFlag, datasetFlag,
		&cli.IntFlag{Name: "batch-size", Category: "Load", Value: load.DefaultBatchSize, Usage: "rows per write transaction"},
		&cli.IntFlag{Name: "parallel", Category: "Load", Value: load.DefaultParallel, Usage: "write transactions at once (more for a server with more than two cores)"},
		&cli.DurationFlag{Name: "retry-time", Category: "Load", Value: load.DefaultRetryTime, Usage: "how long a failing batch is retried (lost connection, restart, deadlock) before giving up"},
		&cli.BoolFlag{Name: "prune", Category: "Load", Usage: "remove from the dataset what the input no longer contains"},
		&cli.StringFlag{Name: "max-prune", Category: "Load", Value: load.FormatShare(load.DefaultMaxPrune), Usage: "refuse a --prune that would remove more than `SHARE` of the dataset's elements (50%, or 0.5)"},
		&cli.BoolFlag{Name: "force", Category: "Load", Usage: "prune however much of the dataset the input no longer contains"},
		&cli.BoolFlag{Name: "full", Category: "Load", Usage: "write every row, not only those whose content hash differs from the dataset's (restores hand edits)"},
		&cli.BoolFlag{Name: "dry-run", Category: "Load", Usage: "print the statements and row counts, connect to nothing"},
		&cli.BoolFlag{Name: "json", Usage: "print a JSON summary on stdout (counts, seconds, rows/s)"},
	),
	Action: func(c *cli.Context) error {
		if c.NArg() > 0 && c.Args().First() == "help" {
			return cli.ShowSubcommandHelp(c)
		}
		cfg := load.Config{
			URI:       c.String(uriFlag.Name),
			Username:  c.String(usernameFlag.Name),
			Database:  c.String(databaseFlag.Name),
			Dataset:   c.String(datasetFlag.Name),
			BatchSize: c.Int("batch-size"),
			Parallel:  c.Int("parallel"),
			RetryTime: c.Duration("retry-time"),
			Prune:     c.Bool("prune"),
			Force:     c.Bool("force"),
			Full:      c.Bool("full"),
			Log:       c.App.ErrWriter,
		}
		if cfg.BatchSize <= 0 || cfg.Parallel <= 0 || cfg.RetryTime < 0 {
			return usagef("load: --batch-size and --parallel must be positive, --retry-time not negative")
		}
		if err := load.CheckDataset(cfg.Dataset); err != nil {
			return usageError{err}
		}
		share, err := parseShare(c.String("max-prune"))
		if err != nil {
			return usagef("load: --max-prune: %v", err)
		}
		cfg.MaxPrune = share
		if err := load.CheckURI(cfg.URI); err != nil {
			return usageError{err}
		}
		g, err := readInput(c, inputArgs(c))
		if err != nil {
			return err
		}
		roomForGraph()
		if c.Bool("dry-run") {
			steps, err := load.Plan(g, cfg)
			if err != nil {
				return err
			}
			if c.Bool("json") {
				enc := json.NewEncoder(c.App.Writer)
				enc.SetIndent("", "  ")
				return enc.Encode(map[string]any{"dry_run": true, "dataset": cfg.Dataset, "database": cfg.Database,
					"nodes": len(g.Nodes), "relationships": len(g.Edges), "sources": len(g.Sources), "steps": steps})
			}
			return load.WritePlan(c.App.Writer, steps, cfg)
		}
		pw, err := neo4jPassword(c)
		if err != nil {
			return err
		}
		cfg.Password = pw
		if f, ok := c.App.ErrWriter.(*os.File); ok {
			var finish func()
			cfg.Progress, finish = load.TerminalProgress(f)
			defer finish()
		}
		ctx, stop := signal.NotifyContext(c.Context, os.Interrupt, syscall.SIGTERM)
		defer stop()
		sum, err := runLoad(ctx, cfg, g)
		if c.Bool("json") {
			out := map[string]any{"ok": err == nil}
			if sum != nil {
				out["summary"] = sum
			}
			if err != nil {
				out["error"] = err.Error()
			}
			enc := json.NewEncoder(c.App.Writer)
			enc.SetIndent("", "  ")
			if werr := enc.Encode(out); werr != nil && err == nil {
				return werr
			}
		}
		if err != nil {
			return loadErr(err)
		}
		pruned := 0
		if p := sum.Pruned; p != nil {
			pruned = p.Nodes + p.Sources + p.Relationships
		}
		fmt.Fprintf(c.App.ErrWriter, "relgraph: loaded dataset %q into %s at %s: nodes %d written (%d new), sources %d (%d new), relationships %d (%d new), reports %d (%d new); %d rows written, %d unchanged, %d pruned in %.2fs, %.0f rows/s\n",
			sum.Dataset, sum.Database, sum.URI, sum.Nodes.Rows, sum.Nodes.Created, sum.Sources.Rows, sum.Sources.Created,
			sum.Relationships.Rows, sum.Relationships.Created, sum.Reports.Rows, sum.Reports.Created, sum.Rows, sum.Unchanged, pruned, sum.Seconds, sum.RowsPerSecond)
		return nil
	},
}

func runLoad(ctx context.Context, cfg load.Config, g *graph.Graph) (*load.Summary, error) {
	db, err := load.Open(ctx, cfg)
	if err != nil {
		return nil, err
	}
	defer db.Close(context.Background())
	return db.Load(ctx, g)
}

// roomForGraph raises the soft memory limit main sets to twice the live
// heap when the graph alone comes near it. A load holds the whole graph
// while it writes; with the live heap at the limit the collector would run
// without pause (measured on 500,000 relations: 127 s instead of 70 s).
// GOMEMLIMIT, when set, is left alone.
func roomForGraph() {
	if os.Getenv("GOMEMLIMIT") != "" {
		return
	}
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	if want := int64(ms.HeapAlloc) * 2; want > debug.SetMemoryLimit(-1) {
		debug.SetMemoryLimit(want)
	}
}

// parseShare reads a share of a whole: "50%" or "0.5", above 0 and at
// most all.
func parseShare(s string) (float64, error) {
	t := strings.TrimSpace(s)
	pct := strings.HasSuffix(t, "%")
	f, err := strconv.ParseFloat(strings.TrimSpace(strings.TrimSuffix(t, "%")), 64)
	if err != nil {
		return 0, fmt.Errorf("%q is not a share (want e.g. 50%% or 0.5)", s)
	}
	if pct {
		f /= 100
	}
	if !(f > 0 && f <= 1) {
		return 0, fmt.Errorf("%q is not above 0 and at most 100%%", s)
	}
	return f, nil
}

// loadErr gives load errors their exit code: bad input and a prune over
// the limit 1, bad usage 2, anything from the server 4.
func loadErr(err error) error {
	var le *load.Error
	if errors.As(err, &le) && errors.Is(le, load.ErrConfig) {
		if strings.Contains(le.Msg, "identifier") {
			return withCode(exitInvalid, err)
		}
		return usageError{err}
	}
	if errors.Is(err, load.ErrPruneLimit) {
		return withCode(exitInvalid, err)
	}
	if errors.Is(err, context.Canceled) {
		return withCode(exitNeo4j, errors.New("load: interrupted; run the same command again to finish (rows already written are merged, not duplicated)"))
	}
	return withCode(exitNeo4j, err)
}

// neo4jPassword returns the password from --password-file, NEO4J_PASSWORD
// or a prompt, in that order. It never prompts without a terminal.
func neo4jPassword(c *cli.Context) (string, error) {
	if p := c.String(passwordFileFlag.Name); p != "" {
		b, err := os.ReadFile(p)
		if err != nil {
			return "", usagef("--password-file: %v", errors.Unwrap(err))
		}
		pw := strings.TrimRight(string(b), "\r\n")
		if pw == "" {
			return "", usagef("--password-file %s is empty", p)
		}
		return pw, nil
	}
	if pw, ok := os.LookupEnv("NEO4J_PASSWORD"); ok && pw != "" {
		return pw, nil
	}
	in, ok := c.App.Reader.(*os.File)
	if !ok || !term.IsTerminal(int(in.Fd())) {
		return "", withCode(exitUsage, errors.New("load: no Neo4j password: set NEO4J_PASSWORD or give --password-file (no terminal to prompt on)"))
	}
	fmt.Fprintf(c.App.ErrWriter, "Neo4j password for %s at %s: ", c.String(usernameFlag.Name), c.String(uriFlag.Name))
	b, err := term.ReadPassword(int(in.Fd()))
	fmt.Fprintln(c.App.ErrWriter)
	if err != nil {
		return "", usagef("load: cannot read the password: %v", err)
	}
	return string(b), nil
}
