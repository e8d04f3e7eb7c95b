package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/relgraph/relgraph/export"
	"github.com/relgraph/relgraph/gen"
	"github.com/relgraph/relgraph/graph"
)

// failing formats write part of their output, then fail, as an encoder
// does when its writer breaks (disk full) or the data cannot be written.
func init() {
	export.Register(export.Format{Name: "test-fail", Usage: "test only", NewEncoder: func(w io.Writer, o export.Options) export.Encoder {
		return failEncoder{w: w}
	}})
	export.Register(export.Format{Name: "test-fail-dir", Usage: "test only", NewDirEncoder: func(f export.Files, o export.Options) export.Encoder {
		return failEncoder{f: f}
	}})
}

type failEncoder struct {
	w io.Writer
	f export.Files
}

var errHalfway = errors.New("export: test-fail: failed halfway")

func (e failEncoder) Encode(g *graph.Graph) error {
	if e.f != nil {
		w, err := e.f.Create("first.csv")
		if err != nil {
			return err
		}
		io.WriteString(w, "half a file")
		w.Close()
		return errHalfway
	}
	io.WriteString(e.w, "half a file")
	return errHalfway
}

// ownFormats are the formats of the export issue; the test formats above
// are left out.
func ownFormats() []export.Format {
	var out []export.Format
	for _, f := range export.Formats() {
		if !strings.HasPrefix(f.Name, "test-") {
			out = append(out, f)
		}
	}
	return out
}

func TestExportList(t *testing.T) {
	out, stderr, code := runCLI(t, "", "export", "--list")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{"json ", "jsonl ", "csv ", "graphml ", "neo4j-admin "} {
		if !strings.Contains(out, "\n"+want) && !strings.HasPrefix(out, want) {
			t.Errorf("--list lacks %q:\n%s", want, out)
		}
	}
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		if len(strings.Fields(line)) < 3 {
			t.Errorf("--list line without a description: %q", line)
		}
	}
}

// A failed export leaves the previous output as it was, and no temporary
// file or directory behind.
func TestExportFailureKeepsPrevious(t *testing.T) {
	for _, tc := range []struct{ format, out string }{{"test-fail", "graph.json"}, {"test-fail-dir", "graphdir"}} {
		t.Run(tc.format, func(t *testing.T) {
			dir := t.TempDir()
			out := filepath.Join(dir, tc.out)
			if tc.format == "test-fail-dir" {
				os.Mkdir(out, 0o755)
				os.WriteFile(filepath.Join(out, "entities.csv"), []byte("previous"), 0o644)
			} else {
				os.WriteFile(out, []byte("previous"), 0o644)
			}
			args := []string{"export", "--format", tc.format, "-o", out}
			if tc.format == "test-fail-dir" {
				args = append(args, "--force") // entities.csv is not relgraph's
			}
			_, stderr, code := runCLI(t, "", args...)
			if code == 0 || !strings.Contains(stderr, "failed halfway") {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			if n := strings.Count(strings.TrimSpace(stderr), "\n"); n != 0 {
				t.Errorf("more than one line of error:\n%s", stderr)
			}
			prev := out
			if tc.format == "test-fail-dir" {
				prev = filepath.Join(out, "entities.csv")
				if _, err := os.Stat(filepath.Join(out, "first.csv")); err == nil {
					t.Errorf("half-written first.csv is in place")
				}
				assertOnly(t, out, "entities.csv")
			}
			if b, err := os.ReadFile(prev); err != nil || string(b) != "previous" {
				t.Errorf("previous output changed: %q %v", b, err)
			}
			assertOnly(t, dir, tc.out)
		})
	}
}

// assertOnly fails unless dir holds exactly names.
func assertOnly(t *testing.T, dir string, names ...string) {
	t.Helper()
	ents, _ := os.ReadDir(dir)
	var got []string
	for _, e := range ents {
		got = append(got, e.Name())
	}
	sort.Strings(names)
	if strings.Join(got, " ") != strings.Join(names, " ") {
		t.Errorf("%s holds %v, want %v", dir, got, names)
	}
}

// A missing output directory is one clear error, exit 3, and nothing is
// created.
func TestExportMissingDirectory(t *testing.T) {
	for _, f := range ownFormats() {
		t.Run(f.Name, func(t *testing.T) {
			dir := t.TempDir()
			out := filepath.Join(dir, "missing", "out")
			_, stderr, code := runCLI(t, "", "export", "--format", f.Name, "-o", out)
			if code != exitOutput {
				t.Errorf("exit %d, want %d: %s", code, exitOutput, stderr)
			}
			if strings.Count(strings.TrimSpace(stderr), "\n") != 0 || !strings.Contains(stderr, "does not exist") {
				t.Errorf("want one line naming the missing directory:\n%s", stderr)
			}
			assertOnly(t, dir)
		})
	}
}

// A multi-file format cannot go to stdout: bad usage, exit 2.
func TestExportDirToStdout(t *testing.T) {
	for _, f := range ownFormats() {
		if !f.MultiFile() {
			continue
		}
		_, stderr, code := runCLI(t, "", "export", "--format", f.Name)
		if code != exitUsage || !strings.Contains(stderr, "give a directory with -o") {
			t.Errorf("%s: exit %d: %s", f.Name, code, stderr)
		}
	}
}

// Every format gives the same bytes on every run.
func TestExportDeterministic(t *testing.T) {
	for _, f := range ownFormats() {
		t.Run(f.Name, func(t *testing.T) {
			dir := t.TempDir()
			var runs [2]map[string][]byte
			for i := range runs {
				out := filepath.Join(dir, f.Name+string(rune('a'+i)))
				if _, stderr, code := runCLI(t, "", "export", "--format", f.Name, "-o", out); code != 0 {
					t.Fatalf("exit %d: %s", code, stderr)
				}
				runs[i] = readOutput(t, out)
			}
			if len(runs[0]) == 0 {
				t.Fatal("no output")
			}
			for name, b := range runs[0] {
				if !bytes.Equal(b, runs[1][name]) {
					t.Errorf("%s differs between two runs", name)
				}
			}
		})
	}
}

// readOutput returns the file at path, or the files of the directory.
func readOutput(t *testing.T, path string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if !st.IsDir() {
		b, _ := os.ReadFile(path)
		out[""] = b
		return out
	}
	ents, _ := os.ReadDir(path)
	for _, e := range ents {
		b, _ := os.ReadFile(filepath.Join(path, e.Name()))
		out[e.Name()] = b
	}
	return out
}

// --json prints one summary object on stdout and nothing else.
func TestExportJSONSummary(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "csv")
	stdout, stderr, code := runCLI(t, "", "export", "--format", "csv", "-o", out, "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var sum struct {
		Format  string
		Files   []string
		Nodes   int
		Edges   int
		Sources int
		Bytes   int64
		Seconds float64
	}
	dec := json.NewDecoder(strings.NewReader(stdout))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&sum); err != nil {
		t.Fatalf("%v: %s", err, stdout)
	}
	if sum.Format != "csv" || len(sum.Files) != 2 || sum.Nodes == 0 || sum.Edges == 0 || sum.Bytes == 0 {
		t.Errorf("summary %+v", sum)
	}
	var total int64
	for _, f := range sum.Files {
		st, err := os.Stat(f)
		if err != nil {
			t.Fatal(err)
		}
		total += st.Size()
	}
	if total != sum.Bytes {
		t.Errorf("bytes %d, files hold %d", sum.Bytes, total)
	}
}

