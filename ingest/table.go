package ingest

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/parquet-go/parquet-go"

	"github.com/relgraph/relgraph/graph"
)

// A table is one GraphRAG output table read row by row, from Parquet or
// CSV. Columns are found by name; a row is a [tableRow].
type table struct {
	name string         // display name, for problems
	cols map[string]int // column name (lower case) -> index
	csv  bool           // cells are CSV text (lists and objects still to parse)
}

// has reports whether the table has a column of that name.
func (t *table) has(col string) bool { _, ok := t.cols[col]; return ok }

// col returns the index of a column, or -1.
func (t *table) col(names ...string) int {
	for _, n := range names {
		if i, ok := t.cols[n]; ok {
			return i
		}
	}
	return -1
}

// tableRow is one row. Line is the CSV line where the record starts, or
// the 1-based row number in a Parquet file.
type tableRow struct {
	t    *table
	line int
	vals [][]string // per column: its values (a list column has several; null has none)
	keys [][]string // per column: the field names of a struct or map column, beside vals
}

func (r *tableRow) pos() graph.Pos { return graph.Pos{File: r.t.name, Line: r.line} }

// str returns the text of column i: its first value, "" when null or missing.
func (r *tableRow) str(i int) string {
	if i < 0 || i >= len(r.vals) || len(r.vals[i]) == 0 {
		return ""
	}
	return r.vals[i][0]
}

// list returns the values of a list column. A CSV cell holds a JSON array,
// the text Python prints for a list or a NumPy array (pandas writes these
// when converting Parquet to CSV), or a single value.
func (r *tableRow) list(i int) ([]string, error) {
	if i < 0 || i >= len(r.vals) {
		return nil, nil
	}
	if !r.t.csv {
		return r.vals[i], nil
	}
	return parseListCell(r.str(i))
}

