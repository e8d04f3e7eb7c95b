package ingest

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/relgraph/relgraph/graph"
)

// ReadCSV reads one CSV file named name from r into b. A file is one of three
// tables, told apart by its header row:
//
//   - relations: the header has from, to and type. Columns: id, from, to,
//     type, date, until, status, confidence, sources, props.
//   - entities: the header has kind. Columns: id, kind, name, aliases,
//     sources, props, and the source columns below for rows whose kind is
//     "Source" (those rows are articles, not entities).
//   - sources: every column is a source field: id, file, title, outlet,
//     author, date, url, props.
//
// Header names are matched without regard to case or surrounding spaces;
// columns may come in any order and may be left out. Cells:
//
//   - aliases: names separated by "|", spaces around each trimmed; or, when
//     the cell starts with "[", a JSON array of strings. An alias holding a
//     "|" (or starting with "[", or with leading or trailing spaces) must use
//     the JSON form, which is what relgraph writes for it.
//   - sources: source ids (or file names) separated by "|"; or, when the cell
//     starts with "[", a JSON array whose items are an id or an object
//     {"id", "quote"} (the native citation).
//   - props: a JSON object as in the native format: a string, number or
//     boolean per property, or a list of {"value", "sources"}.
//   - confidence: a number between 0 and 1.
//
// For spreadsheets, a "source" and "quote" column pair adds one citation
// per row (besides or instead of "sources"), and a column "prop.NAME" sets
// the property NAME (an empty cell sets nothing). Rows whose cells are all
// empty are skipped. Any other column is a problem naming it.
//
// A cell starting with "'" followed by =, +, -, @, a tab, a carriage return
// or a second "'" loses that first "'": it is the escape relgraph's csv
// export puts before a value a spreadsheet would run as a formula (see
// [EscapeFormula]).
//
// The file may start with a UTF-8 byte order mark and use CRLF line ends.
// Quoted cells may span lines; a record longer than Options.MaxLineBytes and
// a file larger than Options.MaxFileBytes are rejected. Every problem names
// the file, the line where the record (or cell) starts, and the column.
func ReadCSV(b *graph.Builder, r io.Reader, name string, o Options) error {
	o = o.withDefaults()
	lr := &limitReader{r: r, maxFile: o.MaxFileBytes, maxRec: int64(o.MaxLineBytes)}
	br := bufio.NewReaderSize(lr, 1<<16)
	var skip int64
	if head, _ := br.Peek(3); bytes.Equal(head, bom) {
		br.Discard(3)
		skip = 3
	}
	next := 1 // line where the next record starts
	cr := csv.NewReader(br)
	cr.ReuseRecord = true
	cr.FieldsPerRecord = 0 // the header's count
	cr.LazyQuotes = false
	prob := func(line int, field, format string, args ...any) {
		b.Problem(graph.Problem{Pos: graph.Pos{File: name, Line: line}, Field: field, Msg: fmt.Sprintf(format, args...)})
	}
	// readErr turns a read error into a problem, or the error returned for
	// a file that cannot be read at all.
	// Each stops the file: the rest is not read.
	stop := func(line int, format string, args ...any) {
		b.Stop(graph.Problem{Pos: graph.Pos{File: name, Line: line}, Msg: fmt.Sprintf(format, args...)})
	}
	readErr := func(err error) error {
		var pe *csv.ParseError
		switch {
		case errors.Is(err, errFileTooLarge):
			stop(0, "larger than the limit of %d bytes (--max-file-bytes)", o.MaxFileBytes)
		case errors.Is(err, errRecordTooLong):
			stop(next, "record longer than the limit of %d bytes (--max-line-bytes): the rest of the file is not read", o.MaxLineBytes)
		case errors.As(err, &pe):
			stop(pe.Line, "syntax error: %v; the rest of the file is not read", pe.Err)
		default:
			return fmt.Errorf("ingest: %s: %w", name, err)
		}
		return nil
	}

	header, err := cr.Read()
	if err == io.EOF {
		prob(1, "", "empty CSV file: want a header row")
		return nil
	}
	if err != nil {
		return readErr(err)
	}
	next = nextLine(cr, header)
	t, ok := newCSVTable(header, func(col, msg string) { prob(1, col, "%s", msg) })
	if !ok {
		return nil
	}
	t.maxDepth = o.MaxDepth
	var cells []string
	for {
		start := cr.InputOffset()
		lr.mark = start + skip
		rec, err := cr.Read()
		if err == io.EOF {
			return nil
		}
		var pe *csv.ParseError
		if errors.As(err, &pe) && errors.Is(pe.Err, csv.ErrFieldCount) {
			prob(pe.StartLine, "", "%d fields, the header has %d", len(rec), len(t.cols))
			next = nextLine(cr, rec)
			continue
		}
		if err != nil {
			return readErr(err)
		}
		line, _ := cr.FieldPos(0)
		next = nextLine(cr, rec)
		if n := cr.InputOffset() - start; n > int64(o.MaxLineBytes) {
			prob(line, "", "record of %d bytes is longer than the limit of %d bytes (--max-line-bytes)", n, o.MaxLineBytes)
			continue
		}
		cells = append(cells[:0], rec...)
		t.row(b, name, cells, func(i int) int { l, _ := cr.FieldPos(i); return l })
	}
}

