package atomicfile

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
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
	if err := WriteFile(p, nil, func(w io.Writer) error { _, err := io.WriteString(w, "new"); return err }); err != nil {
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

func TestWriteDirSwapsWhole(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "export")
	os.Mkdir(p, 0o755)
	os.WriteFile(filepath.Join(p, "stale.csv"), []byte("x"), 0o644)
	failed := WriteDir(p, func(d *Dir) error {
		f, _ := d.Create("nodes.csv")
		f.Close()
		return errors.New("boom")
	})
	if failed == nil {
		t.Fatal("no error")
	}
	if _, err := os.Stat(filepath.Join(p, "stale.csv")); err != nil {
		t.Errorf("previous directory lost: %v", err)
	}
	err := WriteDir(p, func(d *Dir) error {
		f, err := d.Create("nodes.csv")
		if err != nil {
			return err
		}
		return f.Close()
	})
	if err != nil {
		t.Fatal(err)
	}
	es, _ := os.ReadDir(p)
	if len(es) != 1 || es[0].Name() != "nodes.csv" {
		t.Errorf("directory holds %v", es)
	}
	if es, _ := os.ReadDir(dir); len(es) != 1 {
		t.Errorf("temporary directories left: %v", es)
	}
	if _, err := (&Dir{path: dir}).Create("../escape"); err == nil {
		t.Error("Create accepted a path")
	}
}
