package load

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/relgraph/relgraph/export"
	"github.com/relgraph/relgraph/graph"
)

// Dropped describes what [DB.Drop] or [DB.DropLegacy] removed.
type Dropped struct {
	Dataset       string `json:"dataset,omitempty"`
	Nodes         int    `json:"nodes"`
	Sources       int    `json:"sources"`
	Relationships int    `json:"relationships"`
	// Untagged nodes and sources left the dataset but stay, because
	// something relgraph did not write is attached to them.
	Untagged int `json:"untagged"`
	// Last: no dataset is left in the database, so relgraph's constraints
	// and indexes (Schema, by name) were dropped too.
	Last   bool     `json:"last"`
	Schema []string `json:"schema_dropped"`
	// SchemaKept says why the schema stayed although no dataset is left.
	SchemaKept string `json:"schema_kept,omitempty"`
}

// Drop queries, run as auto-commit transactions in batches so that a large
// dataset does not become one huge transaction. Every relationship relgraph
// writes starts at an entity or a source of its dataset.
const (
	dropRels = `MATCH (n:%s) WHERE n.dataset = $dataset AND n.id IS NOT NULL
CALL (n) { MATCH (n)-[r]->() WHERE r.dataset = $dataset DELETE r } IN TRANSACTIONS OF 500 ROWS`
	dropNodes = `MATCH (n:%s) WHERE n.dataset = $dataset AND n.id IS NOT NULL
CALL (n) { WITH n WHERE NOT EXISTS { (n)--() } DELETE n } IN TRANSACTIONS OF 5000 ROWS`
	dropUntag = `MATCH (n:%s) WHERE n.dataset = $dataset AND n.id IS NOT NULL
CALL (n) { REMOVE n.dataset } IN TRANSACTIONS OF 5000 ROWS
RETURN count(*) AS n`

	legacyRels = `MATCH ()-[r]->() WHERE r.datasets IS NOT NULL AND r.dataset IS NULL
CALL (r) { DELETE r } IN TRANSACTIONS OF 5000 ROWS`
	legacyNodes = `MATCH (n:%s) WHERE n.datasets IS NOT NULL AND n.dataset IS NULL
CALL (n) { WITH n WHERE NOT EXISTS { (n)--() } DELETE n } IN TRANSACTIONS OF 5000 ROWS`
	legacyUntag = `MATCH (n:%s) WHERE n.datasets IS NOT NULL AND n.dataset IS NULL
CALL (n) { REMOVE n.datasets } IN TRANSACTIONS OF 5000 ROWS
RETURN count(*) AS n`
)

// Drop removes the dataset of the configuration: its relationships, then
// its nodes and sources, except those attached to something relgraph did
// not write, which leave the dataset and stay. When no dataset is left, it
// drops relgraph's constraints and indexes too, so that a trial leaves the
// database's schema as it found it (Neo4j keeps the names of labels and
// property keys once used, in db.propertyKeys(), but db.labels() and SHOW
// CONSTRAINTS list none of relgraph's). Drop takes turns with loads.
func (d *DB) Drop(ctx context.Context) (*Dropped, error) {
	out := &Dropped{Dataset: d.cfg.Dataset}
	hasSchema, err := d.hasBaseSchema(ctx)
	if err != nil {
		return out, err
	}
	if hasSchema {
		// Without the constraints no load can hold the lock, nor have
		// written a dataset.
		lk, err := d.lockOnce(ctx, "drop")
		if err != nil {
			return out, err
		}
		err = d.dropData(ctx, out)
		lk.release()
		if err != nil {
			return out, err
		}
	}
	fmt.Fprintf(d.cfg.Log, "relgraph: drop: removed dataset %q: %d nodes, %d sources, %d relationships (%d kept outside it, attached to data relgraph did not write)\n",
		d.cfg.Dataset, out.Nodes, out.Sources, out.Relationships, out.Untagged)
	return out, d.dropSchemaIfLast(ctx, out)
}

