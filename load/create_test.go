package load_test

import (
	"bytes"
	"context"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/relgraph/relgraph/export"
	"github.com/relgraph/relgraph/graph"
	"github.com/relgraph/relgraph/internal/neo4jtest"
	"github.com/relgraph/relgraph/load"
)

// firstHalf returns the first half of g's nodes, the relations among them
// and every source.
func firstHalf(g *graph.Graph) *graph.Graph {
	nodes := g.Nodes[:len(g.Nodes)/2]
	in := map[string]bool{}
	for _, n := range nodes {
		in[n.ID] = true
	}
	var edges []*graph.Edge
	for _, e := range g.Edges {
		if in[e.From] && in[e.To] {
			edges = append(edges, e)
		}
	}
	return graph.New(g.Schema, nodes, edges, g.Sources)
}

// TestLoadOverExistingElements loads a graph half of which the dataset
// already holds: the new half is created (CREATE), the rest merged, and the
// result equals a clean load. The summary tells new from updated. Another
// dataset with the same ids counts for nothing: its elements are its own.
func TestLoadOverExistingElements(t *testing.T) {
	s := neo4jtest.Get(t)
	dsOther, dsNew, dsClean := neo4jtest.Dataset(t, s), neo4jtest.Dataset(t, s), neo4jtest.Dataset(t, s)
	base := generated(t, 3000)
	full := isolate(base, dsNew+"/")
	half := firstHalf(full)
	if len(half.Edges) == 0 || len(half.Nodes) == len(full.Nodes) {
		t.Fatalf("bad split: %d of %d nodes, %d edges", len(half.Nodes), len(full.Nodes), len(half.Edges))
	}
	loadGraph(t, s, config(s, dsOther), full)
	loadGraph(t, s, config(s, dsNew), half)
	loadGraph(t, s, config(s, dsClean), isolate(base, dsClean+"/"))
	sum := loadGraph(t, s, config(s, dsNew), full)

	if got, want := sum.Nodes.Created, len(full.Nodes)-len(half.Nodes); got != want {
		t.Errorf("nodes created %d, want %d (updated %d)", got, want, sum.Nodes.Updated)
	}
	if got, want := sum.Relationships.Created, len(full.Edges)-len(half.Edges); got != want {
		t.Errorf("relationships created %d, want %d (updated %d)", got, want, sum.Relationships.Updated)
	}
	if sum.Sources.Rows != 0 || sum.Sources.Unchanged != len(full.Sources) {
		t.Errorf("sources %+v: all were there already, unchanged", sum.Sources)
	}
	if sum.Nodes.Updated != 0 || sum.Nodes.Unchanged != len(half.Nodes) {
		t.Errorf("nodes %+v: the %d of the first half were there already, unchanged", sum.Nodes, len(half.Nodes))
	}
	want := strings.ReplaceAll(s.Dump(t, dsClean), dsClean+"/", "")
	if got := strings.ReplaceAll(s.Dump(t, dsNew), dsNew+"/", ""); got != want {
		t.Errorf("load over existing elements differs from a clean load:\n%s", diff(want, got))
	}
	// Each element once in the dataset, however many datasets hold its id.
	recs := s.Run(t, "MATCH (a:Entity)-[r]->(b:Entity) WHERE r.dataset = $ds WITH a, type(r) AS t, r.id AS id, b, count(*) AS n WHERE n > 1 RETURN count(*) AS dups", map[string]any{"ds": dsNew})
	if n := recs[0]["dups"].(int64); n != 0 {
		t.Errorf("%d relationships written twice", n)
	}
}

// lockedWriter is a log that says when a load starts waiting for the lock.
type lockedWriter struct {
	mu      sync.Mutex
	buf     bytes.Buffer
	waiting chan struct{}
	once    sync.Once
}

func (w *lockedWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if bytes.Contains(p, []byte("waiting for another relgraph load")) {
		w.once.Do(func() { close(w.waiting) })
	}
	return w.buf.Write(p)
}

