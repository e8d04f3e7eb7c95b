package render

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"flag"
	"fmt"
	"image"
	"image/png"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/relgraph/relgraph"
	"github.com/relgraph/relgraph/graph"
	"github.com/relgraph/relgraph/ingest"
)

// Golden files change whenever the embedded dataset does: regenerate them
// with "go test ./render -update" and review the diff.
var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// requireTool returns the path of an external program, skipping the test
// when it is missing unless RELGRAPH_REQUIRE_TOOLS is set (as CI does).
func requireTool(t testing.TB, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("RELGRAPH_REQUIRE_TOOLS") != "" {
			t.Fatalf("%s is required (RELGRAPH_REQUIRE_TOOLS is set) but not found: %v", name, err)
		}
		t.Skipf("%s not installed; set RELGRAPH_REQUIRE_TOOLS=1 to make this a failure", name)
	}
	return p
}

func loadFile(t testing.TB, path string) *graph.Graph {
	t.Helper()
	b := graph.NewBuilder(nil, graph.Limits{})
	if err := ingest.Read(b, []string{path}, "", nil, ingest.Options{}); err != nil {
		t.Fatal(err)
	}
	g, err := b.Graph()
	if err != nil {
		t.Fatal(err)
	}
	return g
}

func loadDataset(t testing.TB) *graph.Graph {
	t.Helper()
	g, err := relgraph.DefaultGraph()
	if err != nil {
		t.Fatal(err)
	}
	return g
}

type goldenCase struct {
	name  string
	input string // file under testdata, or "" for the embedded dataset
	sel   graph.Selection
	opts  Options
}

var goldenCases = []goldenCase{
	{name: "dataset", opts: Options{Title: "Russia and North Korea in the sources"}},
	{name: "dataset-state", opts: Options{ClusterBy: "state", RankDir: "LR"}},
	{name: "fixture", input: "fixture.json"},
	{name: "fixture-state", input: "fixture.json", opts: Options{ClusterBy: "state", RankDir: "LR"}},
	{name: "fixture-focus", input: "fixture.json", sel: graph.Selection{Focus: "김정은", Depth: 1}, opts: Options{Title: "Around Kim Jong Un"}},
	{name: "fixture-allegations", input: "fixture.json",
		sel: graph.Selection{Types: []string{"ALLEGES", "DENIES", "CONFIRMS", "ACCUSES", "BENEFITS", "SUPPLIES"}}},
	{name: "fixture-source", input: "fixture.json", sel: graph.Selection{Source: "003_tass.txt"}, opts: Options{ShowSources: true}},
	{name: "fixture-dark-neato", input: "fixture.json", opts: Options{Theme: "dark", Layout: "neato"}},
	{name: "fixture-mono", input: "fixture.json", opts: Options{Theme: "mono"}},
	{name: "hostile", input: "hostile.json", opts: Options{Title: `<script>alert("t")</script> & \ "Tom"`}},
	{name: "dataset-a4", opts: Options{Title: "Russia and North Korea in the sources", Page: "a4"}},
	{name: "dataset-full", opts: Options{Detail: "full"}},
	{name: "dataset-timeline", opts: Options{View: "timeline", Title: "Dated events and relations in the sources", Page: "a4"}},
	{name: "fixture-timeline", input: "fixture.json", opts: Options{View: "timeline"}},
	{name: "fixture-overview", input: "fixture.json", opts: Options{Detail: "overview", Portrait: true, Page: "letter"}},
}

func (c goldenCase) graph(t testing.TB) *graph.Graph {
	t.Helper()
	var g *graph.Graph
	if c.input == "" {
		g = loadDataset(t)
	} else {
		g = loadFile(t, filepath.Join("testdata", c.input))
	}
	part, _, err := graph.Select(g, c.sel)
	if err != nil {
		t.Fatal(err)
	}
	return part
}

func golden(t *testing.T, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./render -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the output (%d bytes vs %d); rerun with -update if the change is intended", path, len(want), len(got))
	}
}

func TestGolden(t *testing.T) {
	for _, c := range goldenCases {
		t.Run(c.name, func(t *testing.T) {
			g := c.graph(t)
			for _, f := range []Format{DOT, SVG} {
				var buf bytes.Buffer
				if err := Write(&buf, g, f, c.opts); err != nil {
					t.Fatal(err)
				}
				golden(t, filepath.Join("testdata", c.name+"."+string(f)), buf.Bytes())
				// The same input and options give the same bytes.
				var again bytes.Buffer
				if err := Write(&again, g, f, c.opts); err != nil {
					t.Fatal(err)
				}
				if !bytes.Equal(buf.Bytes(), again.Bytes()) {
					t.Errorf("%s output differs between two runs", f)
				}
			}
		})
	}
}

