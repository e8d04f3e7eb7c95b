package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"strings"
	"syscall"

	"github.com/relgraph/relgraph/graph"
	"github.com/relgraph/relgraph/load"
	"github.com/relgraph/relgraph/render"
	"github.com/urfave/cli/v2"
)

func init() {
	extraCommands = append(extraCommands, diffCommand)
	renderCommand.Flags = append(renderCommand.Flags, renderDiffFlag)
}

// renderDiffFlag is render's --diff: registered here, with the code it
// runs (diffForRender), so the render command needs one call.
var renderDiffFlag = &cli.StringFlag{Name: "diff", Category: "Selection",
	Usage: "draw what changed since `OLD` (a file, directory or export): NEW, REMOVED (put back, dashed grey) and CHANGED elements marked"}

// diffForRender, for render --diff OLD, compares OLD with the graph g about
// to be drawn and returns g with what OLD had and g lacks put back, and
// opts marking what was added, removed and changed. Without --diff it
// returns g.
// checkDiffStdin refuses --diff - when the input is stdin too, before
// either is read.
func checkDiffStdin(c *cli.Context) error {
	if c.String(renderDiffFlag.Name) != "-" {
		return nil
	}
	for _, a := range c.Args().Slice() {
		if a == "-" {
			return usagef("render: --diff and the input cannot both be stdin")
		}
	}
	return nil
}

func diffForRender(c *cli.Context, g *graph.Graph, opts *render.Options) (*graph.Graph, error) {
	path := c.String(renderDiffFlag.Name)
	if path == "" {
		return g, nil
	}
	old, err := readInput(c, []string{path})
	if err != nil {
		var ps graph.Problems
		if !errors.As(err, &ps) {
			err = fmt.Errorf("render: --diff %s: %w", path, err)
		}
		return nil, err
	}
	d := graph.Compare(old, g)
	opts.Marks = render.NewMarks(d)
	if opts.Title == "" {
		opts.Title = fmt.Sprintf("What changed since %s: %d added, %d removed, %d changed", path,
			len(d.Nodes.Added)+len(d.Edges.Added), len(d.Nodes.Removed)+len(d.Edges.Removed), len(d.Nodes.Changed)+len(d.Edges.Changed))
	}
	fmt.Fprintf(c.App.ErrWriter, "relgraph: render --diff: %s\n", diffSummary(d))
	return render.WithRemoved(g, old, d), nil
}

// Exit codes of diff, as diff(1) has them: 1 means only "they differ", so
// a job never takes an unreadable input for a change.
const (
	// diffMemoryLimit is twice main's 900 MiB: room for both graphs.
	diffMemoryLimit = 1800 << 20

	exitDiffers = 1
	exitTrouble = 2 // bad usage, or an input that does not read
)

var diffCommand = &cli.Command{
	Name:      "diff",
	Usage:     "say what changed between two inputs: nodes, edges, sources, merges, conflicts",
	ArgsUsage: "OLD NEW | --against-neo4j --dataset D NEW",
	Description: `Reads OLD and NEW as any command reads its input (a file, a directory, an
export, or - for stdin, for one of them), merges each and compares them: nodes,
edges and sources added, removed and changed, and for each changed one which
fields changed (name, kind, aliases, each property with its sourced values,
endpoints, type, status, dates, confidence, citations and quotes); merges and
conflicts that are new or gone. Elements are matched by id.

With --against-neo4j, OLD is what the database holds for --dataset (read
back from what relgraph load wrote: sources, entities with their citations,
relationships); merges are not stored in the database, so they are not
compared. The connection is load's: NEO4J_URI, NEO4J_USERNAME,
NEO4J_PASSWORD or --password-file, NEO4J_DATABASE.

Text on stdout: "+" added, "-" removed, "~" changed, with the changed fields
indented below; a one-line summary on stderr. --json writes one document,
every list sorted, the same for the same inputs.

Exit 0 when equal, 1 when they differ, 2 for bad usage or an input that does
not read (every problem is listed on stderr), 3 when stdout cannot be written,
4 when Neo4j is unreachable or refuses.

Example:
   relgraph diff yesterday.json today.json
   relgraph diff --json extractions-2024-06-11/ extractions-2024-06-12/ > changes.json
   relgraph export --format json -o - old/ | relgraph diff - new/
   relgraph diff --against-neo4j --dataset daily today.jsonl`,
	Flags: append(inputFlags(),
		&cli.BoolFlag{Name: "json", Usage: "print the differences as one JSON document"},
		&cli.BoolFlag{Name: "against-neo4j", Category: "Neo4j", Usage: "compare NEW with what the database holds for --dataset"},
		uriFlag, usernameFlag, passwordFileFlag, databaseFlag, datasetFlag,
	),
	Action: diffAction,
}

