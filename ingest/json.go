package ingest

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"

	"github.com/relgraph/relgraph/graph"
)

// ReadJSON reads a native JSON document named name from r into b.
func ReadJSON(b *graph.Builder, r io.Reader, name string, o Options) error {
	o = o.withDefaults()
	data, err := readAll(b, r, name, o.MaxFileBytes)
	if err != nil || data == nil {
		return err
	}
	return readJSONBytes(b, data, name, o)
}

// readAll reads a whole JSON or YAML file of at most max bytes. A larger
// file is refused when it says its size, and otherwise as soon as max
// bytes were read, without holding more than that: it is a problem that
// stops the input (data is then nil). Reading also stops at a NUL byte,
// which is never valid in either format: the data so far is returned and
// the caller reports where it is (a stream of zeros ends at once).
func readAll(b *graph.Builder, r io.Reader, name string, max int64) ([]byte, error) {
	tooLarge := func() ([]byte, error) {
		b.Stop(graph.Problem{Pos: graph.Pos{File: name}, Msg: fmt.Sprintf("larger than the limit of %d bytes (--max-file-bytes)", max)})
		return nil, nil
	}
	if st, ok := r.(interface{ Stat() (fs.FileInfo, error) }); ok {
		if fi, err := st.Stat(); err == nil && fi.Mode().IsRegular() {
			if fi.Size() > max {
				return tooLarge()
			}
			// one buffer of the file's size, read in one go
			var buf bytes.Buffer
			buf.Grow(int(fi.Size()) + bytes.MinRead)
			if _, err := buf.ReadFrom(io.LimitReader(r, max+1)); err != nil {
				return nil, fmt.Errorf("ingest: %s: %w", name, err)
			}
			if int64(buf.Len()) > max {
				return tooLarge()
			}
			return buf.Bytes(), nil
		}
	}
	// A stream: chunks that grow, so that no buffer is copied on the way
	// and a stream past the limit never holds more than the limit.
	var chunks [][]byte
	var total int64
	size := 64 << 10
	for {
		chunk := make([]byte, min(int64(size), max+1-total))
		n, err := io.ReadFull(r, chunk)
		chunk = chunk[:n]
		chunks = append(chunks, chunk)
		total += int64(n)
		if total > max {
			return tooLarge()
		}
		if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) || bytes.IndexByte(chunk, 0) >= 0 {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("ingest: %s: %w", name, err)
		}
		size = min(2*size, 16<<20)
	}
	if len(chunks) == 1 {
		return chunks[0], nil
	}
	return bytes.Join(chunks, nil), nil
}

