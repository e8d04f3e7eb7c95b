package ingest_test

import (
	"path/filepath"
	"testing"
)

// The small examples the README shows (testdata/graphrag/small,
// testdata/langchain/small.json) read without a problem, to what the
// README says they give.
func TestReadmeExamples(t *testing.T) {
	for _, tc := range []struct {
		path                  string
		nodes, edges, sources int
	}{
		{filepath.Join("testdata", "graphrag", "small"), 5, 4, 1},
		{filepath.Join("testdata", "langchain", "small.json"), 3, 2, 1},
	} {
		t.Run(tc.path, func(t *testing.T) {
			g, ps := readDir(t, nil, tc.path)
			if len(ps) > 0 {
				t.Fatalf("problems: %v", ps)
			}
			if len(g.Nodes) != tc.nodes || len(g.Edges) != tc.edges || len(g.Sources) != tc.sources {
				t.Errorf("%d nodes, %d edges, %d sources", len(g.Nodes), len(g.Edges), len(g.Sources))
			}
			everyEdgeCitesASource(t, g)
		})
	}
	g, _ := readDir(t, nil, filepath.Join("testdata", "graphrag", "small"))
	n := g.Node("c1")
	if n == nil || n.Kind != "Allegation" || n.Props.Get("status") != "alleged" || len(n.Cites) != 1 || n.Cites[0].Quote == "" {
		t.Errorf("the claim: %+v", n)
	}
}
