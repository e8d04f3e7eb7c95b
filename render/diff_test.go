package render

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/relgraph/relgraph/graph"
)

// diffGraphs returns the embedded dataset (old) and a copy (new) without
// one edge and one node's relations to it, with one node added and one
// edge's quote changed.
func diffGraphs(t *testing.T) (old, new *graph.Graph) {
	t.Helper()
	old = loadDataset(t)
	var nodes []*graph.Node
	for _, n := range old.Nodes {
		nodes = append(nodes, n)
	}
	nodes = append(nodes, &graph.Node{ID: "new-aide", Kind: "Person", Name: "An unnamed aide",
		Cites: []graph.Citation{{Source: "src-004", Quote: "the delegation"}}})
	var edges []*graph.Edge
	for _, e := range old.Edges {
		switch e.ID {
		case "e-shoigu-in-summit":
			continue
		case "e-shoigu-russia":
			c := *e
			c.Cites = []graph.Citation{{Source: "src-004", Quote: "Sergei Shoigu"}}
			e = &c
		}
		edges = append(edges, e)
	}
	return old, graph.New(old.Schema, nodes, edges, append([]*graph.Source(nil), old.Sources...))
}

// lineOf returns the DOT statement that starts with prefix.
func lineOf(dot, prefix string) string {
	for _, l := range strings.Split(dot, "\n") {
		if strings.HasPrefix(strings.TrimSpace(l), prefix) {
			return l
		}
	}
	return ""
}

// render --diff draws the new graph with the removed edge put back, and
// marks exactly the three changed elements, each with its word, colour and
// tooltip; the DOT stays valid for the native dot.
func TestDiffMarks(t *testing.T) {
	old, new := diffGraphs(t)
	d := graph.Compare(old, new)
	g := WithRemoved(new, old, d)
	if len(g.Edges) != len(old.Edges) || len(g.Nodes) != len(old.Nodes)+1 {
		t.Fatalf("WithRemoved: %d nodes, %d edges; want %d and %d", len(g.Nodes), len(g.Edges), len(old.Nodes)+1, len(old.Edges))
	}
	var buf bytes.Buffer
	if err := Write(&buf, g, DOT, Options{Marks: NewMarks(d)}); err != nil {
		t.Fatal(err)
	}
	dot := buf.String()
	for _, c := range []struct{ prefix, word, colour, tip string }{
		{`"new-aide" [`, "NEW", "#009E73", `tooltip="NEW&#10;An unnamed aide (Person)`},
		{`"sergei-shoigu" -> "vostochny-summit" [`, "REMOVED", "#999999", `tooltip="REMOVED&#10;`},
		{`"sergei-shoigu" -> "russia" [`, "CHANGED", "#E69F00", `tooltip="CHANGED: sources&#10;`},
	} {
		l := lineOf(dot, c.prefix)
		if !strings.Contains(l, "<b>"+c.word+"</b>") || !strings.Contains(l, `color="`+c.colour+`"`) || !strings.Contains(l, c.tip) {
			t.Errorf("%s is not marked %s:\n%s", c.prefix, c.word, l)
		}
	}
	if n := strings.Count(dot, "<b>NEW</b>") + strings.Count(dot, "<b>REMOVED</b>") + strings.Count(dot, "<b>CHANGED</b>"); n != 3 {
		t.Errorf("%d elements marked, want 3", n)
	}
	if l := lineOf(dot, `"sergei-shoigu" -> "vostochny-summit" [`); !strings.Contains(l, `style="dashed"`) {
		t.Errorf("removed edge not dashed: %s", l)
	}

	// Without marks the same graph draws as before the hook.
	var plain bytes.Buffer
	if err := Write(&plain, new, DOT, Options{}); err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{"<b>NEW</b>", "<b>REMOVED</b>", "<b>CHANGED</b>", "#E69F00\"", "penwidth=4"} {
		if strings.Contains(plain.String(), w) {
			t.Errorf("unmarked drawing has %q", w)
		}
	}

	native := requireTool(t, "dot")
	path := filepath.Join(t.TempDir(), "diff.dot")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command(native, "-Tsvg", "-o", os.DevNull, path).CombinedOutput(); err != nil || len(out) > 0 {
		t.Errorf("native dot: %v %s", err, out)
	}
}
