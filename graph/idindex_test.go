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
