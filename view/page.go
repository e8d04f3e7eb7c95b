package view

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	_ "embed"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"html"
	"io"
	"regexp"
	"strings"
	"sync"

	"github.com/relgraph/relgraph/graph"
)

// MaxNodes is the most nodes a page holds unless the caller asks for more:
// at 5,000 nodes and 20,000 relations panning, zooming and searching stay
// under a second in Chromium on a laptop; past that they lag. The command
// cuts a larger selection to the most connected nodes, with a warning.
const MaxNodes = 5000

// Options say how to write the page.
type Options struct {
	Title string // the page's title and heading; default "relgraph"
}

//go:embed assets/cytoscape.min.js
var cytoscapeJS []byte

//go:embed assets/view.js
var viewJS string

//go:embed assets/view.css
var viewCSS string

// CytoscapeVersion is the version of the vendored Cytoscape.js.
const CytoscapeVersion = "3.35.0"

// Write writes g as one self-contained HTML page to w. The page loads
// nothing: the library, the style, the script and the data are inlined,
// and its Content-Security-Policy forbids any other script or request.
// The same graph and options always give the same bytes.
func Write(w io.Writer, g *graph.Graph, o Options) error {
	if o.Title == "" {
		o.Title = "relgraph"
	}
	data, err := marshalData(newPage(g, o.Title))
	if err != nil {
		return err
	}
	lib := library()
	bw := bufio.NewWriter(w)
	// The title's addresses lose nothing but become text with no URL in
	// it, as in the data.
	title := schemeRe.ReplaceAllString(html.EscapeString(o.Title), "${1}&#58;")
	fmt.Fprintf(bw, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
	// Only the two inlined scripts may run, by hash: a name that slipped
	// past the escaping could still not run a script or an event handler.
	fmt.Fprintf(bw, "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; script-src %s %s; style-src 'unsafe-inline'; img-src data: blob:; base-uri 'none'; form-action 'none'\">\n",
		scriptHash(lib), scriptHash(viewJS))
	fmt.Fprintf(bw, "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
	fmt.Fprintf(bw, "<meta name=\"generator\" content=\"relgraph view, Cytoscape.js %s (MIT licence: see the comment at the top of its script)\">\n", CytoscapeVersion)
	fmt.Fprintf(bw, "<title>%s</title>\n<style>\n%s</style>\n</head>\n<body>\n", title, viewCSS)
	bw.WriteString(body)
	// The data is JSON in a script element the browser does not run.
	// encoding/json escapes <, > and & (and U+2028, U+2029), so no string
	// can close the element or open a comment.
	fmt.Fprintf(bw, "<script type=\"application/json\" id=\"relgraph-data\">%s</script>\n", data)
	fmt.Fprintf(bw, "<script>%s</script>\n<script>%s</script>\n</body>\n</html>\n", lib, viewJS)
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("view: %w", err)
	}
	return nil
}

// schemeRe matches a URL scheme the page must not contain.
var schemeRe = regexp.MustCompile(`(?i)(https?):`)

// marshalData encodes the page data. Besides encoding/json's escaping, the
// colon of "http:" and "https:" is written \u003a: the data may quote
// addresses (a source's URL), which the page shows as text, and the file
// then holds no URL at all, as a plain search for one can confirm.
func marshalData(p *page) ([]byte, error) {
	b, err := json.Marshal(p)
	if err != nil {
		return nil, fmt.Errorf("view: %w", err)
	}
	// Outside strings JSON has no letters but true, false and null, and
	// no escape sequence ends in "http" or "https", so this rewrites only
	// string contents, and only to an equal string.
	return schemeRe.ReplaceAll(b, []byte(`${1}\u003a`)), nil
}

var (
	libOnce sync.Once
	libText string
)

// library returns Cytoscape.js as vendored, with the scheme taken off the
// addresses in its licence comments (of the library and of the code it
// bundles), so that the page holds no URL. The notices stay otherwise
// whole, as the MIT licence asks. Nothing outside comments contains one:
// the library makes no requests.
func library() string {
	libOnce.Do(func() {
		b := cytoscapeJS
		var out bytes.Buffer
		for {
			i := bytes.Index(b, []byte("/*"))
			if i < 0 {
				out.Write(b)
				break
			}
			j := bytes.Index(b[i:], []byte("*/"))
			if j < 0 {
				panic("view: unterminated comment in the vendored Cytoscape.js")
			}
			out.Write(b[:i])
			out.Write(urlInComment.ReplaceAll(b[i:i+j], []byte("$2")))
			b = b[i+j:]
		}
		libText = out.String()
		if schemeRe.MatchString(libText) {
			panic("view: the vendored Cytoscape.js holds an address outside its comments")
		}
		if strings.Contains(strings.ToLower(libText), "</script") {
			panic("view: the vendored Cytoscape.js contains </script")
		}
	})
	return libText
}

// urlInComment is an address in a comment, without its scheme in $2.
var urlInComment = regexp.MustCompile(`(?i)(https?://)([^\s)*]+)`)

func scriptHash(s string) string {
	h := sha256.Sum256([]byte(s))
	return "'sha256-" + base64.StdEncoding.EncodeToString(h[:]) + "'"
}

// body is the page's markup; the script fills it from the data.
const body = `<header>
<h1 id="title"></h1>
<div id="search"><input id="q" type="search" placeholder="Find a name or alias" aria-label="Find a name or alias" autocomplete="off" spellcheck="false"><ul id="results" role="listbox"></ul></div>
<span id="count" aria-live="polite"></span>
</header>
<main>
<aside id="filters" aria-label="Legend and filters">
<section><h2>Kinds</h2><div id="kinds"></div></section>
<section><h2>Relations by status</h2><div id="statuses"></div></section>
<section><h2>Sources</h2><div id="sources"></div></section>
<section><h2>Dates</h2><div id="dates"><label>from <input id="since" placeholder="YYYY-MM-DD" size="10"></label> <label>to <input id="until" placeholder="YYYY-MM-DD" size="10"></label></div></section>
<section><label class="toggle"><input type="checkbox" id="allegations"> Only allegations: who alleges, who denies</label></section>
<section><button type="button" id="reset">Show everything</button></section>
</aside>
<div id="cy" aria-label="Graph"></div>
<aside id="panel" aria-live="polite"><p class="hint">Click a node or a relation to see its kind, properties, status, dates and the quotes that state it. Scroll to zoom, drag to pan.</p></aside>
</main>
<noscript><p>This page needs JavaScript to draw the graph.</p></noscript>
`
