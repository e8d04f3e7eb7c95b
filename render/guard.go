package render

import (
	"errors"
	"fmt"
)

// Graphviz's time and memory grow much faster than the graph (see
// BENCHMARKS.md, "Render size guard"): on generated graphs, dot takes 4 s
// for 100 nodes and 300 relations and does not finish 200 nodes and 520
// relations in a minute; native sfdp with spline routing takes 23 s for
// those, and 0.3 s with straight lines. So the engine and the edge routing are
// chosen by size, and a drawing larger than its engine lays out in
// seconds stops before layout with a message saying what to do.

// engineLimit is the largest drawing an engine is asked to lay out.
type engineLimit struct{ nodes, edges int }

// Measured in-process on generated graphs (2 cores): dot 4 s at 100
// nodes and 300 relations; sfdp with straight lines 2 s at 150 nodes and
// 354 relations, 10 s at 250 and 720, 42 s at 500 and 1,700 (native sfdp
// takes 1.3 s for that: the WebAssembly build is far slower there).
var engineLimits = map[string]engineLimit{
	"dot":   {150, 450},
	"neato": {200, 600},
	"fdp":   {200, 600},
	"circo": {200, 600},
	"twopi": {200, 600},
	"sfdp":  {300, 1000},
}

// dotAutoNodes and dotAutoEdges bound the drawings for which dot is chosen
// when no engine is named; larger ones get sfdp.
const (
	dotAutoNodes = 100
	dotAutoEdges = 300
)

// splineNodes is the size above which edges are drawn as straight lines
// by the force engines: routing splines around nodes costs more than the
// layout itself.
const splineNodes = 100

// maxTimelineItems bounds a timeline: each item is a box of its own row.
const maxTimelineItems = 200

// ErrTooLarge is matched (errors.Is) by the error of a drawing too large
// to lay out in bounded time and memory.
var ErrTooLarge = errors.New("render: too large to draw")

type tooLargeError struct{ msg string }

func (e tooLargeError) Error() string        { return e.msg }
func (e tooLargeError) Is(target error) bool { return target == ErrTooLarge }

// autoEngine returns the engine for a drawing of n nodes and m edges.
func autoEngine(n, m int) string {
	if n <= dotAutoNodes && m <= dotAutoEdges {
		return "dot"
	}
	return "sfdp"
}

// splines returns the Graphviz splines value for a drawing of n nodes.
func splines(engine string, n int) string {
	if engine != "dot" && n > splineNodes {
		return "line"
	}
	return "true"
}

// checkSize fails when what d draws is more than its engine lays out in
// bounded time.
func checkSize(engine string, nodes, edges int) error {
	l, ok := engineLimits[engine]
	if !ok || nodes <= l.nodes && edges <= l.edges {
		return nil
	}
	return tooLargeError{fmt.Sprintf("render: %s and %s are more than the %s layout draws in bounded time "+
		"(at most %d nodes and %d relations): draw fewer with --max-nodes %d, or around one node with --focus NAME --depth 1, "+
		"leave --detail full for the overview, or explore everything in the interactive view (--format html)",
		plural(nodes, "node", "nodes"), plural(edges, "relation", "relations"), engine, l.nodes, l.edges, l.nodes)}
}

// checkTimeline fails when a timeline has more items than it draws.
func checkTimeline(items int) error {
	if items <= maxTimelineItems {
		return nil
	}
	return tooLargeError{fmt.Sprintf("render: the timeline has %d dated items, more than the %d it draws in bounded time: "+
		"narrow it with --since/--until, --types, --focus NAME or --max-nodes, or explore everything in the interactive view (--format html)",
		items, maxTimelineItems)}
}

// drawnSize returns the nodes and edges a diagram hands to Graphviz.
func drawnSize(d *diagram) (nodes, edges int) {
	nodes, edges = len(d.g.Nodes), len(d.g.Edges)
	if d.o.ShowSources {
		nodes += len(d.sources)
		for _, s := range d.sources {
			edges += len(d.cited[s.ID])
		}
	}
	return
}