// TestLoadsTakeTurns holds a load inside its first write while a second
// load starts: the second says it waits, and writes nothing until the first
// is done. The lock leaves no node behind.
func TestLoadsTakeTurns(t *testing.T) {
	s := neo4jtest.Get(t)
	dsA, dsB := neo4jtest.Dataset(t, s), neo4jtest.Dataset(t, s)
	base := generated(t, 500)
	ctx := context.Background()
	// The server is shared: earlier tests may have left labels (Neo4j
	// keeps label tokens) and constraints of datasets since deleted.
	before := schemaLabels(t, s)

	release := make(chan struct{})
	var once sync.Once
	cfgA := config(s, dsA)
	cfgA.Progress = func(done, total int) { once.Do(func() { <-release }) }
	var errA error
	var sumA *load.Summary
	doneA := make(chan struct{})
	go func() {
		defer close(doneA)
		db, err := load.Open(ctx, cfgA)
		if err != nil {
			errA = err
			return
		}
		defer db.Close(ctx)
		sumA, errA = db.Load(ctx, isolate(base, dsA+"/"))
	}()
	// Wait until A has written its first batch (and holds the lock).
	deadline := time.Now().Add(60 * time.Second)
	for countsOf(t, s, dsA) == (counts{}) {
		if time.Now().After(deadline) {
			close(release)
			t.Fatal("load A wrote nothing in 60s")
		}
		time.Sleep(50 * time.Millisecond)
	}

	logB := &lockedWriter{waiting: make(chan struct{})}
	cfgB := config(s, dsB)
	cfgB.Log = logB
	// Database names are case-insensitive: another spelling of the same
	// database takes the same lock.
	cfgB.Database = strings.ToUpper(cfgB.Database)
	doneB := make(chan error, 1)
	go func() {
		db, err := load.Open(ctx, cfgB)
		if err != nil {
			doneB <- err
			return
		}
		defer db.Close(ctx)
		_, err = db.Load(ctx, isolate(base, dsB+"/"))
		doneB <- err
	}()
	select {
	case <-logB.waiting:
	case err := <-doneB:
		close(release)
		t.Fatalf("load B finished (%v) while load A held the database", err)
	case <-time.After(30 * time.Second):
		close(release)
		t.Fatal("load B did not say it waits for load A")
	}
	if got := countsOf(t, s, dsB); got != (counts{}) {
		t.Errorf("load B wrote %+v while waiting", got)
	}
	close(release)
	<-doneA
	if errA != nil {
		t.Fatalf("load A: %v", errA)
	}
	if err := <-doneB; err != nil {
		t.Fatalf("load B: %v", err)
	}
	if sumA.Nodes.Created != len(base.Nodes) {
		t.Errorf("load A created %d nodes, want %d", sumA.Nodes.Created, len(base.Nodes))
	}
	if got := countsOf(t, s, dsB); got.nodes != len(base.Nodes) || got.rels != len(base.Edges) {
		t.Errorf("load B: %+v", got)
	}
	if n := s.Int(t, "MATCH (n:Source) WHERE n.dataset = '' RETURN count(n)", nil); n != 0 {
		t.Errorf("%d lock nodes left in the graph", n)
	}
	checkSchemaIsGraph(t, s, before)
}

// schemaLabels returns the labels db.labels() and SHOW CONSTRAINTS name.
func schemaLabels(t *testing.T, s neo4jtest.Server) map[string]bool {
	t.Helper()
	labels := map[string]bool{}
	for _, r := range s.Run(t, "CALL db.labels() YIELD label RETURN label", nil) {
		labels[r["label"].(string)] = true
	}
	for _, r := range s.Run(t, "SHOW CONSTRAINTS YIELD name, labelsOrTypes RETURN name, labelsOrTypes", nil) {
		for _, l := range r["labelsOrTypes"].([]any) {
			labels[l.(string)] = true
		}
	}
	return labels
}

// checkSchemaIsGraph fails t when db.labels() or SHOW CONSTRAINTS name a
// label, other than those in before, that no node has: nothing a load
// leaves in the schema may be outside the graph.
func checkSchemaIsGraph(t *testing.T, s neo4jtest.Server, before map[string]bool) {
	t.Helper()
	labels := schemaLabels(t, s)
	for _, l := range sortedKeys(labels) {
		if before[l] {
			continue
		}
		if n := s.Int(t, "MATCH (n:"+export.QuoteIdent(l)+") RETURN count(n)", nil); n == 0 {
			t.Errorf("the schema names label %s, which no node has", l)
		}
	}
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
