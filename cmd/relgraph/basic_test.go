package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestValidateEmbedded(t *testing.T) {
	_, stderr, code := runCLI(t, "", "validate")
	if code != 0 {
		t.Fatalf("validate exit %d: %s", code, stderr)
	}
	out, stderr, code := runCLI(t, "", "stats", "--json")
	if code != 0 {
		t.Fatalf("stats exit %d: %s", code, stderr)
	}
	var st stats
	if err := json.Unmarshal([]byte(out), &st); err != nil {
		t.Fatal(err)
	}
	if st.Nodes == 0 || st.Edges == 0 || len(st.Sources) != 5 {
		t.Errorf("embedded dataset: %d nodes, %d edges, %d sources", st.Nodes, st.Edges, len(st.Sources))
	}
	for _, s := range st.Sources {
		if s.Facts == 0 {
			t.Errorf("source %s (%s) supports no relation", s.ID, s.File)
		}
	}
}

// The JSON export has the documented shape and is byte-identical across runs.
func TestExportJSONShape(t *testing.T) {
	a, stderr, code := runCLI(t, "", "export", "--format", "json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	b, _, _ := runCLI(t, "", "export", "--format", "json", "-o", "-")
	if a != b {
		t.Fatal("two exports differ")
	}
	var doc struct {
		Nodes []struct {
			ID, Kind, Name string
			Aliases        []string
		}
		Edges []struct {
			From, To, Type string
			Sources        []struct{ ID string }
		}
		Sources []struct{ ID, File string }
	}
	if err := json.Unmarshal([]byte(a), &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Nodes) == 0 || len(doc.Edges) == 0 || len(doc.Sources) == 0 {
		t.Fatal("empty export")
	}
	ids := map[string]bool{}
	for _, n := range doc.Nodes {
		if n.ID == "" || n.Kind == "" || n.Name == "" || n.Aliases == nil {
			t.Errorf("node %+v lacks id, kind, name or aliases", n)
		}
		ids[n.ID] = true
	}
	srcs := map[string]bool{}
	for _, s := range doc.Sources {
		if !strings.HasSuffix(s.File, ".txt") {
			t.Errorf("source %s has file %q", s.ID, s.File)
		}
		srcs[s.ID] = true
	}
	for _, e := range doc.Edges {
		if !ids[e.From] || !ids[e.To] || e.Type == "" || len(e.Sources) == 0 {
			t.Errorf("edge %+v", e)
		}
		for _, s := range e.Sources {
			if !srcs[s.ID] {
				t.Errorf("edge %+v cites unknown source %s", e, s.ID)
			}
		}
	}
}

func write(t *testing.T, dir, name, text string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// A malformed input gives every error with file:line, exit 1, and no file.
func TestMalformedInput(t *testing.T) {
	dir := t.TempDir()
	bad := write(t, dir, "bad.jsonl", `{"record":"source","id":"s1"}
{"id":"a","kind":"Leader","name":"A"}
{"id":"b","kind":"Tyrant","name":"B"}
{"from":"a","to":"ghost","type":"MET_WITH","sources":["s1"]}
{"from":"a","to":"a","type":"MET_WITH","date":"last week","sources":["s1"]}
`)
	out := filepath.Join(dir, "out.json")
	stdout, stderr, code := runCLI(t, "", "export", "-o", out, bad)
	if code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
	for _, want := range []string{
		"bad.jsonl:3: kind: unknown kind \"Tyrant\"",
		"bad.jsonl:4: to: unknown node \"ghost\"",
		"bad.jsonl:5: date: \"last week\" is not an ISO 8601 date",
		"3 problem(s)",
	} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	if stdout != "" {
		t.Errorf("stdout: %q", stdout)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("output written: %v", entries)
	}
	// validate --json reports the same problems, machine-readably
	js, _, code := runCLI(t, "", "validate", "--json", bad)
	var sum struct {
		Valid    bool
		Problems []struct {
			Pos struct {
				File string
				Line int
			}
			Field, Message string
		}
	}
	if err := json.Unmarshal([]byte(js), &sum); err != nil || code != 1 || sum.Valid || len(sum.Problems) != 3 || sum.Problems[0].Pos.Line != 3 {
		t.Errorf("validate --json: code %d, %v, %s", code, err, js)
	}
}

// The same person spelled two ways in two files ends as one node carrying
// both spellings and both sources.
func TestMergeAcrossFiles(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "a.json", `{"sources":[{"id":"s1","file":"one.txt"}],
"nodes":[{"id":"kim","kind":"Leader","name":"Kim Jong Un","sources":[{"id":"s1","quote":"Kim Jong Un"}]}]}`)
	write(t, dir, "b.jsonl", `{"record":"source","id":"s2","file":"two.txt"}
{"id":"kju","kind":"Leader","name":"Kim Jong-un","sources":[{"id":"s2","quote":"Kim Jong-un"}]}
`)
	out, stderr, code := runCLI(t, "", "export", dir)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var doc struct {
		Nodes []struct {
			ID      string
			Aliases []string
			Sources []struct{ ID, Quote string }
		}
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Nodes) != 1 {
		t.Fatalf("%d nodes: %s", len(doc.Nodes), out)
	}
	n := doc.Nodes[0]
	if n.ID != "kim" || strings.Join(n.Aliases, ",") != "Kim Jong-un" || len(n.Sources) != 2 {
		t.Errorf("merged node %+v", n)
	}
	st, _, _ := runCLI(t, "", "stats", dir)
	if !strings.Contains(st, `kim  <- "Kim Jong-un" (kju)  name "Kim Jong-un" matches`) {
		t.Errorf("stats does not report the merge:\n%s", st)
	}
}

func TestStdinAndUsage(t *testing.T) {
	in := `{"id":"a","kind":"State","name":"Russia"}` + "\n"
	out, stderr, code := runCLI(t, in, "export", "-")
	if code != 0 || !strings.Contains(out, `"name":"Russia"`) {
		t.Errorf("stdin: exit %d %s %s", code, out, stderr)
	}
	if _, _, code := runCLI(t, "", "export", "--no-such-flag"); code != 2 {
		t.Errorf("bad flag: exit %d, want 2", code)
	}
	if _, stderr, code := runCLI(t, "", "export", "--format", "pdf"); code != 2 || !strings.Contains(stderr, `unknown format "pdf"`) {
		t.Errorf("bad format: exit %d %s", code, stderr)
	}
	if _, stderr, code := runCLI(t, "", "validate", "/no/such/file.json"); code != 1 || !strings.Contains(stderr, "/no/such/file.json") {
		t.Errorf("missing file: exit %d %s", code, stderr)
	}
}

func TestSchemaIsJSON(t *testing.T) {
	out, _, code := runCLI(t, "", "schema")
	var v map[string]any
	if code != 0 || json.Unmarshal([]byte(out), &v) != nil || v["$defs"] == nil {
		t.Fatalf("schema: exit %d", code)
	}
}

func TestHelpHasExamples(t *testing.T) {
	for _, cmd := range newApp(nil, nil, nil).Commands {
		if !strings.Contains(cmd.Description, "Example") {
			t.Errorf("%s --help has no example", cmd.Name)
		}
	}
}
