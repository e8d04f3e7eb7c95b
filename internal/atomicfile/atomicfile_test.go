package atomicfile

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
)

func TestWriteFileFailureKeepsPrevious(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "out.json")
	os.WriteFile(p, []byte("old"), 0o644)
	err := WriteFile(p, nil, func(w io.Writer) error {
		io.WriteString(w, "half a fi")
		return errors.New("boom")
	})
	if err == nil || err.Error() != "boom" {
		t.Fatalf("err = %v", err)
	}
	if b, _ := os.ReadFile(p); string(b) != "old" {
		t.Errorf("file now %q", b)
	}
	if es, _ := os.ReadDir(dir); len(es) != 1 {
		t.Errorf("temporary file left: %v", es)
	}
	if err := writeString(p, "new"); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(p); string(b) != "new" {
		t.Errorf("file now %q", b)
	}
}

func TestWriteFileBadDirectory(t *testing.T) {
	err := WriteFile("/no/such/dir/out.svg", nil, func(io.Writer) error { return nil })
	if err == nil || !strings.Contains(err.Error(), "output directory /no/such/dir does not exist") {
		t.Errorf("err = %v", err)
	}
}

func writeString(p, s string) error {
	return WriteFile(p, nil, func(w io.Writer) error { _, err := io.WriteString(w, s); return err })
}

// Writing through a symbolic link replaces the file it points to and keeps
// the link, however it is spelled.
func TestWriteFileThroughSymlink(t *testing.T) {
	for _, tc := range []struct {
		name   string
		links  [][2]string // link name → what it points to, made in order
		target string      // the file that must get the content
	}{
		{"relative", [][2]string{{"out.json", "real.json"}}, "real.json"},
		{"absolute", [][2]string{{"out.json", "ABS/real.json"}}, "real.json"},
		{"chain", [][2]string{{"b.json", "real.json"}, {"out.json", "b.json"}}, "real.json"},
		{"other directory", [][2]string{{"out.json", "sub/real.json"}}, "sub/real.json"},
		{"dangling", [][2]string{{"out.json", "sub/new.json"}}, "sub/new.json"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			os.Mkdir(filepath.Join(dir, "sub"), 0o755)
			if tc.name != "dangling" {
				os.WriteFile(filepath.Join(dir, tc.target), []byte("old"), 0o644)
			}
			for _, l := range tc.links {
				to := strings.Replace(l[1], "ABS", dir, 1)
				if err := os.Symlink(to, filepath.Join(dir, l[0])); err != nil {
					t.Fatal(err)
				}
			}
			out := filepath.Join(dir, "out.json")
			if err := writeString(out, "new"); err != nil {
				t.Fatal(err)
			}
			if st, err := os.Lstat(out); err != nil || st.Mode()&fs.ModeSymlink == 0 {
				t.Errorf("%s is no longer a link: %v %v", out, st.Mode(), err)
			}
			if b, _ := os.ReadFile(filepath.Join(dir, tc.target)); string(b) != "new" {
				t.Errorf("target holds %q", b)
			}
			assertNoTemporaries(t, dir)
		})
	}
}

