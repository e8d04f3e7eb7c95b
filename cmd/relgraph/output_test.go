package main

import (
	"bytes"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/relgraph/relgraph/gen"
)

// A directory export into a directory of the user's writes relgraph's
// files and nothing else: without --force it is refused, with --force the
// user's files stay, and a later export into it (relgraph's now, by its
// manifest) replaces or removes only what relgraph wrote.
func TestExportDirKeepsOtherFiles(t *testing.T) {
	for _, format := range []string{"neo4j-admin", "csv"} {
		t.Run(format, func(t *testing.T) {
			work := filepath.Join(t.TempDir(), "work")
			mine := map[string]string{"notes.md": "my notes\n", "reports/2023/q4.txt": "Q4 figures\n"}
			for n, s := range mine {
				os.MkdirAll(filepath.Dir(filepath.Join(work, n)), 0o755)
				os.WriteFile(filepath.Join(work, n), []byte(s), 0o644)
			}
			checkMine := func(when string) {
				t.Helper()
				for n, s := range mine {
					if b, err := os.ReadFile(filepath.Join(work, n)); string(b) != s {
						t.Errorf("%s: %s holds %q (%v)", when, n, b, err)
					}
				}
			}
			_, stderr, code := runCLI(t, "", "export", "--format", format, "-o", work)
			if code != exitOutput || !strings.Contains(stderr, "not written by relgraph") || !strings.Contains(stderr, "--force") {
				t.Fatalf("a foreign directory without --force: exit %d: %s", code, stderr)
			}
			checkMine("refused")
			if got := readOutput(t, work); len(got) != 2 { // notes.md, reports/
				t.Errorf("refused, yet the directory changed: %d files", len(got))
			}

			if _, stderr, code := runCLI(t, "", "export", "--format", format, "-o", work, "--force"); code != 0 {
				t.Fatalf("--force: exit %d: %s", code, stderr)
			}
			checkMine("--force")
			want := readOutput(t, exportTo(t, format))
			got := readOutput(t, work)
			for n, b := range want {
				if !bytes.Equal(got[n], b) {
					t.Errorf("%s differs from an export into a new directory", n)
				}
			}

			// relgraph's directory now: the other format's files replace
			// this one's, the user's stay.
			other := map[string]string{"csv": "neo4j-admin", "neo4j-admin": "csv"}[format]
			if _, stderr, code := runCLI(t, "", "export", "--format", other, "-o", work); code != 0 {
				t.Fatalf("second export: exit %d: %s", code, stderr)
			}
			checkMine("second export")
			want = readOutput(t, exportTo(t, other))
			got = readOutput(t, work)
			for n := range got {
				if _, ok := want[n]; !ok && n != "notes.md" && n != "reports" {
					t.Errorf("%s left over from the first export", n)
				}
			}
			if len(got) != len(want)+2 {
				t.Errorf("%d files, want %d, notes.md and reports/", len(got), len(want))
			}
		})
	}
}

// exportTo exports the embedded dataset into a new directory.
func exportTo(t *testing.T, format string) string {
	t.Helper()
	out := filepath.Join(t.TempDir(), format)
	if _, stderr, code := runCLI(t, "", "export", "--format", format, "-o", out); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	return out
}

// -o onto a symbolic link writes its target; onto a FIFO or a device,
// writes it directly; an existing file keeps its mode; a new one follows
// the umask.
func TestExportOutputPaths(t *testing.T) {
	want, _, _ := runCLI(t, "", "export", "--format", "json")
	dir := t.TempDir()
	export := func(out string) {
		t.Helper()
		if _, stderr, code := runCLI(t, "", "export", "--format", "json", "-o", out); code != 0 {
			t.Fatalf("-o %s: exit %d: %s", out, code, stderr)
		}
	}

	real := filepath.Join(dir, "real.json")
	os.WriteFile(real, []byte("old"), 0o600)
	link := filepath.Join(dir, "link.json")
	os.Symlink("real.json", link)
	export(link)
	if st, err := os.Lstat(link); err != nil || st.Mode()&fs.ModeSymlink == 0 {
		t.Errorf("-o link.json replaced the link: %v %v", st.Mode(), err)
	}
	if b, _ := os.ReadFile(real); string(b) != want {
		t.Errorf("the link's target was not written: %d bytes", len(b))
	}
	if st, _ := os.Stat(real); st.Mode().Perm() != 0o600 {
		t.Errorf("a 0600 file became %03o", st.Mode().Perm())
	}

	for _, tc := range []struct {
		umask int
		want  fs.FileMode
	}{{0o077, 0o600}, {0o027, 0o640}, {0o002, 0o664}} {
		p := filepath.Join(dir, "new.json")
		os.Remove(p)
		old := syscall.Umask(tc.umask)
		export(p)
		syscall.Umask(old)
		if st, _ := os.Stat(p); st.Mode().Perm() != tc.want {
			t.Errorf("umask %03o: new file %03o, want %03o", tc.umask, st.Mode().Perm(), tc.want)
		}
	}

	fifo := filepath.Join(dir, "fifo")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	got := make(chan []byte)
	go func() {
		b, _ := os.ReadFile(fifo)
		got <- b
	}()
	export(fifo)
	select {
	case b := <-got:
		if string(b) != want {
			t.Errorf("the FIFO's reader got %d bytes, want %d", len(b), len(want))
		}
	case <-time.After(time.Minute):
		t.Fatal("the FIFO's reader got nothing")
	}
	if st, _ := os.Lstat(fifo); st.Mode()&fs.ModeNamedPipe == 0 {
		t.Errorf("-o fifo replaced the FIFO: %v", st.Mode())
	}

	// Like /dev/null, but made here: a test must never risk replacing
	// the machine's own.
	if os.Geteuid() == 0 {
		null := filepath.Join(dir, "null")
		if err := syscall.Mknod(null, syscall.S_IFCHR|0o666, 1<<8|3); err != nil {
			t.Fatal(err)
		}
		export(null)
		if st, _ := os.Lstat(null); st.Mode()&fs.ModeCharDevice == 0 {
			t.Errorf("-o null replaced the device: %v", st.Mode())
		}
	}
	if es, _ := filepath.Glob(filepath.Join(dir, ".*")); len(es) != 0 {
		t.Errorf("temporary files left: %v", es)
	}
}

