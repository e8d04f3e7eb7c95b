package ingest_test

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/relgraph/relgraph/graph"
	"github.com/relgraph/relgraph/ingest"
)

func readDir(t *testing.T, s *graph.Schema, dir string) (*graph.Graph, graph.Problems) {
	t.Helper()
	b := graph.NewBuilder(s, graph.Limits{})
	if err := ingest.Read(b, []string{dir}, "", nil, ingest.Options{}); err != nil {
		t.Fatalf("Read: %v", err)
	}
	g, err := b.Graph()
	var ps graph.Problems
	if err != nil && !errors.As(err, &ps) {
		t.Fatalf("Graph: %v", err)
	}
	return g, ps
}

// everyEdgeCitesASource fails unless every edge cites at least one source
// of the graph.
func everyEdgeCitesASource(t *testing.T, g *graph.Graph) {
	t.Helper()
	for _, e := range g.Edges {
		if len(e.Cites) == 0 {
			t.Fatalf("edge %s cites no source", e.ID)
		}
		for _, c := range e.Cites {
			if g.Source(c.Source) == nil {
				t.Fatalf("edge %s cites unknown source %q", e.ID, c.Source)
			}
		}
	}
}

func edgeFrom(g *graph.Graph, from, typ string) *graph.Edge {
	for _, e := range g.Edges {
		if e.From == from && e.Type == typ {
			return e
		}
	}
	return nil
}

// The real outputs of three GraphRAG versions read whole, with claims as
// allegations that carry status and quote, and every fact citing the
// document its text units belong to.
func TestReadGraphRAGFixtures(t *testing.T) {
	for _, tc := range []struct {
		dir                    string
		nodes, edges, sources  int
		claim, status, quote   string
		subject, date, until   string
		entity, kind, docTitle string
	}{
		{"dulce", 88, 154, 1, "4c6e019b-29c5-456c-951c-0cd3df308634", "confirmed", "Agent Alex Mercer, unfailingly determined on paper",
			"PARANORMAL MILITARY SQUAD", "", "", "ALEX MERCER", "Person", "dulce.txt"},
		{"dulce-v1", 563, 1031, 2, "", "", "", "", "", "", "ALEX MERCER", "Person", ""},
		{"christmas-carol", 1031, 1441, 1, "b1ab4c97-a6f1-4ce9-be39-101007b485a4", "confirmed", "Author: Charles Dickens",
			"CHARLES DICKENS", "1843-12-01", "1843-12-31", "EBENEZER SCROOGE", "Person", "a-christmas-carol.txt"},
	} {
		t.Run(tc.dir, func(t *testing.T) {
			g, ps := readDir(t, nil, filepath.Join("testdata", "graphrag", tc.dir))
			if len(ps) > 0 {
				t.Fatalf("problems:\n%v", ps)
			}
			if len(g.Nodes) != tc.nodes || len(g.Edges) != tc.edges || len(g.Sources) != tc.sources {
				t.Errorf("got %d nodes, %d edges, %d sources; want %d, %d, %d", len(g.Nodes), len(g.Edges), len(g.Sources), tc.nodes, tc.edges, tc.sources)
			}
			everyEdgeCitesASource(t, g)
			var found bool
			for _, n := range g.Nodes {
				if n.Name == tc.entity {
					found = true
					if n.Kind != tc.kind || n.Props.Get("type") != strings.ToUpper(tc.kind) || n.Props.Get("description") == "" || len(n.Cites) == 0 {
						t.Errorf("%s: %+v", tc.entity, n)
					}
				}
			}
			if !found {
				t.Errorf("no entity %s", tc.entity)
			}
			if tc.docTitle != "" && (g.Sources[0].File != tc.docTitle || g.Sources[0].Title != tc.docTitle) {
				t.Errorf("source = %+v", g.Sources[0])
			}
			if tc.claim == "" {
				return
			}
			a := g.Node(tc.claim)
			if a == nil || a.Kind != "Allegation" || a.Props.Get("status") != tc.status || len(a.Cites) == 0 || !strings.HasPrefix(a.Cites[0].Quote, tc.quote) {
				t.Fatalf("claim = %+v", a)
			}
			e := edgeFrom(g, tc.claim, "ACCUSES")
			if e == nil || g.Node(e.To).Name != tc.subject || e.Status != tc.status || e.Date != tc.date || e.Until != tc.until || e.Cites[0].Quote != a.Cites[0].Quote {
				t.Fatalf("ACCUSES edge = %+v", e)
			}
		})
	}
}

