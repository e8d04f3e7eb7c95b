package graph

import (
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

// An index whose keys are looked up through keyOf finds the first number
// given for each key.
func TestIDIndexKeyOf(t *testing.T) {
	var keys []string
	for i := 0; i < 3000; i++ {
		keys = append(keys, "r"+strconv.Itoa(i%1000))
	}
	x := newIDIndex(2)
	x.keyOf = func(v int32) string { return keys[v] }
	for i, k := range keys {
		first, added := x.addOrGet(k, int32(i))
		if added != (i < 1000) || int(first) != i%1000 {
			t.Fatalf("addOrGet(%q, %d) = %d, %v", k, i, first, added)
		}
	}
	if x.has("r1000") || !x.has("r999") {
		t.Error("has is wrong")
	}
}

// Keys of every length around the 8 bytes kept in a slot, with NUL bytes
// and common prefixes, are told apart, in both kinds of index.
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
	for _, keyOf := range []bool{false, true} {
		x := newIDIndex(1)
		if keyOf {
			x.keyOf = func(v int32) string { return list[v] }
		}
		for i, k := range list {
			if !x.add(k, int32(i)) {
				t.Fatalf("keyOf %v: add(%q) found it already", keyOf, k)
			}
		}
		for i, k := range list {
			if v, ok := x.get(k); !ok || v != int32(i) {
				t.Fatalf("keyOf %v: get(%q) = %d, %v; want %d", keyOf, k, v, ok, i)
			}
			if x.add(k, -1) {
				t.Fatalf("keyOf %v: add(%q) again added it", keyOf, k)
			}
		}
		for _, k := range []string{"abcdefghijklmnopqrstuv", "\x00\x00\x00\x00", "1234567", "ab\x00\x00"} {
			if x.has(k) {
				t.Errorf("keyOf %v: has(%q) for a key never added", keyOf, k)
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
