package load_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/relgraph/relgraph"
	"github.com/relgraph/relgraph/export"
	"github.com/relgraph/relgraph/graph"
	"github.com/relgraph/relgraph/internal/neo4jtest"
	"github.com/relgraph/relgraph/load"
)

// embedded returns the embedded dataset's graph.
func embedded(t testing.TB) *graph.Graph {
	t.Helper()
	g, err := relgraph.DefaultGraph()
	if err != nil {
		t.Fatal(err)
	}
	return g
}

func config(s neo4jtest.Server, dataset string) load.Config {
	return load.Config{URI: s.URI, Username: s.Username, Password: s.Password, Database: s.Database, Dataset: dataset, BatchSize: 7}
}

// loadGraph loads g into dataset and returns the summary.
func loadGraph(t testing.TB, s neo4jtest.Server, cfg load.Config, g *graph.Graph) *load.Summary {
	t.Helper()
	ctx := context.Background()
	db, err := load.Open(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close(ctx)
	sum, err := db.Load(ctx, g)
	if err != nil {
		t.Fatal(err)
	}
	return sum
}

type counts struct{ nodes, sources, rels, reports int }

func countsOf(t testing.TB, s neo4jtest.Server, ds string) counts {
	p := map[string]any{"ds": ds}
	return counts{
		nodes:   s.Int(t, "MATCH (n:Entity) WHERE n.dataset = $ds RETURN count(n)", p),
		sources: s.Int(t, "MATCH (n:Source) WHERE n.dataset = $ds RETURN count(n)", p),
		rels:    s.Int(t, "MATCH (:Entity)-[r]->(:Entity) WHERE r.dataset = $ds RETURN count(r)", p),
		reports: s.Int(t, "MATCH (:Source)-[r:REPORTS]->(:Entity) WHERE r.dataset = $ds RETURN count(r)", p),
	}
}

func reportsIn(g *graph.Graph) int {
	n := 0
	for _, x := range g.Nodes {
		n += len(x.Cites)
	}
	return n
}

func TestLoadEmbedded(t *testing.T) {
	s := neo4jtest.Get(t)
	ds := neo4jtest.Dataset(t, s)
	pre := ds + "/"
	g := isolate(embedded(t), pre)
	sum := loadGraph(t, s, config(s, ds), g)
	want := counts{len(g.Nodes), len(g.Sources), len(g.Edges), reportsIn(g)}
	if got := countsOf(t, s, ds); got != want {
		t.Fatalf("counts in Neo4j %+v, want %+v", got, want)
	}
	if sum.Nodes.Created != len(g.Nodes) || sum.Relationships.Created != len(g.Edges) || sum.Nodes.Updated != 0 {
		t.Errorf("summary of a first load: %+v", sum)
	}
	p := map[string]any{"ds": ds}

	// Every node carries its kind as a label and the common label.
	for _, n := range g.Nodes {
		got := s.Int(t, fmt.Sprintf("MATCH (n:Entity:%s {id: $id}) WHERE n.dataset = $ds AND n.name = $name AND n.kind = $kind RETURN count(n)", export.QuoteIdent(n.Kind)),
			map[string]any{"ds": ds, "id": n.ID, "name": n.Name, "kind": n.Kind})
		if got != 1 {
			t.Errorf("node %s (%s %q): found %d", n.ID, n.Kind, n.Name, got)
		}
	}

	// A path between the two leaders.
	putin := pre + "vladimir-putin"
	if g.Node(putin) == nil {
		putin = pre + "putin"
	}
	if g.Node(pre+"kim-jong-un") != nil && g.Node(putin) != nil {
		got := s.Int(t, `MATCH (a:Leader {id: $a}), (b:Leader {id: $b})
MATCH p = shortestPath((a)-[*..6]-(b)) WHERE all(n IN nodes(p) WHERE n:Entity AND n.dataset = $ds) RETURN count(p)`,
			map[string]any{"ds": ds, "a": pre + "kim-jong-un", "b": putin})
		if got != 1 {
			t.Errorf("no path between kim-jong-un and putin")
		}
	} else {
		t.Errorf("the embedded dataset has no kim-jong-un or putin")
	}

	// A source with its quote: every node citation is a REPORTS link with
	// the quote, and every relationship lists its sources and quotes.
	for _, n := range g.Nodes {
		for _, c := range n.Cites {
			got := s.Int(t, "MATCH (:Source {id: $src})-[r:REPORTS {quote: $quote}]->(:Entity {id: $id}) WHERE r.dataset = $ds RETURN count(r)",
				map[string]any{"ds": ds, "src": c.Source, "quote": c.Quote, "id": n.ID})
			if got != 1 {
				t.Errorf("node %s: no REPORTS from %s with quote %q", n.ID, c.Source, c.Quote)
			}
		}
	}
	for _, e := range g.Edges {
		recs := s.Run(t, fmt.Sprintf("MATCH (:Entity {id: $from})-[r:%s {id: $id}]->(:Entity {id: $to}) RETURN r.sources AS sources, r.quotes AS quotes, r.status AS status, r.date AS date", export.QuoteIdent(e.Type)),
			map[string]any{"from": e.From, "to": e.To, "id": e.ID})
		if len(recs) != 1 {
			t.Errorf("edge %s: found %d", e.ID, len(recs))
			continue
		}
		srcs, quotes := recs[0]["sources"].([]any), recs[0]["quotes"].([]any)
		if len(srcs) != len(e.Cites) || len(quotes) != len(e.Cites) {
			t.Errorf("edge %s: sources %v quotes %v, want %d citations", e.ID, srcs, quotes, len(e.Cites))
			continue
		}
		for i, c := range e.Cites {
			if srcs[i] != c.Source || quotes[i] != c.Quote {
				t.Errorf("edge %s citation %d: %v %q, want %s %q", e.ID, i, srcs[i], quotes[i], c.Source, c.Quote)
			}
		}
		if st, _ := recs[0]["status"].(string); st != e.Status {
			t.Errorf("edge %s: status %q, want %q", e.ID, st, e.Status)
		}
	}

	// An allegation: who alleges it and who denies it, with the article.
	var alleged, denied int
	for _, e := range g.Edges {
		switch e.Type {
		case "ALLEGES":
			alleged++
		case "DENIES":
			denied++
		}
	}
	if alleged > 0 {
		recs := s.Run(t, `MATCH (x)-[r:ALLEGES]->(al:Allegation) WHERE al.dataset = $ds
MATCH (src:Source) WHERE src.id IN r.sources
RETURN x.name AS who, al.name AS what, src.id AS source, r.quotes AS quotes`, p)
		if len(recs) == 0 {
			t.Errorf("no allegation with who alleges it and the source")
		}
		for _, r := range recs {
			t.Logf("%v alleges %v (source %v)", r["who"], r["what"], r["source"])
		}
	}
	if alleged > 0 && denied > 0 {
		n := s.Int(t, "MATCH (a)-[:ALLEGES]->(al:Allegation)<-[:DENIES]-(d) WHERE al.dataset = $ds RETURN count(DISTINCT al)", p)
		if n == 0 {
			t.Logf("no allegation is both alleged and denied in this dataset")
		}
		if got := s.Int(t, "MATCH (d)-[r:DENIES]->(al:Allegation) WHERE r.dataset = $ds AND size(r.sources) > 0 RETURN count(r)", p); got != denied {
			t.Errorf("%d DENIES with sources, want %d", got, denied)
		}
	}
}

func TestLoadTwiceIsIdempotent(t *testing.T) {
	s := neo4jtest.Get(t)
	ds := neo4jtest.Dataset(t, s)
	g := isolate(embedded(t), ds+"/")
	loadGraph(t, s, config(s, ds), g)
	first, dump1 := countsOf(t, s, ds), s.Dump(t, ds)
	sum := loadGraph(t, s, config(s, ds), isolate(embedded(t), ds+"/"))
	if second := countsOf(t, s, ds); second != first {
		t.Fatalf("second load changed counts: %+v then %+v", first, second)
	}
	if dump2 := s.Dump(t, ds); dump2 != dump1 {
		t.Errorf("second load changed the graph:\n%s", diff(dump1, dump2))
	}
	if sum.Nodes.Created+sum.Relationships.Created+sum.Sources.Created+sum.Reports.Created != 0 {
		t.Errorf("second load created something: %+v", sum)
	}
	if sum.Rows != 0 || sum.Nodes.Unchanged != len(g.Nodes) {
		t.Errorf("second load wrote %d rows, %d nodes unchanged; want 0, %d", sum.Rows, sum.Nodes.Unchanged, len(g.Nodes))
	}
	cfg := config(s, ds)
	cfg.Full = true
	sum = loadGraph(t, s, cfg, isolate(embedded(t), ds+"/"))
	if sum.Nodes.Updated != len(g.Nodes) || sum.Nodes.Created != 0 {
		t.Errorf("--full load updated %d nodes (%d created), want %d", sum.Nodes.Updated, sum.Nodes.Created, len(g.Nodes))
	}
	if dump3 := s.Dump(t, ds); dump3 != dump1 {
		t.Errorf("--full load changed the graph:\n%s", diff(dump1, dump3))
	}
}

// diff lists the lines only in a or only in b.
func diff(a, b string) string {
	in := func(s string) map[string]bool {
		m := map[string]bool{}
		for _, l := range strings.Split(s, "\n") {
			m[l] = true
		}
		return m
	}
	ma, mb := in(a), in(b)
	var out []string
	for l := range ma {
		if !mb[l] {
			out = append(out, "- "+l)
		}
	}
	for l := range mb {
		if !ma[l] {
			out = append(out, "+ "+l)
		}
	}
	if len(out) > 40 {
		out = append(out[:40], "...")
	}
	return strings.Join(out, "\n")
}

// runScript runs a cypher export's statements one by one, as cypher-shell
// would: each with the comment lines before it, since the server, not the
// client, decides where a comment ends. Every statement of the script ends
// in ";" at the end of a line, and no line break of the script is inside a
// literal or a name, so splitting on ";\n" finds the statements.
func runScript(t testing.TB, s neo4jtest.Server, script string) int {
	t.Helper()
	n := 0
	for _, stmt := range strings.Split(script, ";\n") {
		code := false
		for _, l := range strings.Split(stmt, "\n") {
			if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "//") {
				code = true
			}
		}
		if !code {
			continue
		}
		s.Run(t, stmt, nil)
		n++
	}
	return n
}

