package load_test

import (
	"context"
	"strings"
	"testing"

	"github.com/relgraph/relgraph/graph"
	"github.com/relgraph/relgraph/internal/neo4jtest"
	"github.com/relgraph/relgraph/load"
)

// changed returns a copy of g with four changes a daily extraction brings:
// a property of one node changed, an alias added to another, a new
// citation on one relationship, and one relationship removed. It returns
// the ids it touched.
func changed(t *testing.T, g *graph.Graph) (out *graph.Graph, propNode, aliasNode, citedEdge, removedEdge string) {
	t.Helper()
	c := isolate(g, "")
	if len(c.Nodes) < 2 || len(c.Edges) < 2 || len(c.Sources) < 2 {
		t.Fatal("graph too small")
	}
	n0, n1 := c.Nodes[0], c.Nodes[1]
	props := graph.Props{}
	for k, vs := range n0.Props {
		props[k] = vs
	}
	props["role"] = []graph.Value{{Value: "changed by today's extraction", Sources: []string{c.Sources[0].ID}}}
	n0.Props = props
	n1.Aliases = append(append([]string{}, n1.Aliases...), "Newly Reported Alias")
	var e0 *graph.Edge
	var other string
	for _, e := range c.Edges[:len(c.Edges)-1] {
		cited := map[string]bool{}
		for _, ct := range e.Cites {
			cited[ct.Source] = true
		}
		for _, s := range c.Sources {
			if !cited[s.ID] {
				e0, other = e, s.ID
				break
			}
		}
		if e0 != nil {
			break
		}
	}
	if e0 == nil {
		t.Fatal("every source cites every relationship")
	}
	e0.Cites = append(append([]graph.Citation{}, e0.Cites...), graph.Citation{Source: other, Quote: "a quote of a new article"})
	removed := c.Edges[len(c.Edges)-1]
	out = graph.New(c.Schema, c.Nodes, c.Edges[:len(c.Edges)-1], c.Sources)
	return out, n0.ID, n1.ID, e0.ID, removed.ID
}

func rowsWritten(s *load.Summary) int {
	return s.Nodes.Rows + s.Sources.Rows + s.Relationships.Rows + s.Reports.Rows
}

// TestReloadWritesOnlyWhatChanged: a reload of the same input writes no
// row; four changes are written (and one prune) and nothing else; the
// result equals a clean load of the new input, content hashes included.
// An analyst's edit to a property relgraph wrote stays until --full; an
// element deleted by hand is written again.
func TestReloadWritesOnlyWhatChanged(t *testing.T) {
	s := neo4jtest.Get(t)
	ds, clean := neo4jtest.Dataset(t, s), neo4jtest.Dataset(t, s)
	old := embedded(t)
	first := loadGraph(t, s, config(s, ds), old)
	if first.Unchanged != 0 || rowsWritten(first) == 0 {
		t.Fatalf("first load: %+v", first)
	}
	dump := s.Dump(t, ds)

	again := loadGraph(t, s, config(s, ds), embedded(t))
	if again.Rows != 0 || rowsWritten(again) != 0 || again.Batches != 0 {
		t.Errorf("reload of the same input wrote %d rows (%+v)", again.Rows, again)
	}
	if again.Unchanged != first.Rows {
		t.Errorf("reload: %d rows unchanged, want %d", again.Unchanged, first.Rows)
	}
	if got := s.Dump(t, ds); got != dump {
		t.Errorf("reload changed the graph:\n%s", diff(dump, got))
	}

	now, propNode, aliasNode, citedEdge, removedEdge := changed(t, embedded(t))
	cfg := config(s, ds)
	cfg.Prune = true
	sum := loadGraph(t, s, cfg, now)
	if sum.Nodes.Rows != 2 || sum.Relationships.Rows != 1 || sum.Sources.Rows != 0 || sum.Reports.Rows != 0 {
		t.Errorf("changed input: wrote nodes %d, relationships %d, sources %d, reports %d; want 2 nodes (%s, %s), 1 relationship (%s)",
			sum.Nodes.Rows, sum.Relationships.Rows, sum.Sources.Rows, sum.Reports.Rows, propNode, aliasNode, citedEdge)
	}
	if sum.Pruned == nil || sum.Pruned.Relationships != 1 || sum.Pruned.Nodes+sum.Pruned.Sources != 0 {
		t.Errorf("pruned %+v, want relationship %s only", sum.Pruned, removedEdge)
	}
	if sum.Unchanged != first.Rows-3-1 {
		t.Errorf("%d rows unchanged, want %d", sum.Unchanged, first.Rows-4)
	}
	loadGraph(t, s, config(s, clean), now)
	want, wantHashes := s.Dump(t, clean), s.DumpHashes(t, clean)
	if got := s.Dump(t, ds); got != want {
		t.Errorf("reload of the changed input differs from a clean load:\n%s", diff(got, want))
	}
	if got := s.DumpHashes(t, ds); got != wantHashes {
		t.Errorf("content hashes differ from a clean load's:\n%s", diff(got, wantHashes))
	}
	for _, l := range strings.Split(wantHashes, "\n") {
		if strings.HasSuffix(l, " <nil>") && !strings.HasPrefix(l, "R REPORTS ") {
			t.Errorf("no content hash: %s", l)
		}
	}

	// An analyst edits a name and deletes a relationship in Browser.
	p := map[string]any{"ds": ds, "id": propNode}
	s.Run(t, "MATCH (n:Entity {dataset: $ds, id: $id}) SET n.name = 'Edited in Browser'", p)
	s.Run(t, "MATCH (:Entity)-[r]->(:Entity) WHERE r.dataset = $ds AND r.id = $id DELETE r", map[string]any{"ds": ds, "id": citedEdge})
	sum = loadGraph(t, s, config(s, ds), now)
	if sum.Rows != 1 || sum.Relationships.Rows != 1 || sum.Relationships.Created != 1 {
		t.Errorf("after hand edits: wrote %+v, want the deleted relationship only", sum)
	}
	if n := s.Int(t, "MATCH (n:Entity {dataset: $ds, id: $id}) WHERE n.name = 'Edited in Browser' RETURN count(n)", p); n != 1 {
		t.Errorf("the analyst's edit was overwritten by a reload of unchanged input")
	}
	full := config(s, ds)
	full.Full = true
	sum = loadGraph(t, s, full, now)
	if sum.Unchanged != 0 || sum.Rows != first.Rows-1 || !sum.Full {
		t.Errorf("--full wrote %d rows, %d unchanged; want %d, 0", sum.Rows, sum.Unchanged, first.Rows-1)
	}
	if got := s.Dump(t, ds); got != want {
		t.Errorf("--full did not restore a clean load:\n%s", diff(got, want))
	}
}

