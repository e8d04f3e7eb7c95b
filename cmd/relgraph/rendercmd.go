package main

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/relgraph/relgraph/graph"
	"github.com/relgraph/relgraph/internal/atomicfile"
	"github.com/relgraph/relgraph/render"
	"github.com/urfave/cli/v2"
)

func init() { extraCommands = append(extraCommands, renderCommand) }

var renderCommand = &cli.Command{
	Name:      "render",
	Usage:     "draw the graph, or part of it, as DOT, SVG or PNG for reports and web pages",
	ArgsUsage: "[FILE|DIR|-]...",
	Description: `Draws the graph with a legend, a title and a caption citing the sources, laid
out in-process by Graphviz (no system Graphviz needed). The format comes from
the extension of -o, or --format. Output goes to a temporary file renamed into
place: a failed run leaves no partial file.

Each kind has its own shape and colour; alleged relations are dashed blue,
denials vermilion with a tee arrowhead. Tooltips list every element's sources.

Example:
   relgraph render -o diagram.svg
   relgraph render --cluster-by state --theme mono -o print.svg extractions/
   relgraph render --focus "Kim Jong Un" --depth 2 --rankdir TB -o kim.png
   relgraph render --types ALLEGES,DENIES,CONFIRMS,ACCUSES -o allegations.svg
   relgraph render --source 000_e135d90bb63d3935.txt --show-sources -o article.svg
   relgraph render --format dot -o - | dot -Tpdf > diagram.pdf`,
	Flags: append(inputFlags(),
		&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Value: "-", Usage: "output `FILE`, or - for stdout"},
		&cli.StringFlag{Name: "format", Aliases: []string{"f"}, Usage: "`FORMAT`: dot, svg, png, pdf or html (default: from the extension of -o, else svg)"},
		&cli.StringFlag{Name: "title", Category: "Drawing", Usage: "diagram `TITLE` (default: describes the selection)"},
		&cli.StringFlag{Name: "theme", Category: "Drawing", Value: "print", Usage: "`THEME`: " + strings.Join(render.Themes(), ", ")},
		&cli.StringFlag{Name: "layout", Category: "Drawing", Usage: "Graphviz `ENGINE`: " + strings.Join(render.Layouts, ", ") + " (default: dot, neato for an overview)"},
		&cli.StringFlag{Name: "rankdir", Category: "Drawing", Value: "LR", Usage: "`DIRECTION` of the dot layout: " + strings.Join(render.RankDirs, ", ")},
		&cli.StringFlag{Name: "cluster-by", Category: "Drawing", Usage: "`MODE`: state draws people, agencies and places inside their state's box"},
		&cli.BoolFlag{Name: "show-sources", Category: "Drawing", Usage: "draw the articles as nodes linked to what they state"},
		&cli.BoolFlag{Name: "no-legend", Category: "Drawing", Usage: "leave out the legend"},
		&cli.Float64Flag{Name: "scale", Category: "Drawing", Usage: "PNG size `FACTOR` in pixels per point (default: 2, i.e. 144 dpi, less for very large diagrams)"},
		&cli.IntFlag{Name: "dpi", Category: "Drawing", Usage: "PNG resolution in dots per inch of the printed size, e.g. 150 or 300 with --page (sets --scale to DPI/72)"},
		&cli.StringFlag{Name: "view", Category: "Drawing", Value: "graph", Usage: "`VIEW`: graph (nodes and relations) or timeline (dated events and relations on a month axis)"},
		&cli.StringFlag{Name: "detail", Category: "Drawing", Value: "auto", Usage: "`DETAIL`: auto (an overview above 24 nodes), overview, or full (every node and relation)"},
		&cli.StringFlag{Name: "page", Category: "Drawing", Value: "none", Usage: "fit the drawing to a `PAPER` size: a4, letter, a3 or none (landscape unless --portrait)"},
		&cli.BoolFlag{Name: "portrait", Category: "Drawing", Usage: "with --page, fit a portrait page"},
		&cli.StringFlag{Name: "focus", Category: "Selection", Usage: "draw the neighbourhood of `NAME` (id, name or alias)"},
		&cli.IntFlag{Name: "depth", Category: "Selection", Value: 1, Usage: "with --focus, keep nodes up to `N` relations away"},
		&cli.StringSliceFlag{Name: "kinds", Category: "Selection", Usage: "keep nodes of these `KINDS` (comma-separated or repeated)"},
		&cli.StringSliceFlag{Name: "types", Category: "Selection", Usage: "keep relations of these `TYPES`"},
		&cli.StringFlag{Name: "since", Category: "Selection", Usage: "keep relations dated from `DATE` on (YYYY, YYYY-MM or YYYY-MM-DD)"},
		&cli.StringFlag{Name: "until", Category: "Selection", Usage: "keep relations dated up to `DATE`"},
		&cli.StringFlag{Name: "source", Category: "Selection", Usage: "keep only what one article says, by source id or `FILE` name"},
		&cli.IntFlag{Name: "max-nodes", Category: "Selection", Usage: "keep the `N` most connected nodes (says so on stderr when it cuts)"},
	),
	Action: renderAction,
}

