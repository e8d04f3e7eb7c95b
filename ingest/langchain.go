package ingest

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path"
	"strconv"
	"strings"

	"github.com/relgraph/relgraph/graph"
)

// lcDoc is a LangChain GraphDocument as model_dump() (or dict()) writes it.
type lcDoc struct {
	Nodes         []json.RawMessage `json:"nodes"`
	Relationships []json.RawMessage `json:"relationships"`
	Source        json.RawMessage   `json:"source"`
}

type lcNode struct {
	ID         json.RawMessage            `json:"id"`
	Type       string                     `json:"type"`
	Properties map[string]json.RawMessage `json:"properties"`
}

type lcRel struct {
	Source     lcNode                     `json:"source"`
	Target     lcNode                     `json:"target"`
	Type       string                     `json:"type"`
	Properties map[string]json.RawMessage `json:"properties"`
}

type lcDocument struct {
	ID          *string                    `json:"id"`
	PageContent string                     `json:"page_content"`
	Metadata    map[string]json.RawMessage `json:"metadata"`
}

// ReadLangChain reads LangChain graph documents named name from r into b:
// one GraphDocument as a JSON object, a JSON array of them, or JSON Lines
// with one per line. A document is what GraphDocument.model_dump() (or
// dict()) gives:
//
//	{"nodes": [{"id": "Kim Jong Un", "type": "Person", "properties": {}}],
//	 "relationships": [{"source": {"id": "Kim Jong Un", "type": "Person"},
//	                    "target": {"id": "Vladimir Putin", "type": "Person"},
//	                    "type": "MET_WITH", "properties": {}}],
//	 "source": {"page_content": "…", "metadata": {"source": "articles/000.txt"}}}
//
// The source document becomes a Source: its id, else
// metadata.source (a path, whose base name is the file the quote check
// looks for, or a URL), else the file and position; metadata title, author,
// url and date fill those fields and the rest become properties. Chunks of
// one file share metadata.source and so one Source. Node types map to kinds
// and relationship types to relation types through the schema's imports
// (unmapped: the default kind Other and type RELATED_TO, the original kept
// as the property "type"); a property "name" names the node, else its id
// does. Every node and relationship cites its document. Fields relgraph
// does not use are ignored.
func ReadLangChain(b *graph.Builder, r io.Reader, name string, o Options) error {
	o = o.withDefaults()
	data, err := readAll(b, r, name, o.MaxFileBytes)
	if err != nil || data == nil {
		return err
	}
	data = bytes.TrimPrefix(data, bom)
	if p := checkUTF8(name, data, 1); p != nil {
		b.Problem(*p)
		return nil
	}
	lines := newLineIndex(data)
	lr := &lcReader{b: b, schema: b.Schema(), name: name, data: data, lines: lines, o: o}
	if isJSONLines(name, data) {
		start := 0
		for start < len(data) {
			end := bytes.IndexByte(data[start:], '\n')
			if end < 0 {
				end = len(data)
			} else {
				end += start
			}
			line := bytes.TrimSpace(data[start:end])
			if len(line) > 0 {
				if len(line) > o.MaxLineBytes {
					lr.problem(int64(start), "", fmt.Sprintf("line longer than the limit of %d bytes (--max-line-bytes)", o.MaxLineBytes))
				} else {
					lr.value(int64(start), line, "")
				}
			}
			start = end + 1
		}
		return nil
	}
	if off, err := checkDepth(data, o.MaxDepth); err != nil {
		lr.problem(int64(off), "", fmt.Sprintf("%v (the limit is %d levels)", err, o.MaxDepth))
		return nil
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	for {
		off := dec.InputOffset()
		var raw json.RawMessage
		err := dec.Decode(&raw)
		if err == io.EOF {
			return nil
		}
		if err != nil {
			lr.syntax(dec, err)
			return nil
		}
		lr.value(skipSpace(data, off), raw, "")
	}
}

func skipSpace(data []byte, off int64) int64 {
	for off < int64(len(data)) && (data[off] == ' ' || data[off] == '\t' || data[off] == '\r' || data[off] == '\n') {
		off++
	}
	return off
}

// isJSONLines tells JSON Lines (by extension, or a first line that is a
// whole object followed by more) from a JSON document.
func isJSONLines(name string, data []byte) bool {
	switch strings.ToLower(path.Ext(name)) {
	case ".jsonl", ".ndjson":
		return true
	}
	trim := bytes.TrimLeft(data, " \t\r\n")
	i := bytes.IndexByte(trim, '\n')
	if i < 0 || len(trim) == 0 || trim[0] != '{' {
		return false
	}
	return json.Valid(bytes.TrimSpace(trim[:i])) && len(bytes.TrimSpace(trim[i:])) > 0
}

type lcReader struct {
	b      *graph.Builder
	schema *graph.Schema
	name   string
	data   []byte
	lines  lineIndex
	o      Options
	docs   int // documents read, to name sources without an id
}

func (lr *lcReader) pos(off int64) graph.Pos {
	return graph.Pos{File: lr.name, Line: lr.lines.line(lr.data, off)}
}

func (lr *lcReader) problem(off int64, field, msg string) {
	lr.b.Problem(graph.Problem{Pos: lr.pos(off), Field: field, Msg: msg})
}

func (lr *lcReader) syntax(dec *json.Decoder, err error) {
	var se *json.SyntaxError
	off := dec.InputOffset()
	if errors.As(err, &se) {
		off = se.Offset
	}
	if errors.Is(err, io.ErrUnexpectedEOF) {
		err = errors.New("unexpected end of input")
		off = int64(len(lr.data))
	}
	lr.b.Problem(graph.Problem{Pos: graph.Pos{File: lr.name, Line: lr.lines.line(lr.data, off-1)}, Msg: "syntax error: " + trimJSONErr(err)})
}

// value reads one top-level JSON value at off: a document or a list of them.
func (lr *lcReader) value(off int64, raw []byte, field string) {
	raw = bytes.TrimSpace(raw)
	if len(raw) > 0 && raw[0] == '[' {
		var items []json.RawMessage
		if err := json.Unmarshal(raw, &items); err != nil {
			lr.problem(off, field, trimJSONErr(err))
			return
		}
		offs := elemOffsets(raw)
		for i, it := range items {
			o := off
			if i < len(offs) {
				o = off + offs[i]
			}
			lr.document(o, it, fmt.Sprintf("%s[%d]", field, i))
		}
		return
	}
	lr.document(off, raw, field)
}

// elemOffsets returns the offset of each element of the JSON array raw.
func elemOffsets(raw []byte) []int64 {
	dec := json.NewDecoder(bytes.NewReader(raw))
	if _, err := dec.Token(); err != nil {
		return nil
	}
	var out []int64
	for dec.More() {
		off := dec.InputOffset()
		var skip json.RawMessage
		if dec.Decode(&skip) != nil {
			break
		}
		out = append(out, off) // lineIndex.line skips the space and comma before the element
	}
	return out
}

// keyOffsets returns, for the object raw, the offsets of the elements of
// its array members nodes and relationships.
func keyOffsets(raw []byte) map[string][]int64 {
	out := map[string][]int64{}
	dec := json.NewDecoder(bytes.NewReader(raw))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return out
	}
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return out
		}
		key, _ := t.(string)
		start := dec.InputOffset()
		var v json.RawMessage
		if dec.Decode(&v) != nil {
			return out
		}
		if key == "nodes" || key == "relationships" {
			vs := skipSpace(raw, start)
			if vs < int64(len(raw)) && raw[vs] == ':' {
				vs = skipSpace(raw, vs+1)
			}
			for _, o := range elemOffsets(v) {
				out[key] = append(out[key], vs+o)
			}
		}
	}
	return out
}

