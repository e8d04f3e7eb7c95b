package render

import (
	"bytes"
	"fmt"
	"html"
	"sort"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/goccy/go-graphviz"
	"github.com/relgraph/relgraph/graph"
)

// FuzzDOT writes graphs whose ids, names, quotes and title are arbitrary
// strings and checks that the DOT is well formed by our own rules and that
// Graphviz (the same build that lays it out) reads it back with every node
// id intact and the right number of nodes and edges. Seeds are in
// testdata/fuzz/FuzzDOT.
func FuzzDOT(f *testing.F) {
	f.Fuzz(func(t *testing.T, id, name, quote, title string) {
		if id == "" || id == "b" {
			id = "a" + id
		}
		nodes := []*graph.Node{
			{ID: id, Kind: "Person", Name: name, Aliases: []string{quote}, Cites: []graph.Citation{{Source: "s", Quote: quote}}},
			{ID: "b", Kind: "State", Name: title},
		}
		edges := []*graph.Edge{{ID: "e", From: id, To: "b", Type: "MEMBER_OF", Date: name, Status: "denied", Cites: []graph.Citation{{Source: "s", Quote: quote}}}}
		sources := []*graph.Source{{ID: "s", File: quote, Title: name, Outlet: title}}
		g := graph.New(nil, nodes, edges, sources)
		var buf bytes.Buffer
		if err := NewDOT(&buf, Options{Title: title, ShowSources: true, ClusterBy: "state"}).Encode(g); err != nil {
			t.Fatal(err)
		}
		dot := buf.Bytes()
		if err := checkDOT(dot); err != nil {
			t.Fatalf("%v in\n%s", err, dot)
		}
		names, edgeCount, err := parseDOT(dot)
		if err != nil {
			t.Fatalf("graphviz cannot read the DOT: %v\n%s", err, dot)
		}
		d := newDiagram(g, Options{ShowSources: true})
		want := []string{d.name(id), d.name("b"), d.sourceNodeID("s")}
		sort.Strings(want)
		if strings.Join(names, "\x00") != strings.Join(want, "\x00") || edgeCount != 3 {
			t.Fatalf("graphviz reads nodes %q and %d edges, want %q and 3 (a relation, two source links)\n%s", names, edgeCount, want, dot)
		}
	})
}

// checkDOT applies our own rules: valid UTF-8, no backslash or newline
// in a quoted string (render writes character references instead), quoted
// strings closed, HTML-like labels balanced, and braces balanced outside both.
func checkDOT(dot []byte) error {
	if !utf8.Valid(dot) {
		return errf("invalid UTF-8")
	}
	depth, braces := 0, 0
	inQuote := false
	for i, c := range dot {
		switch {
		case inQuote:
			if c == '"' {
				inQuote = false
			} else if c == '\\' {
				return errf("backslash inside a quoted string at byte %d", i)
			} else if c == '\n' {
				return errf("newline inside a quoted string at byte %d", i)
			}
		case depth > 0:
			if c == '<' {
				depth++
			} else if c == '>' {
				depth--
			}
		case c == '"':
			inQuote = true
		case c == '<':
			depth = 1
		case c == '{':
			braces++
		case c == '}':
			braces--
		}
	}
	if inQuote || depth != 0 || braces != 0 {
		return errf("unbalanced: quote %v, html depth %d, braces %d", inQuote, depth, braces)
	}
	return nil
}

func errf(format string, args ...any) error { return fmt.Errorf("dot: "+format, args...) }

// parseDOT reads DOT with go-graphviz and returns the node names, with
// character references decoded, and the number of edges.
func parseDOT(dot []byte) ([]string, int, error) {
	gvMu.Lock()
	defer gvMu.Unlock()
	g, err := graphviz.ParseBytes(dot)
	if err != nil {
		return nil, 0, err
	}
	defer g.Close()
	var names []string
	edges := 0
	for n, err := g.FirstNode(); err == nil && n != nil; n, err = g.NextNode(n) {
		name, err := n.Name()
		if err != nil {
			return nil, 0, err
		}
		names = append(names, html.UnescapeString(name))
		for e, err := g.FirstOut(n); err == nil && e != nil; e, err = g.NextOut(e) {
			edges++
		}
	}
	sort.Strings(names)
	return names, edges, nil
}
