package load

import (
	"context"
	"fmt"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/relgraph/relgraph/export"
	"github.com/relgraph/relgraph/graph"
)

// Prune queries. An element leaves the dataset by losing the dataset's tag;
// it is deleted only when no dataset holds it any more, and a node only when
// nothing else is attached to it, so pruning never touches another dataset
// or data relgraph did not write.
const (
	pruneListRels = `MATCH (a:Entity)-[r]->(b:Entity) WHERE $dataset IN r.datasets
RETURN elementId(r) AS eid, type(r) + '\u0000' + r.id + '\u0000' + a.id + '\u0000' + b.id AS key`
	pruneListReports = `MATCH (s:Source)-[r:REPORTS]->(n:Entity) WHERE $dataset IN r.datasets
RETURN elementId(r) AS eid, s.id + '\u0000' + n.id + '\u0000' + coalesce(r.quote, '') AS key`
	pruneListNodes   = `MATCH (n:Entity) WHERE $dataset IN n.datasets RETURN elementId(n) AS eid, n.id AS key`
	pruneListSources = `MATCH (n:Source) WHERE $dataset IN n.datasets RETURN elementId(n) AS eid, n.id AS key`

	pruneRels = `UNWIND $eids AS eid
MATCH ()-[r]->() WHERE elementId(r) = eid
SET r.datasets = [d IN r.datasets WHERE d <> $dataset]
WITH r WHERE size(r.datasets) = 0
DELETE r
RETURN count(*) AS rows`
	pruneNodes = `UNWIND $eids AS eid
MATCH (n) WHERE elementId(n) = eid
SET n.datasets = [d IN n.datasets WHERE d <> $dataset]
WITH n WHERE size(n.datasets) = 0 AND NOT EXISTS { (n)--() }
DELETE n
RETURN count(*) AS rows`
)

// prune removes from the dataset what g does not hold: relationships first,
// then the nodes and sources they left bare.
func (d *DB) prune(ctx context.Context, g *graph.Graph) (*Pruned, error) {
	keep := map[string]bool{}
	for _, e := range g.Edges {
		keep[e.Type+"\x00"+e.ID+"\x00"+e.From+"\x00"+e.To] = true
	}
	for _, n := range g.Nodes {
		for _, c := range n.Cites {
			keep[c.Source+"\x00"+n.ID+"\x00"+c.Quote] = true
		}
	}
	p := &Pruned{}
	stale := func(q string, keep func(string) bool) ([]string, error) {
		recs, err := d.read(ctx, q, map[string]any{"dataset": d.cfg.Dataset})
		if err != nil {
			return nil, d.cfg.classify(err)
		}
		var out []string
		for _, r := range recs {
			key, _ := r["key"].(string)
			if !keep(key) {
				out = append(out, r["eid"].(string))
			}
		}
		return out, nil
	}
	var rels []string
	for _, q := range []string{pruneListRels, pruneListReports} {
		s, err := stale(q, func(k string) bool { return keep[k] })
		if err != nil {
			return p, err
		}
		rels = append(rels, s...)
	}
	n, err := d.deleteStale(ctx, pruneRels, rels)
	p.Relationships = n
	p.Untagged += len(rels) - n
	if err != nil {
		return p, err
	}
	nodeIDs := map[string]bool{}
	for _, n := range g.Nodes {
		nodeIDs[n.ID] = true
	}
	srcIDs := map[string]bool{}
	for _, s := range g.Sources {
		srcIDs[s.ID] = true
	}
	for _, x := range []struct {
		q     string
		ids   map[string]bool
		count *int
	}{{pruneListNodes, nodeIDs, &p.Nodes}, {pruneListSources, srcIDs, &p.Sources}} {
		s, err := stale(x.q, func(k string) bool { return x.ids[k] })
		if err != nil {
			return p, err
		}
		n, err := d.deleteStale(ctx, pruneNodes, s)
		*x.count = n
		p.Untagged += len(s) - n
		if err != nil {
			return p, err
		}
	}
	fmt.Fprintf(d.cfg.Log, "relgraph: load: pruned %d nodes, %d sources, %d relationships from dataset %q (%d untagged but kept)\n",
		p.Nodes, p.Sources, p.Relationships, d.cfg.Dataset, p.Untagged)
	return p, nil
}

// deleteStale runs a prune statement over element ids in batches and
// returns how many elements it deleted.
func (d *DB) deleteStale(ctx context.Context, q string, eids []string) (int, error) {
	deleted := 0
	s := d.session(ctx, neo4j.AccessModeWrite)
	defer s.Close(ctx)
	for i := 0; i < len(eids); i += d.cfg.BatchSize {
		chunk := eids[i:min(i+d.cfg.BatchSize, len(eids))]
		res, err := s.ExecuteWrite(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
			r, err := tx.Run(ctx, q, map[string]any{"eids": chunk, "dataset": d.cfg.Dataset})
			if err != nil {
				return nil, err
			}
			sum, err := r.Consume(ctx)
			if err != nil {
				return nil, err
			}
			return sum.Counters().NodesDeleted() + sum.Counters().RelationshipsDeleted(), nil
		})
		if err != nil {
			return deleted, d.cfg.classify(err)
		}
		deleted += res.(int)
	}
	return deleted, nil
}

var _ = export.EntityLabel