// Claims whose status GraphRAG wrote as FALSE or SUSPECTED, and relations
// to titles the entities table lacks.
func TestGraphRAGStatusesAndMissingEntities(t *testing.T) {
	g, ps := readDir(t, nil, filepath.Join("testdata", "graphrag", "christmas-carol"))
	if len(ps) > 0 {
		t.Fatal(ps)
	}
	statuses := map[string]int{}
	for _, n := range g.Nodes {
		if n.Kind == "Allegation" {
			statuses[n.Props.Get("status")]++
		}
	}
	// 356 TRUE, 2 FALSE, 21 SUSPECTED and 27 without a status (alleged),
	// of which two repeat another claim's text and merge into it.
	if statuses["confirmed"] != 356 || statuses["alleged"] != 46 || statuses["denied"] != 2 || len(g.Merges) != 3 {
		t.Errorf("statuses = %v", statuses)
	}
	// "SUZANNE SHELL" is a relationship's source but not an entity.
	n := g.Node("SUZANNE SHELL")
	if n == nil || n.Kind != "Other" || !strings.Contains(n.Props.Get("note"), "not in the entities table") || len(n.Cites) == 0 {
		t.Fatalf("SUZANNE SHELL = %+v", n)
	}
}

// The schema's imports decide the kinds: GEO read as State, and a type
// that maps to nothing is a problem when the schema has no default kind.
func TestGraphRAGSchemaImports(t *testing.T) {
	s := graph.DefaultSchema()
	s2, err := graph.ParseSchema(strings.NewReader(`{
  "kinds": {"Person": {}, "State": {}, "Allegation": {}},
  "types": {"RELATED_TO": {}, "ACCUSES": {"from": ["Allegation"], "to": ["Person", "State"]}},
  "imports": {"kinds": {"geo": "State", "claim": "Allegation", "person": "Person"}, "default_type": "RELATED_TO"}
}`), "schema.json")
	if err != nil {
		t.Fatal(err)
	}
	g, _ := readDir(t, s, filepath.Join("testdata", "graphrag", "dulce"))
	if n := findName(g, "DULCE BASE"); n == nil || n.Kind != "Place" {
		t.Fatalf("default: DULCE BASE = %+v", n)
	}
	_, ps := readDir(t, s2, filepath.Join("testdata", "graphrag", "dulce"))
	var org, geoOK bool
	for _, p := range ps {
		if strings.Contains(p.Error(), `entities.parquet:`) && strings.Contains(p.Error(), `type: GraphRAG type "ORGANIZATION" maps to no kind`) {
			org = true
		}
		if strings.Contains(p.Error(), `"GEO"`) {
			t.Errorf("GEO not mapped: %v", p)
		}
		geoOK = true
	}
	if !org || !geoOK {
		t.Errorf("problems = %v", ps)
	}
	if _, err := graph.ParseSchema(strings.NewReader(`{"kinds": {"Person": {}}, "imports": {"kinds": {"PERSON": "Human"}, "default_type": "NOPE"}}`), "bad.json"); err == nil ||
		!strings.Contains(err.Error(), `imports.kinds.PERSON: unknown kind "Human"`) || !strings.Contains(err.Error(), `imports.default_type: unknown relation type "NOPE"`) {
		t.Errorf("bad imports: %v", err)
	}
}

func findName(g *graph.Graph, name string) *graph.Node {
	if g == nil {
		return nil
	}
	for _, n := range g.Nodes {
		if n.Name == name {
			return n
		}
	}
	return nil
}

// csvOutput is a small GraphRAG output as CSV, the way pandas writes a
// table read from Parquet: an unnamed index column, lists as NumPy prints
// them (or Python, or JSON).
var csvOutput = map[string]string{
	"documents.csv": `,id,human_readable_id,title,text,text_unit_ids,creation_date,metadata
0,d1,0,a.txt,Kim met Putin.,['t1'],2024-06-12,"{""outlet"": ""KCNA"", ""n"": 3}"
`,
	"text_units.csv": `,id,text,document_ids
0,t1,Kim met Putin.,['d1']
1,t2,Putin left.,"[""d1""]"
`,
	"entities.csv": `,id,title,type,description,text_unit_ids
0,e1,KIM,PERSON,the leader,['t1' 't2']
1,e2,PUTIN,person,a president,"['t1',
 't2']"
`,
	"relationships.csv": `,id,source,target,description,weight,text_unit_ids
0,r1,KIM,PUTIN,met,2.0,['t1']
`,
	"covariates.csv": `,id,type,description,subject_id,object_id,status,start_date,end_date,source_text,text_unit_id
0,c1,MEETING,Kim met Putin,KIM,PUTIN,SUSPECTED,2024-06-01T00:00:00,NONE,"[""Kim met"", ""Putin""]",t1
`,
}

