package graph

import (
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
)

// sortByFrom returns the edges[i] with keep[i] set, sorted by edgeCmp in
// linear time for the common part: a counting sort by the number of the
// from node (ords[i] for edges[i]), then a sort of each node's edges, on
// every core. keys[i] orders edges[i] among the edges of its from node as
// its type and to node do: the rank of the type among the schema's, by
// name, in the top 32 bits, and the to node's number (nodes are numbered
// in id order) below. The keys are moved beside the edges' numbers
// (into scratch, as long as keys), so that a node's edges are sorted
// without reading them, or anything far, unless two share type and to
// node. start holds the start of each node's run of edges, and their
// number last.
func sortByFrom(edges []*Edge, keep []bool, ords []int32, keys, scratch []uint64, nodes int) (sorted []*Edge, start []int) {
	// Each part of the input counts its edges by node, then places them
	// after those of the parts before it: the order within a node's run
	// does not matter, it is sorted next.
	parts := min(runtime.GOMAXPROCS(0), max(len(ords)/(1<<16), 1))
	chunk := (len(ords) + parts - 1) / parts
	each := func(f func(part, lo, hi int)) {
		var wg sync.WaitGroup
		for p := 0; p < parts; p++ {
			wg.Add(1)
			go func(p int) {
				defer wg.Done()
				f(p, p*chunk, min((p+1)*chunk, len(ords)))
			}(p)
		}
		wg.Wait()
	}
	next := make([][]int32, parts) // a part's count, then where its next edge goes
	each(func(p, lo, hi int) {
		c := make([]int32, nodes)
		for i := lo; i < hi; i++ {
			if keep[i] {
				c[ords[i]]++
			}
		}
		next[p] = c
	})
	start = make([]int, nodes+1)
	total := 0
	for v := 0; v < nodes; v++ {
		start[v] = total
		for _, c := range next {
			n := int(c[v])
			c[v] = int32(total)
			total += n
		}
	}
	start[nodes] = total
	// perm[j] is the edge that goes to place j, runKeys[j] its key
	perm := make([]int32, total)
	runKeys := scratch[:total]
	each(func(p, lo, hi int) {
		c := next[p]
		for i := lo; i < hi; i++ {
			if keep[i] {
				j := c[ords[i]]
				c[ords[i]]++
				perm[j], runKeys[j] = int32(i), keys[i]
			}
		}
	})
	sorted = make([]*Edge, total)
	parallelRuns(nodes, func(_, lo, hi int) {
		for v := lo; v < hi; v++ {
			a, b := start[v], start[v+1]
			sortKeyed(runKeys[a:b], perm[a:b], edges)
			for j, i := range perm[a:b] {
				sorted[a+j] = edges[i]
			}
		}
	})
	return sorted, start
}

// sortKeyed sorts perm, numbers of edges, and keys, theirs, together by
// key, then by date and id (sameEndsCmp): by insertion for the few edges
// of most nodes.
func sortKeyed(keys []uint64, perm []int32, edges []*Edge) {
	r := keyedRun{keys, perm, edges}
	if len(keys) > 12 {
		sort.Sort(r)
		return
	}
	for i := 1; i < len(keys); i++ {
		for j := i; j > 0 && r.Less(j, j-1); j-- {
			r.Swap(j, j-1)
		}
	}
}

// keyedRun sorts keys and perm together (see sortKeyed).
type keyedRun struct {
	keys  []uint64
	perm  []int32
	edges []*Edge
}

func (r keyedRun) Len() int { return len(r.keys) }

func (r keyedRun) Less(i, j int) bool {
	if r.keys[i] != r.keys[j] {
		return r.keys[i] < r.keys[j]
	}
	return sameEndsCmp(r.edges[r.perm[i]], r.edges[r.perm[j]]) < 0
}

func (r keyedRun) Swap(i, j int) {
	r.keys[i], r.keys[j] = r.keys[j], r.keys[i]
	r.perm[i], r.perm[j] = r.perm[j], r.perm[i]
}

// resortGroups sorts again the runs of edges (as sortByFrom returned
// them in start) whose numbers are listed in runs.
func resortGroups(edges []*Edge, start []int, runs []int) {
	parallelRuns(len(runs), func(_, lo, hi int) {
		for _, i := range runs[lo:hi] {
			sortRun(edges[start[i]:start[i+1]])
		}
	})
}

// sortRun sorts edges that share their from node by edgeCmp. The order is
// total (relations with equal type, ends and date have different ids, or
// were merged), so any sort algorithm gives the same result.
func sortRun(g []*Edge) {
	if len(g) > 1 {
		slices.SortFunc(g, sameFromCmp)
	}
}

// sameFromCmp is edgeCmp for edges with the same from node. Types are
// shared strings, so the equality test that comes first is cheap.
func sameFromCmp(a, b *Edge) int {
	if a.Type != b.Type {
		return strings.Compare(a.Type, b.Type)
	}
	if a.To != b.To {
		return strings.Compare(a.To, b.To)
	}
	return sameEndsCmp(a, b)
}

// sameEndsCmp is edgeCmp for edges with the same ends and type.
func sameEndsCmp(a, b *Edge) int {
	if a.Date != b.Date {
		return strings.Compare(a.Date, b.Date)
	}
	return strings.Compare(a.ID, b.ID)
}

// parallelRuns calls f on parts [lo, hi) of [0, n) on every core and
// returns when all are done. part numbers the parts in order, from 0 to
// fewer than runtime.GOMAXPROCS(0).
func parallelRuns(n int, f func(part, lo, hi int)) {
	workers := runtime.GOMAXPROCS(0)
	if n < 1024 || workers < 2 {
		f(0, 0, n)
		return
	}
	chunk := (n + workers - 1) / workers
	var wg sync.WaitGroup
	for lo := 0; lo < n; lo += chunk {
		wg.Add(1)
		go func(lo, hi int) {
			defer wg.Done()
			f(lo/chunk, lo, hi)
		}(lo, min(lo+chunk, n))
	}
	wg.Wait()
}

// parallelSort sorts s by cmp, which must be a total order (no two
// elements equal), on two cores when s is large: each half is sorted on
// its own, then the halves are merged.
func parallelSort[T any](s []T, cmp func(a, b T) int) {
	if len(s) < 1<<14 || runtime.GOMAXPROCS(0) < 2 {
		slices.SortFunc(s, cmp)
		return
	}
	mid := len(s) / 2
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		slices.SortFunc(s[:mid], cmp)
	}()
	slices.SortFunc(s[mid:], cmp)
	wg.Wait()
	out := make([]T, 0, len(s))
	a, b := s[:mid], s[mid:]
	for len(a) > 0 && len(b) > 0 {
		if cmp(a[0], b[0]) < 0 {
			out, a = append(out, a[0]), a[1:]
		} else {
			out, b = append(out, b[0]), b[1:]
		}
	}
	out = append(append(out, a...), b...)
	copy(s, out)
}