// Devices and FIFOs are written directly, never replaced by a file.
func TestWriteFileNonRegular(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	// A reader opened without blocking: the write cannot hang, and a
	// FIFO replaced by a file would leave it nothing to read.
	r, err := os.OpenFile(fifo, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if err := writeString(fifo, "through the pipe"); err != nil {
		t.Fatal(err)
	}
	buf := make([]byte, 100)
	n, _ := r.Read(buf)
	if s := string(buf[:n]); s != "through the pipe" {
		t.Errorf("reader got %q", s)
	}
	if st, _ := os.Lstat(fifo); st.Mode()&fs.ModeNamedPipe == 0 {
		t.Errorf("the FIFO was replaced: %v", st.Mode())
	}
	// A character device like /dev/null, made here: a test must never
	// risk replacing the machine's own (as root, a rename would).
	if os.Geteuid() != 0 {
		t.Log("not root: no device node to write to")
	} else {
		null := filepath.Join(dir, "null")
		if err := syscall.Mknod(null, syscall.S_IFCHR|0o666, 1<<8|3); err != nil {
			t.Fatal(err)
		}
		link := filepath.Join(dir, "link")
		os.Symlink("null", link)
		for _, p := range []string{null, link} {
			if err := writeString(p, "discarded"); err != nil {
				t.Fatal(err)
			}
		}
		if st, _ := os.Lstat(null); st.Mode()&fs.ModeCharDevice == 0 {
			t.Errorf("the device was replaced: %v", st.Mode())
		}
		if st, _ := os.Lstat(link); st.Mode()&fs.ModeSymlink == 0 {
			t.Errorf("the link to the device was replaced")
		}
	}
	assertNoTemporaries(t, dir)
}

// An existing file keeps its permissions; a new one gets 0666 less the
// umask.
func TestWriteFileMode(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		umask    int
		existing fs.FileMode // 0: no file yet
		want     fs.FileMode
	}{
		{0o022, 0, 0o644},
		{0o077, 0, 0o600},
		{0o002, 0, 0o664},
		{0o022, 0o600, 0o600},
		{0o077, 0o664, 0o664},
		{0o022, 0o640, 0o640},
	} {
		p := filepath.Join(dir, "out")
		os.Remove(p)
		if tc.existing != 0 {
			os.WriteFile(p, []byte("old"), 0o600)
			os.Chmod(p, tc.existing)
		}
		old := syscall.Umask(tc.umask)
		err := writeString(p, "new")
		syscall.Umask(old)
		if err != nil {
			t.Fatal(err)
		}
		if st, _ := os.Stat(p); st.Mode().Perm() != tc.want {
			t.Errorf("umask %03o, existing %03o: mode %03o, want %03o", tc.umask, tc.existing, st.Mode().Perm(), tc.want)
		}
	}
}

// A signal handler's RemoveTemporaries removes the file being written and
// stops the write; the previous file stays.
func TestRemoveTemporaries(t *testing.T) {
	defer func() { live.stopped = false }()
	dir := t.TempDir()
	p := filepath.Join(dir, "out.json")
	os.WriteFile(p, []byte("old"), 0o644)
	os.Mkdir(filepath.Join(dir, "csv"), 0o755)
	os.WriteFile(filepath.Join(dir, "csv", "mine.txt"), []byte("mine"), 0o644)
	err := WriteFile(p, nil, func(w io.Writer) error {
		return WriteDir(filepath.Join(dir, "new"), DirOptions{}, func(d *Dir) error {
			return WriteDir(filepath.Join(dir, "csv"), DirOptions{Force: true}, func(e *Dir) error {
				for _, c := range []*Dir{d, e} {
					f, err := c.Create("nodes.csv")
					if err != nil {
						return err
					}
					io.WriteString(f, "half")
				}
				if n := len(temporaries(t, dir)); n != 3 {
					t.Errorf("%d temporaries while writing, want 3", n)
				}
				RemoveTemporaries()
				return nil
			})
		})
	})
	if !errors.Is(err, ErrInterrupted) {
		t.Errorf("err = %v", err)
	}
	assertNoTemporaries(t, dir)
	if b, _ := os.ReadFile(p); string(b) != "old" {
		t.Errorf("file now %q", b)
	}
	assertFiles(t, dir, "csv", "csv/mine.txt", "out.json")
	if err := writeString(p, "new"); !errors.Is(err, ErrInterrupted) {
		t.Errorf("a write after RemoveTemporaries: %v", err)
	}
}