func (d *DB) dropData(ctx context.Context, out *Dropped) error {
	p := map[string]any{"dataset": d.cfg.Dataset}
	for _, label := range []string{export.EntityLabel, graph.KindSource} {
		c, _, err := d.auto(ctx, fmt.Sprintf(dropRels, export.QuoteIdent(label)), p)
		if err != nil {
			return err
		}
		out.Relationships += c.RelationshipsDeleted()
	}
	for _, x := range []struct {
		label string
		n     *int
	}{{export.EntityLabel, &out.Nodes}, {graph.KindSource, &out.Sources}} {
		c, _, err := d.auto(ctx, fmt.Sprintf(dropNodes, export.QuoteIdent(x.label)), p)
		if err != nil {
			return err
		}
		*x.n = c.NodesDeleted()
		_, recs, err := d.auto(ctx, fmt.Sprintf(dropUntag, export.QuoteIdent(x.label)), p)
		if err != nil {
			return err
		}
		out.Untagged += intOf(recs)
	}
	return nil
}

// DropLegacy removes what relgraph wrote under the old model (elements
// with a datasets list, constraints on id alone), except nodes attached to
// something relgraph did not write, which lose the list and stay. When no
// dataset of the current model is left either, relgraph's other
// constraints and indexes go too.
func (d *DB) DropLegacy(ctx context.Context) (*Dropped, error) {
	out := &Dropped{}
	l, err := d.findLegacy(ctx)
	if err != nil {
		return out, err
	}
	c, _, err := d.auto(ctx, legacyRels, nil)
	if err != nil {
		return out, err
	}
	out.Relationships = c.RelationshipsDeleted()
	for _, x := range []struct {
		label string
		n     *int
	}{{export.EntityLabel, &out.Nodes}, {graph.KindSource, &out.Sources}} {
		c, _, err := d.auto(ctx, fmt.Sprintf(legacyNodes, export.QuoteIdent(x.label)), nil)
		if err != nil {
			return out, err
		}
		*x.n = c.NodesDeleted()
		_, recs, err := d.auto(ctx, fmt.Sprintf(legacyUntag, export.QuoteIdent(x.label)), nil)
		if err != nil {
			return out, err
		}
		out.Untagged += intOf(recs)
	}
	for _, name := range l.constraints {
		if err := d.dropSchema(ctx, "CONSTRAINT", name); err != nil {
			return out, d.cfg.classify(err)
		}
		out.Schema = append(out.Schema, name)
	}
	fmt.Fprintf(d.cfg.Log, "relgraph: drop: removed relgraph's old-model data: %d nodes, %d sources, %d relationships (%d kept, attached to data relgraph did not write); dropped %d old constraints\n",
		out.Nodes, out.Sources, out.Relationships, out.Untagged, len(l.constraints))
	return out, d.dropSchemaIfLast(ctx, out)
}

// anyDataset reports whether some node or source belongs to a dataset.
func (d *DB) anyDataset(ctx context.Context) (bool, error) {
	for _, label := range []string{export.EntityLabel, graph.KindSource} {
		recs, err := d.read(ctx, "MATCH (n:"+export.QuoteIdent(label)+") WHERE n.dataset IS NOT NULL AND n.id IS NOT NULL RETURN 1 AS one LIMIT 1", nil)
		if err != nil {
			return false, d.cfg.classify(err)
		}
		if len(recs) > 0 {
			return true, nil
		}
	}
	return false, nil
}

