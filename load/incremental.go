package load

import (
	"context"
	"runtime"
	"sync"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/relgraph/relgraph/export"
	"github.com/relgraph/relgraph/graph"
)

// Change-aware loads. Every node, source and relationship relgraph writes
// carries export.HashProperty: a hash of the row that wrote it (its id,
// endpoints and every property relgraph sets), set in the same statement
// as the content, so a committed hash always describes committed content.
// A reload reads back, in one streaming pass per kind of element, the key
// and hash of everything the dataset holds, and writes only the rows that
// are new or whose hash differs. REPORTS links have no properties: one is
// written when it is missing. What the dataset holds and the input does not
// is what --prune removes, found in the same pass.

// rowState records what the dataset held for one row of a group.
type rowState uint8

const (
	rowPresent   rowState = 1 << iota // the dataset holds the element
	rowUnchanged                      // ...with this row's hash
)

// plan is what a load writes: for each group, the state of its rows.
type plan struct {
	known bool // the dataset was read (it held something)
	state map[*export.CypherGroup][]rowState
	stale *stale
	// written holds, by label (Entity, Source), the element ids of the
	// nodes the dataset held that the input also has.
	written map[string]map[string]written
}

// rowKey is the key under which a group's row i is compared with what
// the dataset holds, in the form heldKey builds from a record.
func rowKey(g *export.CypherGroup, row map[string]any) string {
	id, _ := row["id"].(string)
	switch {
	case !g.Rels && g.Label == graph.KindSource:
		return "S\x00" + id
	case !g.Rels:
		return "N\x00" + id
	case g.Type == export.ReportsType:
		q, _ := row["quote"].(string)
		return "P\x00" + row[g.From].(string) + "\x00" + row[g.To].(string) + "\x00" + q
	default:
		return "R\x00" + g.Type + "\x00" + id + "\x00" + row[g.From].(string) + "\x00" + row[g.To].(string)
	}
}

// wanted is the key and hash of every row of the groups.
type wanted struct {
	keys  map[string]int32 // key -> index into refs
	refs  []rowRef
	group []*export.CypherGroup
	dups  []int32 // refs whose key an earlier ref has
}

type rowRef struct {
	group int32
	row   int32
	hash  string
}

// want builds every row once, in parallel, to take its key and hash
// (export.CypherGroups hashes each row it builds).
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
	const chunk = 4096
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
					row := g.Row(i)
					k := s.at + i - s.from
					keys[k] = rowKey(g, row)
					w.refs[k] = rowRef{group: int32(s.g), row: int32(i)}
					if props, ok := row["props"].(map[string]any); ok {
						w.refs[k].hash, _ = props[export.HashProperty].(string)
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
	for i, k := range keys {
		if _, dup := w.keys[k]; dup {
			// A second row for one element (MERGE would write it
			// once): the first row stands for both.
			w.dups = append(w.dups, int32(i))
			continue
		}
		w.keys[k] = int32(i)
	}
	return w
}

// Read-back queries: the key fields, hash and element id of everything the
// dataset holds, by kind of element. The "id IS NOT NULL" lets the
// (dataset, id) constraint's index find a dataset's nodes.
const (
	heldNodes   = `MATCH (n:Entity) WHERE n.dataset = $dataset AND n.id IS NOT NULL RETURN n.id AS k, n.relgraph_hash AS h, elementId(n) AS eid`
	heldSources = `MATCH (n:Source) WHERE n.dataset = $dataset AND n.id IS NOT NULL RETURN n.id AS k, n.relgraph_hash AS h, elementId(n) AS eid`
	heldRels    = `MATCH (a:Entity)-[r]->(b:Entity) WHERE a.dataset = $dataset AND a.id IS NOT NULL AND r.dataset = $dataset
RETURN type(r) AS t, r.id AS k, a.id AS f, b.id AS o, r.relgraph_hash AS h, elementId(r) AS eid`
	heldReports = `MATCH (s:Source)-[r:REPORTS]->(n:Entity) WHERE s.dataset = $dataset AND s.id IS NOT NULL AND r.dataset = $dataset
RETURN s.id AS f, n.id AS o, r.quote AS q, elementId(r) AS eid`
)