// TestGoldenNativeDot checks that Debian's Graphviz reads every golden DOT
// and finds the nodes and edges the graph has.
func TestGoldenNativeDot(t *testing.T) {
	dot := requireTool(t, "dot")
	for _, c := range goldenCases {
		t.Run(c.name, func(t *testing.T) {
			path := filepath.Join("testdata", c.name+".dot")
			src, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			wantNodes, wantEdges := dotStatements(string(src))
			if c.opts.View == "" && !useOverview(c.graph(t), c.opts) {
				// Without the overview, one node per entity (and source)
				// and one edge per relation, or per bundle of them.
				g := c.graph(t)
				d := newDiagram(g, c.opts.withDefaults())
				want := len(g.Nodes)
				if c.opts.ShowSources {
					want += len(d.sources)
				}
				if wantNodes != want {
					t.Errorf("%s has %d node statements; the graph has %d nodes", path, wantNodes, want)
				}
			}
			nodes, edges, err := nativeCounts(dot, path)
			if err != nil {
				t.Fatal(err)
			}
			if nodes != wantNodes || edges != wantEdges {
				t.Errorf("native dot reads %d nodes, %d edges from %s; it has %d and %d statements", nodes, edges, path, wantNodes, wantEdges)
			}
		})
	}
}

var (
	nodeStmtRE = regexp.MustCompile(`(?m)^\s+"[^"]*" \[`)
	edgeStmtRE = regexp.MustCompile(`(?m)^\s+"[^"]*" -> "[^"]*"`)
)

// dotStatements counts the node and edge statements of DOT written by
// the encoder (one per line).
func dotStatements(src string) (nodes, edges int) {
	return len(nodeStmtRE.FindAllString(src, -1)), len(edgeStmtRE.FindAllString(src, -1))
}

// nativeCounts lays out a DOT file with the native dot and counts the
// nodes (objects that are not clusters) and edges in its JSON.
func nativeCounts(dot, path string) (nodes, edges int, err error) {
	var stderr bytes.Buffer
	cmd := exec.Command(dot, "-Tjson", path)
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return 0, 0, fmt.Errorf("dot %s: %v: %s", path, err, stderr.String())
	}
	var doc struct {
		Objects []struct {
			Nodes []int `json:"nodes"`
		} `json:"objects"`
		Edges []json.RawMessage `json:"edges"`
	}
	if err := json.Unmarshal(out, &doc); err != nil {
		return 0, 0, err
	}
	for _, o := range doc.Objects {
		if o.Nodes == nil {
			nodes++
		}
	}
	return nodes, len(doc.Edges), nil
}

func TestGoldenSVGXMLLint(t *testing.T) {
	xmllint := requireTool(t, "xmllint")
	for _, c := range goldenCases {
		path := filepath.Join("testdata", c.name+".svg")
		if out, err := exec.Command(xmllint, "--noout", "--nonet", path).CombinedOutput(); err != nil {
			t.Errorf("xmllint %s: %v\n%s", path, err, out)
		}
	}
}

// svgDoc is what the escaping and accessibility tests read back.
type svgDoc struct {
	XMLName xml.Name
	ViewBox string `xml:"viewBox,attr"`
	Title   string `xml:"title"`
	Desc    string `xml:"desc"`
	Texts   []string
	Tips    []string
	Elems   map[string]int
}

func parseSVG(t *testing.T, data []byte) svgDoc {
	t.Helper()
	var doc svgDoc
	if err := xml.Unmarshal(data, &doc); err != nil {
		t.Fatalf("SVG is not XML: %v", err)
	}
	doc.Elems = map[string]int{}
	dec := xml.NewDecoder(bytes.NewReader(data))
	dec.Strict = true
	var inText bool
	var text strings.Builder
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("SVG is not XML: %v", err)
		}
		switch x := tok.(type) {
		case xml.StartElement:
			doc.Elems[x.Name.Local]++
			if x.Name.Local == "text" {
				inText = true
				text.Reset()
			}
			for _, a := range x.Attr {
				if a.Name.Local == "title" {
					doc.Tips = append(doc.Tips, a.Value)
				}
			}
		case xml.CharData:
			if inText {
				text.Write(x)
			}
		case xml.EndElement:
			if x.Name.Local == "text" {
				inText = false
				doc.Texts = append(doc.Texts, text.String())
			}
		}
	}
	return doc
}

