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
	// Unchanged rows were not sent: the dataset holds them with the same
	// content hash.
	Unchanged int `json:"unchanged"`
}

func (c *Counts) add(rows, created int) {
	c.Rows += rows
	c.Created += created
	c.Updated += rows - created
}

// Pruned counts what --prune removed from the dataset. Untagged elements
// left the dataset (lost their dataset property) but stay, because
// something relgraph did not write is attached to them.
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
	// Full: every row was written (Config.Full), unchanged or not.
	Full bool `json:"full,omitempty"`
	// Unchanged is the sum of the Counts' Unchanged: rows not written.
	Unchanged   int     `json:"unchanged"`
	Constraints int     `json:"schema_statements"`
	Rows        int     `json:"rows"`
	Batches     int     `json:"batches"`
	Retries     int     `json:"retries"`
	Seconds     float64 `json:"seconds"`
	// PhaseSeconds: writing sources and nodes, then relationships.
	PhaseSeconds  [2]float64 `json:"phase_seconds"`
	RowsPerSecond float64    `json:"rows_per_second"`
	RelsPerSecond float64    `json:"relationships_per_second"`
}

// batch is one transaction's worth of rows of one group: rows i to j-1,
// or with rows, the rows it lists; built only when the batch is written.
type batch struct {
	group  *export.CypherGroup
	i, j   int
	rows   []int32
	counts *Counts
}

func (b batch) len() int {
	if b.rows != nil {
		return len(b.rows)
	}
	return b.j - b.i
}

// build returns the batch's rows (each with its content hash, see
// export.HashProperty) and their indexes in the group.
func (b batch) build() ([]map[string]any, []int32) {
	idx := b.rows
	if idx == nil {
		idx = make([]int32, 0, b.j-b.i)
		for k := b.i; k < b.j; k++ {
			idx = append(idx, int32(k))
		}
	}
	rows := make([]map[string]any, len(idx))
	for k, i := range idx {
		rows[k] = b.group.Row(int(i))
	}
	return rows, idx
}

// batches splits the groups into batches of size rows. Sources and nodes
// come first (phase 0), because relationships MATCH their endpoints. With
// a plan (the dataset held something) only rows that are new or changed
// are batched, unless full.
func batches(groups []export.CypherGroup, size int, s *Summary, p *plan, full bool) (phases [2][]batch) {
	for i := range groups {
		g := &groups[i]
		var counts *Counts
		phase := 0
		switch {
		case !g.Rels && g.Label == graph.KindSource:
			counts = &s.Sources
		case g.Rels && g.Label == graph.KindSource:
			counts, phase = &s.Reports, 1
		case g.Rels:
			counts, phase = &s.Relationships, 1
		default:
			counts = &s.Nodes
		}
		if p == nil || full {
			for j := 0; j < g.Len; j += size {
				phases[phase] = append(phases[phase], batch{group: g, i: j, j: min(j+size, g.Len), counts: counts})
			}
			continue
		}
		var todo []int32
		for i, st := range p.state[g] {
			if st&rowUnchanged == 0 {
				todo = append(todo, int32(i))
			}
		}
		counts.Unchanged += g.Len - len(todo)
		s.Unchanged += g.Len - len(todo)
		for j := 0; j < len(todo); j += size {
			phases[phase] = append(phases[phase], batch{group: g, rows: todo[j:min(j+size, len(todo))], counts: counts})
		}
	}
	return phases
}

