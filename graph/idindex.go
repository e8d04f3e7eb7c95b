package graph

import (
	"hash/maphash"
	"math/bits"
	"unsafe"
)

// idIndex maps strings (node or source ids, and what resolves to them) to
// small integers: the numbers of the nodes or sources they name. It is
// built once on one goroutine and then read by many. Unlike a Go map of
// strings, which keeps each key where its record put it, it copies every
// key into one block and tags each slot with hash bits, so that a look-up
// among hundreds of thousands of ids touches a slot, an entry and one key,
// all in memory much smaller than the records: resolving a million
// relations' endpoints is bound by such cache misses.
type idIndex struct {
	seed  maphash.Seed
	slots []uint64 // tag<<32 | entry number + 1; 0 is empty
	mask  uint64
	ents  []idEnt
	keys  []byte // every key, one after another
	// keyOf, when set, returns the key a number stands for: keys are
	// then not copied, for an index whose look-ups mostly miss
	keyOf func(v int32) string
}

// idEnt is one key: keys[start:start+n], standing for val.
type idEnt struct {
	start int64
	n     int32
	val   int32
}

// newIDIndex returns an index with room for n keys.
func newIDIndex(n int) *idIndex {
	size := uint64(1) << bits.Len(uint(2*n+1)) // at most half full
	return &idIndex{seed: maphash.MakeSeed(), slots: make([]uint64, size), mask: size - 1, ents: make([]idEnt, 0, n)}
}

// find returns the slot of key k, holding it or empty, and k's tag.
func (x *idIndex) find(k string) (uint64, uint64) {
	h := maphash.String(x.seed, k)
	tag := h >> 32
	for pos := h & x.mask; ; pos = (pos + 1) & x.mask {
		s := x.slots[pos]
		if s == 0 {
			return pos, tag
		}
		if s>>32 == tag && x.key(&x.ents[s&0xffffffff-1]) == k {
			return pos, tag
		}
	}
}

// key returns the key of entry e.
func (x *idIndex) key(e *idEnt) string {
	if x.keyOf != nil {
		return x.keyOf(e.val)
	}
	return unsafeString(x.keys[e.start : e.start+int64(e.n)])
}

// addOrGet makes k stand for v and reports true, or returns the number k
// stands for already.
func (x *idIndex) addOrGet(k string, v int32) (int32, bool) {
	pos, tag := x.find(k)
	if s := x.slots[pos]; s != 0 {
		return x.ents[s&0xffffffff-1].val, false
	}
	e := idEnt{val: v}
	if x.keyOf == nil {
		e.start, e.n = int64(len(x.keys)), int32(len(k))
		x.keys = append(x.keys, k...)
	}
	x.ents = append(x.ents, e)
	x.slots[pos] = tag<<32 | uint64(len(x.ents))
	if len(x.ents) > len(x.slots)/2 {
		x.grow()
	}
	return v, true
}

// add makes k stand for v unless k is already in the index; it reports
// whether it did. It must not be called once the index is read.
func (x *idIndex) add(k string, v int32) bool {
	_, added := x.addOrGet(k, v)
	return added
}

// get returns the number key k stands for.
func (x *idIndex) get(k string) (int32, bool) {
	pos, _ := x.find(k)
	s := x.slots[pos]
	if s == 0 {
		return 0, false
	}
	return x.ents[s&0xffffffff-1].val, true
}

// has reports whether k is in the index.
func (x *idIndex) has(k string) bool {
	_, ok := x.get(k)
	return ok
}

// grow doubles the slots and places every key again.
func (x *idIndex) grow() {
	x.slots = make([]uint64, 2*len(x.slots))
	x.mask = uint64(len(x.slots)) - 1
	for i := range x.ents {
		pos, tag := x.find(x.key(&x.ents[i]))
		x.slots[pos] = tag<<32 | uint64(i+1)
	}
}

// unsafeString returns b as a string without a copy, for a comparison:
// keys are only appended to, never changed.
func unsafeString(b []byte) string { return unsafe.String(unsafe.SliceData(b), len(b)) }