func TestSVGEscaping(t *testing.T) {
	g := loadFile(t, "testdata/hostile.json")
	var buf bytes.Buffer
	title := `<script>alert("t")</script> & \ "Tom"`
	if err := Write(&buf, g, SVG, Options{Title: title}); err != nil {
		t.Fatal(err)
	}
	doc := parseSVG(t, buf.Bytes())
	for _, bad := range []string{"script", "foreignObject", "iframe", "image"} {
		if doc.Elems[bad] > 0 {
			t.Errorf("user text became a <%s> element", bad)
		}
	}
	if doc.Title != title {
		t.Errorf("<title> = %q, want %q", doc.Title, title)
	}
	if !strings.Contains(doc.Desc, "</title><script>alert('t')</script>") {
		t.Errorf("<desc> lacks the source title as text: %q", doc.Desc)
	}
	// Long labels wrap at spaces into several <text> lines.
	texts := strings.Join(doc.Texts, " ")
	for _, want := range []string{
		"<script>alert(1)</script>",
		`"Tom" & 'Jerry'`,
		`C:\path\ends\`,
		"김정은",
		`&amp; &#92; &lt;b&gt; \l \n {}[];=`,
		"line one line two tab -- comment --> ]",
		title,
	} {
		if !strings.Contains(texts, want) {
			t.Errorf("SVG text lacks %q; texts:\n%s", want, texts)
		}
	}
	tips := strings.Join(doc.Tips, "\n")
	for _, want := range []string{"<script>alert(1)</script> (Person)", `“<b>bold</b> & "quoted" \N \G”`, `C:\path\ends\ (Agency)`, "Also: Владимир Путин"} {
		if !strings.Contains(tips, want) {
			t.Errorf("tooltips lack %q; tooltips:\n%s", want, tips)
		}
	}
}

func TestSVGEmbeddable(t *testing.T) {
	g := loadFile(t, "testdata/fixture.json")
	var buf bytes.Buffer
	if err := Write(&buf, g, SVG, Options{Title: "Fixture"}); err != nil {
		t.Fatal(err)
	}
	doc := parseSVG(t, buf.Bytes())
	if doc.ViewBox == "" {
		t.Error("no viewBox")
	}
	if doc.Title != "Fixture" || !strings.Contains(doc.Desc, "15 entities and 28 relations") || !strings.Contains(doc.Desc, "[s3] Kremlin rejects arms claims — TASS, 2023-10-14") {
		t.Errorf("title %q, desc %q", doc.Title, doc.Desc)
	}
	if doc.Elems["path"] == 0 || doc.Elems["text"] < 30 {
		t.Errorf("expected text and paths, got %v", doc.Elems)
	}
	if !strings.Contains(strings.Join(doc.Texts, "\n"), "Владимир Путин") {
		t.Error("Cyrillic name missing from text")
	}
	for _, n := range g.Nodes {
		found := false
		for _, tip := range doc.Tips {
			if strings.HasPrefix(tip, n.Name+" ("+n.Kind+")") && strings.Contains(tip, "Sources:") {
				found = true
			}
		}
		if !found {
			t.Errorf("no tooltip with sources for node %s", n.ID)
		}
	}
	edgeTips := 0
	for _, tip := range doc.Tips {
		if strings.Contains(tip, " (") && strings.Contains(tip, "Sources:\n• [s") {
			edgeTips++
		}
	}
	// Relations between the same two nodes, drawn alike, share an edge
	// and its tooltip.
	if want := len(g.Nodes) + len(bundles(g, false)); edgeTips < want {
		t.Errorf("%d tooltips with sources, want one per node and edge (%d)", edgeTips, want)
	}
	// Text stays text: no glyph outlines, no embedded fonts or images.
	if bytes.Contains(buf.Bytes(), []byte("<font")) || bytes.Contains(buf.Bytes(), []byte("<image")) {
		t.Error("SVG embeds fonts or images")
	}
}

