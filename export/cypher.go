package export

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/relgraph/relgraph/graph"
)

func init() {
	Register(Format{Name: "cypher", Ext: ".cypher", Usage: "a Cypher script (constraints, then batched MERGE statements) that cypher-shell or Neo4j Browser runs; the same graph as relgraph load",
		NewEncoder: func(w io.Writer, o Options) Encoder { return NewCypherEncoder(w, o.Dataset) }})
}

// The graph in Neo4j, as written both by relgraph load and by the cypher
// script. Keeping the statements here, in one place, is what makes the
// script and the loader produce the same graph.
//
//	(:Entity:<Kind> {dataset, id, name, aliases, kind, props_json, conflicts, <prop>...})
//	(:Source {dataset, id, name, file, title, outlet, author, date, url, props_json, conflicts, <prop>...})
//	(:Entity)-[:<TYPE> {dataset, id, status, date, until, confidence, sources, quotes, files, props_json, conflicts, <prop>...}]->(:Entity)
//	(:Source)-[:REPORTS {dataset, quote}]->(:Entity)   one per node citation
//
// A property given in the input becomes a plain property holding its
// primary value; props_json keeps every value with the sources that give
// it, so disagreements between sources survive, and conflicts names the
// properties on which sources disagree. Input property names that
// clash with the names above live only in props_json.
//
// Every element belongs to exactly one dataset (relgraph load --dataset):
// nodes and sources are keyed by (dataset, id), relationships connect
// nodes of their own dataset and are keyed by dataset, type and id (REPORTS
// by dataset and quote). Two datasets that use the same ids hold two
// separate elements, so loading or pruning one never changes what another
// stated. "datasets" (a list, the model before) is reserved too, so that an
// input property cannot pass for data of that model (see package load).
const (
	// EntityLabel is the label every entity node carries beside its kind.
	EntityLabel = "Entity"
	// ReportsType links a Source to each entity it cites.
	ReportsType = "REPORTS"
)

// CypherGroup is one statement run over rows: the nodes of one kind, the
// relationships of one type, the sources or the REPORTS links. Query refers
// to the rows as $rows and to the dataset as $dataset. Rows are built when
// asked for, a batch at a time, so that a large graph is not held twice.
type CypherGroup struct {
	Name  string // e.g. "nodes Leader", "relationships ALLEGES"
	Query string
	// Create writes the same rows when none of them is in the database
	// yet: CREATE instead of MERGE, with nothing stale to remove. It gives
	// the same graph as Query for such rows and is faster, but run on a
	// row that exists it duplicates a relationship, or fails on a node's
	// uniqueness constraint. relgraph load uses it only for rows it knows
	// to be new.
	Create string
	// LoadQuery and LoadCreate are Query and Create for a loader that
	// keeps the element ids of the nodes it writes. For nodes they also
	// return [id, element id] pairs as eids; relationships find their
	// endpoints by element id (row.a and row.b, checked against the ids in
	// the row), saving two index seeks a row.
	LoadQuery, LoadCreate string
	// Label is what the rows' ids are unique under: for nodes, Entity or
	// Source; for relationships, the label of the start nodes (the end
	// nodes are entities). From and To name the row fields that hold a
	// relationship's start and end ids.
	Label    string
	From, To string
	Len      int    // number of rows
	Rels     bool   // the rows are relationships
	Type     string // for relationships, their type
	row      func(i int) map[string]any
	key      func(i int) RowKey
	hash     func(i int) string
}

// RowKey is what identifies the element a row writes within its group
// and dataset: the id of a node or source; a relationship's id and
// endpoints; a REPORTS link's source, node and quote.
type RowKey struct {
	ID, From, To, Quote string
}

// Key returns the key of row i, without building the row.
func (g CypherGroup) Key(i int) RowKey { return g.key(i) }

// Hash returns the content hash of row i (the row's HashProperty), without
// building the row; "" for REPORTS links, which have no properties.
func (g CypherGroup) Hash(i int) string {
	if g.hash == nil {
		return ""
	}
	return g.hash(i)
}

// Row returns row i (0 <= i < Len).
func (g CypherGroup) Row(i int) map[string]any { return g.row(i) }

