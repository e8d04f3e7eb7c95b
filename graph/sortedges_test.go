package graph

import (
	"cmp"
	"math/rand/v2"
	"slices"
	"testing"
)

// parallelSort gives what a sort on one core gives, for sizes on both
// sides of where it starts to split.
func TestParallelSort(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for _, n := range []int{0, 1, 1000, 1<<14 + 1, 100003} {
		s := r.Perm(n)
		want := slices.Clone(s)
		slices.Sort(want)
		parallelSort(s, cmp.Compare[int])
		if !slices.Equal(s, want) {
			t.Fatalf("n=%d: not sorted", n)
		}
	}
}
