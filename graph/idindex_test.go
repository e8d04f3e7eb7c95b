package graph

import (
	"hash/maphash"
	"strconv"
	"testing"
)

// An idIndex answers as a map would, also after growing past its first size.
func TestIDIndex(t *testing.T) {
	x := newIDIndex(4)
	want := map[string]int32{}
	for i := 0; i < 5000; i++ {
		k := "n" + strconv.Itoa(i*7919%10007)
		if i%3 == 0 {
			k += "-dup" // different lengths too
		}
		_, had := want[k]
		if added := x.add(k, int32(i)); added == had {
			t.Fatalf("add(%q) = %v, had it: %v", k, added, had)
		}
		if !had {
			want[k] = int32(i)
		}
	}
	for k, v := range want {
		if got, ok := x.get(k); !ok || got != v {
			t.Fatalf("get(%q) = %d, %v; want %d", k, got, ok, v)
		}
	}
	for _, k := range []string{"", "n", "n1-dupx", "zzz"} {
		if _, ok := x.get(k); ok {
			t.Errorf("get(%q) found a key never added", k)
		}
	}
}

// Keys of every length around the 8 bytes kept in a slot, with NUL bytes
// and common prefixes, are told apart.
func TestIDIndexKeyLengths(t *testing.T) {
	var keys []string
	for n := 0; n <= 20; n++ {
		base := "abcdefghijklmnopqrstu"[:n]
		keys = append(keys, base, base+"\x00", "\x00"+base)
	}
	keys = append(keys, "\x00\x00", "\x00\x00\x00", "12345678", "12345679", "123456789", "123456788")
	uniq := map[string]int32{}
	var list []string
	for _, k := range keys {
		if _, ok := uniq[k]; !ok {
			uniq[k] = int32(len(list))
			list = append(list, k)
		}
	}
	{
		x := newIDIndex(1)
		for i, k := range list {
			if !x.add(k, int32(i)) {
				t.Fatalf("add(%q) found it already", k)
			}
		}
		for i, k := range list {
			if v, ok := x.get(k); !ok || v != int32(i) {
				t.Fatalf("get(%q) = %d, %v; want %d", k, v, ok, i)
			}
			if x.add(k, -1) {
				t.Fatalf("add(%q) again added it", k)
			}
		}
		for _, k := range []string{"abcdefghijklmnopqrstuv", "\x00\x00\x00\x00", "1234567", "ab\x00\x00"} {
			if x.has(k) {
				t.Errorf("has(%q) for a key never added", k)
			}
		}
	}
}

// getBatch finds what get finds, present or not.
func TestIDIndexGetBatch(t *testing.T) {
	x := newIDIndex(10)
	var ks []string
	for i := 0; i < 2000; i++ {
		k := "n" + strconv.Itoa(i)
		if i%5 == 0 {
			k += "-long-identifier"
		}
		ks = append(ks, k)
		if i%3 != 0 {
			x.add(k, int32(i))
		}
	}
	vals := make([]int32, lookupBatch)
	found := make([]bool, lookupBatch)
	for lo := 0; lo < len(ks); lo += 7 { // batches of 7 and of lookupBatch
		hi := min(lo+7+(lo%2)*9, len(ks))
		x.getBatch(ks[lo:hi], vals, found)
		for i, k := range ks[lo:hi] {
			v, ok := x.get(k)
			if found[i] != ok || vals[i] != v {
				t.Fatalf("getBatch(%q) = %d, %v; get = %d, %v", k, vals[i], found[i], v, ok)
			}
		}
	}
}

// A firstIndex keeps the first number given each key, also after growing.
func TestFirstIndex(t *testing.T) {
	var keys []string
	for i := 0; i < 5000; i++ {
		keys = append(keys, "r"+strconv.Itoa(i%1700))
	}
	seed := maphash.MakeSeed()
	x := newFirstIndex(1, seed, func(v int32) string { return keys[v] })
	for i, k := range keys {
		first, added := x.addOrGetHashed(k, maphash.String(seed, k), int32(i))
		if added != (i < 1700) || int(first) != i%1700 {
			t.Fatalf("addOrGetHashed(%q, %d) = %d, %v", k, i, first, added)
		}
	}
	if k := "r1700"; x.hasHashed(k, maphash.String(seed, k)) {
		t.Error("has a key never added")
	}
}
