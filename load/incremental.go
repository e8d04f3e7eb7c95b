package load

import (
	"context"
	"fmt"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/relgraph/relgraph/export"
	"github.com/relgraph/relgraph/graph"
)

// Change-aware loads. Every node, source and relationship relgraph writes
// carries export.HashProperty, a hash of its content, set in the same
// statement as the content, so a committed hash always describes committed
// content. A reload reads back, in one streaming pass per kind of element,
// the key and hash of everything the dataset holds, and writes only the
// rows that are new or whose hash differs. REPORTS links have no
// properties: one is written when it is missing. What the dataset holds and
// the input does not is what --prune removes, found in the same pass.

// rowState records what the dataset held for one row of a group.
type rowState uint8

const (
	rowPresent   rowState = 1 << iota // the dataset holds the element
	rowUnchanged                      // ...with this row's hash
)

// plan is what a load writes: for each group, the state of its rows.
type plan struct {
	state map[*export.CypherGroup][]rowState
	stale *stale
	// written holds, by label (Entity, Source), the element ids of the
	// nodes the dataset held that the input also has.
	written map[string]map[string]written
}

// keyOf is the key under which row i of g is compared with what the
// dataset holds, in the form heldKey builds from a record.
func keyOf(g *export.CypherGroup, i int) string {
	k := g.Key(i)
	switch {
	case !g.Rels && g.Label == graph.KindSource:
		return "S\x00" + k.ID
	case !g.Rels:
		return "N\x00" + k.ID
	case g.Type == export.ReportsType:
		return "P\x00" + k.From + "\x00" + k.To + "\x00" + k.Quote
	default:
		return "R\x00" + g.Type + "\x00" + k.ID + "\x00" + k.From + "\x00" + k.To
	}
}

// wanted is the key and hash of every row of the groups. Rows of
// relationships (the many) are found by hash, which covers their key;
// the others by key.
type wanted struct {
	keys   map[string]int32 // key -> index into refs (nodes, sources, REPORTS)
	hashes map[string]int32 // hash -> index into refs (relationships)
	refs   []rowRef
	group  []*export.CypherGroup
	dups   []int32 // refs whose key or hash an earlier ref has
}

type rowRef struct {
	group int32
	row   int32
	hash  string
}

func byHash(g *export.CypherGroup) bool { return g.Rels && g.Type != export.ReportsType }

// want takes the key or hash of every row, in parallel, from the elements
// (no row is built: see export.CypherGroup.Hash).
func want(groups []export.CypherGroup) *wanted {
	w := &wanted{}
	n := 0
	for i := range groups {
		w.group = append(w.group, &groups[i])
		n += groups[i].Len
	}
	w.refs = make([]rowRef, n)
	keys := make([]string, n)
	type span struct{ g, from, to, at int }
	var spans []span
	const chunk = 8192
	at := 0
	for gi := range groups {
		for i := 0; i < groups[gi].Len; i += chunk {
			j := min(i+chunk, groups[gi].Len)
			spans = append(spans, span{gi, i, j, at})
			at += j - i
		}
	}
	work := make(chan span)
	var wg sync.WaitGroup
	for p := 0; p < runtime.GOMAXPROCS(0); p++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for s := range work {
				g := &groups[s.g]
				for i := s.from; i < s.to; i++ {
					k := s.at + i - s.from
					w.refs[k] = rowRef{group: int32(s.g), row: int32(i), hash: g.Hash(i)}
					if !byHash(g) {
						keys[k] = keyOf(g, i)
					}
				}
			}
		}()
	}
	for _, s := range spans {
		work <- s
	}
	close(work)
	wg.Wait()
	w.keys = make(map[string]int32, n)
	w.hashes = make(map[string]int32, n)
	for i := range w.refs {
		m, k := w.keys, keys[i]
		if byHash(w.group[w.refs[i].group]) {
			m, k = w.hashes, w.refs[i].hash
		}
		if _, dup := m[k]; dup {
			// A second row for one element (MERGE would write it
			// once): the first row stands for both.
			w.dups = append(w.dups, int32(i))
			continue
		}
		m[k] = int32(i)
	}
	return w
}