func TestWriteDirNew(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "export")
	failed := WriteDir(p, DirOptions{}, func(d *Dir) error {
		createFile(t, d, "nodes.csv", "half")
		return errors.New("boom")
	})
	if failed == nil {
		t.Fatal("no error")
	}
	assertFiles(t, dir)
	old := syscall.Umask(0o027)
	err := WriteDir(p, DirOptions{}, func(d *Dir) error {
		createFile(t, d, "nodes.csv", "n")
		createFile(t, d, "edges.csv", "e")
		return nil
	})
	syscall.Umask(old)
	if err != nil {
		t.Fatal(err)
	}
	assertFiles(t, dir, "export", "export/.relgraph-manifest", "export/edges.csv", "export/nodes.csv")
	if st, _ := os.Stat(p); st.Mode().Perm() != 0o750 {
		t.Errorf("directory mode %03o, want 0750 (umask 027)", st.Mode().Perm())
	}
	if st, _ := os.Stat(filepath.Join(p, "nodes.csv")); st.Mode().Perm() != 0o640 {
		t.Errorf("file mode %03o, want 0640 (umask 027)", st.Mode().Perm())
	}
	if names, ok, _ := readManifest(p); !ok || !slices.Equal(names, []string{"edges.csv", "nodes.csv"}) {
		t.Errorf("manifest lists %v (%v)", names, ok)
	}
	if _, err := (&Dir{path: dir}).Create("../escape"); err == nil {
		t.Error("Create accepted a path")
	}
}

// Writing into an existing directory touches only relgraph's files.
func TestWriteDirExisting(t *testing.T) {
	mine := map[string]string{"notes.md": "my notes", "reports/2023/q4.txt": "q4", "nodes.csv.bak": "backup"}
	for _, tc := range []struct {
		name     string
		manifest []string // nil: no manifest
		before   []string // relgraph's files from last time
		force    bool
		refused  bool
		want     []string // relgraph's files after
	}{
		{name: "foreign", refused: true},
		{name: "foreign forced", force: true, want: []string{"edges.csv", "nodes.csv"}},
		{name: "own", manifest: []string{"nodes.csv", "old.csv"}, before: []string{"nodes.csv", "old.csv"}, want: []string{"edges.csv", "nodes.csv"}},
		{name: "own, listed files gone", manifest: []string{"gone.csv"}, want: []string{"edges.csv", "nodes.csv"}},
		{name: "hostile manifest", manifest: []string{"../outside.txt", "/etc/passwd", ".", "..", "reports", "notes.md/"}, want: []string{"edges.csv", "nodes.csv"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			root := t.TempDir()
			os.WriteFile(filepath.Join(root, "outside.txt"), []byte("outside"), 0o644)
			p := filepath.Join(root, "work")
			for n, s := range mine {
				os.MkdirAll(filepath.Dir(filepath.Join(p, n)), 0o755)
				os.WriteFile(filepath.Join(p, n), []byte(s), 0o644)
			}
			for _, n := range tc.before {
				os.WriteFile(filepath.Join(p, n), []byte("previous"), 0o600)
			}
			if tc.manifest != nil {
				os.WriteFile(filepath.Join(p, ManifestName), []byte(manifestText(tc.manifest)), 0o644)
			}
			err := WriteDir(p, DirOptions{Force: tc.force}, func(d *Dir) error {
				createFile(t, d, "nodes.csv", "n")
				createFile(t, d, "edges.csv", "e")
				return nil
			})
			if tc.refused {
				if !errors.Is(err, ErrNotOwnDir) || !strings.Contains(err.Error(), p) {
					t.Fatalf("err = %v", err)
				}
			} else if err != nil {
				t.Fatal(err)
			}
			for n, s := range mine {
				if b, err := os.ReadFile(filepath.Join(p, n)); string(b) != s {
					t.Errorf("%s: %q %v", n, b, err)
				}
			}
			if b, _ := os.ReadFile(filepath.Join(root, "outside.txt")); string(b) != "outside" {
				t.Errorf("outside.txt changed")
			}
			want := []string{"work", "work/nodes.csv.bak", "work/notes.md", "work/reports", "work/reports/2023", "work/reports/2023/q4.txt", "outside.txt"}
			for _, n := range tc.want {
				want = append(want, "work/"+n)
			}
			if tc.manifest != nil || !tc.refused {
				want = append(want, "work/"+ManifestName)
			}
			assertFiles(t, root, want...)
			if tc.refused {
				return
			}
			if b, _ := os.ReadFile(filepath.Join(p, "nodes.csv")); string(b) != "n" {
				t.Errorf("nodes.csv holds %q", b)
			}
			if st, _ := os.Stat(filepath.Join(p, "nodes.csv")); len(tc.before) > 0 && st.Mode().Perm() != 0o600 {
				t.Errorf("nodes.csv lost its mode: %03o", st.Mode().Perm())
			}
			if names, ok, _ := readManifest(p); !ok || !slices.Equal(names, tc.want) {
				t.Errorf("manifest lists %v, want %v", names, tc.want)
			}
		})
	}
}

