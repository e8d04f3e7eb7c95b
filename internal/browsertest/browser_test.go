package browsertest

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/relgraph/relgraph/internal/neo4jtest"
)

// Waits are generous: Browser is a heavy single-page app, and on two busy
// cores it can take half a minute to boot. Only a connection or a result
// that never comes fails the test; a slow layout does not.
const (
	bootTimeout    = 120 * time.Second // the connect form or a connection appears
	connectTimeout = 60 * time.Second  // after clicking Connect
	queryTimeout   = 120 * time.Second // a frame shows its result or its error
	settleTimeout  = 20 * time.Second  // the graph layout stops moving
	totalTimeout   = 12 * time.Minute
	poll           = 250 * time.Millisecond
)

// TestBrowser loads the embedded dataset, opens Neo4j Browser in headless
// Chromium, connects, applies relgraph's style sheet with :style and runs
// every starter query, checking each frame as a person would: a graph with
// the expected nodes in the style's colours, or a table, and no error.
func TestBrowser(t *testing.T) {
	chromium := chromiumPath(t)
	s := neo4jtest.Get(t)
	root := neo4jtest.RepoRoot(t)
	browserURL := browserURL(t, s)

	// The analyst's steps before opening Browser: load, export the style,
	// print the starter queries.
	bin := buildCLI(t, root)
	ds := os.Getenv("RELGRAPH_BROWSER_DATASET")
	if ds == "" {
		ds = neo4jtest.Dataset(t, s)
	} else {
		t.Logf("loading into dataset %q and leaving it loaded (RELGRAPH_BROWSER_DATASET)", ds)
	}
	var sum struct{ Summary json.RawMessage }
	if err := json.Unmarshal(runCLI(t, bin, s, "load", "--json", "--dataset", ds), &sum); err != nil {
		t.Fatalf("relgraph load --json: %v", err)
	}
	var compact bytes.Buffer
	json.Compact(&compact, sum.Summary)
	t.Logf("relgraph load: %s", compact.String())
	grassFile := filepath.Join(t.TempDir(), "relgraph.grass")
	runCLI(t, bin, s, "export", "--format", "grass", "-o", grassFile)
	grass, err := os.ReadFile(grassFile)
	if err != nil {
		t.Fatal(err)
	}
	var queries []struct{ Title, Query string }
	if err := json.Unmarshal(runCLI(t, bin, s, "queries", "--json", "--dataset", ds), &queries); err != nil {
		t.Fatalf("relgraph queries --json: %v", err)
	}
	if len(queries) == 0 {
		t.Fatal("relgraph queries printed no queries")
	}
	leaderColour := grassColour(t, string(grass), "Leader")
	palette := map[string]bool{}
	for _, m := range paletteRe.FindAllStringSubmatch(string(grass), -1) {
		palette[strings.ToUpper(m[1])] = true
	}

	artifacts := filepath.Join(root, "artifacts", "browser")
	if err := os.MkdirAll(artifacts, 0o755); err != nil {
		t.Fatal(err)
	}

	b := startBrowser(t, chromium)
	defer b.close()
	b.artifacts = artifacts

	b.connect(t, browserURL, s)
	b.dismissBanner()
	b.run(t, ":clear")

	// :style takes the grass text itself. Browser's editor re-indents and
	// closes braces when it is given several lines, so the sheet goes in
	// as one line; GraSS does not care.
	st := b.run(t, ":style "+strings.Join(strings.Fields(string(grass)), " "))
	if !st.StyleFrame {
		t.Fatalf(":style: Browser did not show the style sheet frame; the frame says:\n%s", st.Text)
	}
	b.run(t, ":clear")

	var leaders bool
	for i, q := range queries {
		name := fmt.Sprintf("%02d-%s", i+1, slug(q.Title))
		// One line, for the same reason as the style sheet; no starter
		// query has a newline inside a string.
		f := b.run(t, strings.ReplaceAll(q.Query, "\n", " "))
		if f.Error != "" {
			t.Errorf("%s: Browser shows an error:\n%s", q.Title, f.Error)
			b.screenshot(t, f.ID, filepath.Join(artifacts, name+"-error.png"))
			continue
		}
		records := recordsRe.FindString(f.Text)
		if f.Graph {
			f = b.settle(t, f.ID)
			t.Logf("%s: graph of %d nodes (%s)", q.Title, len(f.Nodes), strings.TrimSpace(displayRe.FindString(f.Text)))
			if len(f.Nodes) == 0 {
				t.Errorf("%s: the graph view shows no nodes:\n%s", q.Title, f.Text)
			}
		} else {
			t.Logf("%s: table (%s)", q.Title, records)
		}
		if strings.Contains(f.Text, "(no changes, no records)") {
			t.Errorf("%s: no records on the embedded dataset", q.Title)
		}
		b.screenshot(t, f.ID, filepath.Join(artifacts, name+".png"))
		b.screenshotPage(t, filepath.Join(artifacts, name+"-page.png"))
		if f.Graph {
			b.screenshotFull(t, f.ID, filepath.Join(artifacts, name+"-fullscreen.png"))
		}

		// Every node in the style's colours: Browser's own palette would
		// mean :style did not take.
		if f.Graph {
			var other []string
			for _, c := range f.Fills {
				if !palette[c] {
					other = append(other, c)
				}
			}
			if len(other) > 0 {
				t.Errorf("%s: nodes coloured %v, which the style sheet does not use: :style did not take", q.Title, other)
			}
		}

		// The paths between two leaders.
		if f.Graph && strings.Contains(q.Query, "kim-jong-un") && strings.Contains(q.Query, "vladimir-putin") {
			leaders = true
			captions := strings.Join(f.Nodes, " | ")
			for _, want := range []string{"Kim Jong Un", "Vladimir Putin"} {
				if !strings.Contains(captions, want) {
					t.Errorf("%s: no node captioned %q; captions: %s", q.Title, want, captions)
				}
			}
			if !contains(f.Fills, leaderColour) {
				t.Errorf("%s: no node in the style's Leader colour %s (fills %v): :style was not applied", q.Title, leaderColour, f.Fills)
			}
		}
	}
	if !leaders {
		t.Errorf("relgraph queries has no graph query for the paths between kim-jong-un and vladimir-putin")
	}
	if crashed := b.crashed(); crashed != "" {
		t.Errorf("Browser crashed: %s", crashed)
	}
}