// Rows yields every row with its index, building each as it goes:
// for i, row := range grp.Rows { ... }.
func (g CypherGroup) Rows(yield func(int, map[string]any) bool) {
	for i := 0; i < g.Len; i++ {
		if !yield(i, g.row(i)) {
			return
		}
	}
}

// Batch returns rows i to j-1.
func (g CypherGroup) Batch(i, j int) []map[string]any {
	out := make([]map[string]any, 0, j-i)
	for k := i; k < j; k++ {
		out = append(out, g.row(k))
	}
	return out
}

var nodeReserved = cypherSet(HashProperty, "dataset", "id", "name", "aliases", "kind", "datasets", "props_json", "conflicts", "prop_keys")
var sourceReserved = cypherSet(HashProperty, "dataset", "id", "name", "file", "title", "outlet", "author", "date", "url", "datasets", "props_json", "conflicts", "prop_keys")
var edgeReserved = cypherSet(HashProperty, "dataset", "id", "status", "date", "until", "confidence", "sources", "quotes", "files", "datasets", "props_json", "conflicts", "prop_keys")

func cypherSet(xs ...string) map[string]bool {
	m := map[string]bool{}
	for _, x := range xs {
		m[x] = true
	}
	return m
}

// CheckIdents returns an error naming the first kind or relationship type of
// g that is not an identifier: such a name cannot be a label, and nothing
// should be written when one is found.
func CheckIdents(g *graph.Graph) error {
	for _, n := range g.Nodes {
		if !graph.IsIdent(n.Kind) {
			return fmt.Errorf("export: cypher: node %q: kind %q is not an identifier (letters, digits, underscore)", n.ID, n.Kind)
		}
	}
	for _, e := range g.Edges {
		if !graph.IsIdent(e.Type) {
			return fmt.Errorf("export: cypher: relation %q: type %q is not an identifier (letters, digits, underscore)", e.ID, e.Type)
		}
	}
	return nil
}

