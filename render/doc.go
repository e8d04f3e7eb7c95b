// Package render draws a [graph.Graph] as a diagram that a report can embed:
// DOT written by our own streaming encoder, laid out and rendered to SVG or
// PNG in-process by Graphviz compiled to WebAssembly
// (github.com/goccy/go-graphviz), so no system Graphviz is needed.
//
// # Use
//
//	err := render.Write(w, g, render.SVG, render.Options{Title: "Russia–North Korea"})
//
// [Write] selects nothing: pass it the part of the graph to draw (see
// graph.Select). [NewDOT] gives the DOT alone.
//
// # Visual language
//
// Each node kind has a shape and a colour from the Okabe–Ito palette, which
// readers with colour-vision deficiencies can tell apart; [Kinds] and
// [KindStyle] export it so that other outputs (the Neo4j Browser style)
// use the same colours. Reported facts are solid dark lines; alleged and
// speculated relations are dashed or dotted blue; denied relations and
// DENIES edges are vermilion, bold, with a tee ("⊣") arrowhead and the word
// DENIED or DENIES in the label, so a denial reads as one even in greyscale.
// A legend, the title and a caption citing the sources drawn sit under the
// diagram. [Themes] lists the themes: "print" (the default: white
// background, dark text), "dark" and "mono" (greyscale print; kinds differ
// by shape and grey level).
//
// # Output
//
// The same graph and options give byte-identical DOT and SVG. The SVG is
// post-processed (see svg.go) to carry an accessible <title> and <desc>, a
// viewBox, and font families that cover Latin, Cyrillic and Hangul; every
// user string in it is XML-escaped text, never markup. PNG is painted by
// this package from Graphviz's JSON layout (see png.go) with Noto Sans CJK,
// found on the system or named by $RELGRAPH_FONT.
//
// # Concurrency
//
// The Graphviz module is not safe for concurrent use and is costly to
// create: one instance is made lazily per process and every call into it is
// serialized. It is always called with context.Background(), because a
// cancelled context leaves the module unusable for the rest of the process.
package render