// Read-back queries: what the dataset holds, by kind of element, as
// lists (one record per bucket: the driver spends far more per record than
// per list item, 4.5 s against 1 s for 500,000 hashes). Nodes and sources
// come with their key, hash and element id (which relationships then use as
// endpoints); REPORTS links with their key; relationships with their hash
// alone, which covers their key (heldRelKeys then reads the keys of those
// whose hash the input does not have). The "id IS NOT NULL" lets the
// (dataset, id) constraint's index find a dataset's nodes.
const (
	heldNodes = `MATCH (n:Entity) WHERE n.dataset = $dataset AND n.id IS NOT NULL
RETURN right(elementId(n), 1) AS bucket, collect([n.id, n.relgraph_hash, elementId(n)]) AS items`
	heldSources = `MATCH (n:Source) WHERE n.dataset = $dataset AND n.id IS NOT NULL
RETURN right(elementId(n), 1) AS bucket, collect([n.id, n.relgraph_hash, elementId(n)]) AS items`
	heldRels = `MATCH (a:Entity)-[r]->(:Entity) WHERE a.dataset = $dataset AND a.id IS NOT NULL AND r.dataset = $dataset
RETURN coalesce(substring(r.relgraph_hash, 0, 1), '') AS bucket, collect(coalesce(r.relgraph_hash, '')) AS items`
	heldReports = `MATCH (s:Source)-[r:REPORTS]->(n:Entity) WHERE s.dataset = $dataset AND s.id IS NOT NULL AND r.dataset = $dataset
RETURN right(elementId(n), 1) AS bucket, collect([s.id, n.id, coalesce(r.quote, '')]) AS items`
	// heldRelKeys: the keys of the relationships whose hash the input does
	// not have (changed or gone), and of those without a hash.
	heldRelKeys = `MATCH (a:Entity)-[r]->(b:Entity) WHERE a.dataset = $dataset AND a.id IS NOT NULL AND r.dataset = $dataset
AND (r.relgraph_hash IS NULL OR r.relgraph_hash IN $hashes)
RETURN collect([type(r), r.id, a.id, b.id, elementId(r)]) AS items`
)

func str(v any) string { s, _ := v.(string); return s }

// heldKey builds, from a read-back item, the key keyOf gives the row
// that wrote it ("" when the element has no key relgraph writes).
func heldKey(what string, v []any) string {
	switch what {
	case "nodes", "sources":
		if v[0] == nil {
			return ""
		}
		if what == "sources" {
			return "S\x00" + str(v[0])
		}
		return "N\x00" + str(v[0])
	case "relationships":
		if v[1] == nil {
			return ""
		}
		return "R\x00" + str(v[0]) + "\x00" + str(v[1]) + "\x00" + str(v[2]) + "\x00" + str(v[3])
	default:
		return "P\x00" + str(v[0]) + "\x00" + str(v[1]) + "\x00" + str(v[2])
	}
}

// readList runs a read-back query and calls each with every item of every
// record's list (the column items). A transaction the driver retries
// starts again from reset.
func (d *DB) readList(ctx context.Context, query string, params map[string]any, reset func(), each func(item any)) error {
	s := d.session(ctx, neo4j.AccessModeRead)
	defer s.Close(ctx)
	_, err := s.ExecuteRead(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
		reset()
		cur, err := tx.Run(ctx, query, params)
		if err != nil {
			return nil, err
		}
		for cur.Next(ctx) {
			v, _ := cur.Record().Get("items")
			list, ok := v.([]any)
			if !ok {
				each(v)
				continue
			}
			for _, x := range list {
				each(x)
			}
		}
		return nil, cur.Err()
	})
	return err
}

// rawList is what a read-back query returned, read while the input is
// hashed.
type rawList struct {
	items []any
	err   error
	dur   time.Duration
}

