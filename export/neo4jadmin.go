package export

import (
	"bufio"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/relgraph/relgraph/graph"
)

func init() {
	Register(Format{Name: "neo4j-admin", Usage: "CSV files and import.sh for neo4j-admin database import full: the same graph as relgraph load, for a fresh bulk import",
		NewDirEncoder: func(f Files, o Options) Encoder { return NewNeo4jAdminEncoder(f, o.Dataset) }})
}

// Neo4jAdminEncoder writes the input of "neo4j-admin database import full"
// (Neo4j 5): one node file per kind, one relationship file per type, the
// sources, the REPORTS links, import.sh with the command that imports them,
// and schema.cypher with the constraints relgraph load creates.
//
// The graph is the one relgraph load writes (the rows come from
// [CypherGroups]), so an imported database and a loaded one compare equal:
//
//	sources.csv          id:ID(Source),:LABEL,dataset,<property>...
//	nodes_<Kind>.csv     id:ID(Entity),:LABEL,dataset,<property>...     labels Entity and <Kind>
//	rels_<TYPE>.csv      :START_ID(Entity),:END_ID(Entity),:TYPE,id,dataset,<property>...
//	rels_REPORTS.csv     :START_ID(Source),:END_ID(Entity),:TYPE,dataset,quote
//
// Properties are typed in the header: a list is <name>:string[],
// confidence is confidence:double, everything else a string. Every value is
// quoted ("" inside doubled) and a missing one left empty, so that an empty
// string stays an empty string and a missing value stays missing.
//
// Array elements (and the two labels of an entity) are separated by a
// control character that occurs in no element, U+001F unless the data holds
// one: import.sh passes it as --array-delimiter. --multiline-fields=true is
// passed only when a value holds a line break.
//
// Known differences from relgraph load: neo4j-admin cannot write an empty
// list, so a property whose list is empty (an entity without aliases) or is
// [""] (quotes of a relation's single citation without a quote, files when
// its source has no file) is missing instead;
// an input property whose name holds ":" cannot be a CSV header and lives
// only in props_json; and the import creates no constraints (run
// schema.cypher afterwards).
//
// Cells are not escaped for spreadsheets, as the csv format's are:
// neo4j-admin stores a cell as it is, so an escape would end up in the
// database. The files are input for neo4j-admin; a value starting with =
// may run as a formula if one is opened in a spreadsheet (import.sh says
// so).
type Neo4jAdminEncoder struct {
	files   Files
	dataset string
	byName  map[string]*adminFile
}

// NewNeo4jAdminEncoder returns an encoder creating its files through f that
// tags every element with dataset ("default" when empty), as relgraph load
// --dataset does.
func NewNeo4jAdminEncoder(f Files, dataset string) *Neo4jAdminEncoder {
	if dataset == "" {
		dataset = "default"
	}
	return &Neo4jAdminEncoder{files: f, dataset: dataset}
}

// adminDelimiters are the array delimiters tried in order: control
// characters that text from articles does not hold.
var adminDelimiters = []rune{0x1F, 0x1E, 0x1D, 0x1C, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07}

// adminFile is one CSV file: its name, the import option that names it,
// its leading ID/LABEL/TYPE columns, and (once the first pass has seen
// every row) its property columns.
type adminFile struct {
	name, option string
	idCols       []string
	types        map[string]string // property -> header type suffix
	cols         []adminColumn

	out io.WriteCloser
	w   *bufio.Writer
}

// eachRows calls fn with every row of g in file order: the sources, the
// nodes of each kind, the relationships of each type, the REPORTS links.
// ids are the values of the file's idCols. The rows come from
// [CypherGroups], which builds each row as it is asked for, so that rows
// (maps, several times the size of the element they describe) never add up
// to more than the graph.
func (e *Neo4jAdminEncoder) eachRows(g *graph.Graph, fn func(f *adminFile, ids []string, props map[string]any) error) error {
	for _, grp := range CypherGroups(g) {
		for _, r := range grp.Rows {
			var f *adminFile
			var ids []string
			props, _ := r["props"].(map[string]any)
			// str returns the row's string fields, or false when one is
			// missing (a kind or type with a name relgraph reserves, in a
			// graph built without the schema's checks).
			str := func(keys ...string) ([]string, bool) {
				out := make([]string, len(keys))
				for i, k := range keys {
					s, ok := r[k].(string)
					if !ok {
						return nil, false
					}
					out[i] = s
				}
				return out, true
			}
			var ok bool
			switch {
			case grp.Name == "sources":
				f = e.file("sources.csv", "--nodes", "id:ID(Source)", ":LABEL")
				ids, ok = str("id")
				ids = append(ids, graph.KindSource)
			case strings.HasPrefix(grp.Name, "nodes "):
				kind := strings.TrimPrefix(grp.Name, "nodes ")
				f = e.file("nodes_"+kind+".csv", "--nodes", "id:ID(Entity)", ":LABEL")
				ids, ok = str("id")
				ids = append(ids, EntityLabel+"\x00"+kind)
			case grp.Name == "relationships "+ReportsType:
				f = e.file("rels_"+ReportsType+".csv", "--relationships", ":START_ID(Source)", ":END_ID(Entity)", ":TYPE")
				ids, ok = str("source", "node")
				ids = append(ids, ReportsType)
				props = map[string]any{"quote": r["quote"]}
			case strings.HasPrefix(grp.Name, "relationships "):
				typ := strings.TrimPrefix(grp.Name, "relationships ")
				f = e.file("rels_"+typ+".csv", "--relationships", ":START_ID(Entity)", ":END_ID(Entity)", ":TYPE", "id")
				if ids, ok = str("from", "to", "id"); ok {
					ids = []string{ids[0], ids[1], typ, ids[2]}
				}
			default:
				return fmt.Errorf("export: neo4j-admin: unexpected group %q", grp.Name)
			}
			if !ok || props == nil {
				return fmt.Errorf("export: neo4j-admin: %s: a row of unexpected shape (a kind or type named like one of relgraph's own: %s?)", grp.Name, reservedList())
			}
			props["dataset"] = e.dataset
			if err := fn(f, ids, props); err != nil {
				return err
			}
		}
	}
	return nil
}

