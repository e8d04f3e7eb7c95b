package main

import (
	"bytes"
	"encoding/xml"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestRenderOutputs(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		args   []string
		file   string // written file, or "" for stdout
		prefix string // expected start of the output
	}{
		{[]string{"-o", "d.svg"}, "d.svg", "<?xml"},
		{[]string{"-o", "d.dot"}, "d.dot", "// relgraph diagram"},
		{[]string{"-o", "d.png"}, "d.png", "\x89PNG"},
		{[]string{"--format", "dot", "-o", "d.txt"}, "d.txt", "// relgraph diagram"},
		{[]string{"-o", "-"}, "", "<?xml"},
		{[]string{"--format", "dot"}, "", "// relgraph diagram"},
		{[]string{"--focus", "Kim Jong Un", "--depth", "2", "--theme", "mono", "--layout", "neato", "-o", "-"}, "", "<?xml"},
		{[]string{"--cluster-by", "state", "--show-sources", "--kinds", "Leader,State", "--kinds", "Person", "-o", "-"}, "", "<?xml"},
	}
	for _, tt := range tests {
		args := append([]string{"render"}, tt.args...)
		for i, a := range args {
			if strings.HasPrefix(a, "d.") {
				args[i] = filepath.Join(dir, a)
			}
		}
		stdout, stderr, code := runCLI(t, "", args...)
		if code != 0 {
			t.Errorf("%v: exit %d: %s", tt.args, code, stderr)
			continue
		}
		out := []byte(stdout)
		if tt.file != "" {
			var err error
			if out, err = os.ReadFile(filepath.Join(dir, tt.file)); err != nil {
				t.Errorf("%v: %v", tt.args, err)
				continue
			}
			if !strings.Contains(stderr, "relgraph: wrote ") {
				t.Errorf("%v: stderr %q", tt.args, stderr)
			}
		}
		if !bytes.HasPrefix(out, []byte(tt.prefix)) {
			t.Errorf("%v: output starts %q, want %q", tt.args, out[:min(len(out), 20)], tt.prefix)
		}
		if tt.prefix == "<?xml" {
			var v struct{}
			if err := xml.Unmarshal(out, &v); err != nil {
				t.Errorf("%v: SVG is not XML: %v", tt.args, err)
			}
		}
	}
}

func TestRenderDeterministic(t *testing.T) {
	a, _, _ := runCLI(t, "", "render", "--cluster-by", "state", "-o", "-")
	b, _, _ := runCLI(t, "", "render", "--cluster-by", "state", "-o", "-")
	if a == "" || a != b {
		t.Error("two runs give different SVG")
	}
}

func TestRenderMaxNodesReportsCut(t *testing.T) {
	_, stderr, code := runCLI(t, "", "render", "--max-nodes", "5", "--format", "dot", "-o", "-")
	if code != 0 || !strings.Contains(stderr, "--max-nodes 5: drew the 5 most connected nodes, left out ") {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
}

// Bad input gives one line on stderr, a non-zero exit, and leaves the
// output path as it was.
func TestRenderErrors(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "out.svg")
	tests := []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"--focus", "Kim Jong Il"}, exitInvalid, `no such node named "Kim Jong Il" (did you mean "Kim Jong Un"`},
		{[]string{"--layout", "osage"}, exitUsage, `render: unknown layout "osage" (one of dot, neato, fdp, sfdp, circo, twopi)`},
		{[]string{"--theme", "neon"}, exitUsage, `unknown theme "neon"`},
		{[]string{"--rankdir", "up"}, exitUsage, `unknown rankdir "UP"`},
		{[]string{"--kinds", "Leeder"}, exitUsage, `unknown kind "Leeder" (did you mean Leader?)`},
		{[]string{"--types", "DENIE"}, exitUsage, `unknown relation type "DENIE" (did you mean DENIES?)`},
		{[]string{"--since", "2100"}, exitInvalid, "render: nothing to draw: the selection leaves no nodes"},
		{[]string{"--since", "2024-13"}, exitUsage, "not a calendar date"},
		{[]string{"--source", "nope.txt"}, exitInvalid, `no such source "nope.txt"`},
		{[]string{"--format", "tiff"}, exitUsage, `unknown --format "tiff"`},
		{[]string{"--depth", "0"}, exitUsage, "--depth must be at least 1"},
	}
	for _, tt := range tests {
		if err := os.WriteFile(out, []byte("previous"), 0o644); err != nil {
			t.Fatal(err)
		}
		_, stderr, code := runCLI(t, "", append(append([]string{"render"}, tt.args...), "-o", out)...)
		if code != tt.code {
			t.Errorf("%v: exit %d, want %d (%s)", tt.args, code, tt.code, stderr)
		}
		if !strings.Contains(stderr, tt.msg) {
			t.Errorf("%v: stderr %q lacks %q", tt.args, stderr, tt.msg)
		}
		if n := strings.Count(strings.TrimSpace(stderr), "\n"); n != 0 {
			t.Errorf("%v: %d lines on stderr, want one: %q", tt.args, n+1, stderr)
		}
		if b, _ := os.ReadFile(out); string(b) != "previous" {
			t.Errorf("%v: output file changed to %q", tt.args, b[:min(len(b), 40)])
		}
		if entries, _ := os.ReadDir(dir); len(entries) != 1 {
			t.Errorf("%v: left files behind: %v", tt.args, entries)
		}
	}
}

func TestRenderUnwritable(t *testing.T) {
	dir := t.TempDir()
	for _, path := range []string{filepath.Join(dir, "missing", "d.svg"), filepath.Join(dir, "file.svg", "d.svg")} {
		os.WriteFile(filepath.Join(dir, "file.svg"), []byte("x"), 0o644)
		_, stderr, code := runCLI(t, "", "render", "-o", path)
		if code != exitOutput || !strings.HasPrefix(stderr, "relgraph: atomicfile: ") {
			t.Errorf("%s: exit %d, stderr %q", path, code, stderr)
		}
	}
	_, stderr, code := runCLI(t, "", "render", "-o", filepath.Join(dir, "diagram.tiff"))
	if code != exitUsage || !strings.Contains(stderr, "cannot tell the format") {
		t.Errorf("unknown extension: exit %d, stderr %q", code, stderr)
	}
}
