package ingest

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"

	"github.com/relgraph/relgraph/graph"
)

// GraphRAG's output tables, in the order they are read: sources first,
// then what cites them.
var graphragTables = []string{"documents", "text_units", "entities", "covariates", "relationships"}

// graphragFile returns the file of table t in the names of a directory:
// "entities.parquet", its 1.x name "create_final_entities.parquet", or the
// same as .csv. Parquet wins over CSV.
func graphragFile(names map[string]bool, t string) string {
	for _, ext := range []string{".parquet", ".csv"} {
		for _, prefix := range []string{"", "create_final_"} {
			if n := prefix + t + ext; names[n] {
				return n
			}
		}
	}
	return ""
}

// IsGraphRAGDir reports whether dir of fsys holds a GraphRAG output: an
// entities and a relationships table (Parquet or CSV, under their current
// or 1.x names).
func IsGraphRAGDir(fsys fs.FS, dir string) bool {
	names := dirNames(fsys, dir)
	return graphragFile(names, "entities") != "" && graphragFile(names, "relationships") != ""
}

func dirNames(fsys fs.FS, dir string) map[string]bool {
	ents, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return nil
	}
	names := map[string]bool{}
	for _, e := range ents {
		if !e.IsDir() {
			names[strings.ToLower(e.Name())] = true
		}
	}
	return names
}