var (
	recordsRe = regexp.MustCompile(`Started streaming \d+ records?`)
	displayRe = regexp.MustCompile(`Displaying \d+ nodes?, \d+ relationships?`)
	slugRe    = regexp.MustCompile(`[^a-z0-9]+`)
	// connectErrorRe finds the error the connect form shows, such as
	// "Neo.ClientError.Security.Unauthorized: The client is unauthorized
	// due to authentication failure." or "ServiceUnavailable: ...".
	connectErrorRe = regexp.MustCompile(`(Neo\.\w+Error\.[\w.]+|Neo4jError|ServiceUnavailable|SessionExpired)\b.*`)
	paletteRe      = regexp.MustCompile(`(?m)^\s*color:\s*(#[0-9A-Fa-f]{6})`)
	colourRe       = regexp.MustCompile(`(?s)\{[^}]*?\bcolor:\s*(#[0-9A-Fa-f]{6})`)
)

func slug(s string) string {
	s = strings.ToLower(s)
	if i := strings.IndexAny(s, "(:,"); i > 0 {
		s = s[:i]
	}
	s = strings.Trim(slugRe.ReplaceAllString(s, "-"), "-")
	if len(s) > 40 {
		s = strings.TrimRight(s[:40], "-")
	}
	return s
}

// grassColour returns the color of node.<label> in a grass sheet.
func grassColour(t *testing.T, grass, label string) string {
	t.Helper()
	i := strings.Index(grass, "node."+label+" ")
	if i < 0 {
		t.Fatalf("grass sheet has no node.%s:\n%s", label, grass)
	}
	m := colourRe.FindStringSubmatch(grass[i:])
	if m == nil {
		t.Fatalf("grass sheet: node.%s has no color", label)
	}
	return strings.ToUpper(m[1])
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if strings.EqualFold(y, x) {
			return true
		}
	}
	return false
}

// chromiumPath finds Chromium: RELGRAPH_CHROMIUM, or chromium on PATH. It
// skips the test when there is none, unless RELGRAPH_REQUIRE_TOOLS is set.
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