// dropSchemaIfLast drops relgraph's constraints and indexes when no
// dataset is left: the kinds' constraints, the name index, then the Entity
// and Source constraints (the lock needs Source's). Each drop gives up
// after a few seconds instead of waiting behind a load that began
// meanwhile: the schema then stays, and out says why.
func (d *DB) dropSchemaIfLast(ctx context.Context, out *Dropped) error {
	left, err := d.anyDataset(ctx)
	if err != nil || left {
		return err
	}
	out.Last = true
	var stmts [][2]string
	for _, q := range []struct{ kind, query string }{
		{"CONSTRAINT", "SHOW CONSTRAINTS YIELD name WHERE name STARTS WITH $prefix RETURN name"},
		{"INDEX", "SHOW INDEXES YIELD name, owningConstraint WHERE name STARTS WITH $prefix AND owningConstraint IS NULL RETURN name"},
	} {
		recs, err := d.read(ctx, q.query, map[string]any{"prefix": export.SchemaPrefix})
		if err != nil {
			return d.cfg.classify(err)
		}
		for _, r := range recs {
			stmts = append(stmts, [2]string{q.kind, r["name"].(string)})
		}
	}
	last := map[string]int{export.SchemaPrefix + export.EntityLabel + "_key": 1, export.SchemaPrefix + graph.KindSource + "_key": 2}
	sort.Slice(stmts, func(i, j int) bool {
		if a, b := last[stmts[i][1]], last[stmts[j][1]]; a != b {
			return a < b
		}
		return stmts[i][1] < stmts[j][1]
	})
	for _, s := range stmts {
		if left, err := d.anyDataset(ctx); err != nil || left {
			if left {
				out.SchemaKept = "a load wrote a dataset meanwhile"
			}
			return err
		}
		if err := d.dropSchema(ctx, s[0], s[1]); err != nil {
			if timedOut(err) {
				out.SchemaKept = "another load holds the database"
				fmt.Fprintf(d.cfg.Log, "relgraph: drop: kept relgraph's remaining constraints and indexes: %s\n", out.SchemaKept)
				return nil
			}
			return d.cfg.classify(err)
		}
		out.Schema = append(out.Schema, s[1])
	}
	if len(out.Schema) > 0 {
		fmt.Fprintf(d.cfg.Log, "relgraph: drop: no dataset left: dropped %d constraints and indexes (%s)\n", len(out.Schema), strings.Join(out.Schema, ", "))
	}
	return nil
}

// dropSchema drops one constraint or index, giving up after 10 s. The
// error is the driver's.
func (d *DB) dropSchema(ctx context.Context, kind, name string) error {
	s := d.session(ctx, neo4j.AccessModeWrite)
	defer s.Close(ctx)
	_, err := s.ExecuteWrite(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
		r, err := tx.Run(ctx, "DROP "+kind+" "+export.QuoteIdent(name)+" IF EXISTS", nil)
		if err != nil {
			return nil, err
		}
		return r.Consume(ctx)
	}, neo4j.WithTxTimeout(10*time.Second))
	return err
}

// timedOut reports a transaction the server ended for its timeout.
func timedOut(err error) bool {
	var ne *neo4j.Neo4jError
	if errors.As(leaf(err), &ne) {
		return strings.Contains(ne.Code, "TimedOut") || strings.Contains(ne.Code, "Terminated")
	}
	return false
}

// auto runs q as an auto-commit transaction (CALL ... IN TRANSACTIONS
// needs one) and returns its counters and records.
func (d *DB) auto(ctx context.Context, q string, params map[string]any) (neo4j.Counters, []map[string]any, error) {
	s := d.session(ctx, neo4j.AccessModeWrite)
	defer s.Close(ctx)
	r, err := s.Run(ctx, q, params)
	if err != nil {
		return nil, nil, d.cfg.classify(err)
	}
	recs, err := r.Collect(ctx)
	if err != nil {
		return nil, nil, d.cfg.classify(err)
	}
	sum, err := r.Consume(ctx)
	if err != nil {
		return nil, nil, d.cfg.classify(err)
	}
	out := make([]map[string]any, len(recs))
	for i, rec := range recs {
		out[i] = rec.AsMap()
	}
	return sum.Counters(), out, nil
}

func intOf(recs []map[string]any) int {
	if len(recs) != 1 {
		return 0
	}
	n, _ := recs[0]["n"].(int64)
	return int(n)
}
