package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/relgraph/relgraph/internal/neo4jtest"
)

func datasetCount(t *testing.T, s neo4jtest.Server, ds string) int {
	t.Helper()
	return s.Int(t, "MATCH (n) WHERE n.dataset = $ds RETURN count(n)", map[string]any{"ds": ds})
}

// TestPruneEmptyInputRefused: a 0-byte input (a failed upstream step) with
// --prune is an error, in every format, and the dataset stays whole; a
// prune over --max-prune is refused, and --force lets it through.
func TestPruneEmptyInputRefused(t *testing.T) {
	s := neo4jtest.Get(t)
	ds := neo4jtest.Dataset(t, s)
	withEnv(t, "NEO4J_URI", s.URI, "NEO4J_USERNAME", s.Username, "NEO4J_PASSWORD", s.Password, "NEO4J_DATABASE", s.Database)
	if _, stderr, code := runCLI(t, "", "load", "--dataset", ds); code != 0 {
		t.Fatalf("load exit %d: %s", code, stderr)
	}
	before := s.Dump(t, ds)
	dir := t.TempDir()
	for _, name := range []string{"daily.jsonl", "daily.json", "daily.csv", "daily.yaml", "-"} {
		path := name
		if name != "-" {
			path = filepath.Join(dir, name)
			if err := os.WriteFile(path, nil, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		_, stderr, code := runCLI(t, "", "load", "--prune", "--dataset", ds, path)
		want := path
		if name == "-" {
			want = "<stdin>"
		}
		if code != exitInvalid || !strings.Contains(stderr, want) {
			t.Errorf("%s: exit %d, stderr %q; want exit 1 naming the file", name, code, stderr)
		}
		if got := s.Dump(t, ds); got != before {
			t.Fatalf("%s: an empty input changed the dataset", name)
		}
	}
	// One article of five: most of the dataset would go.
	one := filepath.Join("..", "..", "testdata", "dataset", "004.json")
	src := filepath.Join("..", "..", "testdata", "dataset", "sources.json")
	_, stderr, code := runCLI(t, "", "load", "--prune", "--max-prune", "10%", "--dataset", ds, src, one)
	if code != exitInvalid || !strings.Contains(stderr, "more than --max-prune 10%") || !strings.Contains(stderr, "nothing was written") {
		t.Errorf("prune over the limit: exit %d, stderr %q", code, stderr)
	}
	if got := s.Dump(t, ds); got != before {
		t.Fatalf("a refused prune changed the dataset")
	}
	if _, stderr, code := runCLI(t, "", "load", "--prune", "--max-prune", "150%", "--dataset", ds, one); code != exitUsage {
		t.Errorf("--max-prune 150%%: exit %d, %s", code, stderr)
	}
	stdout, stderr, code := runCLI(t, "", "load", "--json", "--prune", "--force", "--dataset", ds, src, one)
	var out struct {
		OK      bool `json:"ok"`
		Summary struct {
			Pruned struct{ Nodes int } `json:"pruned"`
		} `json:"summary"`
	}
	if code != 0 || json.Unmarshal([]byte(stdout), &out) != nil || !out.OK || out.Summary.Pruned.Nodes == 0 {
		t.Errorf("--force: exit %d, %s %s", code, stdout, stderr)
	}
}

// TestDropCommand: relgraph drop removes one dataset and nothing else.
func TestDropCommand(t *testing.T) {
	s := neo4jtest.Get(t)
	ds, other := neo4jtest.Dataset(t, s), neo4jtest.Dataset(t, s)
	withEnv(t, "NEO4J_URI", s.URI, "NEO4J_USERNAME", s.Username, "NEO4J_PASSWORD", s.Password, "NEO4J_DATABASE", s.Database)
	for _, d := range []string{ds, other} {
		if _, stderr, code := runCLI(t, "", "load", "--dataset", d); code != 0 {
			t.Fatalf("load exit %d: %s", code, stderr)
		}
	}
	otherDump := s.Dump(t, other)
	if _, stderr, code := runCLI(t, "", "drop"); code != exitUsage || !strings.Contains(stderr, "--dataset") {
		t.Errorf("drop without --dataset: exit %d, %q", code, stderr)
	}
	if _, _, code := runCLI(t, "", "drop", "--dataset", "a\nb"); code != exitUsage {
		t.Errorf("drop --dataset with a line break: exit %d", code)
	}
	n := datasetCount(t, s, ds)
	stdout, stderr, code := runCLI(t, "", "drop", "--json", "--dataset", ds)
	var out struct {
		OK      bool `json:"ok"`
		Dropped struct {
			Nodes, Sources, Relationships int
		} `json:"dropped"`
	}
	if code != 0 || json.Unmarshal([]byte(stdout), &out) != nil || !out.OK {
		t.Fatalf("drop: exit %d, %s %s", code, stdout, stderr)
	}
	if out.Dropped.Nodes+out.Dropped.Sources != n || out.Dropped.Relationships == 0 {
		t.Errorf("drop summary %+v, the dataset had %d nodes and sources", out.Dropped, n)
	}
	if got := datasetCount(t, s, ds); got != 0 {
		t.Errorf("%d nodes left after drop", got)
	}
	if got := s.Dump(t, other); got != otherDump {
		t.Errorf("dropping one dataset changed another")
	}
	// Nothing left to drop: still exit 0.
	if _, stderr, code := runCLI(t, "", "drop", "--dataset", ds); code != 0 || !strings.Contains(stderr, "0 nodes") {
		t.Errorf("second drop: exit %d, %q", code, stderr)
	}
}
