// Command relgen writes a deterministic synthetic extraction in JSON Lines.
//
//	go run ./gen/cmd/relgen -seed 1 -entities 200000 -relations 1000000 -o big.jsonl
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
	flag.Float64Var(&c.Allegations, "allegations", 0.05, "share of entities that are allegations")
	flag.Float64Var(&c.Aliases, "aliases", 0.1, "share of entities written twice under another spelling")
	out := flag.String("o", "-", "output file, - for stdout")
	flag.Parse()
	err := atomicfile.WriteFile(*out, os.Stdout, func(w io.Writer) error { return gen.Write(w, c) })
	if err != nil {
		fmt.Fprintln(os.Stderr, "relgen:", err)
		os.Exit(1)
	}
}
