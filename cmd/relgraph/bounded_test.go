package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// runWith runs the built binary with stdin and stdout from files.
func runWith(t *testing.T, stdin, stdout string, args ...string) procResult {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, relgraphBinary(t), args...)
	var errb, out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if stdin != "" {
		f, err := os.Open(stdin)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		cmd.Stdin = f
	}
	if stdout != "" {
		f, err := os.OpenFile(stdout, os.O_WRONLY, 0)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		cmd.Stdout = f
	}
	err := cmd.Run()
	if ctx.Err() != nil {
		t.Fatalf("%v: still running after 2 minutes", args)
	}
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	var rss int64
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		rss = ru.Maxrss / 1024
	}
	return procResult{out.String(), errb.String(), code, rss}
}

// Endless input ends: a stream of zeros as JSON Lines stops at the line
// limit, as JSON at its first byte, in little memory.
func TestEndlessInput(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"validate", "--input-format", "jsonl", "-"}, "relgraph: <stdin>:1: line longer than the limit of 16777216 bytes (--max-line-bytes): the rest of the input is not read"},
		{[]string{"validate", "--input-format", "json", "-"}, "relgraph: <stdin>:1: NUL byte in input"},
		{[]string{"validate", "--input-format", "yaml", "/dev/zero"}, "relgraph: /dev/zero:1: NUL byte in input"},
	} {
		r := runWith(t, "/dev/zero", "", tc.args...)
		if r.code != 1 || !strings.Contains(r.stderr, tc.want) {
			t.Errorf("%v: exit %d, stderr:\n%s\nwant %q", tc.args, r.code, r.stderr, tc.want)
		}
		if r.maxRSSMiB > 200 {
			t.Errorf("%v: peak memory %d MiB", tc.args, r.maxRSSMiB)
		}
	}
}

// Writing the queries to a full disk is exit 3, not success.
func TestQueriesFullDisk(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	for _, args := range [][]string{{"queries"}, {"queries", "--json"}} {
		r := runWith(t, "", "/dev/full", args...)
		if r.code != 3 || !strings.Contains(r.stderr, "no space left on device") {
			t.Errorf("%v: exit %d, stderr %q", args, r.code, r.stderr)
		}
	}
}

// Bad flag values are usage errors (exit 2) naming the flag.
func TestInputFlagValues(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"validate", "--input-format", "xml"}, `--input-format: unknown format "xml" (want json, jsonl, csv, yaml`},
		{[]string{"validate", "--max-line-bytes", "-1"}, "--max-line-bytes: -1 is not a positive number"},
		{[]string{"validate", "--max-file-bytes", "0"}, "--max-file-bytes: 0 is not a positive number"},
		{[]string{"stats", "--max-aliases", "0"}, "--max-aliases: 0 is not a positive number"},
		{[]string{"validate", "--max-depth", "-5"}, "--max-depth: -5 is not a positive number"},
		{[]string{"validate", "--max-text-bytes", "0"}, "--max-text-bytes: 0 is not a positive number"},
	} {
		_, stderr, code := runCLI(t, "", tc.args...)
		if code != 2 || !strings.Contains(stderr, tc.want) {
			t.Errorf("%v: exit %d, stderr %q, want %q", tc.args, code, stderr, tc.want)
		}
	}
}

// Many problems of one kind print a few and a count; look-alike names
// are warned about on stderr.
func TestProblemCapAndWarnings(t *testing.T) {
	dir := t.TempDir()
	var b strings.Builder
	b.WriteString(`{"record":"source","id":"s1"}` + "\n")
	for i := 0; i < 500; i++ {
		fmt.Fprintf(&b, `{"from":"a%d","to":"b","type":"MET_WITH","sources":["s1"]}`+"\n", i)
	}
	p := filepath.Join(dir, "many.jsonl")
	os.WriteFile(p, []byte(b.String()), 0o644)
	_, stderr, code := runCLI(t, "", "validate", p)
	if code != 1 || strings.Count(stderr, "\n") != 23 ||
		!strings.Contains(stderr, "many.jsonl:12: from: and 490 more like this\n") ||
		!strings.Contains(stderr, "many.jsonl:12: to: and 490 more like this\n") ||
		!strings.HasSuffix(stderr, "relgraph: 1000 problem(s)\n") {
		t.Errorf("exit %d, stderr:\n%s", code, stderr)
	}

	q := filepath.Join(dir, "kim.json")
	os.WriteFile(q, []byte(`{"sources": [{"id": "s1"}], "nodes": [
{"id": "kju", "kind": "Leader", "name": "Kim Jong Un", "sources": ["s1"]},
{"id": "kju-fw", "kind": "Leader", "name": "Ｋｉｍ Ｊｏｎｇ Ｕｎ", "sources": ["s1"]},
{"id": "kju-cy", "kind": "Leader", "name": "Кim Jong Un", "sources": ["s1"]}]}`), 0o644)
	_, stderr, code = runCLI(t, "", "validate", q)
	if code != 0 || !strings.Contains(stderr, `relgraph: warning: `+q+`:4: name: "Кim Jong Un" mixes Cyrillic and Latin letters in one word`) ||
		!strings.Contains(stderr, "valid: 2 nodes, 0 edges, 1 sources, 1 merges") {
		t.Errorf("exit %d, stderr:\n%s", code, stderr)
	}
}
