package atomicfile

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
)

// WriteFile writes path by calling write with a temporary file beside it,
// then renames that over path. On any error the temporary file is removed
// and path is left as it was. path "-" writes to stdout directly; so do
// paths that are not regular files (see the package comment).
func WriteFile(path string, stdout io.Writer, write func(w io.Writer) error) error {
	if path == "-" {
		return write(stdout)
	}
	f, err := create(path)
	if err != nil {
		return err
	}
	if err := write(f); err != nil {
		f.abort()
		return err
	}
	if err := f.prepare(); err != nil {
		return err
	}
	live.Lock()
	defer live.Unlock()
	return f.renameLocked()
}

// how a file is written.
type how int

const (
	viaTemp  how = iota // a temporary file renamed over the target
	direct              // the target itself: it is not a regular file
	appendTo            // the target itself, appending: a kernel link to an open file (/dev/stdout)
)

// file is one output file being written.
type file struct {
	path   string      // as given, for messages
	target string      // what tmp is renamed onto: path with symbolic links followed
	tmp    string      // the temporary file; "" when writing the target directly
	old    fs.FileInfo // the file replaced, whose mode and owner the new one keeps; nil if none
	f      *os.File
	sync   bool // sync before closing: the file is to be renamed into place
	closed bool
}

// create opens path for writing as [WriteFile] describes.
func create(path string) (*file, error) {
	target, h, old, err := resolve(path)
	if err != nil {
		return nil, fmt.Errorf("atomicfile: %s: %w", path, unwrapPath(err))
	}
	if h != viaTemp {
		flag := os.O_WRONLY
		if h == appendTo {
			// The shell opened it (">" truncated, ">>" appends); write
			// after whatever it holds, as a program writing to its own
			// stdout would.
			flag |= os.O_APPEND
		}
		fh, err := os.OpenFile(path, flag, 0)
		if err != nil {
			return nil, fmt.Errorf("atomicfile: %s: %w", path, unwrapPath(err))
		}
		return &file{path: path, target: path, f: fh}, nil
	}
	dir := filepath.Dir(target)
	if err := checkDir(dir); err != nil {
		return nil, err
	}
	perm := fs.FileMode(0o666) // less the umask, as the shell creates files
	if old != nil {
		perm = old.Mode().Perm() // never more open than the file replaced, even while written
	}
	fh, err := createTemp(target, perm)
	if errors.Is(err, ErrInterrupted) {
		return nil, err
	}
	if err != nil {
		return nil, fmt.Errorf("atomicfile: cannot write in %s: %w", dir, unwrapPath(err))
	}
	return &file{path: path, target: target, tmp: fh.Name(), old: old, f: fh, sync: true}, nil
}

func (f *file) Write(p []byte) (int, error) { return f.f.Write(p) }

// Close syncs and closes the file; later calls do nothing.
func (f *file) Close() error {
	if f.closed {
		return nil
	}
	f.closed = true
	if f.sync {
		if err := f.f.Sync(); err != nil {
			f.f.Close()
			return fmt.Errorf("atomicfile: %s: %w", f.path, unwrapPath(err))
		}
	}
	if err := f.f.Close(); err != nil {
		return fmt.Errorf("atomicfile: %s: %w", f.path, unwrapPath(err))
	}
	return nil
}

// prepare closes the file and gives the temporary file the mode and owner
// of the file it replaces. On error it removes the temporary file.
func (f *file) prepare() error {
	err := f.Close()
	if err == nil && f.old != nil {
		keepOwner(f.tmp, f.old)
		if cerr := os.Chmod(f.tmp, f.old.Mode().Perm()); cerr != nil {
			err = fmt.Errorf("atomicfile: %s: %w", f.path, unwrapPath(cerr))
		}
	}
	if err != nil {
		f.abort()
	}
	return err
}

// renameLocked moves the temporary file into place; the caller holds
// live's lock. On error it removes the temporary file.
func (f *file) renameLocked() error {
	if f.tmp == "" {
		return nil
	}
	if live.stopped {
		return ErrInterrupted // RemoveTemporaries removed it
	}
	err := os.Rename(f.tmp, f.target)
	if err != nil {
		os.Remove(f.tmp)
		err = fmt.Errorf("atomicfile: %s: %w", f.path, unwrapPath(err))
	}
	delete(live.paths, f.tmp)
	return err
}

// abort closes and removes the temporary file.
func (f *file) abort() {
	live.Lock()
	defer live.Unlock()
	f.abortLocked()
}

func (f *file) abortLocked() {
	if !f.closed {
		f.closed = true
		f.f.Close()
	}
	if f.tmp != "" {
		removeTempLocked(f.tmp)
	}
}

// resolve follows the symbolic links at path to the file to replace, and
// tells how to write it. old is that file's information when it exists.
func resolve(path string) (target string, h how, old fs.FileInfo, err error) {
	p := path
	for range 255 {
		st, err := os.Lstat(p)
		if errors.Is(err, fs.ErrNotExist) || errors.Is(err, syscall.ENOTDIR) {
			return p, viaTemp, nil, nil // a new file; checkDir reports a missing directory
		}
		if err != nil {
			return "", 0, nil, err
		}
		if st.Mode()&fs.ModeSymlink == 0 {
			if !st.Mode().IsRegular() {
				return path, direct, nil, nil
			}
			return p, viaTemp, st, nil
		}
		if inProc(p) {
			// /proc/self/fd/1 and the like name open files, not paths:
			// reading the link gives "pipe:[123]" or a file the shell opened.
			return path, appendTo, nil, nil
		}
		t, err := os.Readlink(p)
		if err != nil {
			return "", 0, nil, err
		}
		if !filepath.IsAbs(t) {
			t = filepath.Join(filepath.Dir(p), t)
		}
		p = t
	}
	return "", 0, nil, syscall.ELOOP
}

// inProc reports whether the link p lives in Linux's /proc.
func inProc(p string) bool {
	dir, err := filepath.EvalSymlinks(filepath.Dir(p))
	return err == nil && (dir == "/proc" || strings.HasPrefix(dir, "/proc/"))
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
