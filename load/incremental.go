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

// want takes the key and hash of every row, in parallel, from the
// elements (no row is built: see export.CypherGroup.Hash).
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
					keys[k] = keyOf(g, i)
					w.refs[k] = rowRef{group: int32(s.g), row: int32(i), hash: g.Hash(i)}
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

// Read-back queries: the key fields and hash of everything the dataset
// holds, by kind of element, and the element ids of nodes and sources
// (which relationships then use as endpoints). A relationship's element id
// is long and only a stale one needs it: it is returned only for one
// without an id, which no key can find. The "id IS NOT NULL" lets the
// (dataset, id) constraint's index find a dataset's nodes.
const (
	heldNodes   = `MATCH (n:Entity) WHERE n.dataset = $dataset AND n.id IS NOT NULL RETURN n.id AS k, n.relgraph_hash AS h, elementId(n) AS eid`
	heldSources = `MATCH (n:Source) WHERE n.dataset = $dataset AND n.id IS NOT NULL RETURN n.id AS k, n.relgraph_hash AS h, elementId(n) AS eid`
	heldRels    = `MATCH (a:Entity)-[r]->(b:Entity) WHERE a.dataset = $dataset AND a.id IS NOT NULL AND r.dataset = $dataset
RETURN type(r) AS t, r.id AS k, a.id AS f, b.id AS o, r.relgraph_hash AS h, CASE WHEN r.id IS NULL THEN elementId(r) END AS eid`
	heldReports = `MATCH (s:Source)-[r:REPORTS]->(n:Entity) WHERE s.dataset = $dataset AND s.id IS NOT NULL AND r.dataset = $dataset
RETURN s.id AS f, n.id AS o, coalesce(r.quote, '') AS q`
)

// readBackFetch is the records fetched per round trip while reading back:
// the driver's default of 1,000 spends much of the pass waiting.
const readBackFetch = 10000

func str(v any) string { s, _ := v.(string); return s }

// heldKey builds, from a read-back record, the key keyOf gives the row
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

// readHeld reads back what the dataset holds and compares it with the
// rows: which are present, which unchanged, what is stale (held, not in
// the input), and the element ids of held nodes and sources.
func (d *DB) readHeld(ctx context.Context, groups []export.CypherGroup) (*plan, error) {
	t0 := time.Now()
	w := want(groups)
	times := []string{fmt.Sprintf("input keyed and hashed in %.2fs", time.Since(t0).Seconds())}
	p := &plan{state: map[*export.CypherGroup][]rowState{}, stale: &stale{},
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
		label       string
	}{
		{"sources", heldSources, graph.KindSource},
		{"nodes", heldNodes, export.EntityLabel},
		{"relationships", heldRels, ""},
		{"reports", heldReports, ""},
	} {
		t1 := time.Now()
		hashAt := map[string]int{"sources": 1, "nodes": 1, "relationships": 4, "reports": -1}[x.what]
		s := d.driver.NewSession(ctx, neo4j.SessionConfig{DatabaseName: d.cfg.Database, AccessMode: neo4j.AccessModeRead, FetchSize: readBackFetch})
		res, err := s.ExecuteRead(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
			cur, err := tx.Run(ctx, x.query, map[string]any{"dataset": d.cfg.Dataset})
			if err != nil {
				return nil, err
			}
			// What a retried transaction must not count twice is local.
			var st stale
			seen := 0
			byID := p.written[x.label]
			for cur.Next(ctx) {
				v := cur.Record().Values
				seen++
				i, ok := w.keys[heldKey(x.what, v)]
				if !ok {
					switch x.what {
					case "sources":
						st.sources = append(st.sources, str(v[2]))
					case "nodes":
						st.nodes = append(st.nodes, str(v[2]))
					case "relationships":
						if v[1] == nil {
							st.relEIDs = append(st.relEIDs, str(v[5]))
						} else {
							st.rels = append(st.rels, map[string]any{"type": str(v[0]), "id": str(v[1]), "from": str(v[2]), "to": str(v[3])})
						}
					default:
						st.reports = append(st.reports, map[string]any{"source": str(v[0]), "node": str(v[1]), "quote": str(v[2])})
					}
					continue
				}
				ref := &w.refs[i]
				state := &p.state[w.group[ref.group]][ref.row]
				*state |= rowPresent
				if hashAt < 0 || (ref.hash != "" && str(v[hashAt]) == ref.hash) {
					*state |= rowUnchanged
				} else {
					*state &^= rowUnchanged
				}
				if byID != nil {
					byID[str(v[0])] = written{eid: str(v[2])}
				}
			}
			if err := cur.Err(); err != nil {
				return nil, err
			}
			return [2]any{&st, seen}, nil
		})
		s.Close(ctx)
		if err != nil {
			return nil, d.cfg.classify(err)
		}
		out := res.([2]any)
		p.stale.add(out[0].(*stale))
		p.stale.total += out[1].(int)
		times = append(times, fmt.Sprintf("%d %s in %.2fs", out[1].(int), x.what, time.Since(t1).Seconds()))
	}
	fmt.Fprintf(d.cfg.Log, "relgraph: load: read back dataset %q: %s\n", d.cfg.Dataset, strings.Join(times, ", "))
	return p, nil
}
