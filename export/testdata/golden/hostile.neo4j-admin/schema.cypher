// The constraints and index relgraph load creates; run after the import:
// cypher-shell -d DATABASE -f schema.cypher
CREATE CONSTRAINT `relgraph_Entity_key` IF NOT EXISTS FOR (n:`Entity`) REQUIRE (n.dataset, n.id) IS UNIQUE;
CREATE CONSTRAINT `relgraph_Source_key` IF NOT EXISTS FOR (n:`Source`) REQUIRE (n.dataset, n.id) IS UNIQUE;
CREATE INDEX `relgraph_Entity_name` IF NOT EXISTS FOR (n:`Entity`) ON (n.name);
CREATE CONSTRAINT `relgraph_Allegation_key` IF NOT EXISTS FOR (n:`Allegation`) REQUIRE (n.dataset, n.id) IS UNIQUE;
CREATE CONSTRAINT `relgraph_Leader_key` IF NOT EXISTS FOR (n:`Leader`) REQUIRE (n.dataset, n.id) IS UNIQUE;
CREATE CONSTRAINT `relgraph_Place_key` IF NOT EXISTS FOR (n:`Place`) REQUIRE (n.dataset, n.id) IS UNIQUE;
CREATE CONSTRAINT `relgraph_State_key` IF NOT EXISTS FOR (n:`State`) REQUIRE (n.dataset, n.id) IS UNIQUE;