func writeDir(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestReadGraphRAGCSV(t *testing.T) {
	g, ps := readDir(t, nil, writeDir(t, csvOutput))
	if len(ps) > 0 {
		t.Fatal(ps)
	}
	if len(g.Nodes) != 3 || len(g.Edges) != 3 || len(g.Sources) != 1 {
		t.Fatalf("%d nodes, %d edges, %d sources", len(g.Nodes), len(g.Edges), len(g.Sources))
	}
	s := g.Sources[0]
	if s.ID != "d1" || s.File != "a.txt" || s.Props.Get("outlet") != "KCNA" || s.Props.Get("n") != "3" || s.Props.Get("creation_date") != "2024-06-12" {
		t.Errorf("source = %+v", s)
	}
	if n := g.Node("e2"); n == nil || n.Kind != "Person" {
		t.Errorf("e2 = %+v", n)
	}
	r := g.Edges[len(g.Edges)-1]
	for _, e := range g.Edges {
		if e.ID == "r1" {
			r = e
		}
	}
	if r.ID != "r1" || r.Type != "RELATED_TO" || r.Props.Get("description") != "met" || r.Props.Get("weight") != "2.0" || r.From != "e1" || r.To != "e2" {
		t.Errorf("r1 = %+v", r)
	}
	a := g.Node("c1")
	if a == nil || a.Props.Get("status") != "alleged" || len(a.Cites) != 2 || a.Cites[0].Quote != "Kim met" || a.Cites[1].Quote != "Putin" {
		t.Fatalf("c1 = %+v", a)
	}
	acc := edgeFrom(g, "c1", "ACCUSES")
	con := edgeFrom(g, "c1", "CONCERNS")
	if acc == nil || acc.To != "e1" || acc.Date != "2024-06-01" || acc.Until != "" || acc.Status != "alleged" || con == nil || con.To != "e2" {
		t.Errorf("claim edges = %+v %+v", acc, con)
	}
}

// Every problem names the table file, its line and the column.
func TestGraphRAGProblems(t *testing.T) {
	with := func(name, text string) map[string]string {
		m := map[string]string{}
		for k, v := range csvOutput {
			m[k] = v
		}
		m[name] = text
		return m
	}
	for _, tc := range []struct {
		name  string
		files map[string]string
		want  string
	}{
		{"status", with("covariates.csv", ",id,subject_id,status,text_unit_id\n0,c1,KIM,MAYBE,t1\n"),
			`covariates.csv:2: status: "MAYBE" is not a claim status (want TRUE, FALSE or SUSPECTED)`},
		{"date", with("covariates.csv", ",id,subject_id,status,start_date,text_unit_id\n0,c1,KIM,TRUE,June 2024,t1\n"),
			`covariates.csv:2: date: "June 2024" is not an ISO 8601 date (YYYY, YYYY-MM or YYYY-MM-DD)`},
		{"text unit", with("relationships.csv", "id,source,target,text_unit_ids\nr1,KIM,PUTIN,['t9']\n"),
			`relationships.csv:2: text_unit_ids: text unit "t9" belongs to no document in the documents or text_units table`},
		{"no source", with("relationships.csv", "id,source,target,text_unit_ids\nr1,KIM,PUTIN,[]\n"),
			`relationships.csv:2: sources: a relation needs at least one source`},
		{"list", with("entities.csv", "id,title,type,text_unit_ids\ne1,KIM,PERSON,['t1\n"),
			`entities.csv:2: text_unit_ids: unterminated string in the list`},
		{"column", with("relationships.csv", "id,from,to\nr1,KIM,PUTIN\n"),
			`relationships.csv: source: missing column`},
		{"cells", with("entities.csv", "id,title,type\ne1,KIM\n"),
			`entities.csv:2: 2 cells, the header has 3`},
		{"metadata", with("documents.csv", "id,title,metadata\nd1,a.txt,{oops\n"),
			`documents.csv:2: metadata: want a JSON object: invalid character 'o' looking for beginning of object key string`},
		{"no documents", map[string]string{"entities.csv": "id,title\n", "relationships.csv": "source,target\n"},
			`no documents table (documents.parquet): facts could not cite their sources`},
		{"corrupt parquet", with("entities.parquet", "PAR1 not really"),
			`entities.parquet: not a Parquet file`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := writeDir(t, tc.files)
			_, ps := readDir(t, nil, dir)
			for _, p := range ps {
				if strings.Contains(p.Error(), tc.want) {
					return
				}
			}
			t.Errorf("want a problem %q, got:\n%v", tc.want, ps)
		})
	}
}

