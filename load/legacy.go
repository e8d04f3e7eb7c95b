package load

import (
	"context"
	"fmt"
	"strings"

	"github.com/relgraph/relgraph/export"
	"github.com/relgraph/relgraph/graph"
)

// The model before this one shared an element among every dataset that
// held its id and listed them in a datasets property, with a constraint on
// id alone per label (relgraph_<Label>_id), and a lock label
// RelgraphLoadLock. Such data cannot be migrated faithfully: where two
// datasets shared an id, the last load had already overwritten the other's
// values. A load refuses it and says what to do; [DB.DropLegacy] removes it.
const legacyLockLabel = graph.LockLabel

// legacy describes what of the old model the database holds: the old
// constraints by name, and whether any node still has a datasets list.
type legacy struct {
	constraints []string
	data        bool
}

func (l legacy) found() bool { return len(l.constraints) > 0 || l.data }

// findLegacy looks for the old model: its constraints (from the schema, no
// scan) and an entity or source with a datasets list (a label scan that
// stops at the first).
func (d *DB) findLegacy(ctx context.Context) (legacy, error) {
	var l legacy
	recs, err := d.read(ctx, "SHOW CONSTRAINTS YIELD name, properties WHERE name STARTS WITH $prefix AND name ENDS WITH '_id' AND properties = ['id'] RETURN name ORDER BY name",
		map[string]any{"prefix": export.SchemaPrefix})
	if err != nil {
		return l, d.cfg.classify(err)
	}
	for _, r := range recs {
		l.constraints = append(l.constraints, r["name"].(string))
	}
	for _, label := range []string{export.EntityLabel, graph.KindSource} {
		recs, err := d.read(ctx, "MATCH (n:"+export.QuoteIdent(label)+") WHERE n.datasets IS NOT NULL AND n.dataset IS NULL RETURN 1 AS one LIMIT 1", nil)
		if err != nil {
			return l, d.cfg.classify(err)
		}
		if len(recs) > 0 {
			l.data = true
		}
	}
	return l, nil
}

// checkLegacy refuses a database that holds the old model.
func (d *DB) checkLegacy(ctx context.Context) error {
	l, err := d.findLegacy(ctx)
	if err != nil || !l.found() {
		return err
	}
	var what []string
	if l.data {
		what = append(what, "elements tagged with a datasets list")
	}
	if len(l.constraints) > 0 {
		what = append(what, "constraints on id alone ("+strings.Join(l.constraints, ", ")+")")
	}
	return &Error{ErrLegacy, fmt.Sprintf("load: database %q at %s holds relgraph data of the old model, where datasets shared elements (%s): it cannot be migrated faithfully (where datasets shared an id, one had already overwritten the other); remove it with \"relgraph drop --legacy\", then load each dataset again",
		d.cfg.Database, d.cfg.safeURI(), strings.Join(what, " and "))}
}
