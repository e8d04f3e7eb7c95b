// Package view writes a graph as one self-contained HTML page to explore
// it in a browser without a database, a server or a network: the command
// behind "relgraph view" and "relgraph render --format html".
//
// The page draws the graph with Cytoscape.js, coloured and shaped by kind
// with the palette of package render (and of the Neo4j Browser style sheet
// of package export), alleged, speculated and denied relations drawn as in
// the diagrams. A reader can search names and aliases (folded as
// [graph.Key] folds them for the merge), click a node or a relation to
// read its properties, every value where the sources disagree, its status,
// dates and each citation with the source's title, outlet, date and quote,
// and filter by kind, status, source and date, or show only allegations
// with who alleges and who denies.
//
// # Self-contained and safe
//
// Cytoscape.js is vendored in assets/ (version [CytoscapeVersion], MIT
// licence in assets/cytoscape.LICENSE, see assets/README.md) and inlined
// with the page's own script and style sheet. The data is inlined as JSON
// in a script element of type application/json, escaped by encoding/json
// so that no string can close the element, and shown only as text. The
// page's Content-Security-Policy allows its two scripts by hash and no
// request of any kind. The file contains no "http:" or "https:" at all.
//
// # Size
//
// Node positions are computed in Go (gonum's Eades layout), so the page
// draws at once and the same graph gives the same file. A page is meant
// for up to [MaxNodes] nodes; the command cuts larger selections to the
// most connected nodes, as render's --max-nodes does, and says so.
package view