// A directory is told to be GraphRAG output by its table files; without
// them it is read as relgraph's own files.
func TestIsGraphRAGDir(t *testing.T) {
	for _, tc := range []struct {
		files []string
		want  bool
	}{
		{[]string{"entities.parquet", "relationships.parquet"}, true},
		{[]string{"create_final_entities.parquet", "create_final_relationships.parquet", "stats.json"}, true},
		{[]string{"entities.csv", "relationships.csv"}, true},
		{[]string{"entities.csv", "relations.csv"}, false},
		{[]string{"entities.parquet"}, false},
	} {
		fsys := fstest.MapFS{}
		for _, f := range tc.files {
			fsys[f] = &fstest.MapFile{Data: []byte("x")}
		}
		if got := ingest.IsGraphRAGDir(fsys, "."); got != tc.want {
			t.Errorf("%v: got %v", tc.files, got)
		}
	}
}

// Two reads of the same output give the same graph: same problems, same
// order of nodes, edges and citations.
func TestGraphRAGDeterministic(t *testing.T) {
	dir := filepath.Join("testdata", "graphrag", "dulce")
	a, _ := readDir(t, nil, dir)
	b, _ := readDir(t, nil, dir)
	var wa, wb bytes.Buffer
	for _, g := range []struct {
		g *graph.Graph
		w *bytes.Buffer
	}{{a, &wa}, {b, &wb}} {
		for _, e := range g.g.Edges {
			g.w.WriteString(e.ID + " " + e.From + " " + e.To + " " + e.Cites[0].Source + "\n")
		}
	}
	if wa.String() != wb.String() {
		t.Error("two reads differ")
	}
}

// FuzzReadGraphRAG: no table makes the reader panic, and every rejection
// is a problem with a file. The fuzzer writes the relationships table, as
// CSV or as Parquet bytes.
func FuzzReadGraphRAG(f *testing.F) {
	f.Add(false, []byte(csvOutput["relationships.csv"]))
	f.Add(false, []byte("id,source,target,text_unit_ids\nr1,KIM,PUTIN,\"['t1' 't2'\"\n"))
	real, err := os.ReadFile(filepath.Join("testdata", "graphrag", "dulce", "relationships.parquet"))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(true, real)
	f.Add(true, real[:len(real)/2])
	f.Fuzz(func(t *testing.T, parquet bool, data []byte) {
		fsys := fstest.MapFS{}
		for k, v := range csvOutput {
			if k != "relationships.csv" {
				fsys[k] = &fstest.MapFile{Data: []byte(v)}
			}
		}
		name := "relationships.csv"
		if parquet {
			name = "relationships.parquet"
		}
		fsys[name] = &fstest.MapFile{Data: data}
		b := graph.NewBuilder(nil, graph.Limits{})
		if err := ingest.ReadGraphRAG(b, fsys, ".", "out", ingest.Options{MaxFileBytes: 1 << 20}); err != nil {
			t.Fatalf("read error instead of a problem: %v", err)
		}
		_, gerr := b.Graph()
		var ps graph.Problems
		if gerr != nil && !errors.As(gerr, &ps) {
			t.Fatalf("Graph: %v", gerr)
		}
		for _, p := range ps {
			if p.Pos.File == "" || p.Msg == "" {
				t.Fatalf("problem without a place or message: %+v", p)
			}
		}
	})
}

// The CSV that pandas writes from the Parquet tables (tocsv.py) reads to
// the same graph, element for element.
func TestGraphRAGCSVSameAsParquet(t *testing.T) {
	p, ps := readDir(t, nil, filepath.Join("testdata", "graphrag", "dulce"))
	c, cs := readDir(t, nil, filepath.Join("testdata", "graphrag", "dulce-csv"))
	if len(ps) > 0 || len(cs) > 0 {
		t.Fatalf("problems: %v %v", ps, cs)
	}
	dump := func(g *graph.Graph) string {
		var b strings.Builder
		for _, n := range g.Nodes {
			b.WriteString(n.ID + "|" + n.Kind + "|" + n.Name)
			for _, k := range n.Props.Keys() {
				b.WriteString("|" + k + "=" + n.Props.Get(k))
			}
			for _, c := range n.Cites {
				b.WriteString("|" + c.Source + ":" + c.Quote)
			}
			b.WriteString("\n")
		}
		for _, e := range g.Edges {
			b.WriteString(e.ID + "|" + e.From + "|" + e.Type + "|" + e.To + "|" + e.Status + "|" + e.Date)
			for _, k := range e.Props.Keys() {
				b.WriteString("|" + k + "=" + e.Props.Get(k))
			}
			b.WriteString("\n")
		}
		for _, s := range g.Sources {
			b.WriteString(s.ID + "|" + s.File + "\n")
		}
		return b.String()
	}
	if a, b := dump(p), dump(c); a != b {
		al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
		for i := range min(len(al), len(bl)) {
			if al[i] != bl[i] {
				t.Fatalf("first difference:\nparquet: %s\ncsv:     %s", al[i], bl[i])
			}
		}
		t.Fatalf("lengths differ: %d vs %d lines", len(al), len(bl))
	}
}
