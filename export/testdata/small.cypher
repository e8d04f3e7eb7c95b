// relgraph graph, dataset news's: 2 nodes, 1 relationships, 1 sources.
// Run with: cypher-shell -d neo4j -f FILE   (or paste into Neo4j Browser)
CREATE CONSTRAINT `relgraph_Entity_key` IF NOT EXISTS FOR (n:`Entity`) REQUIRE (n.dataset, n.id) IS UNIQUE;
CREATE CONSTRAINT `relgraph_Source_key` IF NOT EXISTS FOR (n:`Source`) REQUIRE (n.dataset, n.id) IS UNIQUE;
CREATE INDEX `relgraph_Entity_name` IF NOT EXISTS FOR (n:`Entity`) ON (n.name);
CREATE CONSTRAINT `relgraph_Leader_key` IF NOT EXISTS FOR (n:`Leader`) REQUIRE (n.dataset, n.id) IS UNIQUE;
// sources: 1
UNWIND [
  {`id`: 'src-1', `props`: {`author`: null, `conflicts`: null, `date`: '2024-06-12', `file`: 'a.txt', `name`: 'It\'s \"news\"', `outlet`: 'KCNA', `prop_keys`: null, `props_json`: null, `relgraph_hash`: 'J5Zn4KPpD9a1H37HneOy4A', `title`: 'It\'s \"news\"', `url`: null}}
] AS row
MERGE (s:`Source` {dataset: 'news\'s', id: row.id})
FOREACH (k IN [k IN coalesce(s.prop_keys, []) WHERE NOT k IN keys(row.props)] | SET s[k] = null)
SET s += row.props;
// nodes Leader: 2
UNWIND [
  {`id`: 'kim', `props`: {`aliases`: ['Kim'], `conflicts`: ['title'], `kind`: 'Leader', `name`: 'Kim Jong Un', `prop_keys`: ['title'], `props_json`: '{\"title\":[{\"value\":\"Chairman\",\"sources\":[\"src-1\"]},{\"value\":\"President\",\"sources\":[\"src-2\"]}]}', `relgraph_hash`: 'QyKcrmyod0GSAYq1TIRTLw', `title`: 'Chairman'}},
  {`id`: 'putin', `props`: {`aliases`: [], `conflicts`: null, `kind`: 'Leader', `name`: 'Vladimir Putin', `prop_keys`: null, `props_json`: null, `relgraph_hash`: '8GvZD_RKKvbf6haVM2bMsg'}}
] AS row
MERGE (n:`Entity` {dataset: 'news\'s', id: row.id})
FOREACH (old IN CASE WHEN n.kind IS NOT NULL AND n.kind <> row.props.kind THEN [n.kind] ELSE [] END | REMOVE n:$(old))
FOREACH (k IN [k IN coalesce(n.prop_keys, []) WHERE NOT k IN keys(row.props)] | SET n[k] = null)
SET n:`Leader`, n += row.props;
// relationships MET_WITH: 1
UNWIND [
  {`from`: 'kim', `id`: 'kim:MET_WITH:putin', `props`: {`confidence`: 0.8, `conflicts`: null, `date`: '2023-09-13', `files`: ['a.txt'], `prop_keys`: null, `props_json`: null, `quotes`: ['they met'], `relgraph_hash`: 'aja2eQUUIV7rw2KaWUIKKQ', `sources`: ['src-1'], `status`: 'reported', `until`: null}, `to`: 'putin'}
] AS row
MATCH (a:`Entity` {dataset: 'news\'s', id: row.from})
MATCH (b:`Entity` {dataset: 'news\'s', id: row.to})
MERGE (a)-[r:`MET_WITH` {dataset: 'news\'s', id: row.id}]->(b)
FOREACH (k IN [k IN coalesce(r.prop_keys, []) WHERE NOT k IN keys(row.props)] | SET r[k] = null)
SET r += row.props;
// relationships REPORTS: 2
UNWIND [
  {`node`: 'kim', `quote`: 'leader Kim\nJong Un', `source`: 'src-1'},
  {`node`: 'putin', `quote`: 'the \"president\"', `source`: 'src-1'}
] AS row
MATCH (a:`Source` {dataset: 'news\'s', id: row.source})
MATCH (b:`Entity` {dataset: 'news\'s', id: row.node})
MERGE (a)-[r:`REPORTS` {dataset: 'news\'s', quote: row.quote}]->(b);