// The csv export reads back: relgraph export --format csv, then relgraph
// export --format json of that directory, equals the json export.
func TestExportCSVReadBack(t *testing.T) {
	dir := t.TempDir()
	want, stderr, code := runCLI(t, "", "export", "--format", "json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if _, stderr, code := runCLI(t, "", "export", "--format", "csv", "-o", filepath.Join(dir, "csv")); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	got, stderr, code := runCLI(t, "", "export", "--format", "json", filepath.Join(dir, "csv"))
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if got != want {
		t.Errorf("json of the csv export differs from the json export")
	}
}

// Killing relgraph (SIGKILL) while it writes a multi-file export leaves
// the previous directory as it was: a new directory does not appear, and in
// an existing one no file changes (kill_test.go covers single files; a
// killed process cannot remove its temporary files, SIGTERM does: see
// output_test.go).
func TestExportKillDirKeepsPrevious(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and generates a large input")
	}
	bin := relgraphBinary(t)
	dir := t.TempDir()
	var big bytes.Buffer
	if err := gen.Write(&big, gen.Config{Seed: 5, Entities: 50000, Relations: 300000}); err != nil {
		t.Fatal(err)
	}
	in := filepath.Join(dir, "big.jsonl")
	if err := os.WriteFile(in, big.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, format := range []string{"csv", "neo4j-admin"} {
		for _, existing := range []bool{false, true} {
			name := format + " new directory"
			if existing {
				name = format + " existing directory"
			}
			t.Run(name, func(t *testing.T) {
				out := filepath.Join(dir, format)
				os.RemoveAll(out)
				temps := filepath.Join(dir, "."+format+".tmp-*", "*")
				var before map[string][]byte
				if existing {
					// relgraph's previous export, and a file of the user's
					if _, stderr, code := runCLI(t, "", "export", "--format", format, "-o", out); code != 0 {
						t.Fatalf("exit %d: %s", code, stderr)
					}
					os.WriteFile(filepath.Join(out, "marker"), []byte("previous"), 0o644)
					before = readOutput(t, out)
					temps = filepath.Join(out, ".*.tmp-*")
				}
				cmd := exec.Command(bin, "export", "--format", format, "-o", out, in)
				if err := cmd.Start(); err != nil {
					t.Fatal(err)
				}
				// Kill once a temporary file has content.
				deadline := time.Now().Add(2 * time.Minute)
				saw := false
				for time.Now().Before(deadline) && !saw {
					tmps, _ := filepath.Glob(temps)
					for _, p := range tmps {
						if st, err := os.Stat(p); err == nil && st.Size() > 0 {
							saw = true
						}
					}
					time.Sleep(2 * time.Millisecond)
				}
				cmd.Process.Signal(syscall.SIGKILL)
				err := cmd.Wait()
				if !saw || err == nil {
					t.Fatalf("the export finished before it could be killed (saw temp %v, err %v)", saw, err)
				}
				if !existing {
					if _, err := os.Stat(out); err == nil {
						t.Errorf("killed mid-write, %s appeared", out)
					}
					return
				}
				got := readOutput(t, out)
				for n, b := range got {
					if strings.HasPrefix(n, ".") && strings.Contains(n, ".tmp-") {
						continue // the kill left it; nothing can remove it
					}
					if prev, ok := before[n]; !ok || !bytes.Equal(prev, b) {
						t.Errorf("killed mid-write, %s changed", n)
					}
				}
				for n := range before {
					if _, ok := got[n]; !ok {
						t.Errorf("killed mid-write, %s was removed", n)
					}
				}
			})
		}
	}
}
