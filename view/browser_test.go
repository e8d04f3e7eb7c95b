package view_test

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/performance"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/relgraph/relgraph/gen"
	"github.com/relgraph/relgraph/graph"
)

// The browser tests open the page from disk in headless Chromium with the
// network switched off (offline emulation, and a proxy that goes nowhere)
// and do what a reader does: look, search, click, filter. Every request
// the page makes is recorded; any that is not for the file itself fails
// the test. Screenshots go to artifacts/view/; the README's is
// docs/view.png, copied from there:
//
//	RELGRAPH_REQUIRE_TOOLS=1 go test -count=1 -run Browser ./view
//	cp artifacts/view/allegation.png docs/view.png

func chromiumPath(t *testing.T) string {
	t.Helper()
	if p := os.Getenv("RELGRAPH_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "/usr/bin/chromium"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("RELGRAPH_REQUIRE_TOOLS") != "" {
		t.Fatal("chromium is required (RELGRAPH_REQUIRE_TOOLS is set) but not found: apt-get install chromium, or set RELGRAPH_CHROMIUM")
	}
	t.Skip("chromium not installed; set RELGRAPH_REQUIRE_TOOLS=1 to make this a failure")
	return ""
}

type browser struct {
	ctx      context.Context
	cancels  []context.CancelFunc
	profile  string
	mu       sync.Mutex
	requests []string // URLs other than the page's file
	errors   []string // exceptions thrown by the page
}

func startBrowser(t *testing.T) *browser {
	t.Helper()
	chromium := chromiumPath(t)
	// Not t.TempDir: Chromium's helper processes may still be writing the
	// profile for a moment after the browser has gone, and t.TempDir's
	// removal would then fail the test. close removes it, retrying.
	profile, err := os.MkdirTemp("", "relgraph-view-chromium-")
	if err != nil {
		t.Fatal(err)
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chromium),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		// Anything that tried the network would meet a proxy that is not there.
		chromedp.ProxyServer("127.0.0.1:9"),
		chromedp.UserDataDir(profile),
		chromedp.WindowSize(1400, 900),
	}
	b := &browser{profile: profile}
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	b.cancels = append(b.cancels, cancel)
	ctx, cancel := chromedp.NewContext(actx)
	b.cancels = append(b.cancels, cancel)
	ctx, cancel = context.WithTimeout(ctx, 5*time.Minute)
	b.cancels = append(b.cancels, cancel)
	b.ctx = ctx
	chromedp.ListenTarget(ctx, func(ev any) {
		b.mu.Lock()
		defer b.mu.Unlock()
		switch e := ev.(type) {
		case *network.EventRequestWillBeSent:
			if !strings.HasPrefix(e.Request.URL, "file://") {
				b.requests = append(b.requests, e.Request.URL)
			}
		case *runtime.EventExceptionThrown:
			msg := e.ExceptionDetails.Text
			if e.ExceptionDetails.Exception != nil {
				msg += " " + e.ExceptionDetails.Exception.Description
			}
			b.errors = append(b.errors, msg)
		}
	})
	if err := chromedp.Run(ctx, network.Enable(), network.EmulateNetworkConditions(true, 0, -1, -1), performance.Enable()); err != nil {
		b.close()
		t.Fatalf("starting %s: %v", chromium, err)
	}
	t.Cleanup(b.close)
	return b
}

func (b *browser) close() {
	if b.ctx != nil && b.cancels != nil {
		c, cancel := context.WithTimeout(b.ctx, 10*time.Second)
		chromedp.Cancel(c) // closes the browser gracefully
		cancel()
	}
	for i := len(b.cancels) - 1; i >= 0; i-- {
		b.cancels[i]() // the allocator's cancel kills Chromium and waits
	}
	b.cancels = nil
	if b.profile != "" {
		for i := 0; i < 50; i++ {
			if os.RemoveAll(b.profile) == nil {
				break
			}
			time.Sleep(100 * time.Millisecond)
		}
		b.profile = ""
	}
}

// check fails the test on requests that left the file, and on exceptions.
func (b *browser) check(t *testing.T) {
	t.Helper()
	b.mu.Lock()
	defer b.mu.Unlock()
	for _, u := range b.requests {
		if !strings.HasPrefix(u, "data:") && !strings.HasPrefix(u, "blob:") {
			t.Errorf("the page requested %s", u)
		}
	}
	for _, e := range b.errors {
		t.Errorf("the page threw: %s", e)
	}
}

func (b *browser) run(t *testing.T, actions ...chromedp.Action) {
	t.Helper()
	if err := chromedp.Run(b.ctx, actions...); err != nil {
		t.Fatal(err)
	}
}

