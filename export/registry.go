package export

import (
	"fmt"
	"io"
	"sort"
	"sync"

	"github.com/relgraph/relgraph/graph"
)

// Encoder writes a whole graph.
type Encoder interface {
	Encode(g *graph.Graph) error
}

// Files creates the files of a multi-file format.
type Files interface {
	Create(name string) (io.WriteCloser, error)
}

// Options are settings shared by the encoders.
type Options struct {
	// Dataset names the dataset, for formats that tag what they write so
	// it can be told apart from other data (cypher).
	Dataset string
	// RawFormulas makes the csv format write every cell as it is, even one
	// a spreadsheet would run as a formula (--csv-formulas=raw), for
	// programs that read CSV literally. By default such cells are escaped
	// (see ingest.EscapeFormula).
	RawFormulas bool
}

// Format describes one output format. Exactly one of NewEncoder and
// NewDirEncoder is set.
type Format struct {
	Name  string // as given to --format
	Usage string // one line for --list
	Ext   string // file name extension, with the dot, of a single-file format

	NewEncoder    func(w io.Writer, o Options) Encoder
	NewDirEncoder func(f Files, o Options) Encoder
}

// MultiFile reports whether the format writes a directory of files.
func (f Format) MultiFile() bool { return f.NewDirEncoder != nil }

var (
	mu      sync.RWMutex
	formats = map[string]Format{}
)

// Register makes a format available by name. It panics if the name is
// taken or the format has no encoder.
func Register(f Format) {
	mu.Lock()
	defer mu.Unlock()
	if _, dup := formats[f.Name]; dup {
		panic("export: Register called twice for format " + f.Name)
	}
	if (f.NewEncoder == nil) == (f.NewDirEncoder == nil) {
		panic("export: format " + f.Name + " needs exactly one of NewEncoder and NewDirEncoder")
	}
	formats[f.Name] = f
}

// Lookup returns the format registered as name.
func Lookup(name string) (Format, error) {
	mu.RLock()
	defer mu.RUnlock()
	f, ok := formats[name]
	if !ok {
		return Format{}, fmt.Errorf("export: unknown format %q (relgraph export --list names them)", name)
	}
	return f, nil
}

// Formats returns every registered format, sorted by name.
func Formats() []Format {
	mu.RLock()
	defer mu.RUnlock()
	out := make([]Format, 0, len(formats))
	for _, f := range formats {
		out = append(out, f)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}
