package export

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"math"
	"sync"

	"github.com/relgraph/relgraph/graph"
)

// HashProperty is the property every node, source and relationship
// written by [CypherGroups] carries: a hash of the element's content, so
// that relgraph load can tell, from the hash alone, whether what the
// database holds is what it would write. An input property of that name
// stays in props_json.
const HashProperty = "relgraph_hash"

// hashVersion starts every hashed element. Change it whenever the rows
// built from an element change (a property added, a value encoded
// otherwise): the next reload then writes every element once.
const hashVersion = "relgraph-rows-v1"

// The hashes are of the elements the rows are built from: every row is a
// function of its element (and, for a relationship, of the files of the
// sources it cites), so equal hashes mean equal rows, and a reload finds
// the hashes without building the rows.

// SourceHash returns the content hash of a source's row.
func SourceHash(s *graph.Source) string {
	return sum('S', func(h *hasher) {
		h.str(s.ID)
		h.str(s.File)
		h.str(s.Title)
		h.str(s.Outlet)
		h.str(s.Author)
		h.str(s.Date)
		h.str(s.URL)
		h.props(s.Props)
	})
}

// NodeHash returns the content hash of an entity's row. Its citations are
// not in it: they are REPORTS links, compared one by one.
func NodeHash(n *graph.Node) string {
	return sum('N', func(h *hasher) {
		h.str(n.ID)
		h.str(n.Kind)
		h.str(n.Name)
		h.strs(n.Aliases)
		h.props(n.Props)
	})
}

// EdgeHash returns the content hash of a relation's row, which names the
// files of the sources it cites (looked up in g).
func EdgeHash(g *graph.Graph, e *graph.Edge) string {
	return sum('E', func(h *hasher) {
		h.str(e.ID)
		h.str(e.From)
		h.str(e.To)
		h.str(e.Type)
		h.str(e.Date)
		h.str(e.Until)
		h.str(e.Status)
		if e.Confidence == nil {
			h.b = append(h.b, 0)
		} else {
			h.b = binary.BigEndian.AppendUint64(append(h.b, 1), math.Float64bits(*e.Confidence))
		}
		h.props(e.Props)
		h.n(len(e.Cites))
		for _, c := range e.Cites {
			h.str(c.Source)
			h.str(c.Quote)
			file := ""
			if s := g.Source(c.Source); s != nil {
				file = s.File
			}
			h.str(file)
		}
	})
}

// hasher builds a canonical encoding: every string and list prefixed with
// its length, so that no two contents encode alike.
type hasher struct{ b []byte }

func (h *hasher) n(n int) { h.b = binary.AppendUvarint(h.b, uint64(n)) }

func (h *hasher) str(s string) {
	h.n(len(s))
	h.b = append(h.b, s...)
}

func (h *hasher) strs(xs []string) {
	h.n(len(xs))
	for _, x := range xs {
		h.str(x)
	}
}

func (h *hasher) props(p graph.Props) {
	keys := p.Keys()
	h.n(len(keys))
	for _, k := range keys {
		h.str(k)
		h.n(len(p[k]))
		for _, v := range p[k] {
			h.str(v.Value)
			h.strs(v.Sources)
		}
	}
}

var hashers = sync.Pool{New: func() any { return &hasher{b: make([]byte, 0, 1024)} }}

// sum hashes what fill encodes: the first 128 bits of SHA-256, in
// unpadded URL-safe base64 (22 characters).
func sum(what byte, fill func(*hasher)) string {
	h := hashers.Get().(*hasher)
	h.b = append(append(h.b[:0], hashVersion...), what)
	fill(h)
	d := sha256.Sum256(h.b)
	if cap(h.b) <= 1<<16 {
		hashers.Put(h)
	}
	return base64.RawURLEncoding.EncodeToString(d[:16])
}