// document reads one GraphDocument at off.
func (lr *lcReader) document(off int64, raw json.RawMessage, field string) {
	lr.docs++
	pre := field
	if pre != "" {
		pre += "."
	}
	var d lcDoc
	if err := json.Unmarshal(raw, &d); err != nil {
		f, msg := describeJSONErr(err)
		var se *json.SyntaxError
		if errors.As(err, &se) {
			msg = "syntax error: " + msg
		}
		lr.problem(off, strings.TrimSuffix(pre+f, "."), msg)
		return
	}
	if d.Nodes == nil && d.Relationships == nil {
		lr.problem(off, field, "not a LangChain graph document: no nodes or relationships")
		return
	}
	koffs := keyOffsets(raw)
	at := func(key string, i int) int64 {
		if os := koffs[key]; i < len(os) {
			return off + os[i]
		}
		return off
	}
	srcID := lr.source(off, d.Source, pre+"source")
	var cites []graph.Citation
	if srcID != "" {
		cites = []graph.Citation{{Source: srcID}}
	}
	seen := map[string]bool{}
	addNode := func(n lcNode, p graph.Pos, field string) (id, kind string, ok bool) {
		id, err := lcID(n.ID)
		if err != nil {
			lr.b.Problem(graph.Problem{Pos: p, Field: field + ".id", Msg: err.Error()})
			return "", "", false
		}
		kind, ok = lr.schema.ImportKind(n.Type)
		if !ok {
			lr.b.Problem(graph.Problem{Pos: p, Field: field + ".type", Msg: fmt.Sprintf("LangChain type %q maps to no kind (map it under imports.kinds in the schema)", n.Type)})
			return "", "", false
		}
		if seen[id] {
			return id, kind, true
		}
		seen[id] = true
		node := &graph.Node{ID: id, Kind: kind, Name: id, Props: graph.Props{}, Pos: p, Cites: append([]graph.Citation(nil), cites...)}
		if n.Type != kind {
			setProp(node.Props, "type", n.Type)
		}
		lr.props(node.Props, n.Properties, p, field+".properties")
		if v := node.Props.Get("name"); v != "" {
			node.Name = v
			delete(node.Props, "name")
		}
		lr.b.AddNode(node)
		return id, kind, true
	}
	for i, rn := range d.Nodes {
		p := lr.pos(at("nodes", i))
		f := fmt.Sprintf("%snodes[%d]", pre, i)
		var n lcNode
		if !decodeInto(lr.b, rn, p, f, &n) {
			continue
		}
		addNode(n, p, f)
	}
	for i, rr := range d.Relationships {
		p := lr.pos(at("relationships", i))
		f := fmt.Sprintf("%srelationships[%d]", pre, i)
		var rel lcRel
		if !decodeInto(lr.b, rr, p, f, &rel) {
			continue
		}
		from, fk, ok1 := addNode(rel.Source, p, f+".source")
		to, tk, ok2 := addNode(rel.Target, p, f+".target")
		if !ok1 || !ok2 {
			continue
		}
		typ, ok := lr.schema.ImportType(rel.Type, fk, tk)
		if !ok {
			lr.b.Problem(graph.Problem{Pos: p, Field: f + ".type", Msg: fmt.Sprintf("%q maps to no relation type the schema allows from %s to %s (set imports.default_type)", rel.Type, fk, tk)})
			continue
		}
		e := &graph.Edge{From: from, To: to, Type: typ, Props: graph.Props{}, Cites: append([]graph.Citation(nil), cites...), Pos: p}
		if rel.Type != typ {
			setProp(e.Props, "type", rel.Type)
		}
		lr.props(e.Props, rel.Properties, p, f+".properties")
		lr.b.AddEdge(e)
	}
}

