package ingest

import (
	"strings"
	"unsafe"

	"github.com/relgraph/relgraph/graph"
	"github.com/relgraph/relgraph/internal/nametab"
	"github.com/relgraph/relgraph/internal/prefault"
)

// arenaChunk is the size of one block of an arena: large enough that a
// block serves about a thousand relations, small enough that a block kept
// alive by a few strings wastes little.
const arenaChunk = 64 << 10

// arena copies strings into large shared blocks, so that a million
// records cost a few hundred allocations instead of millions, and a
// record keeps only the bytes of its fields rather than its whole line.
// Bytes are only ever appended to a block, never changed, so the strings
// handed out stay valid and immutable.
type arena struct {
	buf []byte
}

// str returns a copy of s in the arena.
func (a *arena) str(s string) string {
	switch {
	case s == "":
		return ""
	case len(s) > arenaChunk/8:
		return strings.Clone(s)
	}
	if cap(a.buf)-len(a.buf) < len(s) {
		a.buf = make([]byte, 0, arenaChunk)
		prefault.Slice(a.buf)
	}
	start := len(a.buf)
	a.buf = append(a.buf, s...)
	return unsafe.String(&a.buf[start], len(s))
}

// slabSize is how many elements a slab allocation holds.
const slabSize = 512

// slab hands out elements of T from shared blocks, one allocation for
// slabSize of them.
type slab[T any] struct {
	free []T
}

// one returns a zeroed element.
func (s *slab[T]) one() *T {
	if len(s.free) == 0 {
		s.free = make([]T, slabSize)
		prefault.Slice(s.free)
	}
	p := &s.free[0]
	s.free = s.free[1:]
	return p
}

// many returns n zeroed elements, with a capacity of n so that appending
// to them copies rather than overwrites a neighbour.
func (s *slab[T]) many(n int) []T {
	if n > slabSize/4 {
		return make([]T, n)
	}
	if len(s.free) < n {
		s.free = make([]T, slabSize)
		prefault.Slice(s.free)
	}
	out := s.free[:n:n]
	s.free = s.free[n:]
	return out
}

// lineDecoder turns decoded JSON Lines records into graph elements for one
// worker: strings the graph keeps are copied into arenas, names the schema
// declares are shared, elements come from slabs.
type lineDecoder struct {
	o Options
	// names maps kinds, relation types and statuses to one shared copy
	names *nametab.Table
	// keep holds what the graph keeps (ids, endpoints, names, dates,
	// quotes); refs holds the ids of cited sources, which the builder
	// replaces by the source's own, so that its blocks are freed once the
	// graph is built (an endpoint is replaced only when it names a merged
	// record)
	keep, refs arena
	edges      slab[graph.Edge]
	nodes      slab[graph.Node]
	cites      slab[graph.Citation]
	floats     slab[float64]
	sc         scratch
	rec        lineRec
}

// sharedNames returns the strings a lineDecoder shares: the schema's kinds
// and types and the statuses.
func sharedNames(s *graph.Schema) *nametab.Table {
	return nametab.New(s.KindNames(), s.TypeNames(), graph.Statuses)
}

// name returns the shared copy of a kind, type or status, or a copy.
func (d *lineDecoder) name(s string) string {
	if v, ok := d.names.Get(s); ok {
		return v
	}
	return d.keep.str(s)
}

func (d *lineDecoder) float(f *float64) *float64 {
	if f == nil {
		return nil
	}
	p := d.floats.one()
	*p = *f
	return p
}

// citations converts cs like CitesRec.graph: never nil.
func (d *lineDecoder) citations(cs CitesRec) []graph.Citation {
	if len(cs) == 0 {
		return []graph.Citation{}
	}
	out := d.cites.many(len(cs))
	for i, c := range cs {
		out[i].Source = d.refs.str(c.ID)
		if c.Quote != "" {
			out[i].Quote = d.keep.str(c.Quote)
		}
	}
	return out
}

// edge converts r like EdgeRec.Edge.
func (d *lineDecoder) edge(r *lineRec, pos graph.Pos) *graph.Edge {
	// Field by field: a composite literal would be built aside, then
	// copied over the (already zeroed) slab element with write barriers.
	e := d.edges.one()
	e.ID, e.From, e.To, e.Type = d.keep.str(r.ID), d.keep.str(r.From), d.keep.str(r.To), d.name(r.Type)
	if r.Date != "" {
		e.Date = d.keep.str(r.Date)
	}
	if r.Until != "" {
		e.Until = d.keep.str(r.Until)
	}
	e.Status = d.name(r.Status)
	if r.Confidence != nil {
		e.Confidence = d.float(r.Confidence)
	}
	if r.Props != nil {
		e.Props = r.Props.graph()
	}
	e.Cites = d.citations(r.Sources)
	e.Pos = pos
	return e
}

// node converts r like NodeRec.Node.
func (d *lineDecoder) node(r *lineRec, pos graph.Pos) *graph.Node {
	n := d.nodes.one()
	aliases := r.Aliases // the decoder's own slice: copied in place
	for i, a := range aliases {
		aliases[i] = d.keep.str(a)
	}
	*n = graph.Node{
		ID: d.keep.str(r.ID), Kind: d.name(r.Kind), Name: d.keep.str(r.Name), Aliases: aliases,
		Props: r.Props.graph(), Cites: d.citations(r.Sources), Pos: pos,
	}
	return n
}

// source converts r like SourceRec.Source.
func (d *lineDecoder) source(r *lineRec, pos graph.Pos) *graph.Source {
	k := &d.keep
	return &graph.Source{ID: k.str(r.ID), File: k.str(r.File), Title: k.str(r.Title), Outlet: k.str(r.Outlet), Author: k.str(r.Author), Date: k.str(r.Date), URL: k.str(r.URL), Props: r.Props.graph(), Pos: pos}
}
