package graph

import (
	"encoding/binary"
	"hash/maphash"
	"math/bits"
	"unsafe"

	"github.com/relgraph/relgraph/internal/prefault"
)

// idIndex maps strings (node or source ids, and what resolves to them) to
// small integers: the numbers of the nodes or sources they name. It is
// built once on one goroutine and then read by many. Unlike a Go map of
// strings, which keeps each key where its record put it, it keeps a key
// of up to eight bytes (most ids: "n22382", "r377797") in its slot, and
// longer keys in one block beside it, so that a look-up among hundreds of
// thousands of ids touches one 16-byte slot, or a slot and a key: resolving
// a million relations' endpoints is bound by such cache misses.
type idIndex struct {
	seed  maphash.Seed
	slots []idSlot
	mask  uint64
	n     int    // keys held
	keys  []byte // long keys, each after its length as 4 bytes
}

// idSlot is one slot of an idIndex. meta is 0 for an empty slot, else
// occupied (bit 31) | the key's length, or longKey (bits 26-30) | 26 bits
// of the key's hash. head holds a short key's bytes (zero padded), or a
// long key's offset in keys.
type idSlot struct {
	head uint64
	meta uint32
	val  int32
}

const (
	slotUsed = 1 << 31
	longKey  = 31 // the length field of a key longer than 8 bytes
	tagBits  = 26
	tagMask  = 1<<tagBits - 1
)

// newIDIndex returns an index with room for n keys.
func newIDIndex(n int) *idIndex {
	size := uint64(1) << bits.Len(uint(2*n+1)) // at most half full
	slots := make([]idSlot, size)
	prefault.Slice(slots) // filled at random: every page is touched
	return &idIndex{seed: maphash.MakeSeed(), slots: slots, mask: size - 1}
}

// shortHead returns the bytes of a key of at most 8 bytes as a number.
func shortHead(k string) uint64 {
	if len(k) == 8 {
		return binary.LittleEndian.Uint64(unsafe.Slice(unsafe.StringData(k), 8))
	}
	var h uint64
	for i := len(k) - 1; i >= 0; i-- {
		h = h<<8 | uint64(k[i])
	}
	return h
}

// meta returns the meta a slot holding k has, given k's hash.
func metaOf(k string, h uint64) uint32 {
	n := uint32(len(k))
	if n > 8 {
		n = longKey
	}
	return slotUsed | n<<tagBits | uint32(h>>32)&tagMask
}

// find returns the slot of key k, holding it or empty.
func (x *idIndex) find(k string) uint64 { return x.findHashed(k, maphash.String(x.seed, k)) }

// findHashed is find given k's hash.
func (x *idIndex) findHashed(k string, h uint64) uint64 {
	meta := metaOf(k, h)
	var head uint64
	if len(k) <= 8 {
		head = shortHead(k)
	}
	for pos := h & x.mask; ; pos = (pos + 1) & x.mask {
		s := &x.slots[pos]
		if s.meta == 0 {
			return pos
		}
		if s.meta != meta {
			continue
		}
		if len(k) <= 8 {
			if s.head == head {
				return pos
			}
			continue
		}
		if x.long(s) == k {
			return pos
		}
	}
}

// long returns the key of slot s, which holds a key longer than 8 bytes.
func (x *idIndex) long(s *idSlot) string {
	n := binary.LittleEndian.Uint32(x.keys[s.head:])
	return unsafeString(x.keys[s.head+4 : s.head+4+uint64(n)])
}

// hash returns the hash of k in x, for addHashed. It only reads x's seed:
// it may be called on many goroutines while one adds.
func (x *idIndex) hash(k string) uint64 { return maphash.String(x.seed, k) }

// addOrGet makes k stand for v and reports true, or returns the number k
// stands for already.
func (x *idIndex) addOrGet(k string, v int32) (int32, bool) {
	return x.addOrGetHashed(k, maphash.String(x.seed, k), v)
}

