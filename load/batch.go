package load

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/relgraph/relgraph/export"
	"github.com/relgraph/relgraph/graph"
)

// Counts are the rows of one kind of element written, split into the ones
// the load created and the ones that were there already (and were updated).
type Counts struct {
	Rows    int `json:"rows"`
	Created int `json:"created"`
	Updated int `json:"updated"`
}

func (c *Counts) add(rows, created int) {
	c.Rows += rows
	c.Created += created
	c.Updated += rows - created
}

// Pruned counts what --prune removed from the dataset. Kept elements lost
// the dataset's tag but stay because relgraph did not create everything
// attached to them.
type Pruned struct {
	Nodes         int `json:"nodes"`
	Sources       int `json:"sources"`
	Relationships int `json:"relationships"`
	Untagged      int `json:"untagged"`
}

// Summary describes a finished load. It holds no credentials.
type Summary struct {
	URI           string  `json:"uri"`
	Database      string  `json:"database"`
	Dataset       string  `json:"dataset"`
	DryRun        bool    `json:"dry_run,omitempty"`
	Nodes         Counts  `json:"nodes"`
	Sources       Counts  `json:"sources"`
	Relationships Counts  `json:"relationships"`
	Reports       Counts  `json:"reports"`
	Pruned        *Pruned `json:"pruned,omitempty"`
	Constraints   int     `json:"schema_statements"`
	Rows          int     `json:"rows"`
	Batches       int     `json:"batches"`
	Retries       int     `json:"retries"`
	Seconds       float64 `json:"seconds"`
	RowsPerSecond float64 `json:"rows_per_second"`
	RelsPerSecond float64 `json:"relationships_per_second"`
}

// batch is one transaction's worth of rows of one group: rows i to j-1,
// built only when the batch is written.
type batch struct {
	group  *export.CypherGroup
	i, j   int
	counts *Counts
}

// batches splits the groups into batches of size rows. Sources and nodes
// come first (phase 0), because relationships MATCH their endpoints.
func batches(groups []export.CypherGroup, size int, s *Summary) (phases [2][]batch) {
	for i := range groups {
		g := &groups[i]
		var counts *Counts
		phase := 0
		switch {
		case g.Name == "sources":
			counts = &s.Sources
		case g.Rels && g.Name == "relationships "+export.ReportsType:
			counts, phase = &s.Reports, 1
		case g.Rels:
			counts, phase = &s.Relationships, 1
		default:
			counts = &s.Nodes
		}
		for j := 0; j < g.Len; j += size {
			phases[phase] = append(phases[phase], batch{group: g, i: j, j: min(j+size, g.Len), counts: counts})
		}
	}
	return phases
}

// Load writes g into the database: schema, then sources and nodes, then
// relationships, then (with Config.Prune) removes what the dataset no longer
// holds. Kinds and types that are not identifiers are rejected before
// anything is written.
func (d *DB) Load(ctx context.Context, g *graph.Graph) (*Summary, error) {
	if err := export.CheckIdents(g); err != nil {
		return nil, &Error{ErrConfig, "load: " + err.Error()}
	}
	start := time.Now()
	cfg := &d.cfg
	sum := &Summary{URI: cfg.safeURI(), Database: cfg.Database, Dataset: cfg.Dataset}
	n, err := d.applySchema(ctx, g)
	sum.Constraints = n
	if err != nil {
		return sum, err
	}
	groups := export.CypherGroups(g)
	phases := batches(groups, cfg.BatchSize, sum)
	total := 0
	for _, p := range phases {
		for _, b := range p {
			total += b.j - b.i
		}
	}
	r := &runner{db: d, sum: sum, total: total, perGroup: map[*export.CypherGroup]int{}}
	for i, p := range phases {
		par := cfg.Parallel
		if i == 0 {
			// Sources and nodes are few and quick; one writer keeps the
			// unique-constraint checks free of lock waits.
			par = 1
		}
		if err := r.run(ctx, p, par); err != nil {
			return sum, err
		}
	}
	if cfg.Prune {
		p, err := d.prune(ctx, g)
		sum.Pruned = p
		if err != nil {
			return sum, err
		}
	}
	sum.Seconds = time.Since(start).Seconds()
	if sum.Seconds > 0 {
		sum.RowsPerSecond = float64(sum.Rows) / sum.Seconds
		sum.RelsPerSecond = float64(sum.Relationships.Rows+sum.Reports.Rows) / sum.Seconds
	}
	return sum, nil
}

// runner writes batches and keeps the tally.
type runner struct {
	db    *DB
	sum   *Summary
	total int

	mu       sync.Mutex
	done     int
	perGroup map[*export.CypherGroup]int
	logged   int // tenths of the total logged so far
}