func readJSONBytes(b *graph.Builder, data []byte, name string, o Options) error {
	data = bytes.TrimPrefix(data, bom)
	if p := checkUTF8(name, data, 1); p != nil {
		b.Stop(*p)
		return nil
	}
	lines := newLineIndex(data)
	pos := func(off int64) graph.Pos { return graph.Pos{File: name, Line: lines.line(data, off)} }
	if off, err := checkDepth(data, o.MaxDepth); err != nil {
		b.Stop(graph.Problem{Pos: pos(int64(off)), Msg: fmt.Sprintf("%v (the limit is %d levels)", err, o.MaxDepth)})
		return nil
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	syntax := func(err error) error {
		var se *json.SyntaxError
		off := dec.InputOffset()
		if errors.As(err, &se) {
			off = se.Offset
		}
		rest := "; the rest of the file is not read"
		if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
			err = errors.New("unexpected end of input")
			off = int64(len(data))
			rest = ""
		}
		b.Stop(graph.Problem{Pos: graph.Pos{File: name, Line: lines.line(data, off-1)}, Msg: "syntax error: " + trimJSONErr(err) + rest})
		return nil
	}
	tok, err := dec.Token()
	if err != nil {
		return syntax(err)
	}
	if d, ok := tok.(json.Delim); !ok || d != '{' {
		b.Stop(graph.Problem{Pos: pos(0), Msg: "the document must be a JSON object with \"sources\", \"nodes\" and \"edges\" arrays"})
		return nil
	}
	for dec.More() {
		keyOff := dec.InputOffset()
		tok, err := dec.Token()
		if err != nil {
			return syntax(err)
		}
		key, _ := tok.(string)
		switch key {
		case "sources", "nodes", "edges", "entities", "relations":
		default:
			b.Problem(graph.Problem{Pos: pos(keyOff), Field: key, Msg: "unknown field (want sources, nodes or edges)"})
			var skip json.RawMessage
			if err := dec.Decode(&skip); err != nil {
				return syntax(err)
			}
			continue
		}
		arrOff := dec.InputOffset()
		tok, err = dec.Token()
		if err != nil {
			return syntax(err)
		}
		if tok == nil {
			continue // null
		}
		if d, ok := tok.(json.Delim); !ok || d != '[' {
			b.Stop(graph.Problem{Pos: pos(arrOff), Field: key, Msg: "must be an array"})
			return nil
		}
		for i := 0; dec.More(); i++ {
			off := dec.InputOffset()
			var raw json.RawMessage
			if err := dec.Decode(&raw); err != nil {
				return syntax(err)
			}
			p := pos(off)
			field := fmt.Sprintf("%s[%d]", key, i)
			switch key {
			case "sources":
				var r SourceRec
				if decodeFields(b, raw, p, field, &r) && checkRecord(b, p, field, r.Record, "source") {
					b.AddSource(r.Source(p))
				}
			case "nodes", "entities":
				var r NodeRec
				if decodeFields(b, raw, p, field, &r) && checkRecord(b, p, field, r.Record, "node") {
					b.AddNode(r.Node(p))
				}
			default:
				var r EdgeRec
				if decodeFields(b, raw, p, field, &r) && checkRecord(b, p, field, r.Record, "edge") {
					b.AddEdge(r.Edge(p))
				}
			}
		}
		if _, err := dec.Token(); err != nil { // ']'
			return syntax(err)
		}
	}
	if _, err := dec.Token(); err != nil { // '}'
		return syntax(err)
	}
	if _, err := dec.Token(); err != io.EOF {
		b.Problem(graph.Problem{Pos: pos(dec.InputOffset()), Msg: "syntax error: data after the end of the document"})
	}
	return nil
}

func checkRecord(b *graph.Builder, p graph.Pos, field, got, want string) bool {
	if got != "" && got != want {
		b.Problem(graph.Problem{Pos: p, Field: field + ".record", Msg: fmt.Sprintf("%q in a list of %ss", got, want)})
		return false
	}
	return true
}

// decodeFields decodes one record, reporting every unknown field,
// duplicate key and value of the wrong type as a problem at p. It reports
// whether the record is an object, to be checked and added: its other
// fields may have problems too, which the builder reports.
func decodeFields(b *graph.Builder, raw []byte, p graph.Pos, field string, v any) bool {
	errs, err := decodeRecord(raw, v)
	if err != nil {
		b.Problem(graph.Problem{Pos: p, Field: field, Msg: "syntax error: " + trimJSONErr(err)})
		return false
	}
	obj := true
	for _, e := range errs {
		f := field
		if e.field != "" {
			f += "." + e.field
		} else {
			obj = false
		}
		b.Problem(graph.Problem{Pos: p, Field: f, Msg: e.msg})
		if e.builder != "" {
			b.Reported(p, e.builder)
		}
	}
	return obj
}

func describeJSONErr(err error) (field, msg string) {
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		return te.Field, fmt.Sprintf("want %s, got %s", te.Type, te.Value)
	}
	return "", trimJSONErr(err)
}

func trimJSONErr(err error) string {
	s := err.Error()
	for _, p := range []string{"json: ", "ingest: "} {
		s = trimPrefix(s, p)
	}
	return s
}

func trimPrefix(s, p string) string {
	if len(s) >= len(p) && s[:len(p)] == p {
		return s[len(p):]
	}
	return s
}