// ReadGraphRAG reads the output directory dir of fsys that Microsoft
// GraphRAG writes (display names it in problems) into b:
//
//   - documents become Sources: id, title (also the file name the quote
//     check looks for, when it has an extension), creation_date, and the
//     fields of metadata (1.x–2.x) or raw_data (3.x) as properties;
//   - text_units tie facts to documents, by document_ids (a list, 1.x–2.x)
//     or document_id (newer); documents.text_unit_ids does too;
//   - entities become nodes: id, title as the name, type mapped to a kind
//     by the schema's imports (PERSON→Person, ORGANIZATION→Agency,
//     GEO→Place, EVENT→Event by default; unmapped types become the default
//     kind, Other) and kept as the property "type", description;
//   - covariates (claims) become Allegation nodes named by their
//     description, with an ACCUSES relation to the subject (or the type the
//     schema allows) and a CONCERNS relation to the object; status TRUE,
//     FALSE and SUSPECTED become confirmed, denied and alleged (none:
//     alleged); start_date and end_date become date and until; each
//     source_text (a string or a list) is a quote;
//   - relationships become relations of the schema's default import type
//     (RELATED_TO) with their description and weight; source and target
//     name entities by title.
//
// Every fact cites the documents its text units belong to. A relationship
// or claim that names a title missing from the entities table gets a node
// of the default kind for it, as GraphRAG's own graph does. Every problem
// names the table file and its row (Parquet: the row number from 1; CSV:
// the line) and the column.
func ReadGraphRAG(b *graph.Builder, fsys fs.FS, dir, display string, o Options) error {
	o = o.withDefaults()
	names := dirNames(fsys, dir)
	r := &graphragReader{
		b:      b,
		schema: b.Schema(),
		tuDocs: map[string][]string{},
		byName: map[string]graphragEntity{},
		made:   map[string]bool{},
	}
	files := map[string]string{}
	for _, t := range graphragTables {
		files[t] = graphragFile(names, t)
	}
	disp := func(f string) string {
		if display == "" {
			return f
		}
		return path.Join(display, f)
	}
	if files["entities"] == "" || files["relationships"] == "" {
		return fmt.Errorf("ingest: %s: not a GraphRAG output: no entities and relationships tables: %w", display, graph.ErrInvalid)
	}
	if files["documents"] == "" {
		b.Problem(graph.Problem{Pos: graph.Pos{File: display}, Msg: "no documents table (documents.parquet): facts could not cite their sources"})
		return nil
	}
	var errs []error
	for _, t := range graphragTables {
		f := files[t]
		if f == "" {
			continue
		}
		var each func(*tableRow)
		switch t {
		case "documents":
			each = r.document
		case "text_units":
			each = r.textUnit
		case "entities":
			each = r.entity
		case "covariates":
			each = r.claim
		default:
			each = r.relationship
		}
		name := disp(f)
		err := r.readTable(fsys, path.Join(dir, f), name, o, t, each)
		if errors.Is(err, errBadTable) {
			b.Problem(graph.Problem{Pos: graph.Pos{File: name}, Msg: strings.TrimPrefix(err.Error(), errBadTable.Error()+": ")})
		} else if err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// graphragRequired are the columns without which a table says nothing.
var graphragRequired = map[string][]string{
	"documents":     {"id"},
	"text_units":    {"id"},
	"entities":      {"title|name"},
	"covariates":    {"subject_id"},
	"relationships": {"source", "target"},
}

func (r *graphragReader) readTable(fsys fs.FS, file, name string, o Options, kind string, each func(*tableRow)) error {
	f, err := fsys.Open(file)
	if err != nil {
		return fmt.Errorf("ingest: %s: %w", name, err)
	}
	defer f.Close()
	checked := false
	fn := func(row *tableRow) {
		if !checked {
			checked = true
			for _, c := range graphragRequired[kind] {
				if row.t.col(strings.Split(c, "|")...) < 0 {
					r.b.Problem(graph.Problem{Pos: graph.Pos{File: name}, Field: c, Msg: "missing column"})
					r.skip = true
				}
			}
		}
		if r.skip {
			return
		}
		each(row)
	}
	defer func() { r.skip = false }()
	if strings.HasSuffix(file, ".csv") {
		return readCSVTable(f, name, o, r.b.Problem, fn)
	}
	var ra io.ReaderAt
	var size int64
	if x, ok := f.(interface {
		io.ReaderAt
		Stat() (fs.FileInfo, error)
	}); ok {
		st, err := x.Stat()
		if err != nil {
			return fmt.Errorf("ingest: %s: %w", name, err)
		}
		ra, size = x, st.Size()
	} else {
		data, err := readAll(r.b, f, name, o.MaxFileBytes)
		if err != nil || data == nil {
			return err
		}
		ra, size = bytes.NewReader(data), int64(len(data))
	}
	if size > o.MaxFileBytes {
		r.b.Stop(graph.Problem{Pos: graph.Pos{File: name}, Msg: fmt.Sprintf("larger than the limit of %d bytes (--max-file-bytes)", o.MaxFileBytes)})
		return nil
	}
	return readParquetTable(ra, size, name, fn)
}

type graphragEntity struct{ id, kind string }

type graphragReader struct {
	b      *graph.Builder
	schema *graph.Schema
	tuDocs map[string][]string       // text unit id -> document ids
	byName map[string]graphragEntity // entity title -> its node
	made   map[string]bool           // nodes made for titles missing from entities
	skip   bool                      // the current table lacks a required column
}

func (r *graphragReader) bad(row *tableRow, field, format string, args ...any) {
	r.b.Problem(graph.Problem{Pos: row.pos(), Field: field, Msg: fmt.Sprintf(format, args...)})
}

// list reads a list column, reporting a cell that is not one.
func (r *graphragReader) list(row *tableRow, col string) []string {
	vs, err := row.list(row.t.col(col))
	if err != nil {
		r.bad(row, col, "%v", err)
		return nil
	}
	return vs
}

// isNone reports whether GraphRAG wrote "no value": empty, NONE or None.
func isNone(s string) bool {
	s = strings.TrimSpace(s)
	return s == "" || strings.EqualFold(s, "none") || s == "null" || s == "nan"
}

func (r *graphragReader) document(row *tableRow) {
	t := row.t
	id := row.str(t.col("id"))
	s := &graph.Source{ID: id, Title: row.str(t.col("title")), Pos: row.pos(), Props: graph.Props{}}
	if path.Ext(s.Title) != "" && !strings.ContainsAny(s.Title, "\n") {
		s.File = s.Title
	}
	setProp(s.Props, "human_readable_id", row.str(t.col("human_readable_id")))
	setProp(s.Props, "creation_date", row.str(t.col("creation_date")))
	for _, col := range []string{"metadata", "raw_data", "attributes"} {
		kvs, err := row.object(t.col(col))
		if err != nil {
			r.bad(row, col, "%v", err)
		}
		for _, kv := range kvs {
			k := kv[0]
			if k == "" {
				k = col
			}
			setProp(s.Props, k, kv[1])
		}
	}
	r.b.AddSource(s)
	for _, tu := range r.list(row, "text_unit_ids") {
		r.tuDocs[tu] = appendUnique(r.tuDocs[tu], id)
	}
}

func (r *graphragReader) textUnit(row *tableRow) {
	t := row.t
	id := row.str(t.col("id"))
	docs := r.list(row, "document_ids")
	if d := row.str(t.col("document_id")); d != "" {
		docs = append(docs, d)
	}
	for _, d := range docs {
		r.tuDocs[id] = appendUnique(r.tuDocs[id], d)
	}
}

// cites returns a citation of every document the text units belong to,
// with each quote; a text unit no table ties to a document is a problem.
func (r *graphragReader) cites(row *tableRow, field string, tus, quotes []string) []graph.Citation {
	var docs []string
	for _, tu := range tus {
		ds, ok := r.tuDocs[tu]
		if !ok {
			r.bad(row, field, "text unit %q belongs to no document in the documents or text_units table", tu)
			continue
		}
		for _, d := range ds {
			docs = appendUnique(docs, d)
		}
	}
	sort.Strings(docs)
	var out []graph.Citation
	for _, d := range docs {
		if len(quotes) == 0 {
			out = append(out, graph.Citation{Source: d})
		}
		for _, q := range quotes {
			out = append(out, graph.Citation{Source: d, Quote: q})
		}
	}
	return out
}

func (r *graphragReader) entity(row *tableRow) {
	t := row.t
	title := row.str(t.col("title", "name"))
	id := row.str(t.col("id"))
	if id == "" {
		id = title
	}
	typ := row.str(t.col("type"))
	kind, ok := r.schema.ImportKind(typ)
	if !ok {
		r.bad(row, "type", "GraphRAG type %q maps to no kind (map it under imports.kinds in the schema)", typ)
		return
	}
	n := &graph.Node{ID: id, Kind: kind, Name: title, Props: graph.Props{}, Pos: row.pos()}
	setProp(n.Props, "type", typ)
	setProp(n.Props, "description", row.str(t.col("description")))
	n.Cites = r.cites(row, "text_unit_ids", r.list(row, "text_unit_ids"), nil)
	if _, dup := r.byName[title]; !dup && title != "" {
		r.byName[title] = graphragEntity{id: id, kind: kind}
	}
	r.b.AddNode(n)
}

// endpoint returns the node a relationship or claim names by title,
// making one of the default kind when the entities table lacks it.
func (r *graphragReader) endpoint(row *tableRow, field, title string, cites []graph.Citation) (graphragEntity, bool) {
	if e, ok := r.byName[title]; ok {
		return e, true
	}
	kind, ok := r.schema.ImportKind("")
	if !ok {
		r.bad(row, field, "%q is not the title of an entity", title)
		return graphragEntity{}, false
	}
	e := graphragEntity{id: title, kind: kind}
	if !r.made[title] {
		r.made[title] = true
		n := &graph.Node{ID: title, Kind: kind, Name: title, Pos: row.pos(),
			Props: graph.Props{"note": {{Value: "named by a GraphRAG " + strings.TrimSuffix(field, "_id") + ", not in the entities table"}}}}
		n.Cites = append([]graph.Citation(nil), cites...)
		for i := range n.Cites {
			n.Cites[i].Quote = ""
		}
		r.b.AddNode(n)
	}
	return e, true
}

func (r *graphragReader) relationship(row *tableRow) {
	t := row.t
	cites := r.cites(row, "text_unit_ids", r.list(row, "text_unit_ids"), nil)
	from, ok1 := r.endpoint(row, "source", row.str(t.col("source")), cites)
	to, ok2 := r.endpoint(row, "target", row.str(t.col("target")), cites)
	if !ok1 || !ok2 {
		return
	}
	own := row.str(t.col("type"))
	typ, ok := r.schema.ImportType(own, from.kind, to.kind)
	if !ok {
		r.bad(row, "type", "no relation type of the schema may join %s to %s (set imports.default_type)", from.kind, to.kind)
		return
	}
	e := &graph.Edge{ID: row.str(t.col("id")), From: from.id, To: to.id, Type: typ, Cites: cites, Props: graph.Props{}, Pos: row.pos()}
	if own != typ {
		setProp(e.Props, "type", own)
	}
	setProp(e.Props, "description", row.str(t.col("description")))
	setProp(e.Props, "weight", row.str(t.col("weight")))
	r.b.AddEdge(e)
}

// graphragStatus maps a claim's status to a relgraph status.
func graphragStatus(s string) (string, bool) {
	switch strings.ToUpper(strings.TrimSpace(s)) {
	case "TRUE":
		return "confirmed", true
	case "FALSE":
		return "denied", true
	case "SUSPECTED", "", "NONE", "NULL":
		return "alleged", true
	}
	return "", false
}

// graphragDate turns "1843-12-01T00:00:00" into "1843-12-01"; "NONE" is no
// date. Other text is kept for the builder to report.
func graphragDate(s string) string {
	s = strings.TrimSpace(s)
	if isNone(s) {
		return ""
	}
	if len(s) > 10 && s[4] == '-' && s[7] == '-' && (s[10] == 'T' || s[10] == ' ') {
		return s[:10]
	}
	return s
}

func (r *graphragReader) claim(row *tableRow) {
	t := row.t
	id := row.str(t.col("id"))
	if id == "" {
		id = "claim-" + strconv.Itoa(row.line)
	}
	typ := row.str(t.col("type"))
	status, ok := graphragStatus(row.str(t.col("status")))
	if !ok {
		r.bad(row, "status", "%q is not a claim status (want TRUE, FALSE or SUSPECTED)", row.str(t.col("status")))
		return
	}
	var quotes []string
	for _, q := range r.list(row, "source_text") {
		if q = strings.TrimSpace(q); !isNone(q) {
			quotes = append(quotes, q)
		}
	}
	tus := r.list(row, "text_unit_id")
	tus = append(tus, r.list(row, "text_unit_ids")...)
	cites := r.cites(row, "text_unit_id", tus, quotes)
	kind, ok := r.schema.ImportKind("CLAIM")
	if !ok {
		r.bad(row, "", "the schema maps CLAIM to no kind (map it under imports.kinds)")
		return
	}
	subject, object := row.str(t.col("subject_id")), row.str(t.col("object_id"))
	name := strings.TrimSpace(row.str(t.col("description")))
	if isNone(name) {
		name = strings.TrimSpace(typ + " " + subject)
	}
	if name == "" {
		name = id
	}
	n := &graph.Node{ID: id, Kind: kind, Name: name, Cites: cites, Props: graph.Props{}, Pos: row.pos()}
	if !isNone(typ) {
		setProp(n.Props, "type", typ)
	}
	setProp(n.Props, "status", status)
	r.b.AddNode(n)
	date, until := graphragDate(row.str(t.col("start_date"))), graphragDate(row.str(t.col("end_date")))
	link := func(field, title, want, role string) {
		if isNone(title) {
			return
		}
		end, ok := r.endpoint(row, field, title, cites)
		if !ok {
			return
		}
		typ, ok := r.schema.ImportType(want, kind, end.kind)
		if !ok && want == "ACCUSES" {
			typ, ok = r.schema.ImportType("CONCERNS", kind, end.kind)
		}
		if !ok {
			r.bad(row, field, "no relation type of the schema may join %s to %s (set imports.default_type)", kind, end.kind)
			return
		}
		e := &graph.Edge{ID: id + ":" + role, From: id, To: end.id, Type: typ, Status: status, Date: date, Until: until,
			Cites: append([]graph.Citation(nil), cites...), Pos: row.pos()}
		r.b.AddEdge(e)
	}
	link("subject_id", subject, "ACCUSES", "subject")
	link("object_id", object, "CONCERNS", "object")
}

// setProp sets a property unless the value is empty or GraphRAG's "none".
func setProp(p graph.Props, k, v string) {
	if isNone(v) {
		return
	}
	p[k] = []graph.Value{{Value: v}}
}

func appendUnique(xs []string, x string) []string {
	for _, y := range xs {
		if y == x {
			return xs
		}
	}
	return append(xs, x)
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