// -o through the kernel's link to the process's stdout (what /dev/stdout
// is) writes the stdout relgraph was given, pipe or file, after what the
// file already holds.
func TestExportToStdoutLink(t *testing.T) {
	bin := relgraphBinary(t)
	want, _, _ := runCLI(t, "", "export", "--format", "json")
	dir := t.TempDir()
	stdout := filepath.Join(dir, "stdout") // as /dev/stdout, made here
	os.Symlink("/proc/self/fd/1", stdout)

	out, err := exec.Command(bin, "export", "--format", "json", "-o", stdout).Output()
	if err != nil || string(out) != want {
		t.Errorf("to a pipe: %d bytes, want %d (%v)", len(out), len(want), err)
	}

	file := filepath.Join(dir, "out.json")
	os.WriteFile(file, []byte("header\n"), 0o644)
	f, err := os.OpenFile(file, os.O_WRONLY|os.O_APPEND, 0)
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "export", "--format", "json", "-o", stdout)
	cmd.Stdout = f
	err = cmd.Run()
	f.Close()
	if b, _ := os.ReadFile(file); err != nil || string(b) != "header\n"+want {
		t.Errorf("to a file: %d bytes, want %d (%v)", len(b), len(want)+7, err)
	}
	if st, err := os.Lstat(stdout); err != nil || st.Mode()&fs.ModeSymlink == 0 {
		t.Errorf("the link was replaced")
	}
	if es, _ := filepath.Glob(filepath.Join(dir, ".*")); len(es) != 0 {
		t.Errorf("temporary files left: %v", es)
	}
}

// SIGTERM or SIGINT while relgraph writes removes its temporary files and
// directories, leaves the previous output as it was, and exits 128 + the
// signal's number.
func TestSignalRemovesTemporaries(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and generates a large input")
	}
	bin := relgraphBinary(t)
	dir := t.TempDir()
	var big bytes.Buffer
	if err := gen.Write(&big, gen.Config{Seed: 7, Entities: 50000, Relations: 300000}); err != nil {
		t.Fatal(err)
	}
	in := write(t, dir, "big.jsonl", big.String())
	for _, tc := range []struct {
		name     string
		args     []string
		out      string
		existing bool // out is relgraph's previous output
		temps    string
		sig      syscall.Signal
		code     int
	}{
		{"export json", []string{"export", "--format", "json"}, "graph.json", true, ".graph.json.tmp-*", syscall.SIGTERM, 143},
		{"export jsonl SIGINT", []string{"export", "--format", "jsonl"}, "graph.jsonl", true, ".graph.jsonl.tmp-*", syscall.SIGINT, 130},
		{"export csv new directory", []string{"export", "--format", "csv"}, "csv", false, ".csv.tmp-*/*", syscall.SIGTERM, 143},
		{"export neo4j-admin existing directory", []string{"export", "--format", "neo4j-admin"}, "admin", true, "admin/.*.tmp-*", syscall.SIGTERM, 143},
		{"render", []string{"render", "--max-nodes", "3000"}, "graph.dot", true, ".graph.dot.tmp-*", syscall.SIGTERM, 143},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := filepath.Join(dir, tc.out)
			var before map[string][]byte
			if tc.existing {
				if _, stderr, code := runCLI(t, "", append(append([]string{}, tc.args...), "-o", out)...); code != 0 {
					t.Fatalf("previous output: exit %d: %s", code, stderr)
				}
				before = readOutput(t, out)
			}
			cmd := exec.Command(bin, append(append([]string{}, tc.args...), "-o", out, in)...)
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			// Signal once a temporary file exists (render writes nothing
			// to it until the layout is done).
			deadline := time.Now().Add(2 * time.Minute)
			var seen []string
			for time.Now().Before(deadline) && len(seen) == 0 {
				seen, _ = filepath.Glob(filepath.Join(dir, tc.temps))
				time.Sleep(2 * time.Millisecond)
			}
			if len(seen) == 0 {
				cmd.Process.Kill()
				cmd.Wait()
				t.Fatalf("no temporary file appeared: %s", stderr.String())
			}
			cmd.Process.Signal(tc.sig)
			cmd.Wait()
			if code := cmd.ProcessState.ExitCode(); code != tc.code {
				t.Errorf("exit %d, want %d: %s", code, tc.code, stderr.String())
			}
			if !strings.Contains(stderr.String(), "temporary files removed") {
				t.Errorf("stderr: %s", stderr.String())
			}
			var left []string
			filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
				if err == nil && strings.Contains(d.Name(), ".tmp-") {
					left = append(left, p)
				}
				return nil
			})
			if len(left) != 0 {
				t.Errorf("temporary files left: %v", left)
			}
			if !tc.existing {
				if _, err := os.Stat(out); err == nil {
					t.Errorf("%s appeared", out)
				}
				return
			}
			got := readOutput(t, out)
			if len(got) != len(before) {
				t.Errorf("%d files, before %d", len(got), len(before))
			}
			for n, b := range before {
				if !bytes.Equal(got[n], b) {
					t.Errorf("%s changed", n)
				}
			}
		})
	}
}
