package view_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/relgraph/relgraph"
	"github.com/relgraph/relgraph/gen"
	"github.com/relgraph/relgraph/graph"
	"github.com/relgraph/relgraph/ingest"
	"github.com/relgraph/relgraph/view"
)

// cytoscapeSHA256 is the digest of assets/cytoscape.min.js as the npm
// package cytoscape@3.35.0 ships it (dist/cytoscape.min.js).
const cytoscapeSHA256 = "71fa9ebec21a7ca2c40cff6aacc30d1f6464e363662ad4b2c197e1adc770cd94"

func defaultGraph(t testing.TB) *graph.Graph {
	t.Helper()
	g, err := relgraph.DefaultGraph()
	if err != nil {
		t.Fatal(err)
	}
	return g
}

func readGraph(t testing.TB, file string) *graph.Graph {
	t.Helper()
	b := graph.NewBuilder(nil, graph.Limits{})
	if err := ingest.Read(b, []string{file}, "", nil, ingest.Options{}); err != nil {
		t.Fatal(err)
	}
	g, err := b.Graph()
	if err != nil {
		t.Fatal(err)
	}
	return g
}

func generated(t testing.TB, c gen.Config) *graph.Graph {
	t.Helper()
	var buf bytes.Buffer
	if err := gen.Write(&buf, c); err != nil {
		t.Fatal(err)
	}
	b := graph.NewBuilder(nil, graph.Limits{})
	if err := ingest.ReadJSONL(b, &buf, "gen.jsonl", ingest.Options{}); err != nil {
		t.Fatal(err)
	}
	g, err := b.Graph()
	if err != nil {
		t.Fatal(err)
	}
	return g
}

