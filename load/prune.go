package load

import (
	"context"
	"fmt"
	"math"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// Prune queries. They delete only elements of the dataset (every element
// belongs to one), listed by readHeld, so pruning never touches another
// dataset. A node or source still attached to something relgraph
// did not write (an analyst's note) is not deleted: it leaves the dataset
// (loses its dataset property) and stays.
const (
	pruneRels = `UNWIND $keys AS k
MATCH (a:Entity {dataset: $dataset, id: k.from})-[r]->(b:Entity {dataset: $dataset, id: k.to})
WHERE type(r) = k.type AND r.id = k.id AND r.dataset = $dataset
DELETE r
RETURN count(*) AS rows`
	pruneReports = `UNWIND $keys AS k
MATCH (s:Source {dataset: $dataset, id: k.source})-[r:REPORTS]->(n:Entity {dataset: $dataset, id: k.node})
WHERE r.dataset = $dataset AND coalesce(r.quote, '') = k.quote
DELETE r
RETURN count(*) AS rows`
	pruneRelsByEID = `UNWIND $keys AS eid
MATCH ()-[r]->() WHERE elementId(r) = eid AND r.dataset = $dataset
DELETE r
RETURN count(*) AS rows`
	pruneNodes = `UNWIND $keys AS eid
MATCH (n) WHERE elementId(n) = eid AND n.dataset = $dataset
WITH n, EXISTS { (n)--() } AS attached
FOREACH (_ IN CASE WHEN attached THEN [1] ELSE [] END | REMOVE n.dataset)
WITH n WHERE NOT attached
DELETE n
RETURN count(*) AS rows`
)

// DefaultMaxPrune is the largest share of a dataset's elements that
// --prune removes without Config.Force: an input that lost more than half
// of what the dataset holds is more likely a failed upstream step than a
// change of the news.
const DefaultMaxPrune = 0.5

// stale is what a prune will remove: nodes and sources by element id,
// relationships and REPORTS links by key (type, id, from, to; source,
// node, quote), relationships without an id by element id; and how many
// elements the dataset held.
type stale struct {
	nodes, sources []string
	rels, reports  []any
	relEIDs        []string
	total          int
}

func (s *stale) add(o *stale) {
	s.nodes = append(s.nodes, o.nodes...)
	s.sources = append(s.sources, o.sources...)
	s.rels = append(s.rels, o.rels...)
	s.reports = append(s.reports, o.reports...)
	s.relEIDs = append(s.relEIDs, o.relEIDs...)
}

func (s *stale) relCount() int { return len(s.rels) + len(s.reports) + len(s.relEIDs) }

func (s *stale) count() int { return s.relCount() + len(s.nodes) + len(s.sources) }

// checkPrune refuses a prune that would remove more than Config.MaxPrune of
// the dataset, unless Config.Force.
func (d *DB) checkPrune(st *stale) error {
	limit := d.cfg.MaxPrune
	n := st.count()
	if d.cfg.Force || n == 0 || float64(n) <= limit*float64(st.total) {
		return nil
	}
	return &Error{ErrPruneLimit, fmt.Sprintf("load: --prune would remove %d of the %d elements of dataset %q (%d%%: %d nodes and sources, %d relationships), more than --max-prune %s allows; nothing was written: check the input (a failed upstream step?), or give --force or a higher --max-prune if that is meant",
		n, st.total, d.cfg.Dataset, int(math.Round(100*float64(n)/float64(st.total))), len(st.nodes)+len(st.sources), st.relCount(), FormatShare(limit))}
}

// FormatShare writes a share as a percentage: 0.5 is "50%".
func FormatShare(f float64) string {
	return fmt.Sprintf("%g%%", math.Round(f*1e4)/100)
}

// prune removes what readHeld found stale: relationships first, then the nodes
// and sources they left bare.
func (d *DB) prune(ctx context.Context, st *stale) (*Pruned, error) {
	p := &Pruned{}
	for _, x := range []struct {
		q    string
		keys []any
	}{{pruneRels, st.rels}, {pruneReports, st.reports}, {pruneRelsByEID, anys(st.relEIDs)}} {
		n, err := d.deleteStale(ctx, x.q, x.keys)
		p.Relationships += n
		if err != nil {
			return p, err
		}
	}
	for _, x := range []struct {
		eids  []string
		count *int
	}{{st.nodes, &p.Nodes}, {st.sources, &p.Sources}} {
		n, err := d.deleteStale(ctx, pruneNodes, anys(x.eids))
		*x.count = n
		p.Untagged += len(x.eids) - n
		if err != nil {
			return p, err
		}
	}
	fmt.Fprintf(d.cfg.Log, "relgraph: load: pruned %d nodes, %d sources, %d relationships from dataset %q (%d kept outside it, attached to data relgraph did not write)\n",
		p.Nodes, p.Sources, p.Relationships, d.cfg.Dataset, p.Untagged)
	return p, nil
}

func anys(xs []string) []any {
	out := make([]any, len(xs))
	for i, x := range xs {
		out[i] = x
	}
	return out
}

// deleteStale runs a prune statement over keys (element ids, or key maps)
// in batches and returns how many elements it deleted.
func (d *DB) deleteStale(ctx context.Context, q string, keys []any) (int, error) {
	deleted := 0
	s := d.session(ctx, neo4j.AccessModeWrite)
	defer s.Close(ctx)
	for i := 0; i < len(keys); i += d.cfg.BatchSize {
		chunk := keys[i:min(i+d.cfg.BatchSize, len(keys))]
		res, err := s.ExecuteWrite(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
			r, err := tx.Run(ctx, q, map[string]any{"keys": chunk, "dataset": d.cfg.Dataset})
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
