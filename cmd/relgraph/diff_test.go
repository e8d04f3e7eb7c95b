package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/relgraph/relgraph/internal/neo4jtest"
)

const datasetDir = "../../testdata/dataset"

// editedDataset copies the embedded dataset to a temporary directory with
// one quote changed (e-shoigu-russia), one edge removed
// (e-shoigu-in-summit) and one node added (new-aide), all in 004.json.
func editedDataset(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	files, err := os.ReadDir(datasetDir)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		b, err := os.ReadFile(filepath.Join(datasetDir, f.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if f.Name() == "004.json" {
			var doc struct {
				Nodes []map[string]any `json:"nodes"`
				Edges []map[string]any `json:"edges"`
			}
			if err := json.Unmarshal(b, &doc); err != nil {
				t.Fatal(err)
			}
			var edges []map[string]any
			found := 0
			for _, e := range doc.Edges {
				switch e["id"] {
				case "e-shoigu-in-summit":
					found++
					continue
				case "e-shoigu-russia":
					found++
					e["sources"] = []any{map[string]any{"id": "src-004", "quote": "Sergei Shoigu"}}
				}
				edges = append(edges, e)
			}
			if found != 2 {
				t.Fatalf("004.json no longer has e-shoigu-in-summit and e-shoigu-russia")
			}
			doc.Edges = edges
			doc.Nodes = append(doc.Nodes, map[string]any{"id": "new-aide", "kind": "Person", "name": "An unnamed aide",
				"sources": []any{map[string]any{"id": "src-004", "quote": "the delegation"}}})
			if b, err = json.Marshal(doc); err != nil {
				t.Fatal(err)
			}
		}
		if err := os.WriteFile(filepath.Join(dir, f.Name()), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// The acceptance test: exactly the three changes, in text and JSON.
func TestDiffReportsExactlyTheChanges(t *testing.T) {
	edited := editedDataset(t)

	out, errOut, code := runCLI(t, "", "diff", datasetDir, edited)
	if code != exitDiffers {
		t.Fatalf("exit %d, want %d; stderr %s", code, exitDiffers, errOut)
	}
	var top []string
	for _, l := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
		if !strings.HasPrefix(l, " ") {
			top = append(top, l)
		}
	}
	want := []string{
		`+ node new-aide  Person "An unnamed aide"`,
		`- edge e-shoigu-in-summit  sergei-shoigu -PARTICIPATED_IN-> vostochny-summit`,
		`~ edge e-shoigu-russia  sergei-shoigu -MEMBER_OF-> russia`,
	}
	if !reflect.DeepEqual(top, want) {
		t.Errorf("text report:\n%s\nwant the lines\n%s", out, strings.Join(want, "\n"))
	}
	for _, l := range []string{"    sources:", "      - src-004: Russian Defense Minister Sergei Shoigu", "      + src-004: Sergei Shoigu"} {
		if !strings.Contains(out, l+"\n") {
			t.Errorf("text report lacks %q:\n%s", l, out)
		}
	}
	if !strings.Contains(errOut, "differ: node: 1 added") {
		t.Errorf("stderr summary: %s", errOut)
	}

	jsonOut, errOut, code := runCLI(t, "", "diff", "--json", datasetDir, edited)
	if code != exitDiffers {
		t.Fatalf("--json: exit %d; stderr %s", code, errOut)
	}
	var got map[string]any
	if err := json.Unmarshal([]byte(jsonOut), &got); err != nil {
		t.Fatalf("--json output is not JSON: %v\n%s", err, jsonOut)
	}
	var wantJSON map[string]any
	if err := json.Unmarshal([]byte(`{
	  "equal": false,
	  "nodes": {"added": ["new-aide"], "removed": [], "changed": []},
	  "edges": {"added": [], "removed": ["e-shoigu-in-summit"], "changed": [
	    {"id": "e-shoigu-russia", "fields": [{"field": "sources",
	      "added": ["src-004: Sergei Shoigu"], "removed": ["src-004: Russian Defense Minister Sergei Shoigu"]}]}]},
	  "sources": {"added": [], "removed": [], "changed": []},
	  "merges": {"added": [], "removed": []},
	  "conflicts": {"added": [], "removed": []}
	}`), &wantJSON); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, wantJSON) {
		t.Errorf("--json:\n%s", jsonOut)
	}
	again, _, _ := runCLI(t, "", "diff", "--json", datasetDir, edited)
	if again != jsonOut {
		t.Errorf("--json differs between runs")
	}
}

func TestDiffExitCodes(t *testing.T) {
	dir := t.TempDir()
	export := filepath.Join(dir, "export.json")
	if _, errOut, code := runCLI(t, "", "export", "--format", "json", "-o", export); code != 0 {
		t.Fatalf("export: %d %s", code, errOut)
	}
	bad := filepath.Join(dir, "bad.json")
	if err := os.WriteFile(bad, []byte(`{"nodes": [{"id": "x", "kind": "Nowhere", "name": "X"}]}`), 0o644); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(export)
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name   string
		stdin  string
		args   []string
		code   int
		stdout string // exact, when not "*"
		stderr string // substring
	}{
		{name: "equal", args: []string{datasetDir, datasetDir}, code: 0, stdout: "", stderr: "no difference"},
		{name: "export and its export", stdin: string(data), args: []string{export, "-"}, code: 0, stdout: "", stderr: "no difference"},
		// An export is already merged: it records no merges.
		{name: "directory and its export", args: []string{datasetDir, export}, code: exitDiffers, stdout: "*", stderr: "merges: 0 new, 82 gone"},
		{name: "one argument", args: []string{datasetDir}, code: exitTrouble, stdout: "", stderr: "want OLD and NEW"},
		{name: "both stdin", args: []string{"-", "-"}, code: exitTrouble, stdout: "", stderr: "both be stdin"},
		{name: "unknown flag", args: []string{"--nope", datasetDir, datasetDir}, code: exitTrouble, stdout: "*", stderr: "nope"},
		{name: "invalid NEW", args: []string{datasetDir, bad}, code: exitTrouble, stdout: "", stderr: "bad.json:1"},
		{name: "missing OLD", args: []string{filepath.Join(dir, "missing"), datasetDir}, code: exitTrouble, stdout: "", stderr: "OLD"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			out, errOut, code := runCLI(t, tt.stdin, append([]string{"diff"}, tt.args...)...)
			if code != tt.code || (tt.stdout != "*" && out != tt.stdout) || !strings.Contains(errOut, tt.stderr) {
				t.Errorf("exit %d (want %d)\nstdout %q\nstderr %q (want %q)", code, tt.code, out, errOut, tt.stderr)
			}
		})
	}
}