// TestInterruptedReloadEndsEqual: a reload cancelled after some batches of
// a changed input, then run again, ends equal to a clean load: a hash is
// committed with its row, so no row the first try did not commit is
// skipped.
func TestInterruptedReloadEndsEqual(t *testing.T) {
	s := neo4jtest.Get(t)
	ds, clean := neo4jtest.Dataset(t, s), neo4jtest.Dataset(t, s)
	base := generated(t, 3000)
	loadGraph(t, s, config(s, ds), base)
	// Change every relationship (a new property) and every tenth node.
	next := isolate(base, "")
	for _, e := range next.Edges {
		e.Props = graph.Props{"batch": {{Value: "tomorrow", Sources: []string{e.Cites[0].Source}}}}
	}
	for i, n := range next.Nodes {
		if i%10 == 0 {
			n.Aliases = append(append([]string{}, n.Aliases...), "Alias "+n.ID)
		}
	}
	next = graph.New(next.Schema, next.Nodes, next.Edges, next.Sources)

	ctx, cancel := context.WithCancel(context.Background())
	cfg := config(s, ds)
	cfg.BatchSize = 200
	cfg.Progress = func(done, total int) {
		if done > total/2 {
			cancel()
		}
	}
	db, err := load.Open(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	_, err = db.Load(ctx, next)
	db.Close(context.Background())
	if err == nil {
		t.Fatal("the cancelled load reported no error")
	}
	cfg.Progress = nil
	sum := loadGraph(t, s, cfg, next)
	if sum.Unchanged == 0 || sum.Rows == 0 {
		t.Errorf("rerun: %d written, %d unchanged; want some of each", sum.Rows, sum.Unchanged)
	}
	loadGraph(t, s, config(s, clean), next)
	if got, want := s.Dump(t, ds), s.Dump(t, clean); got != want {
		t.Errorf("interrupted reload, run again, differs from a clean load:\n%s", diff(got, want))
	}
	if got, want := s.DumpHashes(t, ds), s.DumpHashes(t, clean); got != want {
		t.Errorf("content hashes differ from a clean load's:\n%s", diff(got, want))
	}
	if again := loadGraph(t, s, cfg, next); again.Rows != 0 {
		t.Errorf("a third load wrote %d rows", again.Rows)
	}
}
