// Package load writes a [graph.Graph] into a live Neo4j database, the way
// an analyst's team server, a cluster or Aura expects it: schema first, then
// batched, parameterised MERGE statements in managed write transactions,
// repeatable and scoped to a named dataset.
//
// # Model
//
// The statements come from package export (see [export.CypherGroups]), so
// that "relgraph export --format cypher" and [Load] build the same graph:
// entity nodes (:Entity:<Kind>), (:Source) nodes, relationships of the
// input's types keyed by id and carrying status, dates, confidence, source
// ids and quotes, and (:Source)-[:REPORTS {quote}]->(:Entity) links. Every
// element lists the datasets that contain it in its datasets property.
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
// # Faults
//
// Every write is an idempotent MERGE, so a batch may be repeated safely: a
// batch that fails on a lost connection, a deadlock or a restarting server is
// retried (by the driver, then by [Config.RetryTime] around it) until the
// time runs out; a load killed half way and run again ends with the same
// graph as one clean load.
package load
