package load_test

import (
	"context"
	"encoding/json"
	"errors"
	"sort"
	"strings"
	"testing"

	"github.com/relgraph/relgraph/graph"
	"github.com/relgraph/relgraph/internal/neo4jtest"
	"github.com/relgraph/relgraph/load"
)

// teamGraph is the scenario: two teams' extractions that use the
// same ids (kim, putin, e1, s1) for different statements.
func teamGraph(team string) *graph.Graph {
	conf := 0.9
	if team == "A" {
		s1 := &graph.Source{ID: "s1", File: "a.txt", Title: "A's article", Outlet: "KCNA", Date: "2024-06-12"}
		kim := &graph.Node{ID: "kim", Kind: "Leader", Name: "Kim Jong Un", Aliases: []string{"Kim", "Marshal Kim"},
			Props: graph.Props{"title": {{Value: "General Secretary", Sources: []string{"s1"}}}}, Cites: []graph.Citation{{Source: "s1", Quote: "Kim said"}}}
		putin := &graph.Node{ID: "putin", Kind: "Leader", Name: "Vladimir Putin", Cites: []graph.Citation{{Source: "s1", Quote: "Putin arrived"}}}
		e1 := &graph.Edge{ID: "e1", From: "kim", To: "putin", Type: "MET_WITH", Date: "2024-06-19", Status: "confirmed", Confidence: &conf,
			Props: graph.Props{"where": {{Value: "Pyongyang", Sources: []string{"s1"}}}}, Cites: []graph.Citation{{Source: "s1", Quote: "they met"}}}
		return graph.New(graph.DefaultSchema(), []*graph.Node{kim, putin}, []*graph.Edge{e1}, []*graph.Source{s1})
	}
	s1 := &graph.Source{ID: "s1", File: "b.txt", Title: "B's article"}
	kim := &graph.Node{ID: "kim", Kind: "Person", Name: "Kim Yo Jong", Cites: []graph.Citation{{Source: "s1", Quote: "his sister"}}}
	putin := &graph.Node{ID: "putin", Kind: "Person", Name: "Putin's aide"}
	e1 := &graph.Edge{ID: "e1", From: "putin", To: "kim", Type: "MET_WITH", Status: "reported", Cites: []graph.Citation{{Source: "s1", Quote: "a meeting"}}}
	return graph.New(graph.DefaultSchema(), []*graph.Node{kim, putin}, []*graph.Edge{e1}, []*graph.Source{s1})
}

// TestDatasetsWithSameIDsAreIsolated loads dataset A, then dataset B with
// the same ids and other values; A stays exactly as it was (by canonical
// dump) after B is loaded, reloaded as a script, pruned and dropped.
func TestDatasetsWithSameIDsAreIsolated(t *testing.T) {
	s := neo4jtest.Get(t)
	dsA, dsB, dsCleanB := neo4jtest.Dataset(t, s), neo4jtest.Dataset(t, s), neo4jtest.Dataset(t, s)
	loadGraph(t, s, config(s, dsA), teamGraph("A"))
	wantA := s.Dump(t, dsA)
	if !strings.Contains(wantA, `"Marshal Kim"`) || !strings.Contains(wantA, `"2024-06-19"`) || !strings.Contains(wantA, `"A's article"`) {
		t.Fatalf("dataset A not loaded as stated:\n%s", wantA)
	}
	checkA := func(after string) {
		t.Helper()
		if got := s.Dump(t, dsA); got != wantA {
			t.Errorf("%s changed dataset A:\n%s", after, diff(wantA, got))
		}
	}

	sum := loadGraph(t, s, config(s, dsB), teamGraph("B"))
	checkA("loading B")
	if sum.Nodes.Created != 2 || sum.Sources.Created != 1 || sum.Relationships.Created != 1 {
		t.Errorf("B's elements were not its own: %+v", sum)
	}
	loadGraph(t, s, config(s, dsCleanB), teamGraph("B"))
	if got, want := s.Dump(t, dsB), s.Dump(t, dsCleanB); got != want {
		t.Errorf("B loaded over A's ids differs from B alone:\n%s", diff(want, got))
	}
	// Each relationship joins nodes of its own dataset.
	if n := s.Int(t, "MATCH (a)-[r]->(b) WHERE r.dataset IN [$a, $b] AND NOT (a.dataset = r.dataset AND b.dataset = r.dataset) RETURN count(r)", map[string]any{"a": dsA, "b": dsB}); n != 0 {
		t.Errorf("%d relationships cross datasets", n)
	}

	loadGraph(t, s, config(s, dsB), teamGraph("B")) // a reload merges
	runScript(t, s, cypherScript(t, teamGraph("B"), dsB, 1))
	checkA("reloading B and running B's script")

	cfg := config(s, dsB)
	cfg.Prune, cfg.Force = true, true
	g := teamGraph("B")
	loadGraph(t, s, cfg, graph.New(g.Schema, g.Nodes[:1], nil, g.Sources))
	checkA("pruning B")
	loadGraph(t, s, cfg, graph.New(g.Schema, nil, nil, nil))
	checkA("pruning B to nothing")
	if got := countsOf(t, s, dsB); got != (counts{}) {
		t.Errorf("B after pruning everything: %+v", got)
	}

	loadGraph(t, s, config(s, dsB), teamGraph("B"))
	dropDataset(t, s, dsB)
	checkA("dropping B")
	if got := countsOf(t, s, dsB); got != (counts{}) {
		t.Errorf("B after drop: %+v", got)
	}
}

