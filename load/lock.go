package load

import (
	"context"
	"fmt"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/relgraph/relgraph/export"
)

// LockLabel is the label of the node a load MERGEs, and never commits, to
// hold the database's load lock. Loads into one database take turns: a
// load writes new elements with CREATE (export.CypherGroup.Create), which
// is only safe when no other load can MERGE the same elements meanwhile,
// and taking turns also keeps concurrent loads and prunes from deadlocking
// on each other's nodes.
//
// The lock is an open transaction holding the uniqueness-constraint entry
// of (:RelgraphLoadLock {id: database}); it is rolled back at the end, so
// the node never appears in the graph. When relgraph dies, its connection
// closes and the server rolls the transaction back: a killed load never
// leaves a stale lock.
const LockLabel = "RelgraphLoadLock"

// lockSchema is the constraint that makes the lock's MERGE wait for the
// transaction holding it.
func lockSchema() string {
	return fmt.Sprintf("CREATE CONSTRAINT %s IF NOT EXISTS FOR (n:%s) REQUIRE n.id IS UNIQUE",
		export.QuoteIdent("relgraph_"+LockLabel+"_id"), export.QuoteIdent(LockLabel))
}

var lockQuery = "MERGE (l:" + export.QuoteIdent(LockLabel) + " {id: $database}) RETURN count(l) AS held"

// dbLock is a held load lock.
type dbLock struct {
	s  neo4j.SessionWithContext
	tx neo4j.ExplicitTransaction
}

// lock waits until no other relgraph load holds the database, then holds
// it. It says on the log when it has to wait.
func (d *DB) lock(ctx context.Context) (*dbLock, error) {
	s := d.session(ctx, neo4j.AccessModeWrite)
	done := make(chan struct{})
	defer close(done)
	go func() {
		select {
		case <-time.After(2 * time.Second):
			fmt.Fprintf(d.cfg.Log, "relgraph: load: waiting for another relgraph load into database %s to finish\n", d.cfg.Database)
		case <-done:
		}
	}()
	var failedSince time.Time
	for {
		tx, err := s.BeginTransaction(ctx, neo4j.WithTxMetadata(map[string]any{"app": "relgraph load lock"}))
		if err == nil {
			var res neo4j.ResultWithContext
			if res, err = tx.Run(ctx, lockQuery, map[string]any{"database": d.cfg.Database}); err == nil {
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
