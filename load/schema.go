package load

import (
	"context"
	"fmt"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// applySchema runs stmts, schema statements that create the constraints and
// indexes that are missing, and waits until they are online, so that the
// writes that follow use them. Schema changes cannot share a transaction
// with writes: each statement runs on its own.
func (d *DB) applySchema(ctx context.Context, stmts []string) (int, error) {
	s := d.session(ctx, neo4j.AccessModeWrite)
	defer s.Close(ctx)
	added := 0
	for _, q := range stmts {
		res, err := s.ExecuteWrite(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
			r, err := tx.Run(ctx, q, nil)
			if err != nil {
				return nil, err
			}
			sum, err := r.Consume(ctx)
			if err != nil {
				return nil, err
			}
			return sum.Counters().ConstraintsAdded() + sum.Counters().IndexesAdded(), nil
		})
		if err != nil {
			e := d.cfg.classify(err)
			return added, &Error{e.Kind, fmt.Sprintf("%s (while creating the schema: %s)", e.Msg, q)}
		}
		added += res.(int)
	}
	if added > 0 {
		fmt.Fprintf(d.cfg.Log, "relgraph: load: created %d constraints and indexes\n", added)
	}
	if _, err := s.Run(ctx, "CALL db.awaitIndexes(300)", nil); err != nil {
		return added, d.cfg.classify(err)
	}
	return added, nil
}
