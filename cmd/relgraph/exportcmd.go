package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/relgraph/relgraph/export"
	"github.com/relgraph/relgraph/internal/atomicfile"
	"github.com/urfave/cli/v2"
)

var exportCommand = &cli.Command{
	Name:      "export",
	Usage:     "write the graph in a format other tools read (json, jsonl, csv, graphml, neo4j-admin, cypher, grass)",
	ArgsUsage: "[FILE|DIR|-]...",
	Description: `Writes to -o (default: stdout for single-file formats). Output goes to a
temporary file renamed into place, so a failed or killed run leaves the previous
file or nothing. Multi-file formats (csv, neo4j-admin) write a directory: a new
one appears whole; into an existing one relgraph writes only its own files,
listed in DIR/.relgraph-manifest, and removes only files that manifest lists.
A non-empty directory without a manifest is refused unless --force.

Example:
   relgraph export --format json -o graph.json
   relgraph export --format neo4j-admin -o import/relgraph extractions/
   relgraph export --list`,
	Flags: append(inputFlags(),
		&cli.StringFlag{Name: "format", Aliases: []string{"f"}, Value: "json", Usage: "output `FORMAT` (see --list)"},
		&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Value: "-", Usage: "output `PATH`: a file, a directory for multi-file formats, or - for stdout"},
		&cli.BoolFlag{Name: "list", Usage: "list the formats and exit"},
		&cli.StringFlag{Name: "dataset", Value: "default", Usage: "dataset `NAME` tagged on what the cypher format writes"},
		&cli.BoolFlag{Name: "json", Usage: "print a JSON summary (format, files, counts, bytes, seconds) on stdout"},
		&cli.StringFlag{Name: "csv-formulas", Value: "escape", Usage: "csv: `escape` (a leading ' before cells a spreadsheet would run as formulas, removed when relgraph reads them) or raw (cells as they are, for programs)"},
		&cli.BoolFlag{Name: "force", Usage: "write a multi-file format into a non-empty directory relgraph did not write (its own files only; nothing else is changed)"},
	),
	Action: func(c *cli.Context) error {
		if c.Bool("list") {
			for _, f := range export.Formats() {
				kind := "file"
				if f.MultiFile() {
					kind = "dir"
				}
				fmt.Fprintf(c.App.Writer, "%-12s %-4s %s\n", f.Name, kind, f.Usage)
			}
			return nil
		}
		f, err := export.Lookup(c.String("format"))
		if err != nil {
			return usageError{err}
		}
		out := c.String("output")
		if f.MultiFile() && out == "-" {
			return usagef("export: format %s writes several files: give a directory with -o", f.Name)
		}
		if out == "-" && c.Bool("json") {
			return usagef("export: --json prints a summary on stdout: give a file with -o")
		}
		raw, err := csvFormulas(c, f)
		if err != nil {
			return err
		}
		g, err := readInput(c, inputArgs(c))
		if err != nil {
			return err
		}
		defer removeTemporariesOnSignal(c.App.ErrWriter)()
		start := time.Now()
		opts := export.Options{Dataset: c.String("dataset"), RawFormulas: raw}
		bar := byteProgress(c.App.ErrWriter, "exporting "+f.Name)
		if out == "-" {
			bar = nil // the terminal shows the data itself
		}
		var files []string
		if f.MultiFile() {
			var names []string
			err = atomicfile.WriteDir(out, atomicfile.DirOptions{Force: c.Bool("force")}, func(d *atomicfile.Dir) error {
				var files export.Files = d
				if bar != nil {
					files = countingFiles{d, bar}
				}
				err := f.NewDirEncoder(files, opts).Encode(g)
				names = d.Names()
				return err
			})
			for _, n := range names {
				files = append(files, filepath.Join(out, n))
			}
		} else {
			err = atomicfile.WriteFile(out, c.App.Writer, func(w io.Writer) error {
				if bar != nil {
					w = countingWriter{w, bar}
				}
				return f.NewEncoder(w, opts).Encode(g)
			})
			if out != "-" {
				files = []string{out}
			}
		}
		if bar != nil {
			bar.Finish()
		}
		if errors.Is(err, atomicfile.ErrNotOwnDir) {
			return withCode(exitOutput, fmt.Errorf("%w; give a new or empty directory, or --force to write relgraph's files into it (nothing else there is changed or removed)", err))
		}
		if err != nil {
			if strings.HasPrefix(err.Error(), "atomicfile:") {
				return withCode(exitOutput, err)
			}
			return err
		}
		var bytes int64
		for _, p := range files {
			if st, err := os.Stat(p); err == nil {
				bytes += st.Size()
			}
		}
		secs := time.Since(start).Seconds()
		if c.Bool("json") {
			enc := json.NewEncoder(c.App.Writer)
			return enc.Encode(map[string]any{"format": f.Name, "files": files, "nodes": len(g.Nodes), "edges": len(g.Edges),
				"sources": len(g.Sources), "bytes": bytes, "seconds": secs})
		}
		if out != "-" {
			fmt.Fprintf(c.App.ErrWriter, "relgraph: wrote %s (%s): %d nodes, %d edges, %d sources, %d bytes in %.2fs\n",
				out, f.Name, len(g.Nodes), len(g.Edges), len(g.Sources), bytes, secs)
		}
		return nil
	},
}

// csvFormulas reads --csv-formulas: whether cells that a spreadsheet would
// run as formulas are written raw. neo4j-admin files are always raw, since
// neo4j-admin would store an escape as part of the value.
func csvFormulas(c *cli.Context, f export.Format) (raw bool, err error) {
	v := c.String("csv-formulas")
	if v != "escape" && v != "raw" {
		return false, usagef("export: --csv-formulas %q: want escape or raw", v)
	}
	if c.IsSet("csv-formulas") && f.Name != "csv" && !(f.Name == "neo4j-admin" && v == "raw") {
		if f.Name == "neo4j-admin" {
			return false, usagef("export: --csv-formulas=escape: neo4j-admin stores cells as they are, so its files are always raw (they are for neo4j-admin, not for spreadsheets)")
		}
		return false, usagef("export: --csv-formulas applies to --format csv only")
	}
	return v == "raw", nil
}
