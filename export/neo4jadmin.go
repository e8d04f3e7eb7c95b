package export

import (
	"bufio"
	"fmt"
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
//	sources.csv          id:ID(Source),:LABEL,<property>...
//	nodes_<Kind>.csv     id:ID(Entity),:LABEL,<property>...     labels Entity and <Kind>
//	rels_<TYPE>.csv      :START_ID(Entity),:END_ID(Entity),:TYPE,id,<property>...
//	rels_REPORTS.csv     :START_ID(Source),:END_ID(Entity),:TYPE,quote,datasets:string[]
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
// [""] (a relation's single citation without a quote) is missing instead;
// an input property whose name holds ":" cannot be a CSV header and lives
// only in props_json; and the import creates no constraints (run
// schema.cypher afterwards).
type Neo4jAdminEncoder struct {
	files   Files
	dataset string
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
// and its rows.
type adminFile struct {
	name, option string
	idCols       []string // leading ID/LABEL/TYPE columns
	rows         []adminRow
}

type adminRow struct {
	ids   []string // values of idCols
	props map[string]any
}

// Encode writes the files.
func (e *Neo4jAdminEncoder) Encode(g *graph.Graph) error {
	if err := CheckIdents(g); err != nil {
		return fmt.Errorf("export: neo4j-admin: %w", err)
	}
	var files []adminFile
	for _, grp := range CypherGroups(g) {
		f := adminFile{}
		switch {
		case grp.Name == "sources":
			f = adminFile{name: "sources.csv", option: "--nodes", idCols: []string{"id:ID(Source)", ":LABEL"}}
			for _, r := range grp.Rows {
				f.rows = append(f.rows, adminRow{[]string{r["id"].(string), graph.KindSource}, r["props"].(map[string]any)})
			}
		case strings.HasPrefix(grp.Name, "nodes "):
			kind := strings.TrimPrefix(grp.Name, "nodes ")
			f = adminFile{name: "nodes_" + kind + ".csv", option: "--nodes", idCols: []string{"id:ID(Entity)", ":LABEL"}}
			for _, r := range grp.Rows {
				f.rows = append(f.rows, adminRow{[]string{r["id"].(string), EntityLabel + "\x00" + kind}, r["props"].(map[string]any)})
			}
		case grp.Name == "relationships "+ReportsType:
			f = adminFile{name: "rels_" + ReportsType + ".csv", option: "--relationships", idCols: []string{":START_ID(Source)", ":END_ID(Entity)", ":TYPE"}}
			for _, r := range grp.Rows {
				f.rows = append(f.rows, adminRow{[]string{r["source"].(string), r["node"].(string), ReportsType}, map[string]any{"quote": r["quote"]}})
			}
		case strings.HasPrefix(grp.Name, "relationships "):
			typ := strings.TrimPrefix(grp.Name, "relationships ")
			f = adminFile{name: "rels_" + typ + ".csv", option: "--relationships", idCols: []string{":START_ID(Entity)", ":END_ID(Entity)", ":TYPE", "id"}}
			for _, r := range grp.Rows {
				f.rows = append(f.rows, adminRow{[]string{r["from"].(string), r["to"].(string), typ, r["id"].(string)}, r["props"].(map[string]any)})
			}
		default:
			return fmt.Errorf("export: neo4j-admin: unexpected group %q", grp.Name)
		}
		for i := range f.rows {
			f.rows[i].props["datasets"] = []string{e.dataset}
		}
		files = append(files, f)
	}
	delim, multiline, err := adminScan(files)
	if err != nil {
		return err
	}
	for _, f := range files {
		if err := e.writeFile(f, delim); err != nil {
			return err
		}
	}
	if err := e.writeSchema(g); err != nil {
		return err
	}
	return e.writeScript(files, delim, multiline, g)
}

// adminScan picks the array delimiter and tells whether any value spans
// lines.
func adminScan(files []adminFile) (rune, bool, error) {
	used := map[rune]bool{}
	multiline := false
	note := func(s string) {
		for _, r := range s {
			if r < 0x20 {
				used[r] = true
			}
		}
	}
	for _, f := range files {
		for _, r := range f.rows {
			for _, v := range r.ids {
				note(v)
			}
			for _, v := range r.props {
				switch v := v.(type) {
				case string:
					note(v)
				case []string:
					for _, s := range v {
						note(s)
					}
				}
			}
		}
	}
	multiline = used['\n'] || used['\r']
	for _, d := range adminDelimiters {
		if !used[d] {
			return d, multiline, nil
		}
	}
	return 0, false, fmt.Errorf("export: neo4j-admin: every candidate array delimiter (U+001F, U+001E, …) occurs in the data")
}

// adminColumn is a property column: its header and key.
type adminColumn struct {
	key, header string
}

// adminColumns returns the property columns of f, sorted by name, typed by
// the values they hold.
func adminColumns(f adminFile) ([]adminColumn, error) {
	types := map[string]string{}
	for _, r := range f.rows {
		for k, v := range r.props {
			var t string
			switch v.(type) {
			case nil:
				continue
			case string:
				t = ""
			case []string:
				t = ":string[]"
			case float64:
				t = ":double"
			default:
				return nil, fmt.Errorf("export: neo4j-admin: %s: property %q has a value of type %T", f.name, k, v)
			}
			if old, seen := types[k]; seen && old != t {
				return nil, fmt.Errorf("export: neo4j-admin: %s: property %q has values of two types", f.name, k)
			}
			types[k] = t
		}
	}
	var cols []adminColumn
	for k, t := range types {
		if strings.Contains(k, ":") || k == "" {
			continue // cannot be a header; kept in props_json
		}
		cols = append(cols, adminColumn{key: k, header: k + t})
	}
	sort.Slice(cols, func(i, j int) bool { return cols[i].key < cols[j].key })
	return cols, nil
}

func (e *Neo4jAdminEncoder) writeFile(f adminFile, delim rune) (err error) {
	cols, err := adminColumns(f)
	if err != nil {
		return err
	}
	out, err := e.files.Create(f.name)
	if err != nil {
		return fmt.Errorf("export: neo4j-admin: %w", err)
	}
	defer func() {
		if cerr := out.Close(); err == nil && cerr != nil {
			err = fmt.Errorf("export: neo4j-admin: %s: %w", f.name, cerr)
		}
	}()
	w := bufio.NewWriterSize(out, 1<<16)
	for i, c := range f.idCols {
		if i > 0 {
			w.WriteByte(',')
		}
		adminQuote(w, c)
	}
	for _, c := range cols {
		w.WriteByte(',')
		adminQuote(w, c.header)
	}
	w.WriteByte('\n')
	d := string(delim)
	for _, r := range f.rows {
		for i, v := range r.ids {
			if i > 0 {
				w.WriteByte(',')
			}
			adminQuote(w, strings.ReplaceAll(v, "\x00", d)) // label separator
		}
		for _, c := range cols {
			w.WriteByte(',')
			switch v := r.props[c.key].(type) {
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
	}
	if err := w.Flush(); err != nil {
		return fmt.Errorf("export: neo4j-admin: %s: %w", f.name, err)
	}
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

func (e *Neo4jAdminEncoder) writeScript(files []adminFile, delim rune, multiline bool, g *graph.Graph) error {
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
