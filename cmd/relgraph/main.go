// Command relgraph turns entities and relations extracted from news
// reporting into one sourced property graph: it validates and merges
// extraction files, loads the graph into Neo4j, renders diagrams and writes
// exports. Run "relgraph help" for the commands.
package main

import (
	"fmt"
	"io"
	"os"
	"runtime/pprof"

	"github.com/urfave/cli/v2"
)

func main() {
	setMemoryLimit()
	stop := startProfile(os.Getenv("RELGRAPH_CPUPROFILE"))
	code := run(os.Args, os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// startProfile writes a CPU profile of the whole run to path, when set
// (RELGRAPH_CPUPROFILE, for bench/: see BENCHMARKS.md), and returns what
// ends it.
func startProfile(path string) func() {
	if path == "" {
		return func() {}
	}
	f, err := os.Create(path)
	if err == nil {
		err = pprof.StartCPUProfile(f)
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "relgraph: RELGRAPH_CPUPROFILE: %v\n", err)
		return func() {}
	}
	return func() {
		pprof.StopCPUProfile()
		f.Close()
	}
}

// run is main without the process: tests call it.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	app := newApp(stdin, stdout, stderr)
	err := app.Run(args)
	return exitCode(err, stderr)
}

func newApp(stdin io.Reader, stdout, stderr io.Writer) *cli.App {
	app := &cli.App{
		Name:      "relgraph",
		Usage:     "a sourced property graph from news extractions: validate, load into Neo4j, render, export",
		Reader:    stdin,
		Writer:    stdout,
		ErrWriter: stderr,
		Description: `relgraph reads entities and relations extracted from articles (JSON, JSON Lines,
CSV or YAML), merges duplicates and keeps every fact with the article and quote
that state it. With no input it uses the embedded Russia–North Korea dataset.

Exit codes: 0 success; 1 invalid input or a failed operation; 2 bad usage;
3 cannot write output; 4 Neo4j unreachable, refused or failed; 130, 143, 129
stopped by SIGINT, SIGTERM, SIGHUP.`,
		Commands:             commands(),
		EnableBashCompletion: true,
		OnUsageError: func(c *cli.Context, err error, isSub bool) error {
			return usageError{err}
		},
		ExitErrHandler: func(*cli.Context, error) {}, // run prints and exits
	}
	return app
}

// commands lists every command; each lives in its own file.
func commands() []*cli.Command {
	cmds := []*cli.Command{validateCommand, statsCommand, schemaCommand, exportCommand}
	cmds = append(cmds, dropCommand)
	return append(cmds, extraCommands...)
}

// extraCommands are registered by the files of other command groups.
var extraCommands []*cli.Command

func init() {
	cli.HelpFlag = &cli.BoolFlag{Name: "help", Aliases: []string{"h"}, Usage: "show help"}
}