// nextLine returns the line after record rec, just read by cr.
func nextLine(cr *csv.Reader, rec []string) int {
	if len(rec) == 0 {
		return 1
	}
	l, _ := cr.FieldPos(len(rec) - 1)
	return l + strings.Count(rec[len(rec)-1], "\n") + 1
}

var (
	errFileTooLarge  = errors.New("file too large")
	errRecordTooLong = errors.New("record too long")
)

// limitReader fails once more than maxFile bytes were read, or once the
// record being parsed (everything after mark) is far longer than maxRec, so
// that a hostile file cannot make encoding/csv hold an unbounded record.
type limitReader struct {
	r       io.Reader
	n, mark int64
	maxFile int64
	maxRec  int64
}

// slack covers what csv's and our bufio.Readers read ahead of the record.
const slack = 1 << 17

func (l *limitReader) Read(p []byte) (int, error) {
	if l.n > l.maxFile {
		return 0, errFileTooLarge
	}
	if l.n-l.mark > l.maxRec+slack {
		return 0, errRecordTooLong
	}
	n, err := l.r.Read(p)
	l.n += int64(n)
	return n, err
}

type csvKind int

const (
	csvRelations csvKind = iota
	csvEntities
	csvSources
)

// Columns of each table, in the order relgraph writes them.
var (
	EntityColumns   = []string{"id", "kind", "name", "aliases", "sources", "props", "file", "title", "outlet", "author", "date", "url"}
	RelationColumns = []string{"id", "from", "to", "type", "date", "until", "status", "confidence", "sources", "props"}
	SourceColumns   = []string{"id", "file", "title", "outlet", "author", "date", "url", "props"}
)

// csvTable knows what each column of one CSV file means.
type csvTable struct {
	kind     csvKind
	cols     []string       // header names as normalised, "prop.X" keeps X's case
	index    map[string]int // column name -> index
	maxDepth int
}

