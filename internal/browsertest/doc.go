// Package browsertest checks what an analyst does in Neo4j Browser, the
// way a person would: it loads the embedded dataset with relgraph, opens
// Browser in headless Chromium, connects with the test credentials,
// applies the style sheet of "relgraph export --format grass" with :style,
// runs every starter query of "relgraph queries", and saves screenshots to
// artifacts/browser/.
//
// The test needs a Neo4j server that serves Browser (scripts/neo4j start)
// and Chromium. Without the server it skips unless RELGRAPH_REQUIRE_NEO4J=1;
// without Chromium it skips unless RELGRAPH_REQUIRE_TOOLS=1. RELGRAPH_CHROMIUM
// names another Chromium binary; NEO4J_HTTP_URL the Browser's server.
//
// The screenshots show the test's own dataset name in the queries. For the
// README's, RELGRAPH_BROWSER_DATASET=default loads into that dataset
// instead, and leaves it loaded:
//
//	RELGRAPH_BROWSER_DATASET=default go test -count=1 ./internal/browsertest/
//	cp artifacts/browser/02-who-alleges-what-fullscreen.png docs/browser.png
package browsertest
