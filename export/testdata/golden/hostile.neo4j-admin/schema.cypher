// The constraints and index relgraph load creates; run after the import:
// cypher-shell -d DATABASE -f schema.cypher
CREATE CONSTRAINT `relgraph_Entity_id` IF NOT EXISTS FOR (n:`Entity`) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT `relgraph_Source_id` IF NOT EXISTS FOR (n:`Source`) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT `relgraph_Agency_id` IF NOT EXISTS FOR (n:`Agency`) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT `relgraph_Allegation_id` IF NOT EXISTS FOR (n:`Allegation`) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT `relgraph_Event_id` IF NOT EXISTS FOR (n:`Event`) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT `relgraph_Leader_id` IF NOT EXISTS FOR (n:`Leader`) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT `relgraph_Other_id` IF NOT EXISTS FOR (n:`Other`) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT `relgraph_Person_id` IF NOT EXISTS FOR (n:`Person`) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT `relgraph_Place_id` IF NOT EXISTS FOR (n:`Place`) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT `relgraph_State_id` IF NOT EXISTS FOR (n:`State`) REQUIRE n.id IS UNIQUE;
CREATE INDEX `relgraph_Entity_name` IF NOT EXISTS FOR (n:`Entity`) ON (n.name);
