package graph

import (
	"fmt"
	"hash/maphash"
	"math/bits"
	"runtime"
	"sync"
)

// edgeShard merges the relations whose keys hash to it: those given an
// id by id, the others by ends, type and date.
type edgeShard struct {
	idx      *idIndex          // id -> number of the first relation with it
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
		x := newIDIndexSeed(len(b.edges)/n+1, seed)
		x.keyOf = func(i int32) string { return b.edges[i].ID }
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
	if sink == 1 { // never: keeps the reads of touch
		runtime.KeepAlive(sink)
	}
}
