package atomicfile

import (
	"errors"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"sync"
)

// ErrInterrupted is returned for any write begun or finished after
// [RemoveTemporaries].
var ErrInterrupted = errors.New("atomicfile: interrupted")

// live records the temporary files and directories that exist now. Its lock
// is held while a temporary is created and while outputs are renamed into
// place, so [RemoveTemporaries] never runs halfway through either.
var live struct {
	sync.Mutex
	paths   map[string]bool // path → is a directory
	stopped bool
}

// RemoveTemporaries removes every temporary file and directory this
// package has created and not yet renamed into place, and makes every
// later write fail with [ErrInterrupted]. A signal handler calls it before
// the process exits; outputs are left as they were before the write, or
// as the write left them if it had already renamed its files into place.
func RemoveTemporaries() {
	live.Lock()
	defer live.Unlock()
	live.stopped = true
	for p, isDir := range live.paths {
		if isDir {
			os.RemoveAll(p)
		} else {
			os.Remove(p)
		}
	}
	clear(live.paths)
}

// tempName is the name of a temporary file or directory for target.
func tempName(target string) string {
	return filepath.Join(filepath.Dir(target), "."+filepath.Base(target)+".tmp-"+strconv.FormatUint(uint64(rand.Uint32()), 10))
}

// createTemp creates a temporary file beside target with permission perm
// (less the umask) and records it.
func createTemp(target string, perm fs.FileMode) (*os.File, error) {
	live.Lock()
	defer live.Unlock()
	if live.stopped {
		return nil, ErrInterrupted
	}
	for {
		name := tempName(target)
		f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE|os.O_EXCL, perm)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		if err != nil {
			return nil, err
		}
		record(name, false)
		return f, nil
	}
}

// mkdirTemp creates a temporary directory beside target, with 0777 less
// the umask, and records it.
func mkdirTemp(target string) (string, error) {
	live.Lock()
	defer live.Unlock()
	if live.stopped {
		return "", ErrInterrupted
	}
	for {
		name := tempName(target)
		err := os.Mkdir(name, 0o777)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		if err != nil {
			return "", err
		}
		record(name, true)
		return name, nil
	}
}

func record(p string, isDir bool) {
	if live.paths == nil {
		live.paths = map[string]bool{}
	}
	live.paths[p] = isDir
}

// removeTemp removes a temporary that will not be renamed into place.
func removeTemp(p string) {
	live.Lock()
	defer live.Unlock()
	removeTempLocked(p)
}

func removeTempLocked(p string) {
	if isDir, ok := live.paths[p]; ok {
		if isDir {
			os.RemoveAll(p)
		} else {
			os.Remove(p)
		}
		delete(live.paths, p)
	}
}
