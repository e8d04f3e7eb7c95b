package graph

import (
	"fmt"
	"hash/maphash"
	"math/bits"
	"runtime"
	"sync"

	"github.com/relgraph/relgraph/internal/prefault"
)

// edgeShard merges the relations whose keys hash to it: those given an
// id by id, the others by ends, type and date.
type edgeShard struct {
	idx      *firstIndex       // id -> number of the first relation with it
	byKey    map[edgeKey]*Edge // key -> first relation without an id
	propIdx  map[propRef]map[string]int
	problems Problems
	merged   []*Edge // relations merged into
}

// edgeShards are the shards of a merge; the top bits of a key's hash pick
// its shard, the low bits its slot.
type edgeShards struct {
	list  []*edgeShard
	shift uint
}

func (s *edgeShards) of(h uint64) *edgeShard {
	if len(s.list) == 1 {
		return s.list[0]
	}
	return s.list[h>>s.shift]
}

// mergeEdges merges the relations b.edges[i] with ok[i] that share a key
// (hashes[i], hashed with seed): a later one is folded into the first
// (mergeEdge) and ok[i] cleared; a later one whose id names a different
// relation is a problem. Each shard takes its keys in input order, so the
// result is that of merging one by one; the shards run on every core.
func (b *Builder) mergeEdges(ok []bool, hashes []uint64, seed maphash.Seed) *edgeShards {
	n := 1 << (bits.Len(uint(min(runtime.GOMAXPROCS(0), 8))) - 1) // a power of two
	shards := &edgeShards{shift: uint(64 - bits.Len(uint(n-1)))}
	for i := 0; i < n; i++ {
		x := newFirstIndex(len(b.edges)/n+1, seed, func(i int32) string { return b.edges[i].ID })
		shards.list = append(shards.list, &edgeShard{idx: x, byKey: map[edgeKey]*Edge{}, propIdx: map[propRef]map[string]int{}})
	}
	var wg sync.WaitGroup
	for _, sh := range shards.list {
		wg.Add(1)
		go func() {
			defer wg.Done()
			b.mergeShard(sh, shards, ok, hashes)
		}()
	}
	wg.Wait()
	for _, sh := range shards.list {
		b.problems = append(b.problems, sh.problems...)
	}
	return shards
}

// mergeShard merges the relations of shard sh, a batch at a time: the
// first slots of a batch's ids are read before any is placed, so that the
// cache misses of a large index overlap.
func (b *Builder) mergeShard(sh *edgeShard, shards *edgeShards, ok []bool, hashes []uint64) {
	var (
		batch [lookupBatch]int32
		sink  uint32
	)
	mergedInto := map[*Edge]bool{}
	flush := func(batch []int32) {
		for _, i := range batch {
			if b.edges[i].ID != "" {
				sink += sh.idx.touch(hashes[i])
			}
		}
		for _, i := range batch {
			e := b.edges[i]
			var old *Edge
			if e.ID != "" {
				if first, added := sh.idx.addOrGetHashed(e.ID, hashes[i], i); !added {
					old = b.edges[first]
				}
			} else {
				k := edgeKey{e.From, e.Type, e.To, e.Date}
				if old = sh.byKey[k]; old == nil {
					sh.byKey[k] = e
				}
			}
			if old == nil {
				continue
			}
			ok[i] = false
			if old.From != e.From || old.To != e.To || old.Type != e.Type {
				if len(b.reported) > 0 && b.reported[posField{e.Pos, "id"}] {
					continue // the parser reported this field (as Builder.bad)
				}
				sh.problems = append(sh.problems, Problem{Pos: e.Pos, Field: "id", Msg: fmt.Sprintf("conflicting duplicate relation id %q: %s -%s-> %s at %s", e.ID, old.From, old.Type, old.To, old.Pos)})
				continue
			}
			b.mergeEdge(sh, old, e)
			if !mergedInto[old] {
				mergedInto[old] = true
				sh.merged = append(sh.merged, old)
			}
		}
	}
	n := 0
	for i := range ok {
		// ok[i] of another shard's relation is that shard's to change
		if shards.of(hashes[i]) != sh || !ok[i] {
			continue
		}
		batch[n] = int32(i)
		if n++; n == lookupBatch {
			flush(batch[:n])
			n = 0
		}
	}
	flush(batch[:n])
	// Merging appended citations and sources: sort them once.
	for _, e := range sh.merged {
		e.Cites = sortCites(e.Cites)
		for _, vs := range e.Props {
			for i := range vs {
				vs[i].Sources = sortUnique(vs[i].Sources)
			}
		}
	}
	runtime.KeepAlive(sink) // keeps the reads of touch
}

// firstIndex maps relation ids to the number of the first relation given
// each, in 8 bytes a slot: 32 bits of the id's hash and the number. The
// id itself is the relation's (keyOf), read only when the hash bits
// match: most ids are new, and their look-up touches one slot.
type firstIndex struct {
	slots []uint64 // hash>>32 << 32 | number + 1; 0 is empty
	mask  uint64
	n     int
	seed  maphash.Seed // of the hashes given
	keyOf func(v int32) string
}

func newFirstIndex(n int, seed maphash.Seed, keyOf func(v int32) string) *firstIndex {
	size := uint64(1) << bits.Len(uint(2*n+1)) // at most half full
	slots := make([]uint64, size)
	prefault.Slice(slots) // filled at random: every page is touched
	return &firstIndex{slots: slots, mask: size - 1, seed: seed, keyOf: keyOf}
}

// find returns the slot of k (hash h), holding it or empty.
func (x *firstIndex) find(k string, h uint64) uint64 {
	tag := h >> 32
	for pos := h & x.mask; ; pos = (pos + 1) & x.mask {
		s := x.slots[pos]
		if s == 0 || s>>32 == tag && x.keyOf(int32(s&0xffffffff)-1) == k {
			return pos
		}
	}
}

// addOrGetHashed makes k (hash h) stand for v and reports true, or returns
// the number k stands for already.
func (x *firstIndex) addOrGetHashed(k string, h uint64, v int32) (int32, bool) {
	pos := x.find(k, h)
	if s := x.slots[pos]; s != 0 {
		return int32(s&0xffffffff) - 1, false
	}
	x.slots[pos] = h>>32<<32 | uint64(v+1)
	if x.n++; x.n > len(x.slots)/2 {
		x.grow()
	}
	return v, true
}

// hasHashed reports whether k (hash h) is in the index.
func (x *firstIndex) hasHashed(k string, h uint64) bool { return x.slots[x.find(k, h)] != 0 }

// touch reads the first slot of hash h, so that the cache miss of a
// look-up to come overlaps with others.
func (x *firstIndex) touch(h uint64) uint32 { return uint32(x.slots[h&x.mask]) }

// grow doubles the slots; a slot's position comes from its key's hash,
// which the slot does not hold whole: it is worked out again.
func (x *firstIndex) grow() {
	old := x.slots
	x.slots = make([]uint64, 2*len(old))
	x.mask = uint64(len(x.slots)) - 1
	for _, s := range old {
		if s == 0 {
			continue
		}
		pos := maphash.String(x.seed, x.keyOf(int32(s&0xffffffff)-1)) & x.mask
		for x.slots[pos] != 0 {
			pos = (pos + 1) & x.mask
		}
		x.slots[pos] = s
	}
}