// browserURL returns the address of Browser on s's server (NEO4J_HTTP_URL,
// or port 7474 of the Bolt host) and checks that the server serves it.
func browserURL(t *testing.T, s neo4jtest.Server) string {
	t.Helper()
	base := os.Getenv("NEO4J_HTTP_URL")
	if base == "" {
		u, err := url.Parse(s.URI)
		if err != nil {
			t.Fatalf("NEO4J_URI %q: %v", s.URI, err)
		}
		base = "http://" + u.Hostname() + ":7474"
	}
	u := strings.TrimRight(base, "/") + "/browser/"
	c := http.Client{Timeout: 30 * time.Second}
	resp, err := c.Get(u)
	if err != nil {
		t.Fatalf("Neo4j answers on Bolt but Browser does not (%s): %v; set NEO4J_HTTP_URL", u, err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("Neo4j Browser at %s: %s (is the neo4j-browser jar on the server's class path?)", u, resp.Status)
	}
	return u
}

// buildCLI builds cmd/relgraph once for the test.
func buildCLI(t *testing.T, root string) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "relgraph")
	cmd := exec.Command("go", "build", "-o", bin, "./cmd/relgraph")
	cmd.Dir = root
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build ./cmd/relgraph: %v\n%s", err, out)
	}
	return bin
}

// runCLI runs relgraph against s and returns its standard output.
func runCLI(t *testing.T, bin string, s neo4jtest.Server, args ...string) []byte {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Env = s.Environ()
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("relgraph %s: %v\n%s", strings.Join(args, " "), err, stderr.String())
	}
	return out
}

// browser is one headless Chromium with one tab.
type browser struct {
	ctx       context.Context
	cancels   []context.CancelFunc
	log       *safeLog
	artifacts string // where screenshots of failures go
	n         int    // frames run so far
	profile   string // Chromium's profile, removed by close
}

// safeLog forwards to t.Logf until the test ends; chromedp may log from
// its own goroutines after that.
type safeLog struct {
	mu   sync.Mutex
	t    *testing.T
	done bool
	n    int
}

func (l *safeLog) logf(format string, args ...any) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.done || l.n >= 50 {
		return
	}
	l.n++
	l.t.Logf(format, args...)
}

func startBrowser(t *testing.T, chromium string) *browser {
	t.Helper()
	// Not t.TempDir: Chromium's helpers may write the profile for a
	// moment after the browser has gone; close removes it, retrying.
	profile, err := os.MkdirTemp("", "relgraph-browser-chromium-")
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
		chromedp.UserDataDir(profile),
		chromedp.WindowSize(1400, 900),
	}
	l := &safeLog{t: t}
	b := &browser{log: l, profile: profile}
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	b.cancels = append(b.cancels, cancel)
	ctx, cancel := chromedp.NewContext(actx,
		chromedp.WithErrorf(func(f string, a ...any) { l.logf("chromedp: "+f, a...) }))
	b.cancels = append(b.cancels, cancel)
	ctx, cancel = context.WithTimeout(ctx, totalTimeout)
	b.cancels = append(b.cancels, cancel)
	b.ctx = ctx
	chromedp.ListenTarget(ctx, func(ev any) {
		if e, ok := ev.(*runtime.EventExceptionThrown); ok {
			msg := e.ExceptionDetails.Text
			if e.ExceptionDetails.Exception != nil {
				msg += " " + e.ExceptionDetails.Exception.Description
			}
			l.logf("page exception: %s", strings.SplitN(msg, "\n", 2)[0])
		}
	})
	// Start Chromium now, so that a browser that cannot start fails here.
	if err := chromedp.Run(ctx); err != nil {
		b.close()
		t.Fatalf("starting %s: %v", chromium, err)
	}
	return b
}

// close ends Chromium and waits for it.
func (b *browser) close() {
	if b.ctx != nil {
		c, cancel := context.WithTimeout(b.ctx, 10*time.Second)
		chromedp.Cancel(c) // closes the browser gracefully
		cancel()
	}
	for i := len(b.cancels) - 1; i >= 0; i-- {
		b.cancels[i]() // the allocator's cancel kills Chromium and waits
	}
	b.cancels = nil
	if b.profile != "" {
		for i := 0; i < 50 && os.RemoveAll(b.profile) != nil; i++ {
			time.Sleep(100 * time.Millisecond)
		}
		b.profile = ""
	}
	b.log.mu.Lock()
	b.log.done = true
	b.log.mu.Unlock()
}