// render --diff OLD draws NEW with the three changes marked, the removed
// edge put back.
func TestRenderDiff(t *testing.T) {
	edited := editedDataset(t)
	out, errOut, code := runCLI(t, "", "render", "--diff", datasetDir, "--format", "dot", "-o", "-", edited)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, w := range []string{
		`"new-aide" [label=<<b>NEW</b><br/>`,
		`"sergei-shoigu" -> "vostochny-summit" [label=<<b>REMOVED</b> PARTICIPATED_IN>`,
		`"sergei-shoigu" -> "russia" [label=<<b>CHANGED</b> MEMBER_OF>`,
		"What changed since " + datasetDir + ": 1 added, 1 removed, 1 changed",
	} {
		if !strings.Contains(out, w) {
			t.Errorf("render --diff output lacks %q", w)
		}
	}
	if n := strings.Count(out, "<b>NEW</b>") + strings.Count(out, "<b>REMOVED</b>") + strings.Count(out, "<b>CHANGED</b>"); n != 3 {
		t.Errorf("%d elements marked, want 3", n)
	}
	if _, errOut, code := runCLI(t, `{"sources": [], "nodes": [], "edges": []}`, "render", "--diff", "-", "--format", "dot", "-o", "-", "-"); code != exitUsage || !strings.Contains(errOut, "both be stdin") {
		t.Errorf("--diff - with stdin input: exit %d, %s", code, errOut)
	}
	if _, errOut, code := runCLI(t, "", "render", "--diff", filepath.Join(t.TempDir(), "missing"), "--format", "dot", "-o", "-"); code != exitInvalid || !strings.Contains(errOut, "--diff") {
		t.Errorf("--diff missing: exit %d, %s", code, errOut)
	}
}

// diff --against-neo4j: the embedded dataset loaded into a dataset reads
// back equal to itself; the edited copy differs by exactly the three
// changes; a dataset that holds nothing says so.
func TestDiffAgainstNeo4j(t *testing.T) {
	s := neo4jtest.Get(t)
	ds := neo4jtest.Dataset(t, s)
	withEnv(t, "NEO4J_URI", s.URI, "NEO4J_USERNAME", s.Username, "NEO4J_PASSWORD", s.Password, "NEO4J_DATABASE", s.Database)
	if _, errOut, code := runCLI(t, "", "load", "--dataset", ds, datasetDir); code != 0 {
		t.Fatalf("load: exit %d: %s", code, errOut)
	}
	out, errOut, code := runCLI(t, "", "diff", "--against-neo4j", "--dataset", ds, datasetDir)
	if code != 0 || out != "" || !strings.Contains(errOut, "no difference") {
		t.Fatalf("the loaded dataset against its own input: exit %d\n%s\n%s", code, out, errOut)
	}
	jsonOut, errOut, code := runCLI(t, "", "diff", "--json", "--against-neo4j", "--dataset", ds, editedDataset(t))
	if code != exitDiffers {
		t.Fatalf("edited input: exit %d; stderr %s", code, errOut)
	}
	var got struct {
		Nodes, Edges, Sources struct {
			Added, Removed []string
			Changed        []struct{ ID string }
		}
	}
	if err := json.Unmarshal([]byte(jsonOut), &got); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got.Nodes.Added, []string{"new-aide"}) || len(got.Nodes.Removed)+len(got.Nodes.Changed) != 0 ||
		!reflect.DeepEqual(got.Edges.Removed, []string{"e-shoigu-in-summit"}) || len(got.Edges.Added) != 0 ||
		len(got.Edges.Changed) != 1 || got.Edges.Changed[0].ID != "e-shoigu-russia" ||
		len(got.Sources.Added)+len(got.Sources.Removed)+len(got.Sources.Changed) != 0 {
		t.Errorf("against Neo4j, want exactly the three changes:\n%s", jsonOut)
	}
	_, errOut, code = runCLI(t, "", "diff", "--against-neo4j", "--dataset", ds+"-never-loaded", datasetDir)
	if code != exitDiffers || !strings.Contains(errOut, "holds nothing") {
		t.Errorf("a dataset never loaded: exit %d; %s", code, errOut)
	}
	if _, _, code := runCLI(t, "", "diff", "--against-neo4j", "a.json", "b.json"); code != 2 {
		t.Errorf("two inputs with --against-neo4j: exit %d, want 2", code)
	}
}
