// Package load writes a [graph.Graph] into a live Neo4j database, the way
// an analyst's team server, a cluster or Aura expects it: schema first, then
// batched, parameterised CREATE and MERGE statements in managed write
// transactions, repeatable and scoped to a named dataset.
//
// # Model
//
// The statements come from package export (see [export.CypherGroups]), so
// that "relgraph export --format cypher" and [Load] build the same graph:
// entity nodes (:Entity:<Kind>), (:Source) nodes, relationships of the
// input's types keyed by id and carrying status, dates, confidence, source
// ids and quotes, and (:Source)-[:REPORTS {quote}]->(:Entity) links.
//
// Every element belongs to exactly one dataset (its dataset property):
// nodes and sources are keyed by (dataset, id), under composite uniqueness
// constraints, and relationships join nodes of their own dataset. Datasets
// that use the same ids hold separate elements, so loading, pruning or
// dropping one never changes what another stated. A database loaded by the
// model before (one element shared by the datasets listed in its datasets
// property) is refused with [ErrLegacy]; [DB.DropLegacy] removes that data.
//
// # Use
//
//	d, err := load.Open(ctx, load.Config{URI: uri, Username: u, Password: pw, Database: "neo4j", Dataset: "daily"})
//	if err != nil { ... }            // an *Error: one line saying what to do
//	defer d.Close(ctx)
//	sum, err := d.Load(ctx, g)      // created/updated counts, rows/s
//
// [Plan] describes the statements without a server (relgraph load
// --dry-run). Errors a user meets (server down, wrong password, unknown
// database, TLS against a plain server) are [*Error] values that wrap one of
// the sentinel errors and never contain the password.
//
// # New, changed and unchanged elements
//
// Every node, source and relationship written carries a content hash
// (export.HashProperty, see export.NodeHash and export.EdgeHash) set in the
// statement that writes it. When the dataset holds something, a load first
// reads back what it holds (see incremental.go), one pass per kind of
// element, as bucketed lists: nodes and sources with id, hash and element
// id, REPORTS links by key, relationships by hash alone (with Config.Prune,
// then the keys of those whose hash the input lacks). It writes only rows
// that are new or whose hash differs ([Config.Full] writes every row);
// REPORTS links are written when missing. What is new is created (CREATE),
// which is what makes a first load fast; what the dataset holds is merged
// (MERGE, removing properties and a kind label the input no longer gives).
// Loads into one database take turns, holding a lock that is an open
// transaction MERGEing a Source node it never commits (see lock.go), so no
// other load can write the same element between the read-back and the
// CREATE, and nothing of the lock shows in the schema. A hash compares what
// relgraph wrote, not what the database now holds: a property an analyst
// changed by hand stays until the input changes that element or a full
// load.
//
// # Prune and drop
//
// With [Config.Prune], what the dataset holds and the input does not is
// found by the read-back, before anything is written; more than [Config.MaxPrune] of the
// dataset (default half) is refused with [ErrPruneLimit] unless
// [Config.Force]. [DB.Drop] removes a dataset and, when it was the last,
// relgraph's constraints and indexes.
// Relationships find their endpoints by the element ids that the node
// statements returned (and check their ids), not by index seeks, which
// lock index entries and cost two lookups a row.
//
// # Faults
//
// A batch tried again is written with MERGE only, which is idempotent, so a
// batch may be repeated safely: a batch that fails on a lost connection, a
// deadlock or a restarting server is retried (by the driver, then by
// [Config.RetryTime] around it) until the time runs out; a load killed half
// way and run again ends with the same graph as one clean load. A killed
// load's lock goes with its connection.
package load