// js is a small library evaluated with every expression: frames are
// Browser's result frames, newest first; each frame this test runs is
// tagged with data-relgraph-frame.
const js = `
const rg = {
  frames: () => Array.from(document.querySelectorAll('[data-testid="frame"]')),
  text: e => (e && e.innerText) || '',
  info(f) {
    if (!f) return null;
    const q = s => f.querySelector(s);
    const nodes = Array.from(f.querySelectorAll('svg g.node'));
    return {
      id: f.getAttribute('data-relgraph-frame') || '',
      command: rg.text(q('[data-testid="frameCommand"]')),
      loaded: !!q('[data-testid="frame-loaded-contents"]'),
      spinner: !!q('[data-testid="spinner"]'),
      error: q('[data-testid="cypherFrameErrorMessage"]') || /^ERROR/m.test(rg.text(q('[data-testid="frameContents"]'))) ? rg.text(f) : '',
      graph: !!q('[data-testid="cypherFrameSidebarVisualization"]'),
      styleFrame: !!q('[data-testid="exportGraSSButton"]'),
      nodes: nodes.map(g => Array.from(g.querySelectorAll('text')).map(t => t.textContent.trim()).filter(Boolean).join(' ')),
      fills: [...new Set(Array.from(f.querySelectorAll('svg g.node circle')).map(c => (c.getAttribute('fill') || '').toUpperCase()).filter(Boolean))],
      positions: nodes.map(g => g.getAttribute('transform') || '').join(';'),
      text: rg.text(f),
    };
  },
  crashed: () => /can't recover/.test(rg.text(document.body)) ? rg.text(document.body).split('\n').find(l => /went wrong/.test(l)) || 'the application cannot recover' : '',
  state() {
    const pw = document.querySelector('[data-testid="password"]');
    const connect = rg.frames().filter(f => /^:server connect/.test(rg.text(f.querySelector('[data-testid="frameCommand"]'))));
    return {
      connected: rg.frames().some(f => /You are connected as user/.test(rg.text(f))),
      password: !!pw && pw.offsetParent !== null,
      connectText: connect.map(rg.text).join('\n---\n'),
      crashed: rg.crashed(),
    };
  },
};
`

func (b *browser) eval(expr string, out any) error {
	return chromedp.Run(b.ctx, chromedp.Evaluate("(() => {"+js+"return ("+expr+");\n})()", out))
}

// wait polls cond until it returns true or an error, or until timeout.
func (b *browser) wait(timeout time.Duration, cond func() (bool, error)) (bool, error) {
	deadline := time.Now().Add(timeout)
	for {
		ok, err := cond()
		if ok || err != nil {
			return ok, err
		}
		if time.Now().After(deadline) {
			return false, nil
		}
		select {
		case <-b.ctx.Done():
			return false, b.ctx.Err()
		case <-time.After(poll):
		}
	}
}

type connState struct {
	Connected   bool   `json:"connected"`
	Password    bool   `json:"password"`
	ConnectText string `json:"connectText"`
	Crashed     string `json:"crashed"`
}