// readHeld reads back what the dataset holds and compares it with the
// rows: which are present, which unchanged, what is stale (held, not in
// the input), and the element ids of held nodes and sources.
//
// Without prune, the keys of relationships the input lacks by hash are not
// read: the rows to write are merged (a changed relationship is updated,
// a new one created by MERGE), unless an end is new.
func (d *DB) readHeld(ctx context.Context, groups []export.CypherGroup, prune bool) (*plan, error) {
	params := map[string]any{"dataset": d.cfg.Dataset}
	// The server reads while the input is hashed.
	queries := map[string]string{"sources": heldSources, "nodes": heldNodes, "reports": heldReports, "relationships": heldRels}
	order := []string{"sources", "nodes", "reports", "relationships"}
	raw := map[string]*rawList{}
	for _, k := range order {
		raw[k] = &rawList{}
	}
	// Two streams: relationships (the most) on one session, the rest on
	// another, so that the server scans on both cores.
	var reads sync.WaitGroup
	for _, stream := range [][]string{{"relationships"}, {"sources", "nodes", "reports"}} {
		reads.Add(1)
		go func() {
			defer reads.Done()
			for _, k := range stream {
				r := raw[k]
				t := time.Now()
				r.err = d.readList(ctx, queries[k], params, func() { r.items = nil }, func(item any) { r.items = append(r.items, item) })
				r.dur = time.Since(t)
				if r.err != nil {
					return
				}
			}
		}()
	}
	done := make(chan struct{})
	go func() { reads.Wait(); close(done) }()
	t0 := time.Now()
	w := want(groups)
	times := []string{fmt.Sprintf("input hashed in %.2fs", time.Since(t0).Seconds())}
	<-done
	for _, k := range order {
		if err := raw[k].err; err != nil {
			return nil, d.cfg.classify(err)
		}
	}
	p := &plan{state: map[*export.CypherGroup][]rowState{}, stale: &stale{}, written: newWritten()}
	for _, g := range w.group {
		p.state[g] = make([]rowState, g.Len)
	}
	for _, i := range w.dups {
		ref := w.refs[i]
		p.state[w.group[ref.group]][ref.row] = rowPresent | rowUnchanged
	}
	stateOf := func(i int32) *rowState {
		ref := &w.refs[i]
		return &p.state[w.group[ref.group]][ref.row]
	}
	// Nodes, sources and REPORTS links, by key.
	for _, x := range []struct {
		what, label string
	}{
		{"sources", graph.KindSource},
		{"nodes", export.EntityLabel},
		{"reports", ""},
	} {
		var st stale
		seen := 0
		byID := p.written[x.label]
		for _, item := range raw[x.what].items {
			v, _ := item.([]any)
			if len(v) < 3 {
				continue
			}
			seen++
			i, ok := w.keys[heldKey(x.what, v)]
			if !ok {
				switch x.what {
				case "sources":
					st.sources = append(st.sources, str(v[2]))
				case "nodes":
					st.nodes = append(st.nodes, str(v[2]))
				default:
					st.reports = append(st.reports, map[string]any{"source": str(v[0]), "node": str(v[1]), "quote": str(v[2])})
				}
				continue
			}
			state := stateOf(i)
			*state |= rowPresent
			if h := w.refs[i].hash; h == "" || str(v[1]) == h {
				// REPORTS links have no hash: present is unchanged.
				*state |= rowUnchanged
			}
			if byID != nil {
				byID[str(v[0])] = written{eid: str(v[2])}
			}
		}
		p.stale.add(&st)
		p.stale.total += seen
		times = append(times, fmt.Sprintf("%d %s in %.2fs", seen, x.what, raw[x.what].dur.Seconds()))
	}
	// Relationships, by hash; then the keys of those the input does not
	// have, to tell a changed relationship from one that is gone.
	t1 := time.Now()
	var missing []string
	seen, unhashed := 0, 0
	for _, item := range raw["relationships"].items {
		h := str(item)
		seen++
		if i, ok := w.hashes[h]; ok && h != "" {
			*stateOf(i) |= rowPresent | rowUnchanged
			continue
		}
		if h == "" {
			unhashed++
		} else {
			missing = append(missing, h)
		}
	}
	p.stale.total += seen
	if !prune {
		for i := range w.refs {
			if byHash(w.group[w.refs[i].group]) {
				*stateOf(int32(i)) |= rowPresent
			}
		}
	} else if len(missing)+unhashed > 0 {
		// The keys of the rows to write, to find the changed ones.
		keys := map[string]int32{}
		for i := range w.refs {
			g := w.group[w.refs[i].group]
			if byHash(g) && *stateOf(int32(i))&rowUnchanged == 0 {
				keys[keyOf(g, int(w.refs[i].row))] = int32(i)
			}
		}
		var st stale
		err := d.readList(ctx, heldRelKeys, map[string]any{"dataset": d.cfg.Dataset, "hashes": missing}, func() { st = stale{} }, func(item any) {
			v, _ := item.([]any)
			if len(v) < 5 {
				return
			}
			if i, ok := keys[heldKey("relationships", v)]; ok {
				*stateOf(i) |= rowPresent // changed, not gone
				return
			}
			if v[1] == nil {
				st.relEIDs = append(st.relEIDs, str(v[4]))
			} else {
				st.rels = append(st.rels, map[string]any{"type": str(v[0]), "id": str(v[1]), "from": str(v[2]), "to": str(v[3])})
			}
		})
		if err != nil {
			return nil, d.cfg.classify(err)
		}
		p.stale.add(&st)
	}
	times = append(times, fmt.Sprintf("%d relationships in %.2fs (%d not in the input by hash; keys read in %.2fs)", seen, raw["relationships"].dur.Seconds(), len(missing)+unhashed, time.Since(t1).Seconds()))
	fmt.Fprintf(d.cfg.Log, "relgraph: load: read back dataset %q: %s\n", d.cfg.Dataset, strings.Join(times, ", "))
	return p, nil
}