// object returns the fields of a struct or map column as key/value pairs,
// in column order. A CSV cell (or a Parquet string) holding a JSON object
// gives its members, sorted; other text is one pair with key "".
func (r *tableRow) object(i int) ([][2]string, error) {
	if i < 0 || i >= len(r.vals) {
		return nil, nil
	}
	if r.keys[i] != nil {
		out := make([][2]string, 0, len(r.vals[i]))
		for j, v := range r.vals[i] {
			out = append(out, [2]string{r.keys[i][j], v})
		}
		return out, nil
	}
	s := strings.TrimSpace(r.str(i))
	if s == "" || s == "None" || s == "null" || s == "{}" {
		return nil, nil
	}
	if s[0] != '{' {
		return [][2]string{{"", s}}, nil
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal([]byte(s), &m); err != nil {
		return nil, fmt.Errorf("want a JSON object: %v", trimJSONErr(err))
	}
	var out [][2]string
	for _, k := range sortedKeys(m) {
		v := bytes.TrimSpace(m[k])
		if string(v) == "null" {
			continue
		}
		txt, err := scalar(v)
		if err != nil {
			txt = string(v) // a nested value is kept as its JSON text
		}
		out = append(out, [2]string{k, txt})
	}
	return out, nil
}

// parseListCell reads a list from a CSV cell.
func parseListCell(s string) ([]string, error) {
	s = strings.TrimSpace(s)
	switch {
	case s == "" || s == "[]" || s == "None" || s == "nan":
		return nil, nil
	case s[0] != '[':
		return []string{s}, nil
	}
	var out []string
	if json.Unmarshal([]byte(s), &out) == nil {
		return out, nil
	}
	// Python's repr of a list ['a', "b's"] or NumPy's ['a' 'b'], whose
	// items may be separated by newlines.
	body := s[1:]
	for {
		body = strings.TrimLeft(body, " \t\r\n,")
		if body == "" {
			return nil, errors.New("list not closed with ]")
		}
		if body[0] == ']' {
			if strings.TrimSpace(body[1:]) != "" {
				return nil, errors.New("text after the end of the list")
			}
			return out, nil
		}
		q := body[0]
		if q != '\'' && q != '"' {
			return nil, fmt.Errorf("want a quoted string in the list, got %q", firstRune(body))
		}
		var b strings.Builder
		i := 1
		for ; i < len(body) && body[i] != q; i++ {
			if body[i] == '\\' && i+1 < len(body) {
				i++
				switch body[i] {
				case 'n':
					b.WriteByte('\n')
				case 't':
					b.WriteByte('\t')
				default:
					b.WriteByte(body[i])
				}
				continue
			}
			b.WriteByte(body[i])
		}
		if i >= len(body) {
			return nil, errors.New("unterminated string in the list")
		}
		out = append(out, b.String())
		body = body[i+1:]
	}
}

func firstRune(s string) string {
	r, _ := utf8.DecodeRuneInString(s)
	return string(r)
}

// errBadTable marks a table that cannot be read at all; the reader reports
// it as one problem naming the file.
var errBadTable = errors.New("unreadable table")

// readParquetTable calls fn for every row of the Parquet file data.
// Columns are the top-level fields; a list column gives its elements, a
// struct or map column its leaf fields with their names. A corrupt file is
// an error wrapping errBadTable; parquet-go may panic on one, so that is
// recovered too.
func readParquetTable(r io.ReaderAt, size int64, name string, fn func(*tableRow)) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("%w: corrupt Parquet file (%v)", errBadTable, p)
		}
	}()
	f, err := parquet.OpenFile(r, size, parquet.SkipBloomFilters(true), parquet.SkipPageIndex(true))
	if err != nil {
		return fmt.Errorf("%w: not a Parquet file: %v", errBadTable, err)
	}
	t := &table{name: name, cols: map[string]int{}}
	// Each leaf column belongs to a top-level field; struct and map
	// fields are flattened into named values.
	type leaf struct {
		field int
		key   string // field name inside a struct, "" for scalars and lists
		isKey bool   // the keys of a map
		isVal bool   // the values of a map
	}
	var leaves []leaf
	var fieldNames []string
	for _, path := range f.Schema().Columns() {
		top := strings.ToLower(path[0])
		fi, ok := t.cols[top]
		if !ok {
			fi = len(fieldNames)
			t.cols[top] = fi
			fieldNames = append(fieldNames, top)
		}
		var inner []string
		mapPart := ""
		for _, p := range path[1:] {
			switch p {
			case "list", "element", "item", "array", "bag", "array_element":
			case "key_value", "map":
				mapPart = "map"
			default:
				inner = append(inner, p)
			}
		}
		l := leaf{field: fi, key: strings.Join(inner, ".")}
		if mapPart != "" && len(inner) == 1 {
			l.isKey, l.isVal = inner[0] == "key", inner[0] == "value"
		}
		leaves = append(leaves, l)
	}
	nf := len(fieldNames)
	structured := make([]bool, nf) // fields with named leaves
	for _, l := range leaves {
		if l.key != "" {
			structured[l.field] = true
		}
	}
	rd := parquet.NewReader(f)
	defer rd.Close()
	row := &tableRow{t: t, vals: make([][]string, nf), keys: make([][]string, nf)}
	var mapKeys [][]string
	buf := make([]parquet.Row, 128)
	line := 0
	for {
		n, rerr := rd.ReadRows(buf)
		for _, pr := range buf[:n] {
			line++
			for i := range row.vals {
				row.vals[i] = row.vals[i][:0]
				if structured[i] {
					row.keys[i] = row.keys[i][:0]
				} else {
					row.keys[i] = nil
				}
			}
			mapKeys = mapKeys[:0]
			for _, v := range pr {
				c := v.Column()
				if c < 0 || c >= len(leaves) || v.IsNull() {
					continue
				}
				l := leaves[c]
				s := valueText(v)
				switch {
				case l.isKey:
					row.keys[l.field] = append(row.keys[l.field], s)
				case l.isVal:
					row.vals[l.field] = append(row.vals[l.field], s)
				case l.key != "":
					row.keys[l.field] = append(row.keys[l.field], l.key)
					row.vals[l.field] = append(row.vals[l.field], s)
				default:
					row.vals[l.field] = append(row.vals[l.field], s)
				}
			}
			for i := range row.vals {
				if structured[i] && len(row.keys[i]) != len(row.vals[i]) {
					// a map whose keys and values do not pair up
					row.keys[i] = row.keys[i][:0]
					row.vals[i] = row.vals[i][:0]
				}
			}
			row.line = line
			fn(row)
		}
		if rerr == io.EOF {
			return nil
		}
		if rerr != nil {
			return fmt.Errorf("%w: row %d: %v", errBadTable, line+1, rerr)
		}
		if n == 0 {
			return nil
		}
	}
}