func newCSVTable(header []string, bad func(col, msg string)) (*csvTable, bool) {
	t := &csvTable{cols: make([]string, len(header)), index: map[string]int{}}
	ok := true
	for i, h := range header {
		h = strings.TrimSpace(h)
		if !strings.HasPrefix(strings.ToLower(h), "prop.") {
			h = strings.ToLower(h)
		} else {
			h = "prop." + h[5:]
		}
		if msg := checkCell(h); msg != "" {
			bad(fmt.Sprintf("column %d", i+1), msg)
			ok = false
			continue
		}
		if h == "" {
			bad(fmt.Sprintf("column %d", i+1), "empty column name")
			ok = false
			continue
		}
		if _, dup := t.index[h]; dup {
			bad(h, "column given twice")
			ok = false
			continue
		}
		t.cols[i] = h
		t.index[h] = i
	}
	if !ok {
		return nil, false
	}
	_, from := t.index["from"]
	_, to := t.index["to"]
	_, typ := t.index["type"]
	_, kind := t.index["kind"]
	var allowed []string
	switch {
	case from || to || typ:
		t.kind = csvRelations
		allowed = RelationColumns
		for _, c := range []string{"from", "to", "type"} {
			if _, has := t.index[c]; !has {
				bad(c, "a relations file needs the columns from, to and type")
				ok = false
			}
		}
	case kind:
		t.kind = csvEntities
		allowed = EntityColumns
	default:
		t.kind = csvSources
		allowed = SourceColumns
		if _, has := t.index["id"]; !has {
			bad("", "cannot tell the table from its header: want from, to, type (relations), kind (entities) or id, file, … (sources)")
			return nil, false
		}
	}
	for _, c := range t.cols {
		if strings.HasPrefix(c, "prop.") || contains(allowed, c) || (t.kind != csvSources && (c == "source" || c == "quote")) {
			continue
		}
		want := strings.Join(allowed, ", ")
		if t.kind != csvSources {
			want += ", source, quote"
		}
		bad(c, fmt.Sprintf("unknown column (want %s or prop.NAME)", want))
		ok = false
	}
	return t, ok
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

// checkCell reports invalid UTF-8 and NUL bytes, which encoding/csv lets
// through.
func checkCell(s string) string {
	if p := checkUTF8("", []byte(s), 1); p != nil {
		return p.Msg
	}
	return ""
}

// row adds one record. lineOf returns the line a cell starts on.
func (t *csvTable) row(b *graph.Builder, name string, rec []string, lineOf func(int) int) {
	empty := true
	for _, c := range rec {
		if c != "" {
			empty = false
			break
		}
	}
	if empty {
		return
	}
	pos := graph.Pos{File: name, Line: lineOf(0)}
	ok := true
	bad := func(col string, format string, args ...any) {
		line := pos.Line
		if i, has := t.index[col]; has {
			line = lineOf(i)
		}
		b.Problem(graph.Problem{Pos: graph.Pos{File: name, Line: line}, Field: col, Msg: fmt.Sprintf(format, args...)})
		ok = false
	}
	for i, c := range rec {
		if msg := checkCell(c); msg != "" {
			bad(t.cols[i], "%s", msg)
		}
		rec[i] = UnescapeFormula(c)
	}
	if !ok {
		return
	}
	get := func(col string) string {
		if i, has := t.index[col]; has {
			return rec[i]
		}
		return ""
	}
	props := t.props(get, bad)
	kind := t.kind
	if kind == csvEntities && strings.TrimSpace(get("kind")) == graph.KindSource {
		kind = csvSources
		for _, c := range []string{"name", "aliases", "sources", "source", "quote"} {
			if get(c) != "" {
				bad(c, "not a field of a Source row")
			}
		}
	} else if kind == csvEntities {
		for _, c := range []string{"file", "title", "outlet", "author", "date", "url"} {
			if get(c) != "" {
				bad(c, "only Source rows (kind Source) have this field")
			}
		}
	}
	switch kind {
	case csvSources:
		s := &graph.Source{ID: get("id"), File: get("file"), Title: get("title"), Outlet: get("outlet"),
			Author: get("author"), Date: get("date"), URL: get("url"), Props: props, Pos: pos}
		if ok {
			b.AddSource(s)
		}
	case csvEntities:
		aliases := parseAliases(get("aliases"), func(msg string) { bad("aliases", "%s", msg) })
		cites := t.cites(get, bad)
		if ok {
			b.AddNode(&graph.Node{ID: get("id"), Kind: get("kind"), Name: get("name"), Aliases: aliases, Props: props, Cites: cites, Pos: pos})
		}
	case csvRelations:
		var conf *float64
		if c := strings.TrimSpace(get("confidence")); c != "" {
			f, err := strconv.ParseFloat(c, 64)
			if err != nil {
				bad("confidence", "%q is not a number", c)
			} else {
				conf = &f
			}
		}
		cites := t.cites(get, bad)
		if ok {
			b.AddEdge(&graph.Edge{ID: get("id"), From: get("from"), To: get("to"), Type: get("type"), Date: get("date"),
				Until: get("until"), Status: get("status"), Confidence: conf, Props: props, Cites: cites, Pos: pos})
		}
	}
}

// parseAliases reads "a|b|c" or a JSON array of strings.
func parseAliases(s string, bad func(string)) []string {
	if strings.TrimSpace(s) == "" {
		return nil
	}
	if strings.HasPrefix(s, "[") {
		var out []string
		if err := json.Unmarshal([]byte(s), &out); err != nil {
			bad("want names separated by | or a JSON array of strings: " + trimJSONErr(err))
			return nil
		}
		return out
	}
	parts := strings.Split(s, "|")
	for i := range parts {
		parts[i] = strings.TrimSpace(parts[i])
	}
	return parts
}

// cites reads the sources cell and the source/quote pair.
func (t *csvTable) cites(get func(string) string, bad func(string, string, ...any)) []graph.Citation {
	var out []graph.Citation
	if s := get("sources"); strings.TrimSpace(s) != "" {
		if strings.HasPrefix(s, "[") {
			var cs CitesRec
			if _, err := checkDepth([]byte(s), t.maxDepth); err != nil {
				bad("sources", "%v (the limit is %d levels)", err, t.maxDepth)
			} else if err := json.Unmarshal([]byte(s), &cs); err != nil {
				bad("sources", "want source ids separated by | or a JSON array of ids or {\"id\", \"quote\"}: %s", trimJSONErr(err))
			}
			out = cs.graph()
		} else {
			for _, id := range strings.Split(s, "|") {
				out = append(out, graph.Citation{Source: strings.TrimSpace(id)})
			}
		}
	}
	src, quote := strings.TrimSpace(get("source")), get("quote")
	switch {
	case src != "":
		out = append(out, graph.Citation{Source: src, Quote: quote})
	case quote != "":
		bad("quote", "a quote needs its source in the source column")
	}
	return out
}

// props reads the props cell and the prop.NAME columns.
func (t *csvTable) props(get func(string) string, bad func(string, string, ...any)) graph.Props {
	var out graph.Props
	if s := get("props"); strings.TrimSpace(s) != "" {
		var p PropsRec
		if !strings.HasPrefix(strings.TrimSpace(s), "{") {
			bad("props", "want a JSON object")
		} else if _, err := checkDepth([]byte(s), t.maxDepth); err != nil {
			bad("props", "%v (the limit is %d levels)", err, t.maxDepth)
		} else if err := json.Unmarshal([]byte(s), &p); err != nil {
			bad("props", "want a JSON object: %s", trimJSONErr(err))
		} else {
			out = p.graph()
		}
	}
	for _, c := range t.cols {
		if !strings.HasPrefix(c, "prop.") {
			continue
		}
		v := get(c)
		if v == "" {
			continue
		}
		if out == nil {
			out = graph.Props{}
		}
		k := c[len("prop."):]
		out[k] = append(out[k], graph.Value{Value: v})
	}
	return out
}