func diffAction(c *cli.Context) error {
	args := c.Args().Slice()
	if c.Bool("against-neo4j") {
		return diffAgainstNeo4j(c, args)
	}
	if len(args) != 2 {
		return usagef("diff: want OLD and NEW, got %d argument(s)", len(args))
	}
	if args[0] == "-" && args[1] == "-" {
		return usagef("diff: OLD and NEW cannot both be stdin")
	}
	// diff holds two graphs: main's soft memory limit, sized for one, keeps
	// the collector busy (two inputs of 500,000 relations: 13.8 s with it,
	// 10.3 s without; BENCHMARKS.md).
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(diffMemoryLimit)
	}
	var gs [2]*graph.Graph
	for i, arg := range args {
		g, err := readDiffInput(c, [2]string{"OLD", "NEW"}[i], []string{arg})
		if err != nil {
			return err
		}
		gs[i] = g
	}
	return writeDiffReport(c, gs[0], gs[1])
}

// readDiffInput reads one side of a diff (what names OLD or NEW): an
// input that does not read exits 2, not 1, so that a job never takes it
// for a change.
func readDiffInput(c *cli.Context, what string, args []string) (*graph.Graph, error) {
	g, err := readInput(c, args)
	if err != nil {
		var ue usageError
		if errors.As(err, &ue) {
			return nil, err
		}
		var ps graph.Problems
		if !errors.As(err, &ps) {
			err = fmt.Errorf("%s %s: %w", what, strings.Join(args, " "), err)
		}
		return nil, withCode(exitTrouble, err)
	}
	return g, nil
}

// diffAgainstNeo4j compares NEW with what the database holds for the
// dataset. Merges are not stored there: NEW's are left out of the
// comparison.
func diffAgainstNeo4j(c *cli.Context, args []string) error {
	if len(args) > 1 {
		return usagef("diff --against-neo4j: want NEW only (none: the embedded dataset), got %d arguments", len(args))
	}
	cfg := load.Config{URI: c.String(uriFlag.Name), Username: c.String(usernameFlag.Name),
		Database: c.String(databaseFlag.Name), Dataset: c.String(datasetFlag.Name), Log: c.App.ErrWriter}
	if err := load.CheckDataset(cfg.Dataset); err != nil {
		return usageError{err}
	}
	if err := load.CheckURI(cfg.URI); err != nil {
		return usageError{err}
	}
	g, err := readDiffInput(c, "NEW", args)
	if err != nil {
		return err
	}
	pw, err := neo4jPassword(c)
	if err != nil {
		return err
	}
	cfg.Password = pw
	ctx, stop := signal.NotifyContext(c.Context, os.Interrupt, syscall.SIGTERM)
	defer stop()
	db, err := load.Open(ctx, cfg)
	if err != nil {
		return withCode(exitNeo4j, err)
	}
	defer db.Close(context.Background())
	old, err := db.Graph(ctx, g.Schema)
	if err != nil {
		return withCode(exitNeo4j, err)
	}
	if len(old.Nodes)+len(old.Sources) == 0 {
		fmt.Fprintf(c.App.ErrWriter, "relgraph: diff: dataset %q holds nothing in %s\n", cfg.Dataset, cfg.Database)
	}
	cur := *g
	cur.Merges = nil
	return writeDiffReport(c, old, &cur)
}

// writeDiffReport compares old and new and writes the report; the error
// carries diff's exit code.
func writeDiffReport(c *cli.Context, old, new *graph.Graph) error {
	gs := [2]*graph.Graph{old, new}
	d := graph.Compare(gs[0], gs[1])
	w := bufio.NewWriter(c.App.Writer)
	var err error
	if c.Bool("json") {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		err = enc.Encode(struct {
			Equal bool `json:"equal"`
			*graph.Diff
		}{d.Equal(), d})
	} else {
		err = writeDiff(w, d, gs[0], gs[1])
	}
	if err == nil {
		err = w.Flush()
	}
	if err != nil {
		return withCode(exitOutput, fmt.Errorf("diff: writing the report: %w", err))
	}
	fmt.Fprintf(c.App.ErrWriter, "relgraph: %s\n", diffSummary(d))
	if !d.Equal() {
		return silentError{exitDiffers}
	}
	return nil
}