func renderAction(c *cli.Context) error {
	out := c.String("output")
	format, err := renderFormat(out, c.String("format"))
	if err != nil {
		return err
	}
	opts := render.Options{
		Title:       c.String("title"),
		Theme:       c.String("theme"),
		Layout:      c.String("layout"),
		RankDir:     c.String("rankdir"),
		ClusterBy:   c.String("cluster-by"),
		ShowSources: c.Bool("show-sources"),
		NoLegend:    c.Bool("no-legend"),
		Scale:       c.Float64("scale"),
		View:        c.String("view"),
		Detail:      c.String("detail"),
		Page:        c.String("page"),
		Portrait:    c.Bool("portrait"),
	}
	if dpi := c.Int("dpi"); dpi != 0 {
		if c.IsSet("scale") {
			return usagef("render: give --dpi or --scale, not both")
		}
		if dpi < 18 || dpi > 576 {
			return usagef("render: --dpi %d is outside 18 to 576", dpi)
		}
		opts.Scale = float64(dpi) / 72
	}
	if err := opts.Check(); err != nil {
		return usageError{err}
	}
	sel := graph.Selection{
		Focus:    c.String("focus"),
		Depth:    c.Int("depth"),
		Kinds:    splitList(c.StringSlice("kinds")),
		Types:    splitList(c.StringSlice("types")),
		Since:    c.String("since"),
		Until:    c.String("until"),
		Source:   c.String("source"),
		MaxNodes: c.Int("max-nodes"),
	}
	if sel.Depth < 1 {
		return usagef("render: --depth must be at least 1")
	}
	for _, d := range []struct{ flag, v string }{{"since", sel.Since}, {"until", sel.Until}} {
		if d.v != "" {
			if err := graph.CheckDate(d.v); err != nil {
				return usagef("render: --%s: %v", d.flag, err)
			}
		}
	}
	if sel.MaxNodes < 0 {
		return usagef("render: --max-nodes must be positive")
	}
	if err := checkDiffStdin(c); err != nil {
		return err
	}
	sel = viewSelection(format, sel)
	g, err := readInput(c, c.Args().Slice())
	if err != nil {
		return err
	}
	if g, err = diffForRender(c, g, &opts); err != nil { // --diff OLD, in diffcmd.go
		return err
	}
	if err := checkNames("kind", sel.Kinds, g.Schema.KindNames()); err != nil {
		return err
	}
	if err := checkNames("relation type", sel.Types, g.Schema.TypeNames()); err != nil {
		return err
	}
	part, info, err := graph.Select(g, sel)
	if err != nil {
		if errors.Is(err, graph.ErrEmpty) {
			return fmt.Errorf("render: nothing to draw: the selection leaves no nodes")
		}
		return err
	}
	if info.Cut > 0 {
		fmt.Fprintf(c.App.ErrWriter, "relgraph: render: --max-nodes %d: drew the %d most connected nodes, left out %d\n",
			sel.MaxNodes, len(part.Nodes), info.Cut)
	}
	if opts.Title == "" {
		opts.Title = defaultTitle(part, sel, info)
		if opts.View == "timeline" {
			opts.Title = strings.Replace(opts.Title, "Relations reported in the sources", "Dated events and relations in the sources", 1)
			if !strings.HasPrefix(opts.Title, "Dated") {
				opts.Title = "Timeline · " + opts.Title
			}
		}
	}
	defer removeTemporariesOnSignal(c.App.ErrWriter)()
	opts.Keep, opts.Since, opts.Until = info.FocusID, sel.Since, sel.Until
	err = atomicfile.WriteFile(out, c.App.Writer, func(w io.Writer) error {
		if format == htmlFormat {
			return writeView(w, part, opts.Title)
		}
		return render.Write(w, part, format, opts)
	})
	if err != nil {
		if strings.HasPrefix(err.Error(), "atomicfile:") {
			return withCode(exitOutput, err)
		}
		return err
	}
	if out != "-" {
		fmt.Fprintf(c.App.ErrWriter, "relgraph: wrote %s (%s): %d nodes, %d relations, %d sources\n",
			out, format, len(part.Nodes), len(part.Edges), len(part.Sources))
	}
	return nil
}