// Load writes g into the database: schema, then sources and nodes, then
// relationships, then (with Config.Prune) removes what the dataset no longer
// holds. Kinds and types that are not identifiers, a database holding the
// old model (ErrLegacy) and a prune over Config.MaxPrune (ErrPruneLimit)
// are refused before anything is written. Loads into one database take
// turns (see lockID).
//
// Rows that are new to the dataset are written with CREATE, the others
// with MERGE: a node is new when no node of the dataset has its id (checked
// in the transaction that writes it, or known when the dataset held no
// entity and no source when the load began), a relationship when this load
// created either of its ends (no relationship can touch a node that did
// not exist). A batch that is tried again is written with MERGE
// only, since a commit whose outcome was lost may have happened.
func (d *DB) Load(ctx context.Context, g *graph.Graph) (*Summary, error) {
	if err := export.CheckIdents(g); err != nil {
		return nil, &Error{ErrConfig, "load: " + err.Error()}
	}
	start := time.Now()
	cfg := &d.cfg
	sum := &Summary{URI: cfg.safeURI(), Database: cfg.Database, Dataset: cfg.Dataset}
	if err := d.checkLegacy(ctx); err != nil {
		return sum, err
	}
	lk, err := d.lock(ctx, "load")
	if err != nil {
		return sum, err
	}
	defer lk.release()
	groups := export.CypherGroups(g)
	empty, err := d.empty(ctx)
	if err != nil {
		return sum, err
	}
	// What the dataset holds, read before anything is written, so that a
	// prune over the limit refuses with nothing written; what the load
	// then writes is all in g, so the stale list stays right.
	var pl *plan
	if !empty {
		if pl, err = d.readHeld(ctx, groups, cfg.Prune); err != nil {
			return sum, err
		}
	}
	st := &stale{}
	if pl != nil {
		st = pl.stale
	}
	if cfg.Prune {
		if err := d.checkPrune(st); err != nil {
			return sum, err
		}
	}
	n, err := d.applySchema(ctx, export.CypherKindSchema(g))
	sum.Constraints += n
	if err != nil {
		return sum, err
	}
	sum.Full = cfg.Full
	phases := batches(groups, cfg.BatchSize, sum, pl, cfg.Full)
	total := 0
	for _, p := range phases {
		for _, b := range p {
			total += b.len()
		}
	}
	if pl != nil {
		fmt.Fprintf(cfg.Log, "relgraph: load: %d rows unchanged, %d to write\n", sum.Unchanged, total)
	}
	r := &runner{db: d, sum: sum, total: total, perGroup: map[*export.CypherGroup]int{}, plan: pl, written: newWritten()}
	if pl != nil {
		r.written = pl.written
	}
	for i, p := range phases {
		t0 := time.Now()
		par := cfg.Parallel
		if i == 0 {
			// Sources and nodes: one writer. Every node inserts into two
			// unique indexes (Entity and its kind), and two writers were
			// slower than one (BENCHMARKS.md).
			par = 1
		}
		if err := r.run(ctx, p, par); err != nil {
			return sum, err
		}
		sum.PhaseSeconds[i] = time.Since(t0).Seconds()
	}
	if cfg.Prune {
		p, err := d.prune(ctx, st)
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

// empty reports whether the dataset holds no entity and no source (two
// index seeks), so that every node and source of the load is new.
func (d *DB) empty(ctx context.Context) (bool, error) {
	for _, label := range []string{export.EntityLabel, graph.KindSource} {
		recs, err := d.read(ctx, "MATCH (n:"+export.QuoteIdent(label)+") WHERE n.dataset = $dataset AND n.id IS NOT NULL RETURN 1 AS one LIMIT 1",
			map[string]any{"dataset": d.cfg.Dataset})
		if err != nil {
			return false, d.cfg.classify(err)
		}
		if len(recs) > 0 {
			return false, nil
		}
	}
	return true, nil
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

	// plan says what the dataset held when the load began; nil when it
	// held no entity and no source, so that every row is new.
	plan *plan
	// written holds, by label (Entity, Source), the nodes this load wrote,
	// by id. It is filled while sources and nodes load and only read once
	// relationships load.
	written map[string]map[string]written
}

// newWritten returns an empty record of written nodes, by label.
func newWritten() map[string]map[string]written {
	return map[string]map[string]written{export.EntityLabel: {}, graph.KindSource: {}}
}

// written is a node or source this load wrote: its element id, so that
// relationships find it without an index seek (CypherGroup.LoadQuery),
// and whether this load created it.
type written struct {
	eid     string
	created bool
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
	nodes   map[string]written // the nodes or sources written, by id
}

// statements returns the statements that write b's rows, for rows to
// create and for rows to merge. Node statements also return the element
// ids written; relationship statements find their endpoints by element id
// when every row's are known, adding them to the rows as a and b.
func (r *runner) statements(b batch, rows []map[string]any) (create, merge string) {
	g := b.group
	if !g.Rels {
		return g.LoadCreate, g.LoadQuery
	}
	starts, ends := r.written[g.Label], r.written[export.EntityLabel]
	for _, row := range rows {
		a, _ := row[g.From].(string)
		z, _ := row[g.To].(string)
		if starts[a].eid == "" || ends[z].eid == "" {
			return g.Create, g.Query
		}
	}
	for _, row := range rows {
		row["a"], row["b"] = starts[row[g.From].(string)].eid, ends[row[g.To].(string)].eid
	}
	return g.LoadCreate, g.LoadQuery
}

// split divides the rows of a batch into those to CREATE and those to
// MERGE (see Load): a row is created when the dataset did not hold its
// element when the load began (the lock keeps other loads out since), or,
// for a relationship, when this load created either end. attempt counts
// the tries of this batch, from 1: a batch tried again is merged.
func (r *runner) split(b batch, rows []map[string]any, idx []int32, attempt int) (create, merge []map[string]any) {
	g := b.group
	if attempt > 1 {
		return nil, rows
	}
	var state []rowState
	if r.plan != nil {
		state = r.plan.state[g]
	}
	for k, row := range rows {
		isNew := state == nil || state[idx[k]]&rowPresent == 0
		if g.Rels && !isNew {
			starts, ends := r.written[g.Label], r.written[export.EntityLabel]
			a, _ := row[g.From].(string)
			z, _ := row[g.To].(string)
			isNew = starts[a].created || ends[z].created
		}
		if isNew {
			create = append(create, row)
		} else {
			merge = append(merge, row)
		}
	}
	return create, merge
}

// write runs one batch in a managed write transaction. The driver retries
// transient failures for Config.RetryTime; failures it gives up on but that
// may pass (a lost connection, a commit of unknown outcome) are retried
// here for as long again, with a growing pause. A batch tried again is
// written with MERGE only, which is idempotent.
func (r *runner) write(ctx context.Context, s neo4j.SessionWithContext, b batch) error {
	cfg := &r.db.cfg
	rows, idx := b.build()
	createQ, mergeQ := r.statements(b, rows)
	var failedSince time.Time
	pause := 250 * time.Millisecond
	attempt := 0
	for {
		res, err := s.ExecuteWrite(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
			attempt++
			create, merge := r.split(b, rows, idx, attempt)
			var out result
			for _, part := range []struct {
				query   string
				rows    []map[string]any
				created bool
			}{{createQ, create, true}, {mergeQ, merge, false}} {
				if len(part.rows) == 0 {
					continue
				}
				cur, err := tx.Run(ctx, part.query, map[string]any{"rows": part.rows, "dataset": cfg.Dataset})
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
				if eids, ok := rec.Get("eids"); ok {
					list, _ := eids.([]any)
					for _, x := range list {
						if pair, ok := x.([]any); ok && len(pair) == 2 {
							id, _ := pair[0].(string)
							eid, _ := pair[1].(string)
							if out.nodes == nil {
								out.nodes = map[string]written{}
							}
							out.nodes[id] = written{eid: eid, created: part.created}
						}
					}
				}
				c := sum.Counters()
				out.rows += int(n.(int64))
				out.created += c.NodesCreated() + c.RelationshipsCreated()
			}
			return out, nil
		})
		if err == nil {
			res := res.(result)
			if res.rows != len(rows) {
				return r.fail(b, &Error{ErrWrite, fmt.Sprintf("load: %s: wrote %d of %d rows: endpoints missing from the database (was the dataset pruned by another load at the same time?)", b.group.Name, res.rows, len(rows))})
			}
			r.mu.Lock()
			if !b.group.Rels {
				byID := r.written[b.group.Label]
				for id, w := range res.nodes {
					byID[id] = w
				}
			}
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
		if !retryable(err) && !(attempt == 1 && isConstraint(err)) {
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
