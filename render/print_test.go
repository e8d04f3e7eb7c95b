package render

import (
	"bytes"
	"errors"
	"image/png"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/relgraph/relgraph/graph"
)

// minPrintedPt is the smallest text size a printed diagram may have.
const minPrintedPt = 6

var (
	svgWidthRE  = regexp.MustCompile(`<svg width="([0-9.]+)pt" height="([0-9.]+)pt"\s+viewBox="[0-9.-]+ [0-9.-]+ ([0-9.]+) ([0-9.]+)"`)
	svgScaleRE  = regexp.MustCompile(`<g id="graph0" class="graph" transform="scale\(([0-9.]+) ([0-9.]+)\)`)
	fontSizeRE  = regexp.MustCompile(`font-size="([0-9.]+)"`)
	printedText = regexp.MustCompile(`<text[^>]*font-size="([0-9.]+)"[^>]*>([^<]*)</text>`)
)

// smallestPrintedFont returns the size in points of the smallest text of
// an SVG written by Graphviz when it is printed on paper of w × h points
// (the print area): at its own size when it fits, else scaled down to fit
// as a print dialogue does. It also returns that text.
func smallestPrintedFont(t *testing.T, svg []byte, w, h float64) (float64, string) {
	t.Helper()
	m := svgWidthRE.FindSubmatch(svg)
	if m == nil {
		t.Fatalf("SVG has no width, height and viewBox")
	}
	num := func(b []byte) float64 {
		v, err := strconv.ParseFloat(string(b), 64)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	wpt, hpt, vbw := num(m[1]), num(m[2]), num(m[3])
	scale := 1.0
	if s := svgScaleRE.FindSubmatch(svg); s != nil {
		scale = num(s[1])
	}
	fit := min(1, w/wpt, h/hpt)
	unit := scale * wpt / vbw * fit // printed points per font-size unit
	smallest, text := 0.0, ""
	for _, x := range printedText.FindAllSubmatch(svg, -1) {
		if pt := num(x[1]) * unit; smallest == 0 || pt < smallest {
			smallest, text = pt, string(x[2])
		}
	}
	if smallest == 0 && len(fontSizeRE.FindAll(svg, -1)) > 0 {
		t.Fatal("font sizes found but no text read")
	}
	return smallest, text
}

// TestDefaultReadableOnPage is the print check of the default view: the
// embedded dataset, no selection, drawn for A4 and Letter landscape and
// for no page (then printed scaled to fit A4), has no text under 6 pt.
func TestDefaultReadableOnPage(t *testing.T) {
	g := loadDataset(t)
	for _, c := range []struct {
		name string
		o    Options
		w, h float64 // print area
	}{
		{"a4 landscape", Options{Page: "a4"}, 841.89 - 2*pageMargin, 595.28 - 2*pageMargin},
		{"letter landscape", Options{Page: "letter"}, 792 - 2*pageMargin, 612 - 2*pageMargin},
		{"no page, printed on a4 landscape", Options{}, 841.89 - 2*pageMargin, 595.28 - 2*pageMargin},
		{"timeline on a4 landscape", Options{View: "timeline", Page: "a4"}, 841.89 - 2*pageMargin, 595.28 - 2*pageMargin},
	} {
		t.Run(c.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := Write(&buf, g, SVG, c.o); err != nil {
				t.Fatal(err)
			}
			pt, text := smallestPrintedFont(t, buf.Bytes(), c.w, c.h)
			t.Logf("smallest text %.2f pt: %q", pt, text)
			if pt < minPrintedPt {
				t.Errorf("smallest text prints at %.2f pt (%q), under %d pt", pt, text, minPrintedPt)
			}
		})
	}
	// The whole graph, one edge per relation, is what the overview
	// replaces: it does not print readably, which is why it is not the
	// default.
	var full bytes.Buffer
	if err := Write(&full, g, SVG, Options{Detail: "full", Page: "a4"}); err != nil {
		t.Fatal(err)
	}
	if pt, _ := smallestPrintedFont(t, full.Bytes(), 841.89-2*pageMargin, 595.28-2*pageMargin); pt >= minPrintedPt {
		t.Errorf("--detail full prints at %.2f pt: the font check cannot tell it from the overview", pt)
	}
}