// QuoteIdent backtick-quotes a label, relationship type or property key so
// that Neo4j reads back exactly s. A backtick is doubled. Neo4j decodes
// Java-style \uXXXX escapes anywhere in a statement, before quoting is
// seen (so "\u0060" would end the quoted name), and a decoded backslash
// starts no further escape: every backslash is therefore written as
// \u005C, and control characters and line separators as escapes too, so
// that a statement's line breaks are all its own.
func QuoteIdent(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 2)
	b.WriteByte('`')
	for _, r := range s {
		switch {
		case r == '`':
			b.WriteString("``")
		case r == '\\' || r < 0x20 || r == 0x7f || r == 0x85 || r == 0x2028 || r == 0x2029:
			fmt.Fprintf(&b, `\u%04X`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('`')
	return b.String()
}

// SchemaPrefix starts the name of every constraint and index relgraph
// creates.
const SchemaPrefix = "relgraph_"

// CypherBaseSchema returns the statements that create, each only if
// missing, the constraints and index every load relies on: a unique
// (dataset, id) on the common Entity label (which MERGE uses) and on Source,
// and an index on the entities' names.
func CypherBaseSchema() []string {
	return []string{uniqueKey(EntityLabel), uniqueKey(graph.KindSource),
		fmt.Sprintf("CREATE INDEX %s IF NOT EXISTS FOR (n:%s) ON (n.name)", QuoteIdent(SchemaPrefix+EntityLabel+"_name"), QuoteIdent(EntityLabel))}
}

// CypherKindSchema returns the statements that create a unique (dataset,
// id) for each kind of node g holds, so that queries by kind and id use an
// index. Kinds of the schema that no node has get none: nothing in the
// database's schema names a label the graph does not use.
func CypherKindSchema(g *graph.Graph) []string {
	kinds := map[string]bool{}
	for _, n := range g.Nodes {
		kinds[n.Kind] = true
	}
	var out []string
	for _, k := range cypherSortedSet(kinds) {
		out = append(out, uniqueKey(k))
	}
	return out
}

// CypherSchema returns the base schema, then the kinds' constraints.
func CypherSchema(g *graph.Graph) []string {
	return append(CypherBaseSchema(), CypherKindSchema(g)...)
}

// uniqueKey is the constraint that makes (dataset, id) unique for label.
func uniqueKey(label string) string {
	return fmt.Sprintf("CREATE CONSTRAINT %s IF NOT EXISTS FOR (n:%s) REQUIRE (n.dataset, n.id) IS UNIQUE",
		QuoteIdent(SchemaPrefix+label+"_key"), QuoteIdent(label))
}

func cypherSortedSet(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// returns ends a statement: the rows written, and with eids the
// [id, element id] pair of each node x written.
func returns(x string, eids bool) string {
	if eids {
		return "\nRETURN count(*) AS rows, collect([row.id, elementId(" + x + ")]) AS eids"
	}
	return "\nRETURN count(*) AS rows"
}

// sourceQuery merges Source nodes or, with create, creates new ones.
func sourceQuery(create, eids bool) string {
	if create {
		return "UNWIND $rows AS row\nCREATE (s:" + QuoteIdent(graph.KindSource) + " {dataset: $dataset, id: row.id})\nSET s += row.props" + returns("s", eids)
	}
	return "UNWIND $rows AS row\nMERGE (s:" + QuoteIdent(graph.KindSource) + " {dataset: $dataset, id: row.id})\n" + dropStale("s") + "SET s += row.props" + returns("s", eids)
}

// nodeQuery merges the entity nodes of one kind or, with create, creates
// new ones. MERGE goes through the Entity label so that a node whose kind
// changed is updated, not duplicated; the old kind's label (the one
// recorded in n.kind) is removed.
func nodeQuery(kind string, create, eids bool) string {
	if create {
		return "UNWIND $rows AS row\nCREATE (n:" + QuoteIdent(EntityLabel) + ":" + QuoteIdent(kind) + " {dataset: $dataset, id: row.id})\nSET n += row.props" + returns("n", eids)
	}
	return "UNWIND $rows AS row\nMERGE (n:" + QuoteIdent(EntityLabel) + " {dataset: $dataset, id: row.id})\n" +
		"FOREACH (old IN CASE WHEN n.kind IS NOT NULL AND n.kind <> row.props.kind THEN [n.kind] ELSE [] END | REMOVE n:$(old))\n" +
		dropStale("n") + "SET n:" + QuoteIdent(kind) + ", n += row.props" + returns("n", eids)
}

// edgeMatch finds the endpoints a and b of a relationship row, in the
// dataset: by id (from, to, or source, node for REPORTS) through the
// constraints' indexes, or by element id (row.a, row.b) with the dataset
// and id checked.
func edgeMatch(aLabel, aKey, bLabel, bKey string, byElementID bool) string {
	if byElementID {
		return "MATCH (a) WHERE elementId(a) = row.a AND a.dataset = $dataset AND a.id = row." + aKey +
			"\nMATCH (b) WHERE elementId(b) = row.b AND b.dataset = $dataset AND b.id = row." + bKey + "\n"
	}
	return "MATCH (a:" + QuoteIdent(aLabel) + " {dataset: $dataset, id: row." + aKey + "})\nMATCH (b:" + QuoteIdent(bLabel) + " {dataset: $dataset, id: row." + bKey + "})\n"
}

// edgeQuery merges the relationships of one type, keyed by id, or with
// create creates new ones.
func edgeQuery(typ string, create, byElementID bool) string {
	q := "UNWIND $rows AS row\n" + edgeMatch(EntityLabel, "from", EntityLabel, "to", byElementID)
	if create {
		return q + "CREATE (a)-[r:" + QuoteIdent(typ) + " {dataset: $dataset, id: row.id}]->(b)\nSET r += row.props" + returns("", false)
	}
	return q + "MERGE (a)-[r:" + QuoteIdent(typ) + " {dataset: $dataset, id: row.id}]->(b)\n" + dropStale("r") + "SET r += row.props" + returns("", false)
}

// reportsQuery merges the (:Source)-[:REPORTS {quote}]->(:Entity) links, or
// with create creates new ones.
func reportsQuery(create, byElementID bool) string {
	q := "UNWIND $rows AS row\n" + edgeMatch(graph.KindSource, "source", EntityLabel, "node", byElementID)
	if create {
		return q + "CREATE (a)-[r:" + QuoteIdent(ReportsType) + " {dataset: $dataset, quote: row.quote}]->(b)" + returns("", false)
	}
	return q + "MERGE (a)-[r:" + QuoteIdent(ReportsType) + " {dataset: $dataset, quote: row.quote}]->(b)" + returns("", false)
}

// propsJSON encodes every sourced value of p, or nil when p is empty.
func propsJSON(p graph.Props) any {
	if len(p) == 0 {
		return nil
	}
	b, err := marshal(propsOut(p))
	if err != nil {
		return nil // a map of strings always marshals
	}
	return string(b)
}

// plainProps puts the primary value of each property of p that is not
// reserved into m, and the names of the properties on which sources
// disagree into m["conflicts"] (nil when they agree).
func plainProps(m map[string]any, p graph.Props, reserved map[string]bool) {
	var conflicts, plain []string
	for _, k := range p.Keys() {
		if !reserved[k] {
			m[k] = p.Get(k)
			plain = append(plain, k)
		}
		if len(p[k]) > 1 {
			conflicts = append(conflicts, k)
		}
	}
	m["conflicts"], m["prop_keys"] = nil, nil
	if conflicts != nil {
		m["conflicts"] = conflicts
	}
	if plain != nil {
		m["prop_keys"] = plain
	}
}

// dropStale is the clause that removes the input properties x had at the
// previous load and no longer has: prop_keys remembers which properties
// relgraph wrote, so properties others added are left alone.
func dropStale(x string) string {
	return fmt.Sprintf("FOREACH (k IN [k IN coalesce(%[1]s.prop_keys, []) WHERE NOT k IN keys(row.props)] | SET %[1]s[k] = null)\n", x)
}

// orNil turns "" into nil, so that a missing value removes the property on
// update instead of storing an empty string.
func orNil(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func strs(xs []string) []string {
	if xs == nil {
		return []string{}
	}
	return xs
}

// CypherGroups returns the rows to write, grouped by statement, in the
// order they must run: sources, nodes by kind, relationships by type, then
// REPORTS. Every group's rows are in the graph's sorted order.
func CypherGroups(g *graph.Graph) []CypherGroup {
	var out []CypherGroup
	if len(g.Sources) > 0 {
		out = append(out, CypherGroup{Name: "sources", Query: sourceQuery(false, false), Create: sourceQuery(true, false),
			LoadQuery: sourceQuery(false, true), LoadCreate: sourceQuery(true, true), Label: graph.KindSource, Len: len(g.Sources), row: func(i int) map[string]any { return sourceRow(g.Sources[i]) },
			key:  func(i int) RowKey { return RowKey{ID: g.Sources[i].ID} },
			hash: func(i int) string { return SourceHash(g.Sources[i]) }})
	}
	byKind := map[string][]*graph.Node{}
	for _, n := range g.Nodes {
		byKind[n.Kind] = append(byKind[n.Kind], n)
	}
	for _, k := range cypherKeys(byKind) {
		ns := byKind[k]
		out = append(out, CypherGroup{Name: "nodes " + k, Query: nodeQuery(k, false, false), Create: nodeQuery(k, true, false),
			LoadQuery: nodeQuery(k, false, true), LoadCreate: nodeQuery(k, true, true), Label: EntityLabel, Len: len(ns), row: func(i int) map[string]any { return nodeRow(ns[i]) },
			key:  func(i int) RowKey { return RowKey{ID: ns[i].ID} },
			hash: func(i int) string { return NodeHash(ns[i]) }})
	}
	byType := map[string][]*graph.Edge{}
	for _, e := range g.Edges {
		byType[e.Type] = append(byType[e.Type], e)
	}
	for _, t := range cypherKeys(byType) {
		es := byType[t]
		out = append(out, CypherGroup{Name: "relationships " + t, Query: edgeQuery(t, false, false), Create: edgeQuery(t, true, false),
			LoadQuery: edgeQuery(t, false, true), LoadCreate: edgeQuery(t, true, true), Label: EntityLabel, From: "from", To: "to", Len: len(es), Rels: true, Type: t, row: func(i int) map[string]any { return edgeRow(g, es[i]) },
			key:  func(i int) RowKey { return RowKey{ID: es[i].ID, From: es[i].From, To: es[i].To} },
			hash: func(i int) string { return EdgeHash(g, es[i]) }})
	}
	type cite struct {
		n *graph.Node
		i int
	}
	var reports []cite
	for _, n := range g.Nodes {
		for i := range n.Cites {
			reports = append(reports, cite{n, i})
		}
	}
	if len(reports) > 0 {
		out = append(out, CypherGroup{Name: "relationships " + ReportsType, Query: reportsQuery(false, false), Create: reportsQuery(true, false),
			LoadQuery: reportsQuery(false, true), LoadCreate: reportsQuery(true, true), Label: graph.KindSource, From: "source", To: "node", Len: len(reports), Rels: true, Type: ReportsType, row: func(i int) map[string]any {
				c := reports[i]
				return map[string]any{"source": c.n.Cites[c.i].Source, "node": c.n.ID, "quote": c.n.Cites[c.i].Quote}
			},
			key: func(i int) RowKey {
				c := reports[i]
				return RowKey{From: c.n.Cites[c.i].Source, To: c.n.ID, Quote: c.n.Cites[c.i].Quote}
			}})
	}
	return out
}

func sourceRow(s *graph.Source) map[string]any {
	props := map[string]any{"name": s.Label(), "file": orNil(s.File), "title": orNil(s.Title), "outlet": orNil(s.Outlet),
		"author": orNil(s.Author), "date": orNil(s.Date), "url": orNil(s.URL), "props_json": propsJSON(s.Props)}
	plainProps(props, s.Props, sourceReserved)
	props[HashProperty] = SourceHash(s)
	return map[string]any{"id": s.ID, "props": props}
}

func nodeRow(n *graph.Node) map[string]any {
	props := map[string]any{"name": n.Name, "aliases": strs(n.Aliases), "kind": n.Kind, "props_json": propsJSON(n.Props)}
	plainProps(props, n.Props, nodeReserved)
	props[HashProperty] = NodeHash(n)
	return map[string]any{"id": n.ID, "props": props}
}

func edgeRow(g *graph.Graph, e *graph.Edge) map[string]any {
	ids, quotes, fs := make([]string, len(e.Cites)), make([]string, len(e.Cites)), make([]string, len(e.Cites))
	for i, c := range e.Cites {
		ids[i], quotes[i] = c.Source, c.Quote
		if s := g.Source(c.Source); s != nil {
			fs[i] = s.File
		}
	}
	var conf any
	if e.Confidence != nil {
		conf = *e.Confidence
	}
	props := map[string]any{"status": orNil(e.Status), "date": orNil(e.Date), "until": orNil(e.Until), "confidence": conf,
		"sources": ids, "quotes": quotes, "files": fs, "props_json": propsJSON(e.Props)}
	plainProps(props, e.Props, edgeReserved)
	props[HashProperty] = EdgeHash(g, e)
	return map[string]any{"id": e.ID, "from": e.From, "to": e.To, "props": props}
}

func cypherKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// CypherEncoder writes a script of Cypher statements, each ending in ";" at
// the end of a line, that cypher-shell ("cypher-shell -f graph.cypher") or
// Neo4j Browser (paste, with multi-statement editing on) runs. Strings are
// literals escaped for Cypher, so the script needs no parameters.
type CypherEncoder struct {
	w       *bufio.Writer
	dataset string
	// Batch is the number of rows per UNWIND statement: large enough to be
	// quick, small enough that Browser's editor copes with one statement.
	Batch int
}

// NewCypherEncoder returns an encoder writing to w that tags what it writes
// with dataset ("default" when empty).
func NewCypherEncoder(w io.Writer, dataset string) *CypherEncoder {
	if dataset == "" {
		dataset = "default"
	}
	return &CypherEncoder{w: bufio.NewWriterSize(w, 1<<16), dataset: dataset, Batch: 500}
}

// Encode writes the schema statements and the MERGE statements for g.
func (c *CypherEncoder) Encode(g *graph.Graph) error {
	if err := CheckIdents(g); err != nil {
		return err
	}
	w := c.w
	fmt.Fprintf(w, "// relgraph graph, dataset %s: %d nodes, %d relationships, %d sources.\n", CypherComment(c.dataset), len(g.Nodes), len(g.Edges), len(g.Sources))
	fmt.Fprintf(w, "// Run with: cypher-shell -d neo4j -f FILE   (or paste into Neo4j Browser)\n")
	for _, s := range CypherSchema(g) {
		fmt.Fprintf(w, "%s;\n", s)
	}
	batch := c.Batch
	if batch <= 0 {
		batch = 500
	}
	for _, grp := range CypherGroups(g) {
		q := strings.TrimSuffix(grp.Query, "\nRETURN count(*) AS rows")
		fmt.Fprintf(w, "// %s: %d\n", grp.Name, grp.Len)
		for i := 0; i < grp.Len; i += batch {
			end := min(i+batch, grp.Len)
			var b strings.Builder
			b.WriteString("[\n")
			for j := i; j < end; j++ {
				b.WriteString("  ")
				writeLiteral(&b, grp.Row(j))
				if j < end-1 {
					b.WriteString(",")
				}
				b.WriteString("\n")
			}
			b.WriteString("]")
			// One pass, so that a literal containing "$rows" is left alone.
			r := strings.NewReplacer("$rows", b.String(), "$dataset", CypherString(c.dataset))
			fmt.Fprintf(w, "%s;\n", r.Replace(q))
		}
	}
	if err := w.Flush(); err != nil {
		return fmt.Errorf("export: cypher: %w", err)
	}
	return nil
}

// CypherComment makes s safe inside a // comment: a line break (raw, or
// any other line terminator or control character) becomes a space, and a
// backslash is written \u005C, because Neo4j decodes \uXXXX escapes
// before it sees the comment (a \u000a would end it).
func CypherComment(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\\':
			b.WriteString(`\u005C`)
		case r < 0x20 || r == 0x7f || r == 0x85 || r == 0x2028 || r == 0x2029:
			b.WriteByte(' ')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// CypherString returns s as a single-quoted Cypher string literal. Backslash,
// quotes and control characters are escaped; other characters, including
// non-ASCII, are written as UTF-8.
func CypherString(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 2)
	writeString(&b, s)
	return b.String()
}

func writeString(b *strings.Builder, s string) {
	b.WriteByte('\'')
	for _, r := range s {
		switch r {
		case '\\':
			b.WriteString(`\\`)
		case '\'':
			b.WriteString(`\'`)
		case '"':
			b.WriteString(`\"`)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		case '\t':
			b.WriteString(`\t`)
		case '\b':
			b.WriteString(`\b`)
		case '\f':
			b.WriteString(`\f`)
		default:
			if r < 0x20 || r == 0x7f || r == 0x2028 || r == 0x2029 || r == utf8.RuneError {
				fmt.Fprintf(b, `\u%04X`, r)
			} else {
				b.WriteRune(r)
			}
		}
	}
	b.WriteByte('\'')
}

// writeLiteral writes v (a row as built by CypherGroups) as a Cypher literal.
func writeLiteral(b *strings.Builder, v any) {
	switch v := v.(type) {
	case nil:
		b.WriteString("null")
	case string:
		writeString(b, v)
	case float64:
		b.WriteString(CypherFloat(v))
	case []string:
		b.WriteByte('[')
		for i, s := range v {
			if i > 0 {
				b.WriteString(", ")
			}
			writeString(b, s)
		}
		b.WriteByte(']')
	case map[string]any:
		b.WriteByte('{')
		for i, k := range cypherKeys(v) {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(QuoteIdent(k))
			b.WriteString(": ")
			writeLiteral(b, v[k])
		}
		b.WriteByte('}')
	default:
		// CypherGroups builds only the types above.
		j, _ := json.Marshal(v)
		b.Write(j)
	}
}

// CypherFloat writes f as a Cypher float literal: always with a point or an
// exponent, so that 1 stays a float and does not become an integer.
func CypherFloat(f float64) string {
	switch {
	case math.IsNaN(f):
		return "0.0/0.0"
	case math.IsInf(f, 1):
		return "1.0/0.0"
	case math.IsInf(f, -1):
		return "-1.0/0.0"
	}
	s := strconv.FormatFloat(f, 'g', -1, 64)
	if !strings.ContainsAny(s, ".e") {
		s += ".0"
	}
	return s
}