// connect opens Browser with the connect URL of s, types the password and
// connects. The connect form can render before the app has finished
// starting and lose what was typed, so it tries up to three times, each
// from a fresh page load.
func (b *browser) connect(t *testing.T, browserURL string, s neo4jtest.Server) {
	t.Helper()
	bolt, err := url.Parse(s.URI)
	if err != nil {
		t.Fatal(err)
	}
	bolt.User = url.User(s.Username)
	page := browserURL + "?connectURL=" + url.QueryEscape(bolt.String())
	var st connState
	for attempt := 1; attempt <= 3; attempt++ {
		start := time.Now()
		if err := chromedp.Run(b.ctx, chromedp.Navigate(page)); err != nil {
			t.Fatalf("opening %s: %v", page, err)
		}
		ok, err := b.wait(bootTimeout, func() (bool, error) {
			err := b.eval(`rg.state()`, &st)
			return st.Connected || st.Password || st.Crashed != "", err
		})
		if err != nil {
			t.Fatalf("Browser at %s: %v", page, err)
		}
		if !ok {
			t.Fatalf("Browser at %s showed neither a connect form nor a connection within %v", page, bootTimeout)
		}
		t.Logf("Browser booted in %.1fs (attempt %d)", time.Since(start).Seconds(), attempt)
		if st.Crashed != "" {
			t.Fatalf("Browser crashed at start: %s", st.Crashed)
		}
		if st.Connected {
			return
		}
		time.Sleep(time.Second) // let the form settle
		err = chromedp.Run(b.ctx,
			chromedp.SendKeys(`[data-testid="password"]`, s.Password, chromedp.ByQuery),
			chromedp.Click(`[data-testid="connect"]`, chromedp.ByQuery),
		)
		if err != nil {
			t.Fatalf("typing the password: %v", err)
		}
		start = time.Now()
		ok, err = b.wait(connectTimeout, func() (bool, error) {
			err := b.eval(`rg.state()`, &st)
			return st.Connected || st.Crashed != "" || connectErrorRe.MatchString(st.ConnectText), err
		})
		if err != nil {
			t.Fatal(err)
		}
		if st.Crashed != "" {
			t.Fatalf("Browser crashed while connecting: %s", st.Crashed)
		}
		if ok && st.Connected {
			t.Logf("connected to %s as %s in %.1fs", s.URI, s.Username, time.Since(start).Seconds())
			return
		}
		// The server refused: trying again would only trip its limit on
		// failed logins.
		if e := connectErrorRe.FindString(st.ConnectText); e != "" {
			b.screenshotPage(t, filepath.Join(b.artifacts, "failed-connect.png"))
			t.Fatalf("Browser could not connect to %s as %s: %s", s.URI, s.Username, e)
		}
		t.Logf("attempt %d: not connected after %v; the connect frame says:\n%s", attempt, connectTimeout, st.ConnectText)
	}
	b.screenshotPage(t, filepath.Join(b.artifacts, "failed-connect.png"))
	t.Fatalf("could not connect Browser to %s as %s; the connect frame says:\n%s", s.URI, s.Username, st.ConnectText)
}

// dismissBanner closes the product-usage banner, if it shows, so that
// screenshots show the results.
func (b *browser) dismissBanner() {
	var closed bool
	b.eval(`(() => {
  const d = Array.from(document.querySelectorAll('[data-testid="main"] div')).find(d => Array.from(d.children).some(c => c.tagName === 'SPAN' && rg.text(c).startsWith('To help make Neo4j Browser better')));
  const x = d && d.lastElementChild;
  if (x) x.click();
  return !!x;
})()`, &closed)
	if closed {
		time.Sleep(300 * time.Millisecond) // the re-render
	}
}

type frame struct {
	ID         string   `json:"id"`
	Command    string   `json:"command"`
	Loaded     bool     `json:"loaded"`
	Spinner    bool     `json:"spinner"`
	Error      string   `json:"error"`
	Graph      bool     `json:"graph"`
	StyleFrame bool     `json:"styleFrame"`
	Nodes      []string `json:"nodes"`
	Fills      []string `json:"fills"`
	Positions  string   `json:"positions"`
	Text       string   `json:"text"`
}

// run types cmd into the editor, runs it and waits for its frame to show
// a result or an error. :clear makes no frame and is given a moment.
func (b *browser) run(t *testing.T, cmd string) frame {
	t.Helper()
	b.n++
	id := fmt.Sprint(b.n)
	var ignored bool
	err := b.eval(`(rg.frames().forEach(f => f.setAttribute('data-relgraph-seen', '1')), true)`, &ignored)
	if err == nil {
		err = chromedp.Run(b.ctx,
			chromedp.Click(`[data-testid="activeEditor"]`, chromedp.ByQuery),
			chromedp.ActionFunc(func(ctx context.Context) error { return input.InsertText(cmd).Do(ctx) }),
			chromedp.Click(`[data-testid="editor-Run"]`, chromedp.ByQuery),
		)
	}
	if err != nil {
		t.Fatalf("running %s: %v", short(cmd), err)
	}
	if cmd == ":clear" {
		b.wait(10*time.Second, func() (bool, error) {
			var n int
			err := b.eval(`rg.frames().length`, &n)
			return n == 0, err
		})
		return frame{}
	}
	var f frame
	start := time.Now()
	ok, err := b.wait(queryTimeout, func() (bool, error) {
		var c struct {
			Frame   *frame `json:"frame"`
			Crashed string `json:"crashed"`
		}
		err := b.eval(`(() => {
  const f = rg.frames().find(f => !f.hasAttribute('data-relgraph-seen'));
  if (f) f.setAttribute('data-relgraph-frame', `+"`"+id+"`"+`);
  return {frame: rg.info(f), crashed: rg.crashed()};
})()`, &c)
		if err != nil {
			return false, err
		}
		if c.Crashed != "" {
			return false, fmt.Errorf("Browser crashed: %s", c.Crashed)
		}
		if c.Frame == nil {
			return false, nil
		}
		f = *c.Frame
		return f.Error != "" || f.StyleFrame || (f.Loaded && !f.Spinner), nil
	})
	if err != nil {
		t.Fatalf("%s: %v", short(cmd), err)
	}
	if !ok {
		b.screenshotPage(t, filepath.Join(b.artifacts, "failed-"+id+".png"))
		t.Fatalf("%s: no result within %v; the frame says:\n%s", short(cmd), queryTimeout, f.Text)
	}
	t.Logf("%s: frame in %.1fs", short(cmd), time.Since(start).Seconds())
	// Read the frame again once React has had a moment: the view (graph
	// or table) is chosen as the result arrives.
	time.Sleep(500 * time.Millisecond)
	var again frame
	if err := b.eval(`rg.info(document.querySelector('[data-relgraph-frame="`+id+`"]'))`, &again); err == nil && again.ID == id {
		f = again
	}
	return f
}

