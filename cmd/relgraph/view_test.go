package main

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/relgraph/relgraph"
	"github.com/relgraph/relgraph/gen"
	"github.com/relgraph/relgraph/internal/atomicfile"
	"github.com/relgraph/relgraph/view"
)

// TestViewCommand: "view", "render --format html" and "render -o x.html"
// write the same page, byte for byte, and it is the page of package view
// for the embedded dataset; selection flags apply.
func TestViewCommand(t *testing.T) {
	dir := t.TempDir()
	g, err := relgraph.DefaultGraph()
	if err != nil {
		t.Fatal(err)
	}
	var want bytes.Buffer
	if err := view.Write(&want, g, view.Options{Title: "Relations reported in the sources"}); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"view", "-o", filepath.Join(dir, "a.html")},
		{"render", "--format", "html", "-o", filepath.Join(dir, "b.out")},
		{"render", "-o", filepath.Join(dir, "c.html")},
		{"view"},
	} {
		stdout, stderr, code := runCLI(t, "", args...)
		if code != 0 {
			t.Fatalf("%v: exit %d: %s", args, code, stderr)
		}
		got := []byte(stdout)
		if len(args) > 1 {
			if got, err = os.ReadFile(args[len(args)-1]); err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(stderr, "(html): 70 nodes") {
				t.Errorf("%v: stderr %q", args, stderr)
			}
		}
		if !bytes.Equal(got, want.Bytes()) {
			t.Errorf("%v: the page differs from view.Write of the embedded dataset (%d bytes, want %d)", args, len(got), want.Len())
		}
	}
	stdout, stderr, code := runCLI(t, "", "view", "--focus", "Kim Jong-un", "--depth", "1", "--types", "MET_WITH,ALLEGES")
	if code != 0 {
		t.Fatalf("view --focus: exit %d: %s", code, stderr)
	}
	if !strings.Contains(stdout, "Around Kim Jong Un") || len(stdout) >= want.Len() {
		t.Errorf("view --focus: title or size wrong (%d bytes)", len(stdout))
	}
	// Graphviz flags are render's alone.
	if _, stderr, code := runCLI(t, "", "view", "--layout", "neato"); code != 2 {
		t.Errorf("view --layout: exit %d, want 2: %s", code, stderr)
	}
}

// TestViewCap: past view.MaxNodes the page keeps the most connected nodes
// and says so; --max-nodes chooses another number.
func TestViewCap(t *testing.T) {
	if testing.Short() {
		t.Skip("-short")
	}
	dir := t.TempDir()
	in := filepath.Join(dir, "big.jsonl")
	err := atomicfile.WriteFile(in, nil, func(w io.Writer) error {
		return gen.Write(w, gen.Config{Seed: 5, Entities: view.MaxNodes + 300, Relations: 2000, Aliases: 0.01})
	})
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "big.html")
	_, stderr, code := runCLI(t, "", "view", "-o", out, in)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(stderr, "drew the 5000 most connected nodes, left out") || !strings.Contains(stderr, "(html): 5000 nodes") {
		t.Errorf("no cut reported: %s", stderr)
	}
	_, stderr, code = runCLI(t, "", "view", "--max-nodes", "50", "-o", out, in)
	if code != 0 || !strings.Contains(stderr, "(html): 50 nodes") {
		t.Errorf("--max-nodes 50: exit %d: %s", code, stderr)
	}
}
