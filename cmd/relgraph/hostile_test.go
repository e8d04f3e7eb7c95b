package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

var (
	binOnce sync.Once
	binPath string
	binErr  error
)

// relgraphBinary builds the command once per test process, for tests that
// need a real process: peak memory, kill -9, argv.
func relgraphBinary(t *testing.T) string {
	t.Helper()
	binOnce.Do(func() {
		dir, err := os.MkdirTemp("", "relgraph-bin-")
		if err != nil {
			binErr = err
			return
		}
		binPath = filepath.Join(dir, "relgraph")
		out, err := exec.Command("go", "build", "-o", binPath, ".").CombinedOutput()
		if err != nil {
			binErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if binErr != nil {
		t.Fatal(binErr)
	}
	return binPath
}

type procResult struct {
	stdout, stderr string
	code           int
	maxRSSMiB      int64
}

// runProc runs the built binary; a generous deadline only stops a hang.
//
// Its peak memory is measured by GNU time, which forks the binary from a
// small process. The rusage of a child of this test process would not do:
// Go starts children with vfork, so the child's peak (ru_maxrss) includes
// the test process's own resident memory at the time of the fork, which
// after other tests can be hundreds of MiB. Without /usr/bin/time,
// maxRSSMiB is -1 (not measured).
func runProc(t *testing.T, args ...string) procResult {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	bin, rssFile := relgraphBinary(t), ""
	var cmd *exec.Cmd
	if timeBin, err := exec.LookPath("/usr/bin/time"); err == nil {
		rssFile = filepath.Join(t.TempDir(), "maxrss")
		cmd = exec.CommandContext(ctx, timeBin, append([]string{"-f", "%M", "-o", rssFile, "--", bin}, args...)...)
	} else if os.Getenv("RELGRAPH_REQUIRE_TOOLS") != "" {
		t.Fatal("/usr/bin/time is required (RELGRAPH_REQUIRE_TOOLS is set) but not found: apt-get install time")
	} else {
		cmd = exec.CommandContext(ctx, bin, args...)
	}
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	rss := int64(-1)
	if rssFile != "" {
		data, err := os.ReadFile(rssFile)
		if err != nil {
			t.Fatalf("/usr/bin/time wrote no figure: %v", err)
		}
		// The last line is the figure; GNU time writes "Command exited
		// with non-zero status N" before it.
		lines := strings.Split(strings.TrimSpace(string(data)), "\n")
		kb, err := strconv.ParseInt(strings.TrimSpace(lines[len(lines)-1]), 10, 64)
		if err != nil {
			t.Fatalf("/usr/bin/time: %q: %v", data, err)
		}
		rss = kb / 1024
	}
	return procResult{out.String(), errb.String(), code, rss}
}

// writeBig writes a generated hostile file into dir.
func writeBig(t *testing.T, dir, name string, gen func(w *bytes.Buffer)) string {
	var b bytes.Buffer
	gen(&b)
	return write(t, dir, name, b.String())
}

// Every hostile input gets a clear error naming file and line, or is handled
// correctly, within bounded memory.
func TestHostileInputs(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and generates large files")
	}
	dir := t.TempDir()
	hugeName := writeBig(t, dir, "huge_name.jsonl", func(b *bytes.Buffer) {
		b.WriteString(`{"id":"a","kind":"Leader","name":"`)
		b.WriteString(strings.Repeat("K", 10<<20))
		b.WriteString("\"}\n{\"id\":\"b\",\"kind\":\"Leader\",\"name\":\"B\"}\n")
	})
	hugeNameJSON := writeBig(t, dir, "huge_name.json", func(b *bytes.Buffer) {
		b.WriteString(`{"nodes":[{"id":"a","kind":"Leader","name":"`)
		b.WriteString(strings.Repeat("K", 10<<20))
		b.WriteString(`"}]}`)
	})
	manyAliases := writeBig(t, dir, "aliases.json", func(b *bytes.Buffer) {
		b.WriteString(`{"nodes":[{"id":"a","kind":"Leader","name":"A","aliases":[`)
		for i := 0; i < 1000000; i++ {
			if i > 0 {
				b.WriteByte(',')
			}
			fmt.Fprintf(b, `"alias %d"`, i)
		}
		b.WriteString("]}]}")
	})
	deepLine := writeBig(t, dir, "deep.jsonl", func(b *bytes.Buffer) {
		b.WriteString(`{"id":"a","kind":"Leader","name":"A","props":{"x":` + strings.Repeat("[", 1<<20) + "\n")
	})
	for _, tc := range []struct {
		name, file string
		code       int
		want       string
	}{
		{"10 MB name (JSON Lines)", hugeName, 1, "huge_name.jsonl:1: name: too long: 10485760 bytes, the limit is 4096"},
		{"10 MB name (JSON)", hugeNameJSON, 1, "huge_name.json:1: name: too long: 10485760 bytes, the limit is 4096"},
		{"a million aliases", manyAliases, 1, "aliases.json:1: aliases: 1000000 aliases, the limit is 1000"},
		{"deeply nested JSON", "../../testdata/hostile/deep.json", 1, "deep.json:1: nested too deeply (the limit is 64 levels)"},
		{"deeply nested line", deepLine, 1, "deep.jsonl:1: nested too deeply"},
		{"NUL bytes", "../../testdata/hostile/nul.jsonl", 1, "nul.jsonl:3: NUL byte in input"},
		{"invalid UTF-8", "../../testdata/hostile/invalid_utf8.jsonl", 1, "invalid_utf8.jsonl:2: invalid UTF-8 at byte 37 of the line"},
		{"BOM and CRLF", "../../testdata/hostile/bom_crlf.json", 0, "valid: 2 nodes, 1 edges"},
		{"self loop and cycle", "../../testdata/hostile/self_loop_cycle.json", 0, "valid: 3 nodes, 4 edges"},
		{"markup and Cypher in names", "../../testdata/hostile/markup.json", 0, "valid: 4 nodes, 2 edges"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := runProc(t, "validate", tc.file)
			if r.code != tc.code || !strings.Contains(r.stderr, tc.want) {
				t.Errorf("exit %d (want %d), stderr:\n%.2000s\nwant %q", r.code, tc.code, r.stderr, tc.want)
			}
			if strings.Count(r.stderr, "\n") > 20 {
				t.Errorf("%d lines of errors", strings.Count(r.stderr, "\n"))
			}
			// Bounded: no hostile file makes relgraph hold much more than
			// the file itself (the largest is 14 MB).
			if r.maxRSSMiB > 400 {
				t.Errorf("peak memory %d MiB", r.maxRSSMiB)
			}
			t.Logf("peak memory %d MiB", r.maxRSSMiB)
		})
	}
}

// Hostile names survive the round trip through every text format unchanged.
func TestHostileRoundTrip(t *testing.T) {
	in := "../../testdata/hostile/markup.json"
	a, stderr, code := runCLI(t, "", "export", "--format", "json", in)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, f := range []string{"jsonl", "json"} {
		mid, stderr, code := runCLI(t, "", "export", "--format", f, in)
		if code != 0 {
			t.Fatalf("%s: exit %d: %s", f, code, stderr)
		}
		back, stderr, code := runCLI(t, mid, "export", "--format", "json", "--input-format", f, "-")
		if code != 0 || back != a {
			t.Errorf("json -> %s -> json differs (exit %d %s):\n%s\n%s", f, code, stderr, a, back)
		}
	}
}
