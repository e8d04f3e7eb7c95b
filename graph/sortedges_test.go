package graph

import (
	"cmp"
	"math/rand/v2"
	"slices"
	"strconv"
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

// sortByFrom, counting on every core, orders edges as a comparison sort by
// from node number, then type, to, date and id would.
func TestSortByFrom(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for _, n := range []int{0, 10, 1<<16 + 7, 200000} {
		const nodes = 1000
		edges := make([]*Edge, n)
		ords := make([]int32, n)
		ordOf := map[*Edge]int32{}
		for i := range edges {
			o := int32(r.IntN(nodes))
			e := &Edge{ID: "r" + strconv.Itoa(i), From: "n" + strconv.Itoa(int(o)), To: "n" + strconv.Itoa(r.IntN(nodes)), Type: []string{"A", "B", "C"}[r.IntN(3)], Date: []string{"", "2024", "2023-05"}[r.IntN(3)]}
			edges[i], ords[i], ordOf[e] = e, o, o
		}
		want := slices.Clone(edges)
		slices.SortFunc(want, func(a, b *Edge) int {
			if c := cmp.Compare(ordOf[a], ordOf[b]); c != 0 {
				return c
			}
			return sameFromCmp(a, b)
		})
		start := sortByFrom(edges, ords, nodes)
		if !slices.Equal(edges, want) {
			t.Fatalf("n=%d: order differs", n)
		}
		if len(start) != nodes+1 || start[nodes] != n {
			t.Fatalf("n=%d: starts %d long, last %d", n, len(start), start[len(start)-1])
		}
		for v := 0; v < nodes; v++ {
			for _, e := range edges[start[v]:start[v+1]] {
				if ordOf[e] != int32(v) {
					t.Fatalf("n=%d: edge of node %d in the run of %d", n, ordOf[e], v)
				}
			}
		}
	}
}