// TestOverviewSays checks what the overview draws and what its caption
// and tooltips say it leaves out.
func TestOverviewSays(t *testing.T) {
	g := loadDataset(t)
	d := prepare(g, Options{})
	if d.note == nil {
		t.Fatal("the default view of the dataset is not an overview")
	}
	if len(d.g.Nodes) != overviewCore {
		t.Errorf("overview draws %d nodes, want %d", len(d.g.Nodes), overviewCore)
	}
	for _, id := range []string{"kim-jong-un", "vladimir-putin", "north-korea", "russia"} {
		if d.g.Node(id) == nil {
			t.Errorf("overview leaves out %s", id)
		}
	}
	for _, e := range d.g.Edges {
		if reportTypes[e.Type] {
			t.Errorf("overview draws %s %s %s", e.From, e.Type, e.To)
		}
	}
	var buf bytes.Buffer
	if err := Write(&buf, g, SVG, Options{}); err != nil {
		t.Fatal(err)
	}
	doc := parseSVG(t, buf.Bytes())
	texts := strings.Join(doc.Texts, " ")
	for _, want := range []string{"drawn as an overview", "REPORTED relations left to the sources list", "--detail full draws everything", "folded in", "[src-004]"} {
		if !strings.Contains(texts, want) {
			t.Errorf("overview text lacks %q", want)
		}
	}
	tips := strings.Join(doc.Tips, "\n")
	if !strings.Contains(tips, "Folded into this node") {
		t.Error("no tooltip names what was folded")
	}
	// Every node of the graph is drawn, folded into a drawn node, or
	// counted as left out.
	folded := 0
	for _, fs := range d.note.folded {
		folded += len(fs)
	}
	if got := len(d.g.Nodes) + folded + len(d.note.alone); got != len(g.Nodes) {
		t.Errorf("drawn %d + folded %d + left out %d = %d, the graph has %d nodes", len(d.g.Nodes), folded, len(d.note.alone), got, len(g.Nodes))
	}
}

// TestTimelineDataset checks the items a reader of this dataset looks
// for, each with its article, and that no undated item gets a date.
func TestTimelineDataset(t *testing.T) {
	g := loadDataset(t)
	tl := newTimeline(g, Options{})
	find := func(month, text string) *tlItem {
		for _, it := range tl.items {
			if it.start != month {
				continue
			}
			all := it.title
			for _, l := range it.lines {
				all += "\n" + l.text
			}
			if strings.Contains(all, text) {
				return it
			}
		}
		return nil
	}
	summit := find("2023-09", "Vostochny")
	visit := find("2024-06", "Putin’s expected visit")
	if summit == nil || visit == nil {
		t.Fatalf("timeline lacks the Vostochny summit in 2023-09 (%v) or Putin's visit in 2024-06 (%v)", summit != nil, visit != nil)
	}
	var planning *tlItem
	for _, it := range tl.items {
		if it.start < visit.start && it.start > summit.start && (strings.Contains(it.title, "Peskov") || strings.Contains(it.title, "visit")) {
			planning = it
		}
	}
	if planning == nil {
		t.Fatal("timeline lacks the reported planning before the visit")
	}
	for _, it := range []*tlItem{summit, visit, planning} {
		if len(it.sources) == 0 {
			t.Errorf("%s %q cites no source", it.date, it.title)
		}
		for _, id := range it.sources {
			if g.Source(id) == nil {
				t.Errorf("%s %q cites unknown source %s", it.date, it.title, id)
			}
		}
	}
	// Dates come from the data, never guessed: every item's date is an
	// event's date property or a relation's date (or period).
	dates := map[string]bool{}
	for _, e := range g.Edges {
		dates[dateRange(e)] = true
	}
	for _, n := range g.Nodes {
		if d := eventDate(n); d != "" {
			dates[d] = true
		}
	}
	for _, it := range tl.items {
		if !dates[it.date] {
			t.Errorf("item %q has date %q, which no element of the graph gives", it.title, it.date)
		}
	}
	if tl.undatedRels == 0 || len(tl.undatedEvents) == 0 {
		t.Errorf("no undated relations (%d) or events (%d) listed apart", tl.undatedRels, len(tl.undatedEvents))
	}
	// In the SVG: the items as text, their sources, the note on undated.
	var buf bytes.Buffer
	if err := Write(&buf, g, SVG, Options{View: "timeline"}); err != nil {
		t.Fatal(err)
	}
	texts := strings.Join(parseSVG(t, buf.Bytes()).Texts, "\n")
	for _, want := range []string{"Sep 2023", "Jun 2024", "Kim–Putin summit at the Vostochny", "Putin’s expected visit to North Korea",
		"Sources: [src-000]", "Undated events", "none is guessed", "without a date are not placed"} {
		if !strings.Contains(texts, want) {
			t.Errorf("timeline SVG lacks %q", want)
		}
	}
}

