// Package ingest reads extraction files into a [graph.Builder]: the native
// JSON document, JSON Lines, a CSV pair and YAML. Several files and whole
// directories merge into one graph; "-" reads standard input.
//
// # The native format
//
// A JSON document has three arrays, each optional:
//
//	{
//	  "sources": [{"id": "s1", "file": "000_e135d90bb63d3935.txt", "title": "…", "date": "2024-06-12"}],
//	  "nodes":   [{"id": "kim-jong-un", "kind": "Leader", "name": "Kim Jong Un", "aliases": ["Kim Jong-un"],
//	               "sources": [{"id": "s1", "quote": "North Korean leader Kim Jong Un"}]}],
//	  "edges":   [{"from": "kim-jong-un", "to": "vladimir-putin", "type": "INVITED", "date": "2023-09",
//	               "status": "reported", "sources": [{"id": "s1", "quote": "Kim invited the Russian president"}]}]
//	}
//
// "entities" and "relations" are accepted for "nodes" and "edges". A
// citation is an object {"id", "quote"} or just a source id; a source may
// also be named by its file. A property is a string or a list of sourced
// values [{"value": "…", "sources": ["s1"]}], which is how relgraph writes
// properties on which sources disagree.
//
// JSON Lines holds one record per line: a source, node or edge object as
// above, told apart by a "record" field ("source", "node", "edge") or, when
// that is missing, by its fields. YAML files hold the native document.
// The CSV pair is described at [ReadCSV].
//
// Every problem is reported with file, line and field; [Read] collects them
// all in the builder rather than stopping at the first.
package ingest
