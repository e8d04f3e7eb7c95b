// Package export writes a [graph.Graph] in the formats other tools read.
//
// Each format registers itself by name from its own file with [Register]
// (registering a name twice panics); callers find it with [Lookup] and
// list them with [Formats]. A single-file format has an encoder over an
// io.Writer; a multi-file format writes several files through a [Files].
// Every encoder writes its elements in the graph's sorted order, so the
// same graph gives the same bytes.
package export
