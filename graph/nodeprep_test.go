package graph

import "testing"

// The ASCII path of kindKey gives Key's result for every ASCII name.
func TestASCIIKindKey(t *testing.T) {
	names := []string{"", " ", "Kim Jong-un", "kim  jong un", "KIM JONG UN", "O'Brien", "  --a--  b  ", "R2-D2", "x", "!!", "a.b.c", "\\t\\x01z", "Sergei  Shoigu ", "Ä"}
	for c := 0; c < 128; c++ {
		names = append(names, "a"+string(rune(c))+"B")
	}
	for _, n := range names {
		want := ""
		if k := Key(n); k != "" {
			want = "Person\x00" + k
		}
		if got := kindKey("Person", n); got != want {
			t.Errorf("kindKey(%q) = %q, want %q", n, got, want)
		}
	}
}
