package main

import (
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/relgraph/relgraph/graph"
	"github.com/relgraph/relgraph/render"
	"github.com/relgraph/relgraph/view"
	"github.com/urfave/cli/v2"
)

func init() { extraCommands = append(extraCommands, viewCommand) }

// htmlFormat is render's --format html: the interactive page of package
// view. It is not a render.Format (render draws with Graphviz); the
// render command hands it to writeView.
const htmlFormat render.Format = "html"

// viewCommand is "render --format html" under its own name. It takes
// render's flags, but for those about Graphviz drawing.
var viewCommand = &cli.Command{
	Name:      "view",
	Usage:     "write one self-contained HTML page to explore the graph in a browser, offline",
	ArgsUsage: "[FILE|DIR|-]...",
	Description: `Writes the graph, or the part the selection flags keep, as one HTML file that
opens from disk with no server and no network: the graph coloured and shaped by
kind as in the diagrams; a search box for names and aliases; a panel with each
node's and relation's properties, status, dates and the quotes of its sources;
filters by kind, status, source and date; and a switch to see only allegations,
with who alleges and who denies. Same as render --format html.

A page holds at most ` + fmt.Sprint(view.MaxNodes) + ` nodes (it stays quick to pan, zoom and search up
to there); a larger selection is cut to the most connected nodes, with a
warning, unless --max-nodes says otherwise.

Example:
   relgraph view -o graph.html
   relgraph view --focus "Kim Jong Un" --depth 2 -o kim.html
   relgraph view --source 000_e135d90bb63d3935.txt -o article.html`,
	Flags:  viewFlags(),
	Action: renderAction,
}

// viewFlags are render's flags without those about Graphviz drawing,
// and a hidden --format fixed to html, which renderAction reads.
func viewFlags() []cli.Flag {
	drawing := map[string]bool{"format": true, "theme": true, "layout": true, "rankdir": true, "cluster-by": true,
		"show-sources": true, "no-legend": true, "scale": true}
	var out []cli.Flag
	for _, f := range renderCommand.Flags {
		if !drawing[f.Names()[0]] {
			out = append(out, f)
		}
	}
	return append(out, &cli.StringFlag{Name: "format", Value: string(htmlFormat), Hidden: true})
}

// htmlFormatOf reports whether --format or the extension of out asks for
// the HTML page.
func htmlFormatOf(out, flag string) bool {
	if flag != "" {
		return strings.EqualFold(flag, string(htmlFormat))
	}
	ext := strings.ToLower(filepath.Ext(out))
	return ext == ".html" || ext == ".htm"
}

// viewSelection applies the page's node cap when the user set none.
func viewSelection(format render.Format, sel graph.Selection) graph.Selection {
	if format == htmlFormat && sel.MaxNodes == 0 {
		sel.MaxNodes = view.MaxNodes
	}
	return sel
}

// writeView writes the page of part to w.
func writeView(w io.Writer, part *graph.Graph, title string) error {
	return view.Write(w, part, view.Options{Title: title})
}
