// Command relgen writes a deterministic synthetic extraction: relgraph's
// JSON Lines, or the Parquet tables of a Microsoft GraphRAG output
// directory.
//
//	go run ./gen/cmd/relgen -seed 1 -entities 200000 -relations 1000000 -o big.jsonl
//	go run ./gen/cmd/relgen -format graphrag -seed 1 -entities 200000 -relations 1000000 -o big-graphrag
//
// With -format graphrag, -o names a new directory (it appears whole, or
// not at all) and the number of rows of each table is printed on stdout.
package main

import (
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/relgraph/relgraph/gen"
	"github.com/relgraph/relgraph/internal/atomicfile"
)

func main() {
	var c gen.Config
	flag.Uint64Var(&c.Seed, "seed", 1, "random seed")
	flag.IntVar(&c.Entities, "entities", 1000, "number of entities")
	flag.IntVar(&c.Relations, "relations", 5000, "number of relations")
	flag.IntVar(&c.Sources, "sources", 0, "number of sources (default entities/100)")
	flag.Float64Var(&c.Allegations, "allegations", 0.05, "share of entities that are allegations (graphrag: claims, as a share of entities)")
	flag.Float64Var(&c.Aliases, "aliases", 0.1, "share of entities written twice under another spelling")
	format := flag.String("format", "jsonl", "jsonl, or graphrag: GraphRAG's Parquet tables in the directory -o")
	out := flag.String("o", "-", "output file, - for stdout; with -format graphrag, a directory")
	flag.Parse()
	if err := run(*format, *out, c); err != nil {
		fmt.Fprintln(os.Stderr, "relgen:", err)
		os.Exit(1)
	}
}

func run(format, out string, c gen.Config) error {
	switch format {
	case "jsonl":
		return atomicfile.WriteFile(out, os.Stdout, func(w io.Writer) error { return gen.Write(w, c) })
	case "graphrag":
		if out == "-" {
			return fmt.Errorf("-format graphrag writes a directory: name it with -o")
		}
		if _, err := os.Stat(out); err == nil {
			return fmt.Errorf("%s exists: remove it first", out)
		}
		var rows gen.GraphRAGRows
		err := atomicfile.WriteDir(out, atomicfile.DirOptions{}, func(d *atomicfile.Dir) error {
			var err error
			rows, err = gen.WriteGraphRAG(d.Create, c)
			return err
		})
		if err != nil {
			return err
		}
		fmt.Printf("documents %d\ntext_units %d\nentities %d\ncovariates %d\nrelationships %d\ntotal %d\n",
			rows.Documents, rows.TextUnits, rows.Entities, rows.Covariates, rows.Relationships, rows.Total())
		return nil
	}
	return fmt.Errorf("unknown -format %q (want jsonl or graphrag)", format)
}