func TestDOTLooks(t *testing.T) {
	g := loadFile(t, "testdata/fixture.json")
	var buf bytes.Buffer
	if err := NewDOT(&buf, Options{}).Encode(g); err != nil {
		t.Fatal(err)
	}
	dot := buf.String()
	for _, want := range []string{
		`"russia" -> "north-korea" [label=<DENIED: SUPPLIES<br/>2023-10> style="dashed" color="#D55E00" fontcolor="#D55E00" penwidth=2 arrowhead=tee`,
		`"peskov" -> "arms-claim" [label=<DENIES<br/>2023-10-14> style="solid" color="#D55E00" fontcolor="#D55E00" penwidth=2 arrowhead=tee`,
		`"north-korea" -> "russia" [label=<SUPPLIES <i>alleged</i><br/>2023-08–2023-10> style="dashed" color="#0072B2"`,
		`"north-korea" -> "russia" [label=<COOPERATES_WITH <i>speculated</i><br/>2024-06> style="dotted" color="#0072B2"`,
		`"kim-jong-un" [label=<Kim Jong Un> shape=doubleoctagon`,
		`"arms-claim" [label=<North Korea supplies<br/>artillery shells to<br/>Russia> shape=hexagon style="filled,dashed"`,
	} {
		if !strings.Contains(dot, want) {
			t.Errorf("DOT lacks\n%s", want)
		}
	}
	// Nodes are written sorted by id.
	var ids []string
	for _, line := range strings.Split(dot, "\n") {
		if strings.HasPrefix(line, `  "`) && !strings.Contains(line, " -> ") {
			ids = append(ids, line[:strings.Index(line, " [")])
		}
	}
	for i := 1; i < len(ids); i++ {
		if ids[i-1] >= ids[i] {
			t.Errorf("nodes out of order: %s before %s", ids[i-1], ids[i])
		}
	}
}

func TestClusterByState(t *testing.T) {
	g := loadFile(t, "testdata/fixture.json")
	got := statesOf(g)
	want := map[string]string{
		"kim-jong-un": "north-korea", "choe-son-hui": "north-korea", "kcna": "north-korea", "pyongyang": "north-korea",
		"putin": "russia", "peskov": "russia", "kremlin": "russia", "vostochny": "russia",
		"nis": "south-korea", "north-korea": "north-korea", "russia": "russia", "south-korea": "south-korea",
	}
	for id, st := range want {
		if got[id] != st {
			t.Errorf("%s is in %q, want %q", id, got[id], st)
		}
	}
	for _, id := range []string{"summit-2023", "treaty-2024", "arms-claim"} {
		if got[id] != "" {
			t.Errorf("%s (not a person, agency or place) placed in %s", id, got[id])
		}
	}
}

func TestOptionErrors(t *testing.T) {
	g := loadFile(t, "testdata/fixture.json")
	for _, o := range []Options{{Layout: "osage"}, {Theme: "neon"}, {RankDir: "up"}, {ClusterBy: "country"}, {Scale: -1}, {Page: "a5"}, {View: "map"}, {Detail: "most"}} {
		err := Write(io.Discard, g, SVG, o)
		if !errors.Is(err, ErrOption) {
			t.Errorf("%+v: got %v, want ErrOption", o, err)
		}
		if err != nil && !strings.HasPrefix(err.Error(), "render: ") {
			t.Errorf("%+v: message %q lacks the package prefix", o, err)
		}
	}
	if _, err := ParseFormat("tiff"); !errors.Is(err, ErrOption) {
		t.Errorf("ParseFormat(tiff) = %v", err)
	}
	for path, want := range map[string]Format{"a.svg": SVG, "b.PNG": PNG, "c.dot": DOT, "d.gv": DOT, "e.pdf": PDF} {
		if f, ok := FormatOf(path); !ok || f != want {
			t.Errorf("FormatOf(%s) = %s, %v", path, f, ok)
		}
	}
}

func TestLayouts(t *testing.T) {
	g := loadFile(t, "testdata/fixture.json")
	for _, l := range Layouts {
		var buf bytes.Buffer
		if err := Write(&buf, g, SVG, Options{Layout: l}); err != nil {
			t.Errorf("layout %s: %v", l, err)
			continue
		}
		parseSVG(t, buf.Bytes())
	}
}

func TestPNG(t *testing.T) {
	g := loadFile(t, "testdata/fixture.json")
	var buf bytes.Buffer
	if err := Write(&buf, g, PNG, Options{Scale: 1}); err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(&buf)
	if err != nil {
		t.Fatal(err)
	}
	b := img.Bounds()
	if b.Dx() < 400 || b.Dy() < 300 {
		t.Fatalf("PNG is only %v", b)
	}
	if n := nonWhite(img); n < b.Dx()*b.Dy()/20 {
		t.Errorf("PNG nearly blank: %d of %d pixels drawn", n, b.Dx()*b.Dy())
	}
	if testing.Verbose() {
		os.MkdirAll("../artifacts", 0o755)
		os.WriteFile("../artifacts/render-fixture.png", mustPNG(t, g), 0o644)
	}
}

