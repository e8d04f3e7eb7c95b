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

// sortByFrom, counting on every core and comparing keys, orders the edges
// kept as a comparison sort by from node number, then type, to, date and
// id would.
func TestSortByFrom(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	const nodes = 1000
	// nodes are numbered in id order, types ranked by name
	ids := make([]string, nodes)
	for i := range ids {
		ids[i] = "n" + strconv.Itoa(i)
	}
	slices.Sort(ids)
	types := []string{"A", "B", "C"}
	for _, n := range []int{0, 10, 1<<16 + 7, 200000} {
		edges := make([]*Edge, n)
		ords := make([]int32, n)
		keys := make([]uint64, n)
		ordOf := map[*Edge]int32{}
		for i := range edges {
			o, to, typ := int32(r.IntN(nodes)), r.IntN(nodes), r.IntN(len(types))
			if i%5 == 0 && i > 0 { // the type and ends of the one before: ties broken by date and id
				o, to, typ = ords[i-1], int(keys[i-1]&0xffffffff), int(keys[i-1]>>32)
			}
			e := &Edge{ID: "r" + strconv.Itoa(i), From: ids[o], To: ids[to], Type: types[typ], Date: []string{"", "2024", "2023-05"}[r.IntN(3)]}
			edges[i], ords[i], keys[i], ordOf[e] = e, o, uint64(typ)<<32|uint64(to), o
		}
		want := slices.Clone(edges)
		slices.SortFunc(want, func(a, b *Edge) int {
			if c := cmp.Compare(ordOf[a], ordOf[b]); c != 0 {
				return c
			}
			return sameFromCmp(a, b)
		})
		keep := make([]bool, n)
		for i := range keep {
			keep[i] = i%11 != 3
		}
		want = slices.DeleteFunc(want, func(e *Edge) bool { i, _ := strconv.Atoi(e.ID[1:]); return !keep[i] })
		edges, start := sortByFrom(edges, keep, ords, keys, make([]uint64, n), nodes)
		n = len(want)
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