// renderFormat picks the format from --format, else from the extension.
func renderFormat(out, flag string) (render.Format, error) {
	if htmlFormatOf(out, flag) {
		return htmlFormat, nil
	}
	if flag != "" {
		f, err := render.ParseFormat(flag)
		if err != nil {
			return "", usagef("render: unknown --format %q (dot, svg, png or pdf)", flag)
		}
		return f, nil
	}
	if f, ok := render.FormatOf(out); ok {
		return f, nil
	}
	if out == "-" {
		return render.SVG, nil
	}
	return "", usagef("render: cannot tell the format of %q from its extension: use .dot, .svg, .png or .pdf, or --format", out)
}

// splitList accepts both --kinds A,B and --kinds A --kinds B.
func splitList(vs []string) []string {
	var out []string
	for _, v := range vs {
		for _, s := range strings.Split(v, ",") {
			if s = strings.TrimSpace(s); s != "" {
				out = append(out, s)
			}
		}
	}
	return out
}

func checkNames(what string, got, known []string) error {
	for _, s := range got {
		found := false
		for _, k := range known {
			if k == s {
				found = true
				break
			}
		}
		if !found {
			hint := ""
			if m := graph.Suggest(s, known); len(m) > 0 {
				hint = fmt.Sprintf(" (did you mean %s?)", strings.Join(m, " or "))
			}
			return usagef("render: unknown %s %q%s", what, s, hint)
		}
	}
	return nil
}

// defaultTitle describes what was drawn.
func defaultTitle(g *graph.Graph, sel graph.Selection, info graph.Selected) string {
	var parts []string
	if sel.Focus != "" {
		name := info.FocusID
		if n := g.Node(info.FocusID); n != nil {
			name = n.Name
		}
		parts = append(parts, fmt.Sprintf("Around %s", name))
	}
	if sel.Source != "" {
		parts = append(parts, "What "+sel.Source+" says")
	}
	if len(sel.Types) > 0 {
		parts = append(parts, strings.Join(sel.Types, ", "))
	}
	if sel.Since != "" || sel.Until != "" {
		parts = append(parts, strings.TrimSpace(sel.Since+" – "+sel.Until))
	}
	if len(parts) == 0 {
		return "Relations reported in the sources"
	}
	return strings.Join(parts, " · ")
}