func (b *browser) eval(t *testing.T, js string, out any) {
	t.Helper()
	if err := chromedp.Run(b.ctx, chromedp.Evaluate(js, out)); err != nil {
		t.Fatalf("%s: %v", js, err)
	}
}

// open writes the page of g to dir and opens it; it returns the time to
// first draw in milliseconds from the start of navigation.
func (b *browser) open(t *testing.T, g *graph.Graph, dir, name, title string) float64 {
	t.Helper()
	file := filepath.Join(dir, name)
	if err := os.WriteFile(file, page(t, g, title), 0o644); err != nil {
		t.Fatal(err)
	}
	b.run(t, chromedp.Navigate("file://"+file))
	var first float64
	deadline := time.Now().Add(2 * time.Minute)
	for {
		var ready bool
		b.eval(t, `!!(window.relgraphView && window.relgraphView.ready)`, &ready)
		if ready {
			b.eval(t, `window.relgraphView.firstDraw`, &first)
			var tm map[string]float64
			b.eval(t, `relgraphView.timings`, &tm)
			busy := map[string]float64{}
			b.run(t, chromedp.ActionFunc(func(ctx context.Context) error {
				ms, err := performance.GetMetrics().Do(ctx)
				for _, m := range ms {
					busy[m.Name] = m.Value
				}
				return err
			}))
			// Wall time depends on what else the machine runs; the
			// renderer's busy time (TaskDuration) much less.
			t.Logf("%s: first draw %.0f ms after navigation (script started at %.0f ms, graph built at %.0f ms); renderer busy %.0f ms (script %.0f ms, layout %.0f ms); load average %s",
				name, first, tm["script"], tm["init"], 1000*busy["TaskDuration"], 1000*busy["ScriptDuration"], 1000*busy["LayoutDuration"], loadAverage())
			return first
		}
		if time.Now().After(deadline) {
			b.check(t)
			t.Fatalf("%s: the graph did not draw within 2 minutes", name)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func (b *browser) screenshot(t *testing.T, sel, file string) image.Image {
	t.Helper()
	var buf []byte
	if sel == "" {
		b.run(t, chromedp.CaptureScreenshot(&buf))
	} else {
		b.run(t, chromedp.Screenshot(sel, &buf, chromedp.ByQuery))
	}
	if err := os.WriteFile(file, buf, 0o644); err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(buf))
	if err != nil {
		t.Fatal(err)
	}
	return img
}

// drawn counts the pixels that are not white.
func drawn(img image.Image) int {
	n := 0
	bd := img.Bounds()
	for y := bd.Min.Y; y < bd.Max.Y; y++ {
		for x := bd.Min.X; x < bd.Max.X; x++ {
			r, g, b, _ := img.At(x, y).RGBA()
			if r < 0xF000 || g < 0xF000 || b < 0xF000 {
				n++
			}
		}
	}
	return n
}

// clickNode zooms in on node i, centres it and clicks it with the mouse.
func (b *browser) clickNode(t *testing.T, i int) {
	t.Helper()
	var xy []float64
	b.eval(t, fmt.Sprintf(`(function () {
		var cy = relgraphView.cy, n = cy.getElementById('n%d');
		cy.stop(); cy.zoom(2.5); cy.center(n);
		var r = cy.container().getBoundingClientRect(), p = n.renderedPosition();
		return [r.left + p.x, r.top + p.y];
	})()`, i), &xy)
	b.run(t, chromedp.Sleep(100*time.Millisecond), chromedp.MouseClickXY(xy[0], xy[1]), chromedp.Sleep(100*time.Millisecond))
}

func (b *browser) text(t *testing.T, sel string) string {
	t.Helper()
	var s string
	b.eval(t, fmt.Sprintf(`Array.from(document.querySelectorAll(%q)).map(function (e) { return e.textContent; }).join('\n')`, sel), &s)
	return s
}

func artifacts(t *testing.T) string {
	t.Helper()
	dir, err := filepath.Abs(filepath.Join("..", "artifacts", "view"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

// seedText returns the text of the article file, or "" when the seeds
// are not at hand (RELGRAPH_SEEDS, or shared/seeds beside the repository).
func seedText(t *testing.T, file string) string {
	for _, dir := range []string{os.Getenv("RELGRAPH_SEEDS"), filepath.Join("..", "..", "shared", "seeds"), "/work/shared/seeds"} {
		if dir == "" {
			continue
		}
		if b, err := os.ReadFile(filepath.Join(dir, file)); err == nil {
			return string(b)
		}
	}
	return ""
}

// loadAverage returns the first field of /proc/loadavg, or "?".
func loadAverage() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "?"
	}
	return strings.Fields(string(b))[0]
}

func squash(s string) string { return strings.Join(strings.Fields(s), " ") }

func TestBrowserEmbedded(t *testing.T) {
	b := startBrowser(t)
	g := defaultGraph(t)
	dir := artifacts(t)
	first := b.open(t, g, dir, "graph.html", "Relations reported in the sources")
	t.Logf("time to first draw, %d nodes and %d relations: %.0f ms", len(g.Nodes), len(g.Edges), first)

	// The graph draws.
	img := b.screenshot(t, "#cy", filepath.Join(dir, "graph.png"))
	px, area := drawn(img), img.Bounds().Dx()*img.Bounds().Dy()
	t.Logf("graph canvas: %d of %d pixels drawn", px, area)
	if px < area/50 {
		t.Errorf("the graph looks blank: %d of %d pixels drawn", px, area)
	}

	// Search, typing as a reader does, with a hyphen the name lacks.
	b.run(t, chromedp.Click("#q", chromedp.ByQuery), chromedp.SendKeys("#q", "Kim Jong-un", chromedp.ByQuery))
	if r := b.text(t, "#results li"); !strings.HasPrefix(r, "Kim Jong Un") {
		t.Errorf("results for Kim Jong-un: %q, want Kim Jong Un first", r)
	}
	start := time.Now()
	b.run(t, chromedp.SendKeys("#q", kb.Enter, chromedp.ByQuery), chromedp.Sleep(400*time.Millisecond))
	t.Logf("search and centre: %v", time.Since(start))
	var sel struct {
		Names []string
		Found []string
		DX    float64
		DY    float64
	}
	b.eval(t, `(function () {
		var cy = relgraphView.cy, s = cy.nodes(':selected'), f = cy.nodes('.found');
		var p = f.length ? f.renderedPosition() : {x: 0, y: 0};
		return {names: s.map(function (n) { return n.data('label'); }), found: f.map(function (n) { return n.data('label'); }),
			dx: Math.abs(p.x - cy.width() / 2) / cy.width(), dy: Math.abs(p.y - cy.height() / 2) / cy.height()};
	})()`, &sel)
	if strings.Join(sel.Names, "|") != "Kim Jong Un" || strings.Join(sel.Found, "|") != "Kim Jong Un" {
		t.Errorf("after searching Kim Jong-un: selected %q, highlighted %q; want Kim Jong Un", sel.Names, sel.Found)
	}
	if sel.DX > 0.05 || sel.DY > 0.05 {
		t.Errorf("the found node is not centred: off by %.0f%% across, %.0f%% down", 100*sel.DX, 100*sel.DY)
	}
	if h := b.text(t, "#panel h2"); h != "Kim Jong Un" {
		t.Errorf("panel after search shows %q", h)
	}
	b.screenshot(t, "", filepath.Join(dir, "search.png"))

	// Click the allegation of arms for Russia: the panel says who alleges
	// it, with the quotes, verbatim, and the article they come from.
	alleg := g.Node("a-nk-arms-to-russia")
	if alleg == nil {
		t.Fatal("no allegation a-nk-arms-to-russia in the dataset")
	}
	idx := map[string]int{}
	for i, n := range g.Nodes {
		idx[n.ID] = i
	}
	b.run(t, chromedp.Evaluate(`void relgraphView.cy.fit()`, nil))
	b.clickNode(t, idx[alleg.ID])
	if h := b.text(t, "#panel h2"); h != alleg.Name {
		t.Fatalf("clicked the allegation; the panel shows %q", h)
	}
	who := b.text(t, "#panel .who-alleges .who")
	quotes := squash(b.text(t, "#panel .who-alleges blockquote"))
	var alleges, checked int
	for _, e := range g.Edges {
		if e.To != alleg.ID || e.Type != "ALLEGES" {
			continue
		}
		alleges++
		from := g.Node(e.From).Name
		if !strings.Contains(who, from) {
			t.Errorf("the panel's Alleged by (%q) lacks %s", who, from)
		}
		for _, c := range e.Cites {
			if c.Quote == "" {
				continue
			}
			if !strings.Contains(quotes, squash(c.Quote)) {
				t.Errorf("the panel lacks %s's quote %q", from, c.Quote)
			}
			if art := seedText(t, g.Source(c.Source).File); art != "" {
				checked++
				if !strings.Contains(squash(art), squash(c.Quote)) {
					t.Errorf("quote %q is not in the article %s", c.Quote, g.Source(c.Source).File)
				}
			}
		}
	}
	if alleges == 0 {
		t.Fatal("nobody alleges a-nk-arms-to-russia in the dataset")
	}
	t.Logf("Alleged by: %s; %d quotes found verbatim in their articles", strings.ReplaceAll(who, "\n", ", "), checked)
	if d := b.text(t, "#panel .who-denies .who"); !strings.Contains(d, "North Korea") || !strings.Contains(d, "Russia") {
		t.Errorf("Denied by: %q, want North Korea and Russia", d)
	}
	cites := b.text(t, "#panel .cite .src")
	for _, c := range alleg.Cites {
		if s := g.Source(c.Source); !strings.Contains(cites, s.Title) {
			t.Errorf("the panel's sources lack %q", s.Title)
		}
	}
	b.run(t, chromedp.Evaluate(`void relgraphView.cy.fit(relgraphView.cy.nodes(":selected").closedNeighborhood(), 40)`, nil), chromedp.Sleep(150*time.Millisecond))
	b.screenshot(t, "", filepath.Join(dir, "allegation.png"))

	// The status filter hides denied relations.
	denied := 0
	for _, e := range g.Edges {
		if e.Status == "denied" {
			denied++
		}
	}
	visible := func() (n, edges, deniedShown int) {
		var v struct{ Nodes, Edges []int }
		b.eval(t, `relgraphView.visible()`, &v)
		for _, i := range v.Edges {
			if g.Edges[i].Status == "denied" {
				deniedShown++
			}
		}
		return len(v.Nodes), len(v.Edges), deniedShown
	}
	_, before, shown := visible()
	if shown != denied || denied == 0 {
		t.Fatalf("before filtering: %d denied relations shown of %d", shown, denied)
	}
	b.run(t, chromedp.Click(`input[name="status:denied"]`, chromedp.ByQuery), chromedp.Sleep(100*time.Millisecond))
	_, after, shown := visible()
	if shown != 0 || after != before-denied {
		t.Errorf("unticking denied: %d denied relations still shown, %d relations of %d (want %d)", shown, after, before, before-denied)
	}
	b.run(t, chromedp.Click(`input[name="status:denied"]`, chromedp.ByQuery))

	// Only allegations: every relation shown concerns an allegation, and
	// those who deny stay.
	b.run(t, chromedp.Click("#allegations", chromedp.ByQuery), chromedp.Sleep(100*time.Millisecond))
	var v struct{ Nodes, Edges []int }
	b.eval(t, `relgraphView.visible()`, &v)
	names := map[string]bool{}
	for _, i := range v.Nodes {
		names[g.Nodes[i].Name] = true
	}
	for _, i := range v.Edges {
		e := g.Edges[i]
		if !e.Alleged() && g.Node(e.From).Kind != "Allegation" && g.Node(e.To).Kind != "Allegation" {
			t.Errorf("only allegations: %s %s %s (%s) is shown", e.From, e.Type, e.To, e.Status)
		}
	}
	for _, want := range []string{"South Korea", "North Korea", "Russia", alleg.Name} {
		if !names[want] {
			t.Errorf("only allegations: %s is not shown", want)
		}
	}
	t.Logf("only allegations: %d nodes, %d relations", len(v.Nodes), len(v.Edges))
	b.screenshot(t, "", filepath.Join(dir, "allegations-only.png"))
	b.check(t)
}

// TestBrowserHostile opens a page of names, quotes and titles built to
// break out of the data or the panel. Each would set window.__pwned if it
// ran; none may, every name must show as text, and the document must hold
// only the page's own elements.
func TestBrowserHostile(t *testing.T) {
	b := startBrowser(t)
	g := readGraph(t, "testdata/hostile.json")
	dir := artifacts(t)
	b.open(t, g, dir, "hostile.html", `</title><script>window.__pwned="title"</script>`)
	b.clickNode(t, 0)
	for i, n := range g.Nodes {
		b.eval(t, fmt.Sprintf(`void relgraphView.showNode(%d)`, i), nil)
		if h := b.text(t, "#panel h2"); h != n.Name {
			t.Errorf("node %s: the panel shows %q, want %q", n.ID, h, n.Name)
		}
		panel := b.text(t, "#panel")
		for _, a := range n.Aliases {
			if !strings.Contains(panel, a) {
				t.Errorf("node %s: the panel lacks the alias %q", n.ID, a)
			}
		}
		for _, c := range n.Cites {
			if !strings.Contains(panel, c.Quote) {
				t.Errorf("node %s: the panel lacks the quote %q", n.ID, c.Quote)
			}
			if s := g.Source(c.Source); !strings.Contains(panel, s.Label()) || !strings.Contains(panel, s.Outlet) || !strings.Contains(panel, s.URL) {
				t.Errorf("node %s: the panel lacks the source %q, %q, %q", n.ID, s.Label(), s.Outlet, s.URL)
			}
		}
	}
	for i, e := range g.Edges {
		b.eval(t, fmt.Sprintf(`void relgraphView.showEdge(%d)`, i), nil)
		panel := b.text(t, "#panel")
		for _, c := range e.Cites {
			if !strings.Contains(panel, c.Quote) {
				t.Errorf("edge %s: the panel lacks the quote %q", e.ID, c.Quote)
			}
		}
	}
	b.run(t, chromedp.Click("#q", chromedp.ByQuery), chromedp.SendKeys("#q", "script", chromedp.ByQuery), chromedp.Sleep(100*time.Millisecond))
	if r := b.text(t, "#results li"); !strings.Contains(r, "</script><script>window.__pwned='name'</script>") {
		t.Errorf("search results %q lack the name as text", r)
	}
	var state struct {
		Pwned    any
		Scripts  int
		Handlers []string
		Foreign  []string
		Title    string
	}
	b.eval(t, `(function () {
		var handlers = [], foreign = [];
		document.querySelectorAll('*').forEach(function (e) {
			for (var j = 0; j < e.attributes.length; j++) {
				if (/^on/i.test(e.attributes[j].name)) handlers.push(e.tagName + ' ' + e.attributes[j].name);
			}
			if (/^(IMG|SVG|IFRAME|OBJECT|EMBED|A|LINK|BASE|FORM)$/i.test(e.tagName)) foreign.push(e.tagName);
		});
		return {pwned: window.__pwned === undefined ? null : window.__pwned, scripts: document.scripts.length,
			handlers: handlers, foreign: foreign, title: document.title};
	})()`, &state)
	if state.Pwned != nil {
		t.Errorf("a planted script ran: window.__pwned = %v", state.Pwned)
	}
	if state.Scripts != 3 {
		t.Errorf("the document has %d scripts, want the page's 3", state.Scripts)
	}
	if len(state.Handlers) > 0 || len(state.Foreign) > 0 {
		t.Errorf("the document has event handlers %v and elements %v from the data", state.Handlers, state.Foreign)
	}
	if state.Title != `</title><script>window.__pwned="title"</script>` {
		t.Errorf("document title %q", state.Title)
	}
	b.screenshot(t, "", filepath.Join(dir, "hostile.png"))
	b.check(t)
}

// TestBrowserLarge opens a generated graph of 5,000 nodes and 20,000
// relations and logs how long it takes to draw, find a node and pan.
// Nothing is asserted about time.
func TestBrowserLarge(t *testing.T) {
	if testing.Short() {
		t.Skip("-short")
	}
	b := startBrowser(t)
	g := generated(t, gen.Config{Seed: 1, Entities: 5000, Relations: 20000})
	dir := artifacts(t)
	start := time.Now()
	html := page(t, g, "5,000 generated entities")
	t.Logf("page of %d nodes and %d relations: %d bytes, written in %v", len(g.Nodes), len(g.Edges), len(html), time.Since(start))
	first := b.open(t, g, dir, "large.html", "5,000 generated entities")
	t.Logf("time to first draw, %d nodes and %d relations: %.0f ms", len(g.Nodes), len(g.Edges), first)
	img := b.screenshot(t, "#cy", filepath.Join(dir, "large.png"))
	if px := drawn(img); px < img.Bounds().Dx()*img.Bounds().Dy()/50 {
		t.Errorf("the large graph looks blank: %d pixels drawn", px)
	}
	name := g.Nodes[len(g.Nodes)/2].Name
	var ms float64
	b.eval(t, fmt.Sprintf(`(function () {
		var t0 = performance.now(), r = relgraphView.search(%q);
		relgraphView.pick(r[0]);
		return performance.now() - t0;
	})()`, name), &ms)
	t.Logf("search %q and select: %.0f ms", name, ms)
	b.run(t, chromedp.Evaluate(`new Promise(function (done) {
		var cy = relgraphView.cy, t0 = performance.now();
		cy.stop(); cy.panBy({x: 200, y: 100});
		cy.one('render', function () { done(performance.now() - t0); });
	})`, &ms, func(p *runtime.EvaluateParams) *runtime.EvaluateParams { return p.WithAwaitPromise(true) }))
	t.Logf("pan and redraw: %.0f ms", ms)
	b.check(t)
}
