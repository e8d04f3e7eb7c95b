package render

import (
	"bytes"
	"encoding/json"
	"os/exec"
	"strings"
	"testing"
)

// TestBackslashes draws names, a title, a file name and quotes full of
// backslashes (Graphviz's \N, \G, \E, \T, \H, \L, \l, \n, doubled and
// trailing ones) and reads the SVG text and tooltips back, from
// go-graphviz and from the DOT run through native dot: every text is
// drawn as given.
func TestBackslashes(t *testing.T) {
	g := loadFile(t, "testdata/backslashes.json")
	title := `Report on \G \\ \N end\`
	opts := Options{Title: title, ClusterBy: "state"}
	texts := []string{
		title,
		`Ali \N bin \G`,
		`Two \\N three \\\N`,
		`C:\path\ends\`,
		`[s1] On \G and \E — \T\H\L (C:\reports\N\Gov.txt)`,
	}
	tips := []string{
		title,
		"Ali \\N bin \\G (Person)\nSources:\n• [s1] On \\G and \\E: “said \\N \\\\ end\\”",
		`Two \\N three \\\N (Person)`,
		`C:\path\ends\`,
		"“at \\E \\l \\n”",
	}
	check := func(t *testing.T, svg []byte) {
		t.Helper()
		doc := parseSVG(t, svg)
		all := strings.Join(doc.Texts, "\n")
		for _, want := range texts {
			if !containsLine(doc.Texts, want) {
				t.Errorf("no SVG text %q; texts:\n%s", want, all)
			}
		}
		alltips := strings.Join(doc.Tips, "\n---\n")
		for _, want := range tips {
			if !strings.Contains(alltips, want) {
				t.Errorf("no tooltip with %q; tooltips:\n%s", want, alltips)
			}
		}
	}
	t.Run("go-graphviz", func(t *testing.T) {
		var buf bytes.Buffer
		if err := Write(&buf, g, SVG, opts); err != nil {
			t.Fatal(err)
		}
		check(t, buf.Bytes())
	})
	t.Run("png", func(t *testing.T) {
		// The PNG draws the text ops of Graphviz's JSON layout.
		var dot, js bytes.Buffer
		if err := Write(&dot, g, DOT, opts); err != nil {
			t.Fatal(err)
		}
		if err := layoutTo(&js, pngDOT(dot.Bytes()), "dot", "json"); err != nil {
			t.Fatal(err)
		}
		var x xdotGraph
		if err := json.Unmarshal(js.Bytes(), &x); err != nil {
			t.Fatal(err)
		}
		var drawn []string
		add := func(ops []xdotOp) {
			for _, o := range ops {
				if o.Text != "" {
					drawn = append(drawn, o.drawn())
				}
			}
		}
		add(x.Draw)
		add(x.LDraw)
		for _, o := range x.Objects {
			add(o.Draw)
			add(o.LDraw)
		}
		for _, e := range x.Edges {
			add(e.LDraw)
		}
		for _, want := range texts {
			if !containsLine(drawn, want) {
				t.Errorf("the PNG draws no text %q; texts:\n%s", want, strings.Join(drawn, "\n"))
			}
		}
	})
	t.Run("dot", func(t *testing.T) {
		dot := requireTool(t, "dot")
		var buf bytes.Buffer
		if err := Write(&buf, g, DOT, opts); err != nil {
			t.Fatal(err)
		}
		cmd := exec.Command(dot, "-Tsvg")
		cmd.Stdin = &buf
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("dot: %v", err)
		}
		check(t, out)
	})
}

// containsLine reports whether one of the texts is want, or holds it
// between spaces (a caption line may be longer).
func containsLine(texts []string, want string) bool {
	for _, s := range texts {
		if s == want || strings.Contains(" "+s+" ", " "+want+" ") {
			return true
		}
	}
	return false
}
