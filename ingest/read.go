package ingest

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/relgraph/relgraph/graph"
)

// Formats are the input formats by name, for --input-format.
var Formats = []string{"json", "jsonl", "csv", "yaml", "graphrag", "langchain"}

// FormatOf returns the input format of a file name by its extension, or ""
// when the extension is not one relgraph reads.
func FormatOf(name string) string {
	switch strings.ToLower(path.Ext(name)) {
	case ".json":
		return "json"
	case ".jsonl", ".ndjson":
		return "jsonl"
	case ".csv":
		return "csv"
	case ".yaml", ".yml":
		return "yaml"
	}
	return ""
}

// ReadFormat reads r, named name, in format (one of [Formats]; "" sniffs
// JSON from JSON Lines by content) into b. An input that holds no record
// (an empty file, blank lines, a CSV header alone) is a problem: it is more
// likely a failed upstream step than a day without news, and a load with
// --prune would otherwise empty the dataset.
func ReadFormat(b *graph.Builder, r io.Reader, name, format string, o Options) error {
	seen := b.Seen()
	err := readFormat(b, r, name, format, o)
	if err == nil && b.Seen() == seen {
		b.Problem(graph.Problem{Pos: graph.Pos{File: name}, Msg: "empty input: no source, entity or relation"})
	}
	return err
}

func readFormat(b *graph.Builder, r io.Reader, name, format string, o Options) error {
	if format == "" {
		format = FormatOf(name)
		if format == "json" || format == "jsonl" {
			br := bufio.NewReaderSize(r, 1<<16)
			if head, _ := br.Peek(1 << 16); isLangChain(bytes.TrimPrefix(head, bom)) {
				format = "langchain"
			}
			r = br
		}
	}
	if format == "" || format == "auto" {
		br := bufio.NewReaderSize(r, 1<<16)
		format = sniff(br)
		r = br
	}
	switch format {
	case "json":
		return ReadJSON(b, r, name, o)
	case "jsonl":
		return ReadJSONL(b, r, name, o)
	case "csv":
		return ReadCSV(b, r, name, o)
	case "yaml":
		return ReadYAML(b, r, name, o)
	case "langchain":
		return ReadLangChain(b, r, name, o)
	case "graphrag":
		return fmt.Errorf("ingest: %s: GraphRAG output is a directory of tables: name the directory: %w", name, graph.ErrInvalid)
	}
	return fmt.Errorf("ingest: %s: unknown input format %q (want %s)", name, format, strings.Join(Formats, ", "))
}

// sniff tells a JSON document from JSON Lines: a first line that is a whole
// record (not a document with sources, nodes or edges) means JSON Lines.
func sniff(br *bufio.Reader) string {
	head, _ := br.Peek(1 << 16)
	head = bytes.TrimPrefix(head, bom)
	if isLangChain(head) {
		return "langchain"
	}
	trim := bytes.TrimLeft(head, " \t\r\n")
	if len(trim) > 0 && trim[0] != '{' && trim[0] != '[' {
		if bytes.Contains(head[:min(len(head), 4096)], []byte(",")) {
			return "csv"
		}
		return "yaml"
	}
	first := trim
	if i := bytes.IndexByte(trim, '\n'); i >= 0 {
		first = trim[:i]
	}
	var probe map[string]json.RawMessage
	if json.Unmarshal(first, &probe) != nil {
		return "json"
	}
	for _, k := range []string{"nodes", "edges", "sources", "entities", "relations"} {
		if v, ok := probe[k]; ok && len(v) > 0 && v[0] == '[' {
			return "json"
		}
	}
	return "jsonl"
}

// Read reads every named input into b: files, directories (their files with
// known extensions, recursively, in sorted order) and "-" for stdin. format
// forces the format of every file ("" decides by extension or content).
// Problems with the input are collected in b; the error is for inputs that
// cannot be read at all.
func Read(b *graph.Builder, inputs []string, format string, stdin io.Reader, o Options) error {
	var errs []error
	for _, in := range inputs {
		if in == "-" {
			if err := ReadFormat(b, stdin, "<stdin>", format, o); err != nil {
				errs = append(errs, err)
			}
			continue
		}
		st, err := os.Stat(in)
		if err != nil {
			errs = append(errs, fmt.Errorf("ingest: %w", err))
			continue
		}
		if st.IsDir() && (format == "graphrag" || (format == "" || format == "auto") && IsGraphRAGDir(os.DirFS(in), ".")) {
			if err := ReadGraphRAG(b, os.DirFS(in), ".", filepath.ToSlash(in), o); err != nil {
				errs = append(errs, err)
			}
			continue
		}
		if !st.IsDir() {
			if err := readFile(b, os.DirFS(filepath.Dir(in)), filepath.Base(in), in, format, o); err != nil {
				errs = append(errs, err)
			}
			continue
		}
		if err := ReadFS(b, os.DirFS(in), ".", in, format, o); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// ReadFS reads every file with a known extension under dir of fsys, in
// sorted order. Problems name files as prefix/path.
func ReadFS(b *graph.Builder, fsys fs.FS, dir, prefix, format string, o Options) error {
	var names []string
	err := fs.WalkDir(fsys, dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() || FormatOf(p) == "" {
			return nil
		}
		if what := notRegular(fsys, p, d); what != "" {
			// Opening a named pipe waits for a writer, for ever.
			b.Warn(graph.Problem{Pos: graph.Pos{File: displayName(prefix, p)}, Msg: "skipped: " + what + ", not a regular file (name it on its own to read it as a stream)"})
			return nil
		}
		names = append(names, p)
		return nil
	})
	if err != nil {
		return fmt.Errorf("ingest: %s: %w", prefix, err)
	}
	sort.Strings(names)
	if len(names) == 0 {
		return fmt.Errorf("ingest: %s: no .json, .jsonl, .csv or .yaml files: %w", prefix, graph.ErrInvalid)
	}
	var errs []error
	for _, n := range names {
		if err := readFile(b, fsys, n, displayName(prefix, n), format, o); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

func displayName(prefix, name string) string {
	if prefix == "" {
		return name
	}
	return path.Join(filepath.ToSlash(prefix), name)
}

// notRegular says what the entry p of a directory is when it is not a
// regular file (or a link to one), or "".
func notRegular(fsys fs.FS, p string, d fs.DirEntry) string {
	mode := d.Type()
	if mode&fs.ModeSymlink != 0 {
		fi, err := fs.Stat(fsys, p)
		if err != nil {
			return "" // reading it reports the error
		}
		mode = fi.Mode().Type()
	}
	switch {
	case mode.IsRegular():
		return ""
	case mode&fs.ModeNamedPipe != 0:
		return "a named pipe"
	case mode&fs.ModeSocket != 0:
		return "a socket"
	case mode&fs.ModeDevice != 0:
		return "a device"
	}
	return "a special file"
}

func readFile(b *graph.Builder, fsys fs.FS, name, display, format string, o Options) error {
	f, err := fsys.Open(name)
	if err != nil {
		return fmt.Errorf("ingest: %s: %w", display, err)
	}
	defer f.Close()
	return ReadFormat(b, f, display, format, o)
}