// decodeInto decodes one record, reporting a wrong type as a problem.
func decodeInto(b *graph.Builder, raw []byte, p graph.Pos, field string, v any) bool {
	if err := json.Unmarshal(raw, v); err != nil {
		f, msg := describeJSONErr(err)
		if f != "" {
			field += "." + f
		}
		b.Problem(graph.Problem{Pos: p, Field: field, Msg: msg})
		return false
	}
	return true
}

// lcID reads a node id: a string or a number.
func lcID(raw json.RawMessage) (string, error) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || string(raw) == "null" {
		return "", errors.New("missing")
	}
	s, err := scalar(raw)
	if err != nil {
		return "", errors.New("want a string or a number")
	}
	if strings.TrimSpace(s) == "" {
		return "", errors.New("empty")
	}
	return s, nil
}

// props copies LangChain properties: scalars as their text, anything else
// as its JSON text.
func (lr *lcReader) props(dst graph.Props, src map[string]json.RawMessage, p graph.Pos, field string) {
	for _, k := range sortedKeys(src) {
		v := bytes.TrimSpace(src[k])
		if string(v) == "null" || len(v) == 0 {
			continue
		}
		s, err := scalar(v)
		if err != nil {
			s = string(v)
		}
		setProp(dst, k, s)
	}
}