// reservedList names graph.ReservedNames, sorted.
func reservedList() string {
	names := make([]string, 0, len(graph.ReservedNames))
	for n := range graph.ReservedNames {
		names = append(names, n)
	}
	sort.Strings(names)
	return strings.Join(names, ", ")
}

// file returns the file name, declaring it on first use.
func (e *Neo4jAdminEncoder) file(name, option string, idCols ...string) *adminFile {
	if f := e.byName[name]; f != nil {
		return f
	}
	f := &adminFile{name: name, option: option, idCols: idCols, types: map[string]string{}}
	e.byName[name] = f
	return f
}

// Encode writes the files in two passes over the rows: the first finds
// each file's columns, the array delimiter and whether values span lines;
// the second writes.
func (e *Neo4jAdminEncoder) Encode(g *graph.Graph) error {
	if err := CheckIdents(g); err != nil {
		return fmt.Errorf("export: neo4j-admin: %w", err)
	}
	e.byName = map[string]*adminFile{}
	used := map[byte]bool{}
	note := func(s string) {
		for i := 0; i < len(s); i++ {
			if s[i] < 0x20 {
				used[s[i]] = true
			}
		}
	}
	err := e.eachRows(g, func(f *adminFile, ids []string, props map[string]any) error {
		for _, v := range ids {
			note(v)
		}
		for k, v := range props {
			var t string
			switch v := v.(type) {
			case nil:
				continue
			case string:
				note(v)
			case []string:
				t = ":string[]"
				for _, s := range v {
					note(s)
				}
			case float64:
				t = ":double"
			default:
				return fmt.Errorf("export: neo4j-admin: %s: property %q has a value of type %T", f.name, k, v)
			}
			if old, seen := f.types[k]; seen && old != t {
				return fmt.Errorf("export: neo4j-admin: %s: property %q has values of two types", f.name, k)
			}
			f.types[k] = t
		}
		return nil
	})
	if err != nil {
		return err
	}
	delim := rune(-1)
	for _, d := range adminDelimiters {
		if !used[byte(d)] {
			delim = d
			break
		}
	}
	if delim < 0 {
		return fmt.Errorf("export: neo4j-admin: every candidate array delimiter (U+001F, U+001E, …) occurs in the data")
	}
	multiline := used['\n'] || used['\r']

	files := make([]*adminFile, 0, len(e.byName))
	for _, f := range e.byName {
		files = append(files, f)
	}
	sort.Slice(files, func(i, j int) bool { return adminFileLess(files[i].name, files[j].name) })
	defer func() {
		for _, f := range files {
			if f.out != nil {
				f.out.Close()
			}
		}
	}()
	for _, f := range files {
		if err := e.create(f); err != nil {
			return err
		}
	}
	d := string(delim)
	err = e.eachRows(g, func(f *adminFile, ids []string, props map[string]any) error {
		w := f.w
		for i, v := range ids {
			if i > 0 {
				w.WriteByte(',')
			}
			adminQuote(w, strings.ReplaceAll(v, "\x00", d)) // label separator
		}
		for _, c := range f.cols {
			w.WriteByte(',')
			switch v := props[c.key].(type) {
			case string:
				adminQuote(w, v)
			case []string:
				if len(v) > 0 && !(len(v) == 1 && v[0] == "") {
					adminQuote(w, strings.Join(v, d))
				}
			case float64:
				w.WriteString(FormatFloat(v))
			}
		}
		if err := w.WriteByte('\n'); err != nil {
			return fmt.Errorf("export: neo4j-admin: %s: %w", f.name, err)
		}
		return nil
	})
	if err != nil {
		return err
	}
	for _, f := range files {
		err := f.w.Flush()
		if cerr := f.out.Close(); err == nil {
			err = cerr
		}
		f.out = nil
		if err != nil {
			return fmt.Errorf("export: neo4j-admin: %s: %w", f.name, err)
		}
	}
	if err := e.writeSchema(g); err != nil {
		return err
	}
	return e.writeScript(files, delim, multiline, g)
}