// TestTimelineStyles checks that alleged and denied items look as in the
// graph view, on the fixture, which has both with dates.
func TestTimelineStyles(t *testing.T) {
	g := loadFile(t, "testdata/fixture.json")
	var buf bytes.Buffer
	if err := NewDOT(&buf, Options{View: "timeline"}).Encode(g); err != nil {
		t.Fatal(err)
	}
	dot := buf.String()
	for _, want := range []string{
		`style="filled,dashed" margin="0.04,0.02" fillcolor="#BFE7DC" color="#0072B2"`, // an alleged item's border
		`color="#D55E00"`, // a denial
		`DENIED: `,
		`until Oct 2023`, // a period 2023-08 – 2023-10 runs to its end month
	} {
		if !strings.Contains(dot, want) {
			t.Errorf("timeline DOT lacks %q", want)
		}
	}
}

// TestTimelineFilters: a selection applies before the timeline, and
// --since/--until leave out items dated outside.
func TestTimelineFilters(t *testing.T) {
	g := loadDataset(t)
	part, _, err := graph.Select(g, graph.Selection{Since: "2024-01"})
	if err != nil {
		t.Fatal(err)
	}
	tl := newTimeline(part, Options{Since: "2024-01"})
	if len(tl.items) == 0 {
		t.Fatal("nothing after 2024-01")
	}
	for _, it := range tl.items {
		if it.end < "2024-01" {
			t.Errorf("item %q (%s) is before --since 2024-01", it.title, it.date)
		}
	}
	part, _, err = graph.Select(g, graph.Selection{Types: []string{"MET_WITH"}})
	if err != nil {
		t.Fatal(err)
	}
	tl = newTimeline(part, Options{})
	if len(tl.items) == 0 {
		t.Fatal("no MET_WITH item")
	}
	for _, it := range tl.items {
		for _, l := range it.lines {
			if !strings.Contains(l.text, "MET_WITH") {
				t.Errorf("--types MET_WITH timeline has %q", l.text)
			}
		}
	}
}

