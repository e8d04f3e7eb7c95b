package load

import (
	"fmt"
	"io"

	"github.com/relgraph/relgraph/export"
	"github.com/relgraph/relgraph/graph"
)

// Step is one statement of a load and the rows it runs over.
type Step struct {
	Name    string `json:"name"`
	Query   string `json:"query"`
	Create  string `json:"create,omitempty"` // the statement for rows that are new
	Rows    int    `json:"rows"`
	Batches int    `json:"batches"`
}

// Plan returns the statements a load of g would run, in order, without a
// server: the schema statements (no rows), then one step per group of rows.
func Plan(g *graph.Graph, cfg Config) ([]Step, error) {
	cfg.withDefaults()
	if err := export.CheckIdents(g); err != nil {
		return nil, &Error{ErrConfig, "load: " + err.Error()}
	}
	var steps []Step
	// A dataset that holds something is read back first (see readHeld).
	for _, q := range []string{heldSources, heldNodes, heldRels, heldReports} {
		steps = append(steps, Step{Name: "read back", Query: q})
	}
	for _, q := range export.CypherSchema(g) {
		steps = append(steps, Step{Name: "schema", Query: q})
	}
	for _, grp := range export.CypherGroups(g) {
		steps = append(steps, Step{Name: grp.Name, Query: grp.Query, Create: grp.Create, Rows: grp.Len, Batches: (grp.Len + cfg.BatchSize - 1) / cfg.BatchSize})
	}
	if cfg.Prune {
		for _, q := range []string{pruneRels, pruneReports, pruneRelsByEID, pruneNodes} {
			steps = append(steps, Step{Name: "prune", Query: q})
		}
	}
	return steps, nil
}

// WritePlan prints steps as a Cypher script with comments: what --dry-run
// shows. Parameters stay parameters ($rows, $dataset).
func WritePlan(w io.Writer, steps []Step, cfg Config) error {
	cfg.withDefaults()
	fmt.Fprintf(w, "// dry run: dataset %s, database %s, batches of %d rows; nothing was written\n", export.CypherComment(cfg.Dataset), export.CypherComment(cfg.Database), cfg.BatchSize)
	for _, s := range steps {
		if s.Rows > 0 {
			fmt.Fprintf(w, "\n// %s: %d rows in %d batches\n", s.Name, s.Rows, s.Batches)
		} else if s.Name != "schema" {
			fmt.Fprintf(w, "\n// %s\n", s.Name)
		}
		if s.Create != "" {
			fmt.Fprintf(w, "// rows already in the database:\n")
		}
		if _, err := fmt.Fprintf(w, "%s;\n", s.Query); err != nil {
			return err
		}
		if s.Create != "" {
			if _, err := fmt.Fprintf(w, "// rows new to the database:\n%s;\n", s.Create); err != nil {
				return err
			}
		}
	}
	return nil
}