// adminFileLess orders files as import.sh lists them: sources, nodes,
// relationships, REPORTS last.
func adminFileLess(a, b string) bool {
	rank := func(n string) int {
		switch {
		case n == "sources.csv":
			return 0
		case strings.HasPrefix(n, "nodes_"):
			return 1
		case n == "rels_"+ReportsType+".csv":
			return 3
		}
		return 2
	}
	if ra, rb := rank(a), rank(b); ra != rb {
		return ra < rb
	}
	return a < b
}

// adminColumn is a property column: its header and key.
type adminColumn struct {
	key, header string
}

// create creates f and writes its header: the id columns, then the
// property columns sorted by name, typed by the values they hold.
func (e *Neo4jAdminEncoder) create(f *adminFile) error {
	for k, t := range f.types {
		if strings.Contains(k, ":") || k == "" {
			continue // cannot be a header; kept in props_json
		}
		f.cols = append(f.cols, adminColumn{key: k, header: k + t})
	}
	sort.Slice(f.cols, func(i, j int) bool { return f.cols[i].key < f.cols[j].key })
	out, err := e.files.Create(f.name)
	if err != nil {
		return fmt.Errorf("export: neo4j-admin: %w", err)
	}
	f.out, f.w = out, bufio.NewWriterSize(out, 1<<16)
	for i, c := range f.idCols {
		if i > 0 {
			f.w.WriteByte(',')
		}
		adminQuote(f.w, c)
	}
	for _, c := range f.cols {
		f.w.WriteByte(',')
		adminQuote(f.w, c.header)
	}
	f.w.WriteByte('\n')
	return nil
}

// adminQuote writes s as a quoted CSV field, doubling quotes.
func adminQuote(w *bufio.Writer, s string) {
	w.WriteByte('"')
	for {
		i := strings.IndexByte(s, '"')
		if i < 0 {
			break
		}
		w.WriteString(s[:i+1])
		w.WriteByte('"')
		s = s[i+1:]
	}
	w.WriteString(s)
	w.WriteByte('"')
}

func (e *Neo4jAdminEncoder) writeSchema(g *graph.Graph) error {
	out, err := e.files.Create("schema.cypher")
	if err != nil {
		return fmt.Errorf("export: neo4j-admin: %w", err)
	}
	w := bufio.NewWriter(out)
	fmt.Fprintf(w, "// The constraints and index relgraph load creates; run after the import:\n// cypher-shell -d DATABASE -f schema.cypher\n")
	for _, s := range CypherSchema(g) {
		fmt.Fprintf(w, "%s;\n", s)
	}
	if err := w.Flush(); err != nil {
		out.Close()
		return fmt.Errorf("export: neo4j-admin: schema.cypher: %w", err)
	}
	if err := out.Close(); err != nil {
		return fmt.Errorf("export: neo4j-admin: schema.cypher: %w", err)
	}
	return nil
}

func (e *Neo4jAdminEncoder) writeScript(files []*adminFile, delim rune, multiline bool, g *graph.Graph) error {
	out, err := e.files.Create("import.sh")
	if err != nil {
		return fmt.Errorf("export: neo4j-admin: %w", err)
	}
	w := bufio.NewWriter(out)
	fmt.Fprintf(w, `#!/bin/sh
# relgraph graph, dataset %s: %d nodes, %d relationships, %d sources.
#
# Imports these files into a new (or, with --overwrite-destination=true, an
# existing stopped) Neo4j 5 database with neo4j-admin, then:
#   start the database and run: cypher-shell -d DATABASE -f schema.cypher
#
# The CSV files hold every value as neo4j-admin stores it, not escaped for
# spreadsheets: a cell starting with = may run as a formula if opened in one.
# For a spreadsheet use: relgraph export --format csv.
#
# Usage: sh import.sh [DATABASE [OPTION...]]   (default database: neo4j)
#   NEO4J_ADMIN  the neo4j-admin command (default: neo4j-admin), e.g.
#                NEO4J_ADMIN="$NEO4J_HOME/bin/neo4j-admin" sh import.sh neo4j --overwrite-destination=true
set -eu
cd "$(dirname "$0")"
dir=$(pwd)
db=${1:-neo4j}
[ $# -gt 0 ] && shift
exec ${NEO4J_ADMIN:-neo4j-admin} database import full "$db" "$@" \
  --id-type=string \
  --array-delimiter=U+%04X \
`, CypherComment(e.dataset), len(g.Nodes), len(g.Edges), len(g.Sources), delim)
	if multiline {
		fmt.Fprintf(w, "  --multiline-fields=true \\\n")
	}
	for i, f := range files {
		end := " \\\n"
		if i == len(files)-1 {
			end = "\n"
		}
		fmt.Fprintf(w, "  %s=\"$dir/%s\"%s", f.option, f.name, end)
	}
	if err := w.Flush(); err != nil {
		out.Close()
		return fmt.Errorf("export: neo4j-admin: import.sh: %w", err)
	}
	if err := out.Close(); err != nil {
		return fmt.Errorf("export: neo4j-admin: import.sh: %w", err)
	}
	return nil
}