func mustPNG(t *testing.T, g *graph.Graph) []byte {
	var buf bytes.Buffer
	if err := Write(&buf, g, PNG, Options{}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestPNGFontCoverage checks that the first PNG font draws Latin, Cyrillic
// and Hangul: Noto Sans CJK on systems with fonts-noto-cjk.
func TestPNGFontCoverage(t *testing.T) {
	loadFonts()
	fs := fontsBy["Regular"]
	t.Logf("PNG fonts: %s", strings.Join(fs.names, ", "))
	face, err := newChainFace(fs, 12)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range "AzЖя김은" {
		if _, ok := face.GlyphAdvance(r); !ok {
			if os.Getenv("RELGRAPH_REQUIRE_TOOLS") != "" {
				t.Errorf("no PNG font draws %q (install fonts-noto-cjk or set RELGRAPH_FONT)", r)
			} else {
				t.Skipf("no font for %q: install fonts-noto-cjk (RELGRAPH_REQUIRE_TOOLS makes this a failure)", r)
			}
		}
	}
}

func nonWhite(img image.Image) int {
	n := 0
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, _ := img.At(x, y).RGBA()
			if r < 0xF000 || g < 0xF000 || bl < 0xF000 {
				n++
			}
		}
	}
	return n
}

func ExampleKindStyle() {
	for _, k := range Kinds {
		s := KindStyle(k)
		fmt.Printf("%-10s %s %s %s\n", k, s.Fill, s.Stroke, s.Shape)
	}
	// Output:
	// Leader     #F4D48C #B87F00 doubleoctagon
	// Person     #B3DDF5 #4590BA ellipse
	// State      #8CD3C0 #007E5C box
	// Agency     #8CC0DC #005B8E component
	// Place      #F8F3AA #C0B635 house
	// Event      #E8C3D7 #A36186 note
	// Allegation #ECB78C #AA4B00 hexagon
	// Source     #D1D1D1 #7A7A7A folder
}

func TestEncodePNGRoundTrip(t *testing.T) {
	img := image.NewRGBA(image.Rect(0, 0, 300, 7))
	for i := range img.Pix {
		img.Pix[i] = byte(i * 7 % 251)
		if i%4 == 3 {
			img.Pix[i] = 255
		}
	}
	var buf bytes.Buffer
	if err := encodePNG(&buf, img); err != nil {
		t.Fatal(err)
	}
	got, err := png.Decode(&buf)
	if err != nil {
		t.Fatal(err)
	}
	for y := 0; y < 7; y++ {
		for x := 0; x < 300; x++ {
			r1, g1, b1, _ := img.At(x, y).RGBA()
			r2, g2, b2, a2 := got.At(x, y).RGBA()
			if r1 != r2 || g1 != g2 || b1 != b2 || a2 != 0xFFFF {
				t.Fatalf("pixel %d,%d differs", x, y)
			}
		}
	}
}

// ExampleNewDOT writes DOT for a two-node graph; the relation's label gives
// its type and date, and a denial gets the tee arrowhead.
func ExampleNewDOT() {
	g := graph.New(nil,
		[]*graph.Node{{ID: "peskov", Kind: "Person", Name: "Dmitry Peskov"}, {ID: "claim", Kind: "Allegation", Name: "Arms supplies"}},
		[]*graph.Edge{{ID: "e1", From: "peskov", To: "claim", Type: "DENIES", Date: "2023-10-14"}}, nil)
	var buf bytes.Buffer
	if err := NewDOT(&buf, Options{Title: "Denial"}).Encode(g); err != nil {
		fmt.Println(err)
	}
	for _, line := range strings.Split(buf.String(), "\n") {
		if strings.Contains(line, "->") {
			fmt.Println(strings.TrimSpace(line))
		}
	}
	// Output:
	// "peskov" -> "claim" [label=<DENIES<br/>2023-10-14> style="solid" color="#D55E00" fontcolor="#D55E00" penwidth=2 arrowhead=tee tooltip="Dmitry Peskov DENIES Arms supplies (2023-10-14)"];
}
