package render

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/relgraph/relgraph/graph"
)

// FuzzSVG draws a graph whose names, quotes and title are arbitrary
// strings and checks that the SVG is well-formed XML in which no user text
// became markup: the only elements are SVG's own, and the document has its
// title and description. Seeds are in testdata/fuzz/FuzzSVG.
func FuzzSVG(f *testing.F) {
	f.Add("<script>alert(1)</script>", `"Tom" & 'Jerry'`, "]]><x/>")
	f.Add("김정은", "Владимир Путин", "a\\b\nc")
	f.Fuzz(func(t *testing.T, name, quote, title string) {
		if !utf8.ValidString(name + quote + title) {
			return // the builder rejects invalid UTF-8 before rendering
		}
		nodes := []*graph.Node{
			{ID: "a", Kind: "Person", Name: name, Aliases: []string{quote}, Cites: []graph.Citation{{Source: "s", Quote: quote}}},
			{ID: "b", Kind: "Allegation", Name: title},
		}
		edges := []*graph.Edge{{ID: "e", From: "a", To: "b", Type: "DENIES", Status: "denied", Cites: []graph.Citation{{Source: "s", Quote: quote}}}}
		sources := []*graph.Source{{ID: "s", File: "f.txt", Title: title}}
		g := graph.New(nil, nodes, edges, sources)
		var buf bytes.Buffer
		if err := Write(&buf, g, SVG, Options{Title: title}); err != nil {
			t.Fatal(err)
		}
		svg := buf.String()
		dec := xml.NewDecoder(strings.NewReader(svg))
		allowed := map[string]bool{"svg": true, "g": true, "title": true, "desc": true, "text": true, "path": true,
			"polygon": true, "ellipse": true, "polyline": true, "a": true, "defs": true, "style": true, "rect": true, "tspan": true}
		var hasTitle, hasDesc bool
		for {
			tok, err := dec.Token()
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				t.Fatalf("SVG is not well-formed XML: %v", err)
			}
			if se, ok := tok.(xml.StartElement); ok {
				if !allowed[se.Name.Local] {
					t.Fatalf("unexpected element <%s> in the SVG", se.Name.Local)
				}
				hasTitle = hasTitle || se.Name.Local == "title"
				hasDesc = hasDesc || se.Name.Local == "desc"
			}
		}
		if !hasTitle || !hasDesc {
			t.Fatal("SVG lacks <title> or <desc>")
		}
		if strings.Contains(name, "<script") && strings.Contains(svg, "<script") {
			t.Fatal("a name became a script element")
		}
	})
}