// settle waits for the graph of frame id to have nodes and to stop
// moving, and returns the frame. A layout still moving at the deadline is
// logged, not failed.
func (b *browser) settle(t *testing.T, id string) frame {
	t.Helper()
	var f, last frame
	stable := 0
	ok, err := b.wait(settleTimeout, func() (bool, error) {
		err := b.eval(`rg.info(document.querySelector('[data-relgraph-frame="`+id+`"]'))`, &f)
		if err != nil {
			return false, err
		}
		if len(f.Nodes) > 0 && f.Positions == last.Positions {
			stable++
		} else {
			stable = 0
		}
		last = f
		return stable >= 4, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if !ok {
		t.Logf("frame %s: the layout was still moving after %v", id, settleTimeout)
	}
	return f
}

func (b *browser) crashed() string {
	var s string
	b.eval(`rg.crashed()`, &s)
	return s
}

// screenshotFull saves a PNG of frame id in fullscreen, zoomed to fit,
// and returns the frame to its place.
func (b *browser) screenshotFull(t *testing.T, id, path string) {
	t.Helper()
	sel := `[data-relgraph-frame="` + id + `"] button[title="Fullscreen"]`
	if err := chromedp.Run(b.ctx, chromedp.Click(sel, chromedp.ByQuery)); err != nil {
		t.Logf("fullscreen of frame %s: %v", id, err)
		return
	}
	b.settle(t, id)
	// Fullscreen keeps the scale; zoom to fit makes the graph fill it.
	fit := `[data-relgraph-frame="` + id + `"] button[aria-label="zoom-to-fit"]`
	if err := chromedp.Run(b.ctx, chromedp.Click(fit, chromedp.ByQuery), chromedp.Sleep(2*time.Second)); err != nil {
		t.Logf("zoom to fit in frame %s: %v", id, err)
	}
	b.screenshotPage(t, path)
	sel = `[data-relgraph-frame="` + id + `"] button[title="Close fullscreen"]`
	if err := chromedp.Run(b.ctx, chromedp.Click(sel, chromedp.ByQuery)); err != nil {
		t.Fatalf("closing the fullscreen frame %s: %v", id, err)
	}
}

// screenshot saves a PNG of frame id; a failed screenshot is logged only.
func (b *browser) screenshot(t *testing.T, id, path string) {
	t.Helper()
	var png []byte
	if err := chromedp.Run(b.ctx, chromedp.Screenshot(`[data-relgraph-frame="`+id+`"]`, &png, chromedp.ByQuery)); err != nil {
		t.Logf("screenshot of frame %s: %v", id, err)
		return
	}
	b.save(t, path, png)
}

// screenshotPage saves a PNG of what the window shows.
func (b *browser) screenshotPage(t *testing.T, path string) {
	t.Helper()
	b.dismissBanner()
	var png []byte
	if err := chromedp.Run(b.ctx, chromedp.CaptureScreenshot(&png)); err != nil {
		t.Logf("screenshot: %v", err)
		return
	}
	b.save(t, path, png)
}

func (b *browser) save(t *testing.T, path string, png []byte) {
	t.Helper()
	if err := os.WriteFile(path, png, 0o644); err != nil {
		t.Errorf("saving %s: %v", path, err)
		return
	}
	t.Logf("saved %s", path)
}

func short(s string) string {
	if len(s) > 60 {
		return s[:57] + "..."
	}
	return s
}
