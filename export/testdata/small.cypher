// relgraph graph, dataset news's: 2 nodes, 1 relationships, 1 sources.
// Run with: cypher-shell -d neo4j -f FILE   (or paste into Neo4j Browser)
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
// sources: 1
UNWIND [
  {`id`: 'src-1', `props`: {`author`: null, `conflicts`: null, `date`: '2024-06-12', `file`: 'a.txt', `name`: 'It\'s \"news\"', `outlet`: 'KCNA', `prop_keys`: null, `props_json`: null, `title`: 'It\'s \"news\"', `url`: null}}
] AS row
MERGE (s:`Source` {id: row.id})
FOREACH (k IN [k IN coalesce(s.prop_keys, []) WHERE NOT k IN keys(row.props)] | SET s[k] = null)
SET s += row.props, s.datasets = CASE WHEN s.datasets IS NULL THEN ['news\'s'] WHEN 'news\'s' IN s.datasets THEN s.datasets ELSE s.datasets + 'news\'s' END;
// nodes Leader: 2
UNWIND [
  {`id`: 'kim', `props`: {`aliases`: ['Kim'], `conflicts`: ['title'], `kind`: 'Leader', `name`: 'Kim Jong Un', `prop_keys`: ['title'], `props_json`: '{\"title\":[{\"value\":\"Chairman\",\"sources\":[\"src-1\"]},{\"value\":\"President\",\"sources\":[\"src-2\"]}]}', `title`: 'Chairman'}},
  {`id`: 'putin', `props`: {`aliases`: [], `conflicts`: null, `kind`: 'Leader', `name`: 'Vladimir Putin', `prop_keys`: null, `props_json`: null}}
] AS row
MERGE (n:`Entity` {id: row.id})
FOREACH (old IN CASE WHEN n.kind IS NOT NULL AND n.kind <> row.props.kind THEN [n.kind] ELSE [] END | REMOVE n:$(old))
FOREACH (k IN [k IN coalesce(n.prop_keys, []) WHERE NOT k IN keys(row.props)] | SET n[k] = null)
SET n:`Leader`, n += row.props, n.datasets = CASE WHEN n.datasets IS NULL THEN ['news\'s'] WHEN 'news\'s' IN n.datasets THEN n.datasets ELSE n.datasets + 'news\'s' END;
// relationships MET_WITH: 1
UNWIND [
  {`from`: 'kim', `id`: 'kim:MET_WITH:putin', `props`: {`confidence`: 0.8, `conflicts`: null, `date`: '2023-09-13', `files`: ['a.txt'], `prop_keys`: null, `props_json`: null, `quotes`: ['they met'], `sources`: ['src-1'], `status`: 'reported', `until`: null}, `to`: 'putin'}
] AS row
MATCH (a:`Entity` {id: row.from})
MATCH (b:`Entity` {id: row.to})
MERGE (a)-[r:`MET_WITH` {id: row.id}]->(b)
FOREACH (k IN [k IN coalesce(r.prop_keys, []) WHERE NOT k IN keys(row.props)] | SET r[k] = null)
SET r += row.props, r.datasets = CASE WHEN r.datasets IS NULL THEN ['news\'s'] WHEN 'news\'s' IN r.datasets THEN r.datasets ELSE r.datasets + 'news\'s' END;
// relationships REPORTS: 2
UNWIND [
  {`node`: 'kim', `quote`: 'leader Kim\nJong Un', `source`: 'src-1'},
  {`node`: 'putin', `quote`: 'the \"president\"', `source`: 'src-1'}
] AS row
MATCH (a:`Source` {id: row.source})
MATCH (b:`Entity` {id: row.node})
MERGE (a)-[r:`REPORTS` {quote: row.quote}]->(b)
SET r.datasets = CASE WHEN r.datasets IS NULL THEN ['news\'s'] WHEN 'news\'s' IN r.datasets THEN r.datasets ELSE r.datasets + 'news\'s' END;