// heldKey builds, from a read-back record, the key rowKey gives the row
// that wrote it ("" when the element has no key relgraph writes).
func heldKey(what string, rec *neo4j.Record) string {
	s := func(i int) (string, bool) {
		v, ok := rec.Values[i].(string)
		return v, ok
	}
	switch what {
	case "nodes", "sources":
		k, ok := s(0)
		if !ok {
			return ""
		}
		if what == "sources" {
			return "S\x00" + k
		}
		return "N\x00" + k
	case "relationships":
		t, _ := s(0)
		k, ok1 := s(1)
		f, ok2 := s(2)
		o, ok3 := s(3)
		if !ok1 || !ok2 || !ok3 {
			return ""
		}
		return "R\x00" + t + "\x00" + k + "\x00" + f + "\x00" + o
	default:
		f, _ := s(0)
		o, _ := s(1)
		q, _ := s(2)
		return "P\x00" + f + "\x00" + o + "\x00" + q
	}
}

// readHeld reads back what the dataset holds and compares it with the
// rows: which are present, which unchanged, what is stale (held, not in
// the input), and the element ids of held nodes and sources.
func (d *DB) readHeld(ctx context.Context, groups []export.CypherGroup) (*plan, error) {
	w := want(groups)
	p := &plan{known: true, state: map[*export.CypherGroup][]rowState{}, stale: &stale{},
		written: map[string]map[string]written{export.EntityLabel: {}, graph.KindSource: {}}}
	for _, g := range w.group {
		p.state[g] = make([]rowState, g.Len)
	}
	for _, i := range w.dups {
		ref := w.refs[i]
		p.state[w.group[ref.group]][ref.row] = rowPresent | rowUnchanged
	}
	for _, x := range []struct {
		what, query string
		out         *[]string
		label       string
	}{
		{"sources", heldSources, &p.stale.sources, graph.KindSource},
		{"nodes", heldNodes, &p.stale.nodes, export.EntityLabel},
		{"relationships", heldRels, &p.stale.rels, ""},
		{"reports", heldReports, &p.stale.rels, ""},
	} {
		hashAt := -1
		if x.what != "reports" {
			hashAt = 4
			if x.what != "relationships" {
				hashAt = 1
			}
		}
		s := d.session(ctx, neo4j.AccessModeRead)
		res, err := s.ExecuteRead(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
			cur, err := tx.Run(ctx, x.query, map[string]any{"dataset": d.cfg.Dataset})
			if err != nil {
				return nil, err
			}
			var staleEIDs []string
			seen := 0
			byID := p.written[x.label]
			for cur.Next(ctx) {
				rec := cur.Record()
				seen++
				eid, _ := rec.Values[len(rec.Values)-1].(string)
				i, ok := w.keys[heldKey(x.what, rec)]
				if !ok {
					staleEIDs = append(staleEIDs, eid)
					continue
				}
				ref := &w.refs[i]
				st := &p.state[w.group[ref.group]][ref.row]
				*st |= rowPresent
				if hashAt >= 0 {
					if h, _ := rec.Values[hashAt].(string); h == ref.hash && h != "" {
						*st |= rowUnchanged
					} else {
						*st &^= rowUnchanged
					}
				} else {
					*st |= rowUnchanged
				}
				if byID != nil {
					id, _ := rec.Values[0].(string)
					byID[id] = written{eid: eid}
				}
			}
			if err := cur.Err(); err != nil {
				return nil, err
			}
			return [2]any{staleEIDs, seen}, nil
		})
		s.Close(ctx)
		if err != nil {
			return nil, d.cfg.classify(err)
		}
		out := res.([2]any)
		*x.out = append(*x.out, out[0].([]string)...)
		p.stale.total += out[1].(int)
	}
	return p, nil
}
