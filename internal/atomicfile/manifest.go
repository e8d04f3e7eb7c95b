package atomicfile

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// ManifestName is the file in which [WriteDir] lists the files it wrote in
// a directory.
const ManifestName = ".relgraph-manifest"

// manifestHeader opens every manifest; a file without it is not one.
const manifestHeader = "# relgraph manifest v1: the files relgraph wrote in this directory, one a line."

const manifestNote = "# relgraph replaces or removes these and nothing else here; other files are left alone."

// manifestLimit bounds how much of a file named like a manifest is read.
const manifestLimit = 1 << 20

// readManifest returns the names the manifest of dir lists, and whether
// dir has a manifest at all. Lines that are not plain file names are
// ignored: a manifest never makes relgraph touch anything outside dir.
func readManifest(dir string) (names []string, ok bool, err error) {
	p := filepath.Join(dir, ManifestName)
	st, err := os.Lstat(p)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, fmt.Errorf("atomicfile: %s: %w", p, unwrapPath(err))
	}
	if !st.Mode().IsRegular() {
		return nil, false, nil
	}
	f, err := os.Open(p)
	if err != nil {
		return nil, false, fmt.Errorf("atomicfile: %s: %w", p, unwrapPath(err))
	}
	defer f.Close()
	sc := bufio.NewScanner(io.LimitReader(f, manifestLimit))
	if !sc.Scan() || sc.Text() != manifestHeader {
		return nil, false, nil
	}
	for sc.Scan() {
		if n := sc.Text(); validName(n) && !slices.Contains(names, n) {
			names = append(names, n)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, false, fmt.Errorf("atomicfile: %s: %w", p, err)
	}
	return names, true, nil
}

// manifestText is the manifest listing names, sorted.
func manifestText(names []string) string {
	names = slices.Sorted(slices.Values(names))
	names = slices.Compact(names)
	return manifestHeader + "\n" + manifestNote + "\n" + strings.Join(append(names, ""), "\n")
}

// prepareManifest writes the manifest of dir to a temporary file, ready to
// be renamed into place.
func prepareManifest(dir string, names []string) (*file, error) {
	f, err := create(filepath.Join(dir, ManifestName))
	if err != nil {
		return nil, err
	}
	if _, err := io.WriteString(f, manifestText(names)); err != nil {
		f.abort()
		return nil, fmt.Errorf("atomicfile: %s: %w", f.path, unwrapPath(err))
	}
	if err := f.prepare(); err != nil {
		return nil, err
	}
	return f, nil
}

// writeManifest writes the manifest p listing names.
func writeManifest(p string, names []string) error {
	return WriteFile(p, nil, func(w io.Writer) error {
		_, err := io.WriteString(w, manifestText(names))
		return err
	})
}
