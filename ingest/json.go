package ingest

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"github.com/relgraph/relgraph/graph"
)

// ReadJSON reads a native JSON document named name from r into b.
func ReadJSON(b *graph.Builder, r io.Reader, name string, o Options) error {
	o = o.withDefaults()
	data, err := readAll(r, name, o.MaxFileBytes)
	if err != nil {
		return err
	}
	return readJSONBytes(b, data, name, o)
}

func readAll(r io.Reader, name string, max int64) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, max+1))
	if err != nil {
		return nil, fmt.Errorf("ingest: %s: %w", name, err)
	}
	if int64(len(data)) > max {
		return nil, fmt.Errorf("ingest: %s: larger than the limit of %d bytes (--max-file-bytes): %w", name, max, graph.ErrInvalid)
	}
	return data, nil
}

func readJSONBytes(b *graph.Builder, data []byte, name string, o Options) error {
	data = bytes.TrimPrefix(data, bom)
	if p := checkUTF8(name, data, 1); p != nil {
		b.Problem(*p)
		return nil
	}
	lines := newLineIndex(data)
	pos := func(off int64) graph.Pos { return graph.Pos{File: name, Line: lines.line(data, off)} }
	if off, err := checkDepth(data, o.MaxDepth); err != nil {
		b.Problem(graph.Problem{Pos: pos(int64(off)), Msg: fmt.Sprintf("%v (the limit is %d levels)", err, o.MaxDepth)})
		return nil
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	syntax := func(err error) error {
		var se *json.SyntaxError
		off := dec.InputOffset()
		if errors.As(err, &se) {
			off = se.Offset
		}
		if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
			err = errors.New("unexpected end of input")
			off = int64(len(data))
		}
		b.Problem(graph.Problem{Pos: graph.Pos{File: name, Line: lines.line(data, off-1)}, Msg: "syntax error: " + trimJSONErr(err)})
		return nil
	}
	tok, err := dec.Token()
	if err != nil {
		return syntax(err)
	}
	if d, ok := tok.(json.Delim); !ok || d != '{' {
		b.Problem(graph.Problem{Pos: pos(0), Msg: "the document must be a JSON object with \"sources\", \"nodes\" and \"edges\" arrays"})
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
			b.Problem(graph.Problem{Pos: pos(arrOff), Field: key, Msg: "must be an array"})
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
				if decodeStrict(b, raw, p, field, &r) && checkRecord(b, p, field, r.Record, "source") {
					b.AddSource(r.Source(p))
				}
			case "nodes", "entities":
				var r NodeRec
				if decodeStrict(b, raw, p, field, &r) && checkRecord(b, p, field, r.Record, "node") {
					b.AddNode(r.Node(p))
				}
			default:
				var r EdgeRec
				if decodeStrict(b, raw, p, field, &r) && checkRecord(b, p, field, r.Record, "edge") {
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

// decodeStrict decodes one record, reporting unknown fields and wrong types
// as problems at p. It reports whether the record decoded.
func decodeStrict(b *graph.Builder, raw []byte, p graph.Pos, field string, v any) bool {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		f, msg := describeJSONErr(err)
		if f != "" {
			field += "." + f
		}
		b.Problem(graph.Problem{Pos: p, Field: field, Msg: msg})
		return false
	}
	return true
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