func page(t testing.TB, g *graph.Graph, title string) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := view.Write(&buf, g, view.Options{Title: title}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// data returns the JSON of the page's data element, as the browser sees
// it: up to the first "</script" after the element's start tag.
func data(t testing.TB, html []byte) []byte {
	t.Helper()
	const start = `<script type="application/json" id="relgraph-data">`
	i := bytes.Index(html, []byte(start))
	if i < 0 {
		t.Fatalf("no data element in the page")
	}
	rest := html[i+len(start):]
	j := bytes.Index(bytes.ToLower(rest), []byte("</script"))
	if j < 0 {
		t.Fatalf("data element not closed")
	}
	return rest[:j]
}

var (
	schemeRe   = regexp.MustCompile(`(?i)https?:`)
	resourceRe = regexp.MustCompile(`(?i)\b(src|href|srcset|action|poster|data|background|xlink:href)\s*=|url\s*\(|@import`)
)

// TestNoExternalResource fails on any reference to a resource elsewhere:
// the file must contain no "http:" or "https:" at all (the library's
// licence comments and the data's addresses included), and its markup
// (what is outside the three scripts) no attribute or CSS that loads
// anything. The browser test also checks that the page makes no request.
func TestNoExternalResource(t *testing.T) {
	for name, g := range map[string]*graph.Graph{
		"embedded": defaultGraph(t),
		"hostile":  readGraph(t, "testdata/hostile.json"),
	} {
		t.Run(name, func(t *testing.T) {
			html := page(t, g, "A title with https://example.org/ in it")
			if m := schemeRe.FindAllIndex(html, -1); len(m) > 0 {
				at := m[0][0]
				t.Errorf("the page contains %d http:/https: references, the first at byte %d: %q", len(m), at, html[max(0, at-60):min(len(html), at+60)])
			}
			markup := string(html)
			for _, re := range []*regexp.Regexp{regexp.MustCompile(`(?s)<script>.*?</script>`), regexp.MustCompile(`(?s)<script type="application/json".*?</script>`)} {
				markup = re.ReplaceAllString(markup, "<script></script>")
			}
			if m := resourceRe.FindString(markup); m != "" {
				t.Errorf("the page's markup loads a resource: %q", m)
			}
		})
	}
}

// TestHostileData checks that no name, alias, quote, property or title
// can end the data element or add markup: the data element's text, read
// as the browser reads it, is the whole JSON and gives back every string
// exactly, and the page has exactly its own three scripts.
func TestHostileData(t *testing.T) {
	g := readGraph(t, "testdata/hostile.json")
	html := page(t, g, `</title><script>window.__pwned="title"</script>`)
	if n := strings.Count(strings.ToLower(string(html)), "<script"); n != 3 {
		t.Errorf("the page has %d script start tags, want 3 (data, library, view)", n)
	}
	if n := strings.Count(strings.ToLower(string(html)), "</script"); n != 3 {
		t.Errorf("the page has %d script end tags, want 3", n)
	}
	if bytes.Contains(html, []byte("<!--")) {
		t.Errorf("the page contains <!--, which changes how a script element is parsed")
	}
	var d struct {
		Title   string
		Sources []struct{ Title, Outlet, URL string }
		Nodes   []struct {
			Name    string
			Aliases []string
			Props   []struct {
				K string
				V []struct{ V string }
			}
			Cites []struct{ Q string }
		}
		Edges []struct{ Cites []struct{ Q string } }
	}
	if err := json.Unmarshal(data(t, html), &d); err != nil {
		t.Fatalf("the data element is not whole JSON: %v", err)
	}
	if d.Title != `</title><script>window.__pwned="title"</script>` {
		t.Errorf("title = %q", d.Title)
	}
	for i, n := range g.Nodes {
		got := d.Nodes[i]
		if got.Name != n.Name || strings.Join(got.Aliases, "\n") != strings.Join(n.Aliases, "\n") {
			t.Errorf("node %s: name %q aliases %q, want %q %q", n.ID, got.Name, got.Aliases, n.Name, n.Aliases)
		}
		for j, c := range n.Cites {
			if got.Cites[j].Q != c.Quote {
				t.Errorf("node %s: quote %q, want %q", n.ID, got.Cites[j].Q, c.Quote)
			}
		}
		for j, k := range n.Props.Keys() {
			for m, v := range n.Props[k] {
				if got.Props[j].V[m].V != v.Value {
					t.Errorf("node %s: %s = %q, want %q", n.ID, k, got.Props[j].V[m].V, v.Value)
				}
			}
		}
	}
	for i, e := range g.Edges {
		for j, c := range e.Cites {
			if d.Edges[i].Cites[j].Q != c.Quote {
				t.Errorf("edge %d: quote %q, want %q", i, d.Edges[i].Cites[j].Q, c.Quote)
			}
		}
	}
	for i, s := range g.Sources {
		if d.Sources[i].Title != s.Title || d.Sources[i].Outlet != s.Outlet || d.Sources[i].URL != s.URL {
			t.Errorf("source %s: %+v", s.ID, d.Sources[i])
		}
	}
	if !bytes.Contains(html, []byte("<title>&lt;/title&gt;&lt;script&gt;")) {
		t.Errorf("the <title> is not escaped")
	}
}

// TestDeterministic writes each graph twice: same bytes. The generated
// graph is large enough for the Barnes–Hut layout.
func TestDeterministic(t *testing.T) {
	for name, g := range map[string]*graph.Graph{
		"embedded":  defaultGraph(t),
		"generated": generated(t, gen.Config{Seed: 3, Entities: 1000, Relations: 3000}),
	} {
		a, b := page(t, g, "t"), page(t, g, "t")
		if !bytes.Equal(a, b) {
			t.Errorf("%s: two pages of the same graph differ", name)
		}
	}
}

// TestSize: the embedded dataset with the library stays under 2 MB.
func TestSize(t *testing.T) {
	n := len(page(t, defaultGraph(t), "Relations reported in the sources"))
	t.Logf("page of the embedded dataset: %d bytes", n)
	if n > 2<<20 {
		t.Errorf("page of the embedded dataset is %d bytes, over 2 MB", n)
	}
}

// TestVendored: the library is the npm release, its licence is kept in
// the repository and its notice in every page.
func TestVendored(t *testing.T) {
	lib, err := os.ReadFile("assets/cytoscape.min.js")
	if err != nil {
		t.Fatal(err)
	}
	if h := sha256.Sum256(lib); hex.EncodeToString(h[:]) != cytoscapeSHA256 {
		t.Errorf("assets/cytoscape.min.js is not cytoscape@%s as published (sha256 %x)", view.CytoscapeVersion, h)
	}
	lic, err := os.ReadFile("assets/cytoscape.LICENSE")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(lic, []byte("The Cytoscape Consortium")) {
		t.Errorf("assets/cytoscape.LICENSE is not Cytoscape.js's licence")
	}
	html := page(t, defaultGraph(t), "t")
	for _, notice := range []string{"Copyright (c) 2016-2026, The Cytoscape Consortium.", "Permission is hereby granted, free of charge",
		"Copyright (c) 2013-2014 Ralf S. Engelschall (engelschall.com)"} {
		if !bytes.Contains(html, []byte(notice)) {
			t.Errorf("the page lacks the licence notice %q", notice)
		}
	}
}
