package atomicfile

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// ErrNotOwnDir is wrapped by the error [WriteDir] returns for an existing
// directory that is not empty and has no manifest.
var ErrNotOwnDir = errors.New("directory not written by relgraph")

// DirOptions are the settings of [WriteDir].
type DirOptions struct {
	// Force writes into an existing directory that is not empty and has
	// no manifest: relgraph's files are added or replaced, nothing else
	// there is changed or removed.
	Force bool
}

// Dir creates the files of one multi-file output; [WriteDir] makes one.
type Dir struct {
	path  string // where files are created: a temporary directory, or the output directory
	fresh bool   // path is a temporary directory, renamed into place whole
	names []string
	files []*file
}

// Create creates the file name (a plain name: no directories, not hidden)
// in d.
func (d *Dir) Create(name string) (io.WriteCloser, error) {
	if !validName(name) {
		return nil, fmt.Errorf("atomicfile: bad file name %q", name)
	}
	if slices.Contains(d.names, name) {
		return nil, fmt.Errorf("atomicfile: %s written twice", name)
	}
	p := filepath.Join(d.path, name)
	var f *file
	if d.fresh {
		fh, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o666)
		if err != nil {
			return nil, fmt.Errorf("atomicfile: %s: %w", p, unwrapPath(err))
		}
		f = &file{path: p, target: p, f: fh, sync: true}
	} else {
		var err error
		if f, err = create(p); err != nil {
			return nil, err
		}
	}
	d.names = append(d.names, name)
	d.files = append(d.files, f)
	return f, nil
}

// Names returns the names of the files created, in creation order.
func (d *Dir) Names() []string { return d.names }

// validName reports whether name may be a file of a [Dir] (and a line of
// a manifest, where "#" starts a comment).
func validName(name string) bool {
	return name != "" && name == filepath.Base(name) && !strings.HasPrefix(name, ".") && !strings.HasPrefix(name, "#") &&
		!strings.ContainsAny(name, "/\\\n\r\x00")
}

// WriteDir writes the directory path by calling write with a [Dir], as the
// package comment describes: a new directory appears whole; in an existing
// one, relgraph's files are replaced once all are written, and files it
// did not write are left alone. On any error, temporary files are removed
// and path is left as it was.
func WriteDir(path string, o DirOptions, write func(d *Dir) error) error {
	path = filepath.Clean(path)
	if err := checkDir(filepath.Dir(path)); err != nil {
		return err
	}
	st, err := os.Stat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		if _, lerr := os.Lstat(path); lerr == nil {
			return fmt.Errorf("atomicfile: %s is a symbolic link to a directory that does not exist", path)
		}
		return writeNewDir(path, write)
	case err != nil:
		return fmt.Errorf("atomicfile: %s: %w", path, unwrapPath(err))
	case !st.IsDir():
		return fmt.Errorf("atomicfile: %s exists and is not a directory", path)
	}
	return writeIntoDir(path, o, write)
}

// writeNewDir writes a temporary directory and renames it to path.
func writeNewDir(path string, write func(d *Dir) error) error {
	tmp, err := mkdirTemp(path)
	if errors.Is(err, ErrInterrupted) {
		return err
	}
	if err != nil {
		return fmt.Errorf("atomicfile: cannot write in %s: %w", filepath.Dir(path), unwrapPath(err))
	}
	d := &Dir{path: tmp, fresh: true}
	err = write(d)
	for _, f := range d.files {
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}
	if err == nil {
		err = writeManifest(filepath.Join(tmp, ManifestName), d.names)
	}
	if err != nil {
		removeTemp(tmp)
		return err
	}
	live.Lock()
	defer live.Unlock()
	if live.stopped {
		return ErrInterrupted
	}
	err = os.Rename(tmp, path)
	if err != nil {
		os.RemoveAll(tmp)
		err = fmt.Errorf("atomicfile: %s: %w", path, unwrapPath(err))
	}
	delete(live.paths, tmp)
	return err
}

// writeIntoDir writes each file beside its target in the existing
// directory path, then renames them all into place.
func writeIntoDir(path string, o DirOptions, write func(d *Dir) error) error {
	before, own, err := readManifest(path)
	if err != nil {
		return err
	}
	if !own && !o.Force {
		empty, err := isEmpty(path)
		if err != nil {
			return fmt.Errorf("atomicfile: %s: %w", path, unwrapPath(err))
		}
		if !empty {
			return fmt.Errorf("atomicfile: %s: %w (not empty, no %s)", path, ErrNotOwnDir, ManifestName)
		}
	}
	d := &Dir{path: path}
	abort := func() {
		for _, f := range d.files {
			f.abort()
		}
	}
	if err := write(d); err != nil {
		abort()
		return err
	}
	for _, f := range d.files {
		if err := f.prepare(); err != nil {
			abort()
			return err
		}
	}
	var stale []string
	for _, n := range before {
		if !slices.Contains(d.names, n) {
			stale = append(stale, n)
		}
	}
	// Until the last step the manifest lists the old files and the new
	// ones, so a run stopped halfway still owns everything it wrote.
	both := append(append([]string{}, d.names...), stale...)
	m, err := prepareManifest(path, both)
	if err != nil {
		abort()
		return err
	}
	kept, err := commitDir(m, d.files, path, stale)
	if err != nil {
		return err
	}
	return writeManifest(filepath.Join(path, ManifestName), append(append([]string{}, d.names...), kept...))
}

// commitDir renames the manifest m and the files into place and removes
// the stale files of dir, holding live's lock so that a signal does not
// stop it halfway. It returns the stale files it could not remove.
func commitDir(m *file, files []*file, dir string, stale []string) (kept []string, err error) {
	live.Lock()
	defer live.Unlock()
	if err := m.renameLocked(); err != nil {
		for _, f := range files {
			f.abortLocked()
		}
		return nil, err
	}
	for i, f := range files {
		if err := f.renameLocked(); err != nil {
			for _, g := range files[i+1:] {
				g.abortLocked()
			}
			return nil, err
		}
	}
	for _, n := range stale {
		p := filepath.Join(dir, n)
		st, err := os.Lstat(p)
		if err != nil || !(st.Mode().IsRegular() || st.Mode()&fs.ModeSymlink != 0) {
			continue // gone, or something relgraph never writes (a directory): not its own any more
		}
		if os.Remove(p) != nil {
			kept = append(kept, n)
		}
	}
	return kept, nil
}

// isEmpty reports whether dir holds nothing but temporary files of a run
// that was killed.
func isEmpty(dir string) (bool, error) {
	f, err := os.Open(dir)
	if err != nil {
		return false, err
	}
	defer f.Close()
	for {
		names, err := f.Readdirnames(64)
		for _, n := range names {
			if !isTempName(n) {
				return false, nil
			}
		}
		if err == io.EOF {
			return true, nil
		}
		if err != nil {
			return false, err
		}
	}
}

// isTempName reports whether n is the name of one of this package's
// temporary files: ".NAME.tmp-DIGITS".
func isTempName(n string) bool {
	i := strings.LastIndex(n, ".tmp-")
	if !strings.HasPrefix(n, ".") || i < 2 || i+5 == len(n) {
		return false
	}
	return strings.Trim(n[i+5:], "0123456789") == ""
}