// A failed write into an existing directory leaves it as it was.
func TestWriteDirExistingFailure(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "export")
	os.Mkdir(p, 0o755)
	os.WriteFile(filepath.Join(p, "nodes.csv"), []byte("previous"), 0o644)
	os.WriteFile(filepath.Join(p, ManifestName), []byte(manifestText([]string{"nodes.csv"})), 0o644)
	err := WriteDir(p, DirOptions{}, func(d *Dir) error {
		createFile(t, d, "nodes.csv", "new")
		createFile(t, d, "edges.csv", "half")
		return errors.New("boom")
	})
	if err == nil {
		t.Fatal("no error")
	}
	assertFiles(t, dir, "export", "export/"+ManifestName, "export/nodes.csv")
	if b, _ := os.ReadFile(filepath.Join(p, "nodes.csv")); string(b) != "previous" {
		t.Errorf("nodes.csv holds %q", b)
	}
}

// An existing empty directory is relgraph's to write, and so is one that
// holds only the temporary files of a killed run.
func TestWriteDirEmpty(t *testing.T) {
	for _, leftover := range []string{"", ".nodes.csv.tmp-12345"} {
		dir := t.TempDir()
		if leftover != "" {
			os.WriteFile(filepath.Join(dir, leftover), []byte("x"), 0o644)
		}
		if err := WriteDir(dir, DirOptions{}, func(d *Dir) error { createFile(t, d, "nodes.csv", "n"); return nil }); err != nil {
			t.Errorf("leftover %q: %v", leftover, err)
		}
	}
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, ".hidden"), []byte("x"), 0o644)
	if err := WriteDir(dir, DirOptions{}, func(d *Dir) error { return nil }); !errors.Is(err, ErrNotOwnDir) {
		t.Errorf("a directory holding .hidden: %v", err)
	}
}

func createFile(t *testing.T, d *Dir, name, content string) {
	t.Helper()
	f, err := d.Create(name)
	if err != nil {
		t.Fatal(err)
	}
	io.WriteString(f, content)
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}

// temporaries lists the temporary files and directories under dir.
func temporaries(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && strings.Contains(d.Name(), ".tmp-") {
			out = append(out, p)
		}
		return nil
	})
	return out
}

func assertNoTemporaries(t *testing.T, dir string) {
	t.Helper()
	if tmps := temporaries(t, dir); len(tmps) != 0 {
		t.Errorf("temporaries left: %v", tmps)
	}
}

// assertFiles fails unless the tree under dir holds exactly names.
func assertFiles(t *testing.T, dir string, names ...string) {
	t.Helper()
	var got []string
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && p != dir {
			rel, _ := filepath.Rel(dir, p)
			got = append(got, filepath.ToSlash(rel))
		}
		return nil
	})
	slices.Sort(names)
	if !slices.Equal(got, names) {
		t.Errorf("%s holds %v, want %v", dir, got, names)
	}
}