func cypherScript(t testing.TB, g *graph.Graph, ds string, batch int) string {
	t.Helper()
	var buf bytes.Buffer
	enc := export.NewCypherEncoder(&buf, ds)
	enc.Batch = batch
	if err := enc.Encode(g); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

func TestCypherScriptEqualsLoad(t *testing.T) {
	s := neo4jtest.Get(t)
	dsLoad, dsScript := neo4jtest.Dataset(t, s), neo4jtest.Dataset(t, s)
	loadGraph(t, s, config(s, dsLoad), isolate(embedded(t), dsLoad+"/"))
	n := runScript(t, s, cypherScript(t, isolate(embedded(t), dsScript+"/"), dsScript, 3))
	if n == 0 {
		t.Fatal("empty script")
	}
	a := strings.ReplaceAll(s.Dump(t, dsLoad), dsLoad+"/", "")
	b := strings.ReplaceAll(s.Dump(t, dsScript), dsScript+"/", "")
	if a == "" {
		t.Fatal("empty dump")
	}
	if a != b {
		t.Errorf("the script's graph differs from relgraph load's:\n%s", diff(a, b))
	}
}

// hostileGraph has names and values that break naive quoting.
func hostileGraph(t testing.TB, prefix string) *graph.Graph {
	t.Helper()
	nasty := []string{
		`O'Brien "the" \ backslash`,
		"line\nbreak\r\ttab",
		"back`tick`` and } { braces ]) //",
		"MATCH (n) DETACH DELETE n; RETURN 1 //",
		`\u0041 not an escape \\'`,
		"unicode: 北朝鮮 — Путин 🚀 \u2028 \u00e9",
		"$dataset $rows",
		"ctrl \x01\x1f\x7f end",
	}
	conf := 1.0
	src := &graph.Source{ID: prefix + "src'1", File: "f\"ile`.txt", Title: nasty[0], Outlet: nasty[3], Date: "2024-06-12", Props: graph.Props{}}
	var nodes []*graph.Node
	for i, v := range nasty {
		nodes = append(nodes, &graph.Node{ID: fmt.Sprintf("%s%d %s", prefix, i, v), Kind: "Person", Name: v, Aliases: []string{v + " alias", "b"},
			Props: graph.Props{"role": {{Value: v, Sources: []string{src.ID}}, {Value: "other", Sources: []string{src.ID}}}, "weird key `}\n": {{Value: v}}, "name": {{Value: v}}},
			Cites: []graph.Citation{{Source: src.ID, Quote: v}}})
	}
	var edges []*graph.Edge
	for i := 1; i < len(nodes); i++ {
		edges = append(edges, &graph.Edge{ID: prefix + "e" + nasty[i], From: nodes[i-1].ID, To: nodes[i].ID, Type: "MET_WITH", Status: "reported", Date: "2024-06",
			Confidence: &conf, Props: graph.Props{"where": {{Value: nasty[i], Sources: []string{src.ID}}}}, Cites: []graph.Citation{{Source: src.ID, Quote: nasty[i]}, {Source: src.ID, Quote: "second"}}})
	}
	return graph.New(graph.DefaultSchema(), nodes, edges, []*graph.Source{src})
}

func TestHostileValuesRoundTrip(t *testing.T) {
	s := neo4jtest.Get(t)
	dsLoad, dsScript := neo4jtest.Dataset(t, s), neo4jtest.Dataset(t, s)
	g := hostileGraph(t, dsLoad)
	loadGraph(t, s, config(s, dsLoad), g)
	for _, n := range g.Nodes {
		recs := s.Run(t, "MATCH (n:Person {id: $id}) RETURN n.name AS name, n.role AS role, n.aliases AS aliases, n[$key] AS weird", map[string]any{"id": n.ID, "key": "weird key `}\n"})
		if len(recs) != 1 {
			t.Errorf("node %q: found %d", n.ID, len(recs))
			continue
		}
		r := recs[0]
		if r["name"] != n.Name || r["role"] != n.Props.Get("role") || r["weird"] != n.Props.Get("weird key `}\n") {
			t.Errorf("node %q: got name %q role %q weird %q", n.ID, r["name"], r["role"], r["weird"])
		}
		if fmt.Sprint(r["aliases"]) != fmt.Sprint(n.Aliases) {
			t.Errorf("node %q: aliases %q, want %q", n.ID, r["aliases"], n.Aliases)
		}
	}
	recs := s.Run(t, "MATCH (s:Source {id: $id}) RETURN s.title AS title, s.outlet AS outlet, s.file AS file", map[string]any{"id": g.Sources[0].ID})
	if len(recs) != 1 || recs[0]["title"] != g.Sources[0].Title || recs[0]["outlet"] != g.Sources[0].Outlet || recs[0]["file"] != g.Sources[0].File {
		t.Errorf("source: %v", recs)
	}
	// The same graph through the script, under other ids: identical dumps.
	runScript(t, s, cypherScript(t, hostileGraph(t, dsScript), dsScript, 2))
	before := strings.ReplaceAll(s.Dump(t, dsLoad), dsLoad, "")
	if after := strings.ReplaceAll(s.Dump(t, dsScript), dsScript, ""); after != before {
		t.Errorf("hostile values differ between load and script:\n%s", diff(before, after))
	}
}

func TestNonIdentifierRejectedBeforeWriting(t *testing.T) {
	s := neo4jtest.Get(t)
	for _, c := range []struct{ kind, typ string }{{"Bad Kind", "MET_WITH"}, {"Person", "MET`WITH"}, {"Person", "1TYPE"}} {
		ds := neo4jtest.Dataset(t, s)
		a := &graph.Node{ID: ds + "-a", Kind: c.kind, Name: "A"}
		b := &graph.Node{ID: ds + "-b", Kind: "Person", Name: "B"}
		e := &graph.Edge{ID: ds + "-e", From: a.ID, To: b.ID, Type: c.typ}
		g := graph.New(graph.DefaultSchema(), []*graph.Node{a, b}, []*graph.Edge{e}, nil)
		ctx := context.Background()
		db, err := load.Open(ctx, config(s, ds))
		if err != nil {
			t.Fatal(err)
		}
		_, err = db.Load(ctx, g)
		db.Close(ctx)
		if !errors.Is(err, load.ErrConfig) || !strings.Contains(err.Error(), "not an identifier") {
			t.Errorf("kind %q type %q: err %v, want a not-an-identifier error", c.kind, c.typ, err)
		}
		if n := s.Int(t, "MATCH (n) WHERE n.dataset = $ds OR n.id STARTS WITH $ds RETURN count(n)", map[string]any{"ds": ds}); n != 0 {
			t.Errorf("%d nodes written before the error", n)
		}
		if _, err := load.Plan(g, config(s, ds)); err == nil {
			t.Errorf("Plan accepted kind %q type %q", c.kind, c.typ)
		}
		var buf bytes.Buffer
		if err := export.NewCypherEncoder(&buf, ds).Encode(g); err == nil {
			t.Errorf("cypher export accepted kind %q type %q", c.kind, c.typ)
		}
	}
}
