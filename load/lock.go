package load

import (
	"context"
	"fmt"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/relgraph/relgraph/export"
	"github.com/relgraph/relgraph/graph"
)

// Loads into one database take turns: a load writes new elements with
// CREATE (export.CypherGroup.Create), which is only safe when no other load
// can MERGE the same elements meanwhile, and taking turns also keeps
// concurrent loads, prunes and drops from deadlocking on each other.
//
// The lock is an open transaction that MERGEs, and never commits, the
// Source node {dataset: "", id: lockID}: the (dataset, id) uniqueness
// constraint on Source makes every other such MERGE wait until the
// transaction ends. No dataset is named "" (the command refuses it), the
// node is never committed and so never seen by other transactions, and it
// uses only the label and properties the graph has anyway: a load leaves
// nothing in db.labels() or SHOW CONSTRAINTS that is not part of the graph.
// The key is the same whatever the database is called (-d neo4j and
// -d NEO4J name one database and take one lock). When relgraph dies, its
// connection closes and the server rolls the transaction back: a killed
// load never leaves a stale lock.
const lockID = "relgraph load lock"

var lockQuery = "MERGE (l:" + export.QuoteIdent(graph.KindSource) + " {dataset: '', id: $id}) RETURN count(l) AS held"

// dbLock is a held load lock.
type dbLock struct {
	s  neo4j.SessionWithContext
	tx neo4j.ExplicitTransaction
}

// lock waits until no other relgraph load holds the database, then holds
// it. It says on the log when it has to wait. The base schema must exist
// (the lock relies on the Source constraint): lock makes sure it does,
// creating it again when a drop removed it meanwhile.
func (d *DB) lock(ctx context.Context, what string) (*dbLock, error) {
	for try := 0; ; try++ {
		if _, err := d.applySchema(ctx, export.CypherBaseSchema()); err != nil {
			return nil, err
		}
		lk, err := d.lockOnce(ctx, what)
		if err != nil {
			return nil, err
		}
		ok, err := d.hasBaseSchema(ctx)
		if err != nil {
			lk.release()
			return nil, err
		}
		if ok || try >= 5 {
			return lk, nil
		}
		lk.release() // a drop removed the constraints before the lock was ours
	}
}

// hasBaseSchema reports whether the constraints of CypherBaseSchema exist.
func (d *DB) hasBaseSchema(ctx context.Context) (bool, error) {
	recs, err := d.read(ctx, "SHOW CONSTRAINTS YIELD name WHERE name IN $names RETURN count(*) AS n",
		map[string]any{"names": []string{export.SchemaPrefix + export.EntityLabel + "_key", export.SchemaPrefix + graph.KindSource + "_key"}})
	if err != nil {
		return false, d.cfg.classify(err)
	}
	n, _ := recs[0]["n"].(int64)
	return n == 2, nil
}

func (d *DB) lockOnce(ctx context.Context, what string) (*dbLock, error) {
	s := d.session(ctx, neo4j.AccessModeWrite)
	done := make(chan struct{})
	defer close(done)
	go func() {
		select {
		case <-time.After(2 * time.Second):
			fmt.Fprintf(d.cfg.Log, "relgraph: %s: waiting for another relgraph load into database %s to finish\n", what, d.cfg.Database)
		case <-done:
		}
	}()
	var failedSince time.Time
	for {
		tx, err := s.BeginTransaction(ctx, neo4j.WithTxMetadata(map[string]any{"app": "relgraph load lock"}))
		if err == nil {
			var res neo4j.ResultWithContext
			if res, err = tx.Run(ctx, lockQuery, map[string]any{"id": lockID}); err == nil {
				_, err = res.Consume(ctx)
			}
			if err == nil {
				return &dbLock{s: s, tx: tx}, nil
			}
			tx.Close(context.Background())
		}
		if ctx.Err() != nil || !retryable(err) {
			s.Close(context.Background())
			return nil, d.cfg.classify(err)
		}
		if failedSince.IsZero() {
			failedSince = time.Now()
		} else if time.Since(failedSince) > d.cfg.RetryTime {
			s.Close(context.Background())
			return nil, d.cfg.classify(err)
		}
		select {
		case <-time.After(250 * time.Millisecond):
		case <-ctx.Done():
		}
	}
}

// release gives the lock back. A lock whose connection died (a server
// restart) is already gone, so errors are ignored.
func (l *dbLock) release() {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	l.tx.Rollback(ctx)
	l.s.Close(ctx)
}
