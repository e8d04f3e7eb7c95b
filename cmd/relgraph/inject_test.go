package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestExportReservedSchema runs every export format over a schema that
// declares relgraph's own names (which made neo4j-admin panic): each
// refuses with exit 1, names the schema file, line and field, and writes
// nothing.
func TestExportReservedSchema(t *testing.T) {
	dir := t.TempDir()
	schema := filepath.Join(dir, "schema.json")
	os.WriteFile(schema, []byte(`{
  "kinds": {"Person": {}, "Entity": {}, "RelgraphLoadLock": {}, "Source": {}},
  "types": {"REPORTS": {"from": ["Person"], "to": ["Person"]}, "KNOWS": {}}
}
`), 0o644)
	input := filepath.Join(dir, "in.json")
	os.WriteFile(input, []byte(`{"sources": [{"id": "s1"}],
 "nodes": [{"id": "a", "kind": "Person", "name": "A"}, {"id": "b", "kind": "Entity", "name": "B"},
  {"id": "c", "kind": "RelgraphLoadLock", "name": "C"}],
 "edges": [{"from": "a", "to": "b", "type": "REPORTS", "sources": ["s1"]}, {"from": "a", "to": "c", "type": "KNOWS", "sources": ["s1"]}]}
`), 0o644)
	for _, f := range ownFormats() {
		t.Run(f.Name, func(t *testing.T) {
			out := filepath.Join(dir, "out-"+f.Name)
			_, stderr, code := runCLI(t, "", "export", "--format", f.Name, "--schema", schema, "-o", out, input)
			if code != 1 {
				t.Fatalf("exit %d, want 1: %s", code, stderr)
			}
			for _, want := range []string{
				schema + ":2: kinds.Entity: \"Entity\" is reserved by relgraph",
				schema + ":2: kinds.RelgraphLoadLock:",
				schema + ":2: kinds.Source:",
				schema + ":3: types.REPORTS:",
			} {
				if !strings.Contains(stderr, want) {
					t.Errorf("stderr lacks %q:\n%s", want, stderr)
				}
			}
			if strings.Contains(stderr, "panic") {
				t.Errorf("panicked:\n%s", stderr)
			}
			if _, err := os.Stat(out); !os.IsNotExist(err) {
				t.Errorf("%s was written", out)
			}
		})
	}
}

// TestExportCSVFormulas: the csv format escapes formulas unless told
// --csv-formulas=raw; the flag is refused where it cannot apply.
func TestExportCSVFormulas(t *testing.T) {
	dir := t.TempDir()
	input := filepath.Join(dir, "in.json")
	os.WriteFile(input, []byte(`{"sources": [{"id": "s1", "title": "=HYPERLINK(\"http://x\",\"y\")"}],
 "nodes": [{"id": "a", "kind": "Person", "name": "=1+1"}, {"id": "b", "kind": "Person", "name": "-5"}],
 "edges": [{"from": "a", "to": "b", "type": "MET_WITH", "sources": ["s1"]}]}
`), 0o644)
	for _, tc := range []struct {
		name string
		args []string
		code int
		want []string // lines of entities.csv
	}{
		{"default", []string{"--format", "csv"}, 0, []string{`s1,Source,,,,,,"'=HYPERLINK(""http://x"",""y"")",,,,`, "a,Person,'=1+1,,,,,,,,,", "b,Person,-5,,,,,,,,,"}},
		{"escape", []string{"--format", "csv", "--csv-formulas=escape"}, 0, []string{"a,Person,'=1+1,,,,,,,,,"}},
		{"raw", []string{"--format", "csv", "--csv-formulas=raw"}, 0, []string{`s1,Source,,,,,,"=HYPERLINK(""http://x"",""y"")",,,,`, "a,Person,=1+1,,,,,,,,,"}},
		{"neo4j-admin raw", []string{"--format", "neo4j-admin", "--csv-formulas=raw"}, 0, nil},
		{"neo4j-admin escape", []string{"--format", "neo4j-admin", "--csv-formulas=escape"}, 2, nil},
		{"json", []string{"--format", "json", "--csv-formulas=raw"}, 2, nil},
		{"bad value", []string{"--format", "csv", "--csv-formulas=off"}, 2, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := filepath.Join(dir, strings.ReplaceAll(tc.name, " ", "-"))
			_, stderr, code := runCLI(t, "", append(append([]string{"export", "-o", out}, tc.args...), input)...)
			if code != tc.code {
				t.Fatalf("exit %d, want %d: %s", code, tc.code, stderr)
			}
			if tc.want == nil {
				return
			}
			b, err := os.ReadFile(filepath.Join(out, "entities.csv"))
			if err != nil {
				t.Fatal(err)
			}
			lines := strings.Split(string(b), "\n")
			for _, w := range tc.want {
				found := false
				for _, l := range lines {
					found = found || l == w
				}
				if !found {
					t.Errorf("entities.csv lacks the line %s:\n%s", w, b)
				}
			}
		})
	}
}