// run writes the batches of one phase with par concurrent transactions.
// The first failure stops the phase.
func (r *runner) run(ctx context.Context, bs []batch, par int) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	work := make(chan batch)
	var wg sync.WaitGroup
	var once sync.Once
	var first error
	for w := 0; w < par; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s := r.db.session(ctx, neo4j.AccessModeWrite)
			defer s.Close(context.Background())
			for b := range work {
				if err := r.write(ctx, s, b); err != nil {
					once.Do(func() { first = err; cancel() })
					return
				}
			}
		}()
	}
feed:
	for _, b := range bs {
		select {
		case work <- b:
		case <-ctx.Done():
			break feed
		}
	}
	close(work)
	wg.Wait()
	if first == nil && ctx.Err() != nil && !errors.Is(ctx.Err(), context.Canceled) {
		first = ctx.Err()
	}
	return first
}

type result struct {
	rows    int
	created int
}

// write runs one batch in a managed write transaction. The driver retries
// transient failures for Config.RetryTime; failures it gives up on but that
// may pass (a lost connection, a commit of unknown outcome) are retried
// here for as long again, with a growing pause, since every statement is an
// idempotent MERGE.
func (r *runner) write(ctx context.Context, s neo4j.SessionWithContext, b batch) error {
	cfg := &r.db.cfg
	rows := b.group.Batch(b.i, b.j)
	params := map[string]any{"rows": rows, "dataset": cfg.Dataset}
	var failedSince time.Time
	pause := 250 * time.Millisecond
	for {
		res, err := s.ExecuteWrite(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
			cur, err := tx.Run(ctx, b.group.Query, params)
			if err != nil {
				return nil, err
			}
			rec, err := cur.Single(ctx)
			if err != nil {
				return nil, err
			}
			sum, err := cur.Consume(ctx)
			if err != nil {
				return nil, err
			}
			n, _ := rec.Get("rows")
			rows, _ := n.(int64)
			c := sum.Counters()
			return result{rows: int(rows), created: c.NodesCreated() + c.RelationshipsCreated()}, nil
		})
		if err == nil {
			res := res.(result)
			if res.rows != len(rows) {
				return r.fail(b, &Error{ErrWrite, fmt.Sprintf("load: %s: wrote %d of %d rows: endpoints missing from the database (was the dataset pruned by another load at the same time?)", b.group.Name, res.rows, len(rows))})
			}
			r.mu.Lock()
			b.counts.add(res.rows, res.created)
			r.sum.Rows += res.rows
			r.sum.Batches++
			r.done += res.rows
			done := r.done
			r.perGroup[b.group] += res.rows
			// A line per finished group, and one per tenth of the load for
			// long groups, so a batch job's log shows progress without a line
			// per transaction.
			var line string
			if r.perGroup[b.group] == b.group.Len {
				line = fmt.Sprintf("relgraph: load: %s: %d rows written (%d of %d)\n", b.group.Name, b.group.Len, done, r.total)
			} else if tenth := done * 10 / max(r.total, 1); tenth > r.logged {
				line = fmt.Sprintf("relgraph: load: %d%%: %d of %d rows (%s)\n", tenth*10, done, r.total, b.group.Name)
			}
			if tenth := done * 10 / max(r.total, 1); tenth > r.logged {
				r.logged = tenth
			}
			r.mu.Unlock()
			if cfg.Progress != nil {
				cfg.Progress(done, r.total)
			} else if line != "" {
				fmt.Fprint(cfg.Log, line)
			}
			return nil
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if !retryable(err) {
			return r.fail(b, err)
		}
		if failedSince.IsZero() {
			failedSince = time.Now()
		} else if time.Since(failedSince) > cfg.RetryTime {
			return r.fail(b, err)
		}
		r.mu.Lock()
		r.sum.Retries++
		r.mu.Unlock()
		fmt.Fprintf(cfg.Log, "relgraph: load: %s: retrying in %s: %s\n", b.group.Name, pause, cfg.scrub(lastLine(rootMessage(err))))
		select {
		case <-time.After(pause):
		case <-ctx.Done():
			return ctx.Err()
		}
		pause = min(2*pause, 5*time.Second)
	}
}

// fail words err and says how far the load got.
func (r *runner) fail(b batch, err error) error {
	e := r.db.cfg.classify(err)
	r.mu.Lock()
	done := r.done
	r.mu.Unlock()
	return &Error{e.Kind, fmt.Sprintf("%s; stopped at %s after writing %d of %d rows: run the same command again to finish (rows already written are merged, not duplicated)", e.Msg, b.group.Name, done, r.total)}
}