// TestPDF checks the PDF with poppler: one page of the asked size, the
// names as text, every font embedded; and the same bytes every run.
func TestPDF(t *testing.T) {
	pdftotext := requireTool(t, "pdftotext")
	pdffonts := requireTool(t, "pdffonts")
	pdfinfo := requireTool(t, "pdfinfo")
	g := loadDataset(t)
	for _, o := range []Options{{Page: "a4"}, {View: "timeline", Page: "letter", Portrait: true}} {
		var a, b bytes.Buffer
		if err := Write(&a, g, PDF, o); err != nil {
			t.Fatal(err)
		}
		if err := Write(&b, g, PDF, o); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(a.Bytes(), b.Bytes()) {
			t.Errorf("%+v: PDF differs between two runs", o)
		}
		path := filepath.Join(t.TempDir(), "d.pdf")
		if err := os.WriteFile(path, a.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		out, err := exec.Command(pdftotext, "-layout", path, "-").Output()
		if err != nil {
			t.Fatalf("pdftotext: %v", err)
		}
		text := string(out)
		for _, want := range []string{"Kim Jong Un", "Vladimir Putin", "src-004"} {
			if !strings.Contains(text, want) {
				t.Errorf("%+v: pdftotext finds no %q", o, want)
			}
		}
		fonts, err := exec.Command(pdffonts, path).Output()
		if err != nil {
			t.Fatalf("pdffonts: %v", err)
		}
		rows := strings.Split(strings.TrimSpace(string(fonts)), "\n")[2:]
		if len(rows) == 0 {
			t.Errorf("%+v: the PDF has no fonts", o)
		}
		for _, r := range rows {
			f := strings.Fields(r)
			// name type... encoding emb sub uni id gen: emb is 5th from the end
			if len(f) < 6 || f[len(f)-5] != "yes" {
				t.Errorf("%+v: font not embedded: %s", o, r)
			}
		}
		info, _ := exec.Command(pdfinfo, path).Output()
		want := "841.89 x 595.28 pts (A4)"
		if o.Page == "letter" {
			want = "612 x 792 pts (letter)"
		}
		if !strings.Contains(string(info), want) || !strings.Contains(string(info), "Pages:           1") {
			t.Errorf("%+v: pdfinfo says\n%s\nwant one page of %s", o, info, want)
		}
	}
	t.Logf("PDF font: %s", PDFFontName())
}

// TestPNGPage: with a page, the PNG is the page at the asked resolution.
func TestPNGPage(t *testing.T) {
	g := loadFile(t, "testdata/fixture.json")
	var buf bytes.Buffer
	if err := Write(&buf, g, PNG, Options{Page: "a4", Scale: 150.0 / 72}); err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if b := img.Bounds(); b.Dx() != 1754 || b.Dy() != 1241 {
		t.Errorf("A4 landscape at 150 dpi is %v, want 1754×1241", b.Size())
	}
	if n := nonWhite(img); n < 1754*1241/50 {
		t.Errorf("PNG nearly blank: %d pixels drawn", n)
	}
}

// TestSizeGuard: a graph too large for its engine stops before layout,
// in well under a second, naming what to do; the default view of the
// same graph (an overview) draws.
func TestSizeGuard(t *testing.T) {
	g := genGraph(5000)
	for _, o := range []Options{{Detail: "full"}, {Detail: "full", Layout: "dot"}, {View: "timeline"}} {
		t0 := time.Now()
		err := Write(io.Discard, g, SVG, o)
		if !errors.Is(err, ErrTooLarge) {
			t.Fatalf("%+v: got %v, want ErrTooLarge", o, err)
		}
		for _, want := range []string{"--max-nodes", "--focus", "--format html"} {
			if !strings.Contains(err.Error(), want) {
				t.Errorf("%+v: message does not name %s: %v", o, want, err)
			}
		}
		t.Logf("%+v: %v after %v", o, err, time.Since(t0))
	}
	var buf bytes.Buffer
	if err := Write(&buf, g, SVG, Options{}); err != nil {
		t.Fatalf("overview of 5,000 nodes: %v", err)
	}
	// DOT is written whatever the size: it is not laid out here.
	if err := Write(io.Discard, g, DOT, Options{Detail: "full"}); err != nil {
		t.Errorf("DOT of a large graph: %v", err)
	}
	// Engines and edge routing by size.
	if e := autoEngine(80, 200); e != "dot" {
		t.Errorf("80 nodes: %s", e)
	}
	if e := autoEngine(250, 700); e != "sfdp" || splines(e, 250) != "line" {
		t.Errorf("250 nodes: %s, splines %s", e, splines(e, 250))
	}
}