// source adds the source document and returns its id, "" when missing.
func (lr *lcReader) source(off int64, raw json.RawMessage, field string) string {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || string(raw) == "null" {
		lr.problem(off, field, "missing: the document the graph was extracted from is what its facts cite")
		return ""
	}
	var d lcDocument
	if !decodeInto(lr.b, raw, lr.pos(off), field, &d) {
		return ""
	}
	meta := map[string]string{}
	for k, v := range d.Metadata {
		v = bytes.TrimSpace(v)
		if string(v) == "null" {
			continue
		}
		s, err := scalar(v)
		if err != nil {
			s = string(v)
		}
		meta[k] = s
	}
	take := func(keys ...string) string {
		for _, k := range keys {
			if v, ok := meta[k]; ok && strings.TrimSpace(v) != "" {
				delete(meta, k)
				return v
			}
		}
		return ""
	}
	s := &graph.Source{Pos: lr.pos(off), Props: graph.Props{}}
	if d.ID != nil && strings.TrimSpace(*d.ID) != "" {
		s.ID = *d.ID
	}
	src := take("source")
	if s.ID == "" {
		s.ID = take("id")
	}
	if s.ID == "" {
		s.ID = src
	}
	if s.ID == "" {
		s.ID = lr.name + "#" + strconv.Itoa(lr.docs)
	}
	s.URL = take("url", "link")
	if strings.HasPrefix(src, "http://") || strings.HasPrefix(src, "https://") {
		if s.URL == "" {
			s.URL = src
		}
	} else if src != "" {
		s.File = path.Base(strings.ReplaceAll(src, "\\", "/"))
	}
	if f := take("file_name", "filename", "file"); f != "" && s.File == "" {
		s.File = path.Base(f)
	}
	s.Title = take("title")
	s.Author = take("author")
	s.Outlet = take("outlet", "publisher")
	if dt := take("date", "published", "publish_date", "published_date"); dt != "" {
		if len(dt) > 10 && dt[4] == '-' && (dt[10] == 'T' || dt[10] == ' ') {
			dt = dt[:10]
		}
		if graph.CheckDate(dt) == nil {
			s.Date = dt
		} else {
			setProp(s.Props, "date", dt)
		}
	}
	for _, k := range sortedKeys(meta) {
		setProp(s.Props, k, meta[k])
	}
	lr.b.AddSource(s)
	return s.ID
}

// isLangChain reports whether head, the start of a JSON or JSON Lines
// file, is LangChain graph documents: an object (or a list of them) with
// "relationships", or whose first node has "type" or "properties" rather
// than relgraph's "kind".
func isLangChain(head []byte) bool {
	dec := json.NewDecoder(bytes.NewReader(head))
	tok, err := dec.Token()
	if err != nil {
		return false
	}
	if tok == json.Delim('[') {
		if tok, err = dec.Token(); err != nil {
			return false
		}
	}
	if tok != json.Delim('{') {
		return false
	}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return false
		}
		switch tok {
		case "relationships":
			return true
		case "nodes":
			if t, err := dec.Token(); err != nil || t != json.Delim('[') {
				return false
			}
			if !dec.More() {
				if _, err := dec.Token(); err != nil {
					return false
				}
				continue
			}
			if t, err := dec.Token(); err != nil || t != json.Delim('{') {
				return false
			}
			for dec.More() {
				k, err := dec.Token()
				if err != nil {
					return false
				}
				switch k {
				case "properties", "type":
					return true
				case "kind", "name", "aliases", "sources":
					return false
				}
				var skip json.RawMessage
				if dec.Decode(&skip) != nil {
					return false
				}
			}
			return false
		default:
			var skip json.RawMessage
			if dec.Decode(&skip) != nil {
				return false
			}
		}
	}
	return false
}
