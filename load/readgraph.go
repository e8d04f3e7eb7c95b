package load

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"

	"github.com/relgraph/relgraph/graph"
)

// Queries that read a dataset back as a graph: what relgraph wrote, from
// the properties it sets (props_json holds every sourced value).
const (
	graphSources = `MATCH (n:Source) WHERE n.dataset = $dataset AND n.id IS NOT NULL
RETURN n.id AS id, n.file AS file, n.title AS title, n.outlet AS outlet, n.author AS author, n.date AS date, n.url AS url, n.props_json AS props`
	graphNodes = `MATCH (n:Entity) WHERE n.dataset = $dataset AND n.id IS NOT NULL
RETURN n.id AS id, n.kind AS kind, n.name AS name, n.aliases AS aliases, n.props_json AS props`
	graphRels = `MATCH (a:Entity)-[r]->(b:Entity) WHERE a.dataset = $dataset AND a.id IS NOT NULL AND r.dataset = $dataset AND r.id IS NOT NULL
RETURN type(r) AS type, r.id AS id, a.id AS from, b.id AS to, r.status AS status, r.date AS date, r.until AS until,
       r.confidence AS confidence, r.sources AS sources, r.quotes AS quotes, r.props_json AS props`
	graphReports = `MATCH (s:Source)-[r:REPORTS]->(n:Entity) WHERE s.dataset = $dataset AND s.id IS NOT NULL AND r.dataset = $dataset
RETURN n.id AS node, s.id AS source, coalesce(r.quote, '') AS quote`
)

// Graph reads the dataset back as a graph (for relgraph diff
// --against-neo4j): its sources, entities with their citations (REPORTS),
// and relationships, as a load of the same input wrote them. Merges are not
// stored in the database, so the graph has none. Elements relgraph did not
// write are left out; a property whose stored sourced values do not decode
// is an error naming the element.
func (d *DB) Graph(ctx context.Context, s *graph.Schema) (*graph.Graph, error) {
	params := map[string]any{"dataset": d.cfg.Dataset}
	run := func(q string) ([]map[string]any, error) {
		recs, err := d.read(ctx, q, params)
		if err != nil {
			return nil, d.cfg.classify(err)
		}
		return recs, nil
	}
	props := func(what string, r map[string]any) (graph.Props, error) {
		js, _ := r["props"].(string)
		if js == "" {
			return nil, nil
		}
		var p graph.Props
		if err := json.Unmarshal([]byte(js), &p); err != nil {
			return nil, fmt.Errorf("load: dataset %q: %s %q: props_json: %w", d.cfg.Dataset, what, str(r["id"]), err)
		}
		return p, nil
	}
	var sources []*graph.Source
	recs, err := run(graphSources)
	if err != nil {
		return nil, err
	}
	for _, r := range recs {
		p, err := props("source", r)
		if err != nil {
			return nil, err
		}
		sources = append(sources, &graph.Source{ID: str(r["id"]), File: str(r["file"]), Title: str(r["title"]), Outlet: str(r["outlet"]),
			Author: str(r["author"]), Date: str(r["date"]), URL: str(r["url"]), Props: p})
	}
	if recs, err = run(graphNodes); err != nil {
		return nil, err
	}
	byID := map[string]*graph.Node{}
	var nodes []*graph.Node
	for _, r := range recs {
		p, err := props("node", r)
		if err != nil {
			return nil, err
		}
		n := &graph.Node{ID: str(r["id"]), Kind: str(r["kind"]), Name: str(r["name"]), Aliases: strList(r["aliases"]), Props: p}
		byID[n.ID] = n
		nodes = append(nodes, n)
	}
	if recs, err = run(graphReports); err != nil {
		return nil, err
	}
	for _, r := range recs {
		if n := byID[str(r["node"])]; n != nil {
			n.Cites = append(n.Cites, graph.Citation{Source: str(r["source"]), Quote: str(r["quote"])})
		}
	}
	for _, n := range nodes {
		sort.Slice(n.Cites, func(i, j int) bool {
			a, b := n.Cites[i], n.Cites[j]
			return a.Source < b.Source || a.Source == b.Source && a.Quote < b.Quote
		})
	}
	if recs, err = run(graphRels); err != nil {
		return nil, err
	}
	var edges []*graph.Edge
	for _, r := range recs {
		p, err := props("relationship", r)
		if err != nil {
			return nil, err
		}
		e := &graph.Edge{ID: str(r["id"]), From: str(r["from"]), To: str(r["to"]), Type: str(r["type"]), Status: str(r["status"]),
			Date: str(r["date"]), Until: str(r["until"]), Props: p}
		if c, ok := r["confidence"].(float64); ok {
			e.Confidence = &c
		}
		ids, quotes := strList(r["sources"]), strList(r["quotes"])
		for i, id := range ids {
			q := ""
			if i < len(quotes) {
				q = quotes[i]
			}
			e.Cites = append(e.Cites, graph.Citation{Source: id, Quote: q})
		}
		edges = append(edges, e)
	}
	return graph.New(s, nodes, edges, sources), nil
}

func strList(v any) []string {
	list, _ := v.([]any)
	out := make([]string, 0, len(list))
	for _, x := range list {
		out = append(out, str(x))
	}
	return out
}
