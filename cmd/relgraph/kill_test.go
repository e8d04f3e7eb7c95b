package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/relgraph/relgraph/gen"
)

// Killing relgraph (SIGKILL) while it writes leaves the previous file
// intact: output is written to a temporary name and renamed when complete.
func TestKillDuringWriteKeepsPreviousFile(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and generates a large input")
	}
	bin := relgraphBinary(t)
	dir := t.TempDir()
	var big bytes.Buffer
	if err := gen.Write(&big, gen.Config{Seed: 3, Entities: 50000, Relations: 300000}); err != nil {
		t.Fatal(err)
	}
	in := write(t, dir, "big.jsonl", big.String())
	for _, tc := range []struct {
		name  string
		args  []string
		out   string
		modes []string
	}{
		// exports write for seconds: kill while the temporary file grows
		{"export json", []string{"export", "--format", "json", "-o"}, "graph.json", []string{"mid-write", "early"}},
		{"export jsonl", []string{"export", "--format", "jsonl", "-o"}, "graph.jsonl", []string{"mid-write", "early"}},
		// render writes a small file at the very end: kill at a delay
		{"render dot", []string{"render", "--max-nodes", "3000", "-o"}, "graph.dot", []string{"early"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := filepath.Join(dir, tc.out)
			const previous = "previous content\n"
			if err := os.WriteFile(out, []byte(previous), 0o644); err != nil {
				t.Fatal(err)
			}
			// Kill while the temporary file is being written, or at a
			// fixed delay (while reading, or rendering).
			for _, mode := range tc.modes {
				cmd := exec.Command(bin, append(append([]string{}, tc.args...), out, in)...)
				if err := cmd.Start(); err != nil {
					t.Fatal(err)
				}
				sawTemp := false
				if mode == "mid-write" {
					deadline := time.Now().Add(2 * time.Minute)
					for time.Now().Before(deadline) && !sawTemp {
						tmps, _ := filepath.Glob(filepath.Join(dir, "."+tc.out+".tmp-*"))
						for _, p := range tmps {
							if st, err := os.Stat(p); err == nil && st.Size() > 0 {
								sawTemp = true
							}
						}
						time.Sleep(2 * time.Millisecond)
					}
				} else {
					time.Sleep(500 * time.Millisecond)
				}
				cmd.Process.Signal(syscall.SIGKILL)
				err := cmd.Wait()
				got, rerr := os.ReadFile(out)
				if rerr != nil {
					t.Fatalf("%s: %v", mode, rerr)
				}
				if mode == "mid-write" {
					if !sawTemp || err == nil {
						t.Fatalf("the kill did not land while the output was being written (temporary file seen: %v, exit: %v)", sawTemp, err)
					}
					if string(got) != previous {
						t.Fatalf("killed mid-write, the file changed: %d bytes ending %q", len(got), tail(got))
					}
					continue
				}
				complete := len(got) > 1000 && strings.HasSuffix(string(got), "\n")
				if string(got) != previous && !complete {
					t.Fatalf("%s: the file is neither the previous one nor complete: %d bytes ending %q", mode, len(got), tail(got))
				}
			}
		})
	}
}

func tail(b []byte) string {
	if len(b) > 40 {
		b = b[len(b)-40:]
	}
	return string(b)
}
