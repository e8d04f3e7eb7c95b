// Package graph holds relgraph's sourced property graph: entities (nodes) of
// a kind, relations (edges) of a type, and the sources (articles) that state
// them, each fact keeping the quotes that support it.
//
// # Building a graph
//
// Parsers in package ingest turn files into [Entity], [Relation] and
// [SourceDoc] records, each carrying the [Pos] it was read from. A [Builder]
// checks every record against a [Schema], merges duplicates (by id, by alias
// and by the normalized [Key] of a name) and collects every [Problem] it
// finds instead of stopping at the first. [Builder.Graph] returns the merged
// [Graph], whose slices are sorted so that any encoder ranging over them
// writes the same bytes for the same input.
//
// # Provenance
//
// Every relation cites one or more sources with a quote. Properties are
// multi-valued: where sources disagree, every value is kept with the sources
// that give it, and [Graph.Conflicts] lists them. [Graph.Merges] reports each
// merge so a user can review it.
//
// Package graph knows nothing of Neo4j, Graphviz or file formats.
package graph