// addHashed is add given k's hash (see hash).
func (x *idIndex) addHashed(k string, h uint64, v int32) bool {
	_, added := x.addOrGetHashed(k, h, v)
	return added
}

// addOrGetHashed is addOrGet given k's hash.
func (x *idIndex) addOrGetHashed(k string, h uint64, v int32) (int32, bool) {
	pos := x.findHashed(k, h)
	s := &x.slots[pos]
	if s.meta != 0 {
		return s.val, false
	}
	x.put(s, k, h, v)
	x.n++
	if x.n > len(x.slots)/2 {
		x.grow()
	}
	return v, true
}

// put fills empty slot s with key k, of hash h, standing for v.
func (x *idIndex) put(s *idSlot, k string, h uint64, v int32) {
	s.meta, s.val = metaOf(k, h), v
	if len(k) <= 8 {
		s.head = shortHead(k)
	} else {
		s.head = uint64(len(x.keys))
		x.keys = binary.LittleEndian.AppendUint32(x.keys, uint32(len(k)))
		x.keys = append(x.keys, k...)
	}
}

// add makes k stand for v unless k is already in the index; it reports
// whether it did. It must not be called once the index is read.
func (x *idIndex) add(k string, v int32) bool {
	_, added := x.addOrGet(k, v)
	return added
}

// get returns the number key k stands for.
func (x *idIndex) get(k string) (int32, bool) {
	s := &x.slots[x.find(k)]
	if s.meta == 0 {
		return 0, false
	}
	return s.val, true
}

// has reports whether k is in the index.
func (x *idIndex) has(k string) bool {
	_, ok := x.get(k)
	return ok
}

// grow doubles the slots and places every key again: a slot moves as it
// is, only its position is worked out from its key.
func (x *idIndex) grow() {
	old := x.slots
	x.slots = make([]idSlot, 2*len(old))
	x.mask = uint64(len(x.slots)) - 1
	var buf [8]byte
	for i := range old {
		s := &old[i]
		if s.meta == 0 {
			continue
		}
		var h uint64
		if n := s.meta >> tagBits & 31; n == longKey {
			h = maphash.String(x.seed, x.long(s))
		} else {
			binary.LittleEndian.PutUint64(buf[:], s.head)
			h = maphash.Bytes(x.seed, buf[:n])
		}
		pos := h & x.mask
		for x.slots[pos].meta != 0 {
			pos = (pos + 1) & x.mask
		}
		x.slots[pos] = *s
	}
}

// unsafeString returns b as a string without a copy, for a comparison:
// keys are only appended to, never changed.
func unsafeString(b []byte) string { return unsafe.String(unsafe.SliceData(b), len(b)) }

// lookupBatch is how many keys getBatch looks up together.
const lookupBatch = 16

// getBatch looks up ks (at most lookupBatch keys) like get, into vals and
// found. It hashes every key and reads its first slot before comparing
// any, so that the cache misses of a large index overlap instead of
// following one another.
func (x *idIndex) getBatch(ks []string, vals []int32, found []bool) {
	var (
		pos  [lookupBatch]uint64
		meta [lookupBatch]uint32
		head [lookupBatch]uint64
	)
	ks = ks[:min(len(ks), lookupBatch)]
	for i, k := range ks {
		h := maphash.String(x.seed, k)
		pos[i] = h & x.mask
		meta[i] = metaOf(k, h)
		head[i] = x.slots[pos[i]].head // the load that misses
	}
	for i, k := range ks {
		if len(k) <= 8 {
			head[i] = shortHead(k)
		}
		p := pos[i]
		for {
			s := &x.slots[p]
			if s.meta == 0 {
				vals[i], found[i] = 0, false
				break
			}
			if s.meta == meta[i] && (len(k) <= 8 && s.head == head[i] || len(k) > 8 && x.long(s) == k) {
				vals[i], found[i] = s.val, true
				break
			}
			p = (p + 1) & x.mask
		}
	}
}
