// Package atomicfile writes files and directories so that a reader, or a
// later run after a crash or kill, sees either the previous content or the
// new one, never half of it: content goes to a temporary name in the same
// directory, is synced, and is renamed into place only when complete.
package atomicfile

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// WriteFile writes path by calling write with a temporary file in the same
// directory, then renames it over path. On any error the temporary file is
// removed and path is left as it was. path "-" writes to stdout directly.
func WriteFile(path string, stdout io.Writer, write func(w io.Writer) error) error {
	if path == "-" {
		return write(stdout)
	}
	dir := filepath.Dir(path)
	if err := checkDir(dir); err != nil {
		return err
	}
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return fmt.Errorf("atomicfile: cannot write in %s: %w", dir, unwrapPath(err))
	}
	tmp := f.Name()
	ok := false
	defer func() {
		if !ok {
			f.Close()
			os.Remove(tmp)
		}
	}()
	if err := write(f); err != nil {
		return err
	}
	if err := f.Sync(); err != nil {
		return fmt.Errorf("atomicfile: %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("atomicfile: %s: %w", path, err)
	}
	if err := os.Chmod(tmp, 0o644); err != nil {
		return fmt.Errorf("atomicfile: %s: %w", path, err)
	}
	if err := os.Rename(tmp, path); err != nil {
		return fmt.Errorf("atomicfile: %s: %w", path, unwrapPath(err))
	}
	ok = true
	return nil
}

// Dir creates files inside a temporary directory that [WriteDir] renames
// into place.
type Dir struct {
	path  string
	names []string
}

// Create creates the file name (a plain name, no directories) in d.
func (d *Dir) Create(name string) (io.WriteCloser, error) {
	if name != filepath.Base(name) || strings.HasPrefix(name, ".") {
		return nil, fmt.Errorf("atomicfile: bad file name %q", name)
	}
	d.names = append(d.names, name)
	return os.Create(filepath.Join(d.path, name))
}

// Names returns the names of the files created, in creation order.
func (d *Dir) Names() []string { return d.names }

// WriteDir writes the directory path by calling write with a [Dir] that
// creates files in a temporary sibling directory, then swaps it in: an
// existing directory at path is replaced whole.
func WriteDir(path string, write func(d *Dir) error) error {
	parent := filepath.Dir(filepath.Clean(path))
	if err := checkDir(parent); err != nil {
		return err
	}
	if st, err := os.Stat(path); err == nil && !st.IsDir() {
		return fmt.Errorf("atomicfile: %s exists and is not a directory", path)
	}
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return fmt.Errorf("atomicfile: cannot write in %s: %w", parent, unwrapPath(err))
	}
	ok := false
	defer func() {
		if !ok {
			os.RemoveAll(tmp)
		}
	}()
	if err := write(&Dir{path: tmp}); err != nil {
		return err
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		return fmt.Errorf("atomicfile: %s: %w", path, err)
	}
	old := ""
	if _, err := os.Stat(path); err == nil {
		old = tmp + ".old"
		if err := os.Rename(path, old); err != nil {
			return fmt.Errorf("atomicfile: %s: %w", path, unwrapPath(err))
		}
	}
	if err := os.Rename(tmp, path); err != nil {
		if old != "" {
			os.Rename(old, path)
		}
		return fmt.Errorf("atomicfile: %s: %w", path, unwrapPath(err))
	}
	ok = true
	if old != "" {
		os.RemoveAll(old)
	}
	return nil
}

func checkDir(dir string) error {
	st, err := os.Stat(dir)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return fmt.Errorf("atomicfile: output directory %s does not exist", dir)
	case err != nil:
		return fmt.Errorf("atomicfile: output directory %s: %w", dir, unwrapPath(err))
	case !st.IsDir():
		return fmt.Errorf("atomicfile: %s is not a directory", dir)
	}
	return nil
}

func unwrapPath(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		return le.Err
	}
	return err
}