// valueText is the text of one Parquet value.
func valueText(v parquet.Value) string {
	switch v.Kind() {
	case parquet.ByteArray, parquet.FixedLenByteArray:
		return string(v.ByteArray())
	case parquet.Boolean:
		return strconv.FormatBool(v.Boolean())
	case parquet.Int32:
		return strconv.FormatInt(int64(v.Int32()), 10)
	case parquet.Int64:
		return strconv.FormatInt(v.Int64(), 10)
	case parquet.Float:
		return formatFloat(float64(v.Float()), 32)
	case parquet.Double:
		return formatFloat(v.Double(), 64)
	}
	return v.String()
}

func formatFloat(f float64, bits int) string {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return ""
	}
	// as Python prints it, so that Parquet and the CSV pandas writes agree
	s := strconv.FormatFloat(f, 'g', -1, bits)
	if !strings.ContainsAny(s, ".e") {
		s += ".0"
	}
	return s
}

// readCSVTable calls fn for every record of a CSV table with a header row.
// Problems with single records are reported through prob; an error means
// the file cannot be read on.
func readCSVTable(r io.Reader, name string, o Options, prob func(graph.Problem), fn func(*tableRow)) error {
	lr := &limitReader{r: r, maxFile: o.MaxFileBytes, maxRec: int64(o.MaxLineBytes)}
	br := bufio.NewReaderSize(lr, 1<<16)
	if head, _ := br.Peek(3); bytes.Equal(head, bom) {
		br.Discard(3)
	}
	cr := csv.NewReader(br)
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	t := &table{name: name, cols: map[string]int{}, csv: true}
	bad := func(line int, format string, args ...any) {
		prob(graph.Problem{Pos: graph.Pos{File: name, Line: line}, Msg: fmt.Sprintf(format, args...)})
	}
	header := true
	var row *tableRow
	for {
		lr.mark = lr.n
		rec, err := cr.Read()
		if err == io.EOF {
			if header {
				return fmt.Errorf("%w: empty file, want a header row", errBadTable)
			}
			return nil
		}
		if err != nil {
			var pe *csv.ParseError
			switch {
			case errors.Is(err, errFileTooLarge):
				return fmt.Errorf("%w: larger than the limit of %d bytes (--max-file-bytes)", errBadTable, o.MaxFileBytes)
			case errors.Is(err, errRecordTooLong):
				return fmt.Errorf("%w: a record is longer than the limit of %d bytes (--max-line-bytes)", errBadTable, o.MaxLineBytes)
			case errors.As(err, &pe):
				bad(pe.Line, "syntax error: %v", pe.Err)
				return nil
			}
			return fmt.Errorf("%w: %v", errBadTable, err)
		}
		line, _ := cr.FieldPos(0)
		if header {
			header = false
			for i, h := range rec {
				h = strings.ToLower(strings.TrimSpace(h))
				if i == 0 && h == "" {
					h = "\x00index" // the unnamed index column pandas writes
				}
				if _, dup := t.cols[h]; dup {
					bad(line, "column %q appears twice", h)
					continue
				}
				t.cols[h] = i
			}
			row = &tableRow{t: t, vals: make([][]string, len(rec)), keys: make([][]string, len(rec))}
			continue
		}
		if len(rec) != len(row.vals) {
			bad(line, "%d cells, the header has %d", len(rec), len(row.vals))
			continue
		}
		empty := true
		for i, c := range rec {
			row.vals[i] = row.vals[i][:0]
			if c != "" {
				row.vals[i] = append(row.vals[i], c)
				empty = false
			}
		}
		if empty {
			continue
		}
		row.line = line
		fn(row)
	}
}