func dropDataset(t testing.TB, s neo4jtest.Server, ds string) *load.Dropped {
	t.Helper()
	ctx := context.Background()
	db, err := load.Open(ctx, config(s, ds))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close(ctx)
	out, err := db.Drop(ctx)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestPruneLimit: a prune that would remove more than --max-prune of the
// dataset refuses before writing anything; --force or a higher limit lets
// it through.
func TestPruneLimit(t *testing.T) {
	s := neo4jtest.Get(t)
	ds := neo4jtest.Dataset(t, s)
	p := ds + "/"
	loadGraph(t, s, config(s, ds), small(p, "", "envoy"))
	before := s.Dump(t, ds)
	ctx := context.Background()
	try := func(g *graph.Graph, max float64, force bool) error {
		cfg := config(s, ds)
		cfg.Prune, cfg.MaxPrune, cfg.Force = true, max, force
		db, err := load.Open(ctx, cfg)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close(ctx)
		_, err = db.Load(ctx, g)
		return err
	}
	// Only a left, with a changed role: 9 of the 12 elements would go.
	onlyA := small(p, "bcd", "ambassador")
	for _, c := range []struct {
		name string
		g    *graph.Graph
		max  float64
	}{{"default limit", onlyA, 0}, {"70%", onlyA, 0.7}, {"empty graph", graph.New(graph.DefaultSchema(), nil, nil, nil), 0.99}} {
		err := try(c.g, c.max, false)
		if !errors.Is(err, load.ErrPruneLimit) || !strings.Contains(err.Error(), "nothing was written") {
			t.Errorf("%s: err %v, want a refusal", c.name, err)
		}
		if got := s.Dump(t, ds); got != before {
			t.Errorf("%s: the refused load wrote:\n%s", c.name, diff(before, got))
		}
	}
	if err := try(onlyA, 0.9, false); err != nil {
		t.Errorf("--max-prune 90%%: %v", err)
	}
	if got := countsOf(t, s, ds); got != (counts{nodes: 1, sources: 1, rels: 0, reports: 1}) {
		t.Errorf("after a 90%% prune: %+v", got)
	}
	if err := try(graph.New(graph.DefaultSchema(), nil, nil, nil), 0, true); err != nil {
		t.Errorf("--force: %v", err)
	}
	if got := countsOf(t, s, ds); got != (counts{}) {
		t.Errorf("after a forced prune of everything: %+v", got)
	}
}

// hostileKeys are property names that break quoting in Neo4j: it decodes
// \uXXXX anywhere in a statement, even inside a backtick-quoted name.
var hostileKeys = []string{
	`k\u0060: 1}] AS row OPTIONAL MATCH (m:Victim) DETACH DELETE m WITH row //`,
	`key\u0041`,
	`back\slash \\ \u005C`,
	"semi;\nnew line `tick`",
	`\uuuu0041 many u`,
	"sep \u2028 \u0085 end",
}

func mustJSON(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

func hostileKeyGraph() *graph.Graph {
	props := graph.Props{}
	for i, k := range hostileKeys {
		props[k] = []graph.Value{{Value: string(rune('a' + i)), Sources: []string{"s1"}}}
	}
	s1 := &graph.Source{ID: "s1", File: `C:\reports\u000a.txt`, Props: props}
	a := &graph.Node{ID: `a\u0060`, Kind: "Person", Name: `A \u0027 \u000a`, Props: props, Cites: []graph.Citation{{Source: "s1", Quote: `\u0027) DETACH DELETE n //`}}}
	b := &graph.Node{ID: "b", Kind: "Person", Name: "B", Props: props}
	e := &graph.Edge{ID: `e\u0060`, From: a.ID, To: b.ID, Type: "MET_WITH", Props: props, Cites: []graph.Citation{{Source: "s1", Quote: "q"}}}
	return graph.New(graph.DefaultSchema(), []*graph.Node{a, b}, []*graph.Edge{e}, []*graph.Source{s1})
}

// TestHostileKeysAndDatasetInScript runs the cypher export of a graph whose
// property keys, ids and dataset name hold \u escapes into the server: the
// script harms nothing (a Victim node of another team survives) and builds
// exactly what relgraph load builds, by canonical dump.
func TestHostileKeysAndDatasetInScript(t *testing.T) {
	s := neo4jtest.Get(t)
	dsLoad, dsVictim := neo4jtest.Dataset(t, s), neo4jtest.Dataset(t, s)
	dsScript := `x\u000a OPTIONAL MATCH (m:Victim) DETACH DELETE m // ` + neo4jtest.Dataset(t, s)
	t.Cleanup(func() { s.Drop(context.Background(), dsScript) })
	s.Run(t, "CREATE (:Victim {dataset: $ds})", map[string]any{"ds": dsVictim})

	loadGraph(t, s, config(s, dsLoad), hostileKeyGraph())
	runScript(t, s, cypherScript(t, hostileKeyGraph(), dsScript, 2))
	if n := s.Int(t, "MATCH (m:Victim {dataset: $ds}) RETURN count(m)", map[string]any{"ds": dsVictim}); n != 1 {
		t.Fatalf("the script deleted another team's node")
	}
	want := s.Dump(t, dsLoad)
	for _, k := range hostileKeys {
		if !strings.Contains(want, mustJSON(k)) {
			t.Errorf("relgraph load lost key %q", k)
		}
	}
	if got := s.Dump(t, dsScript); got != want {
		t.Errorf("the script's graph differs from relgraph load's:\n%s", diff(want, got))
	}
	// And what the loader stored is the key as given.
	recs := s.Run(t, "MATCH (n:Person {dataset: $ds, id: 'b'}) RETURN keys(n) AS keys", map[string]any{"ds": dsLoad})
	var keys []string
	for _, k := range recs[0]["keys"].([]any) {
		keys = append(keys, k.(string))
	}
	sort.Strings(keys)
	for _, k := range hostileKeys {
		if i := sort.SearchStrings(keys, k); i == len(keys) || keys[i] != k {
			t.Errorf("key %q not stored as given: %q", k, keys)
		}
	}
}

// schemaNames returns relgraph's constraints and indexes, and the labels
// db.labels() lists.
func schemaNames(t *testing.T, s neo4jtest.Server) (schema, labels []string) {
	t.Helper()
	for _, q := range []string{"SHOW CONSTRAINTS YIELD name RETURN name", "SHOW INDEXES YIELD name, type, owningConstraint WHERE type <> 'LOOKUP' AND owningConstraint IS NULL RETURN name"} {
		for _, r := range s.Run(t, q, nil) {
			schema = append(schema, r["name"].(string))
		}
	}
	for _, r := range s.Run(t, "CALL db.labels() YIELD label RETURN label", nil) {
		labels = append(labels, r["label"].(string))
	}
	sort.Strings(schema)
	sort.Strings(labels)
	return schema, labels
}

// TestSchemaIsGraphDropAndLegacy, on a server of its own: a load leaves
// nothing in db.labels() or SHOW CONSTRAINTS that no node has (no lock
// label, no constraint for a kind without nodes); drop removes one dataset
// and, with the last, every constraint and index relgraph made. A database
// of the old model (a datasets list) is refused with nothing written, and
// DropLegacy clears it.
func TestSchemaIsGraphDropAndLegacy(t *testing.T) {
	faultTests(t)
	p := neo4jtest.StartPrivate(t, 7691, 7478)
	s := p.Server
	loadGraph(t, s, config(s, "A"), teamGraph("A"))
	loadGraph(t, s, config(s, "B"), embedded(t))
	checkSchemaIsGraph(t, s, nil)
	schema, labels := schemaNames(t, s)
	t.Logf("schema %v, labels %v", schema, labels)
	for _, l := range labels {
		if l == "RelgraphLoadLock" {
			t.Errorf("db.labels() lists the lock label")
		}
	}
	dumpB := s.Dump(t, "B")
	if out := dropDataset(t, s, "A"); out.Last || len(out.Schema) != 0 || out.Nodes != 2 || out.Sources != 1 || out.Relationships != 3 {
		t.Errorf("drop A: %+v", out)
	}
	if got := s.Dump(t, "B"); got != dumpB {
		t.Errorf("dropping A changed B:\n%s", diff(dumpB, got))
	}
	if after, _ := schemaNames(t, s); strings.Join(after, " ") != strings.Join(schema, " ") {
		t.Errorf("dropping A, not the last dataset, changed the schema: %v, was %v", after, schema)
	}
	out := dropDataset(t, s, "B")
	if !out.Last || len(out.Schema) == 0 {
		t.Errorf("drop of the last dataset: %+v", out)
	}
	if schema, labels := schemaNames(t, s); len(schema) != 0 || len(labels) != 0 {
		t.Errorf("after dropping the last dataset: schema %v, labels %v", schema, labels)
	}
	if n := s.Int(t, "MATCH (n) RETURN count(n)", nil); n != 0 {
		t.Errorf("%d nodes left", n)
	}

	// The old model, as relgraph wrote it before datasets were isolated.
	for _, q := range []string{
		"CREATE CONSTRAINT relgraph_Entity_id FOR (n:Entity) REQUIRE n.id IS UNIQUE",
		"CREATE CONSTRAINT relgraph_RelgraphLoadLock_id FOR (n:RelgraphLoadLock) REQUIRE n.id IS UNIQUE",
		"CREATE (s:Source {id: 's1', datasets: ['old']})-[:REPORTS {quote: 'q', datasets: ['old']}]->(:Entity:Leader {id: 'kim', datasets: ['old']})-[:MET_WITH {id: 'e1', datasets: ['old']}]->(:Entity:Leader {id: 'putin', datasets: ['old', 'other']})<-[:ABOUT]-(:Note)",
	} {
		s.Run(t, q, nil)
	}
	ctx := context.Background()
	db, err := load.Open(ctx, config(s, "A"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close(ctx)
	_, err = db.Load(ctx, teamGraph("A"))
	if !errors.Is(err, load.ErrLegacy) || !strings.Contains(err.Error(), "relgraph drop --legacy") || !strings.Contains(err.Error(), "relgraph_Entity_id") {
		t.Errorf("load into the old model: %v", err)
	}
	if schema, _ := schemaNames(t, s); strings.Join(schema, " ") != "relgraph_Entity_id relgraph_RelgraphLoadLock_id" {
		t.Errorf("the refused load changed the schema: %v", schema)
	}
	if n := s.Int(t, "MATCH (n) WHERE n.dataset IS NOT NULL RETURN count(n)", nil); n != 0 {
		t.Errorf("the refused load wrote %d nodes", n)
	}
	out, err = db.DropLegacy(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if out.Nodes != 1 || out.Sources != 1 || out.Relationships != 2 || out.Untagged != 1 || !out.Last {
		t.Errorf("drop --legacy: %+v", out)
	}
	if schema, labels := schemaNames(t, s); len(schema) != 0 || strings.Join(labels, " ") != "Entity Leader Note" {
		t.Errorf("after drop --legacy: schema %v, labels %v (want the Note and the node it is about)", schema, labels)
	}
	loadGraph(t, s, config(s, "A"), teamGraph("A"))
}