// diffSummary counts the differences in one line.
func diffSummary(d *graph.Diff) string {
	if d.Equal() {
		return "no difference"
	}
	var parts []string
	for _, s := range []struct {
		what string
		e    graph.ElementDiff
	}{{"node", d.Nodes}, {"edge", d.Edges}, {"source", d.Sources}} {
		if n := len(s.e.Added) + len(s.e.Removed) + len(s.e.Changed); n > 0 {
			parts = append(parts, fmt.Sprintf("%s: %d added, %d removed, %d changed", plural(n, s.what), len(s.e.Added), len(s.e.Removed), len(s.e.Changed)))
		}
	}
	if n := len(d.Merges.Added) + len(d.Merges.Removed); n > 0 {
		parts = append(parts, fmt.Sprintf("%s: %d new, %d gone", plural(n, "merge"), len(d.Merges.Added), len(d.Merges.Removed)))
	}
	if n := len(d.Conflicts.Added) + len(d.Conflicts.Removed); n > 0 {
		parts = append(parts, fmt.Sprintf("%s: %d new, %d gone", plural(n, "conflict"), len(d.Conflicts.Added), len(d.Conflicts.Removed)))
	}
	return "differ: " + strings.Join(parts, "; ")
}

func plural(n int, what string) string {
	if n == 1 {
		return what
	}
	return what + "s"
}

// diffWriter keeps the first write error, as bufio.Writer does.
type diffWriter struct {
	w   io.Writer
	err error
}

func (p *diffWriter) printf(format string, args ...any) {
	if p.err == nil {
		_, p.err = fmt.Fprintf(p.w, format, args...)
	}
}

// writeDiff writes the differences for people: one line per element, the
// changed fields indented under it. Removed elements are described from
// old, the rest from new.
func writeDiff(w io.Writer, d *graph.Diff, old, new *graph.Graph) error {
	p := &diffWriter{w: w}
	describeNode := func(g *graph.Graph, id string) string {
		if n := g.Node(id); n != nil {
			return fmt.Sprintf("%s %q", n.Kind, n.Name)
		}
		return ""
	}
	edgeIdx := func(g *graph.Graph) map[string]*graph.Edge {
		m := make(map[string]*graph.Edge, len(g.Edges))
		for _, e := range g.Edges {
			m[e.ID] = e
		}
		return m
	}
	oldEdges, newEdges := edgeIdx(old), edgeIdx(new)
	describeEdge := func(m map[string]*graph.Edge, id string) string {
		if e := m[id]; e != nil {
			return fmt.Sprintf("%s -%s-> %s", e.From, e.Type, e.To)
		}
		return ""
	}
	describeSource := func(g *graph.Graph, id string) string {
		if s := g.Source(id); s != nil {
			return fmt.Sprintf("%q", s.Label())
		}
		return ""
	}
	section := func(what string, e graph.ElementDiff, oldDesc, newDesc func(string) string) {
		for _, id := range e.Added {
			p.printf("+ %s %s  %s\n", what, id, newDesc(id))
		}
		for _, id := range e.Removed {
			p.printf("- %s %s  %s\n", what, id, oldDesc(id))
		}
		for _, ch := range e.Changed {
			p.printf("~ %s %s  %s\n", what, ch.ID, newDesc(ch.ID))
			for _, f := range ch.Fields {
				if f.Old != nil || f.New != nil {
					p.printf("    %s: %q -> %q\n", f.Field, deref(f.Old), deref(f.New))
					continue
				}
				p.printf("    %s:\n", f.Field)
				for _, s := range f.Removed {
					p.printf("      - %s\n", s)
				}
				for _, s := range f.Added {
					p.printf("      + %s\n", s)
				}
			}
		}
	}
	section("node", d.Nodes, func(id string) string { return describeNode(old, id) }, func(id string) string { return describeNode(new, id) })
	section("edge", d.Edges, func(id string) string { return describeEdge(oldEdges, id) }, func(id string) string { return describeEdge(newEdges, id) })
	section("source", d.Sources, func(id string) string { return describeSource(old, id) }, func(id string) string { return describeSource(new, id) })
	for _, m := range d.Merges.Added {
		p.printf("+ merge %s <- %q (%s): %s  at %s\n", m.Into, m.Name, m.From, m.Reason, m.Pos)
	}
	for _, m := range d.Merges.Removed {
		p.printf("- merge %s <- %q (%s): %s  was at %s\n", m.Into, m.Name, m.From, m.Reason, m.Pos)
	}
	conflict := func(sign string, c graph.Conflict) {
		what := "node"
		if c.Edge {
			what = "edge"
		}
		vals := make([]string, len(c.Values))
		for i, v := range c.Values {
			vals[i] = fmt.Sprintf("%q [%s]", v.Value, strings.Join(v.Sources, " "))
		}
		p.printf("%s conflict %s %s %s: %s\n", sign, what, c.Element, c.Prop, strings.Join(vals, " vs "))
	}
	for _, c := range d.Conflicts.Added {
		conflict("+", c)
	}
	for _, c := range d.Conflicts.Removed {
		conflict("-", c)
	}
	return p.err
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
