package prefault_test

import (
	"testing"

	"github.com/relgraph/relgraph/internal/prefault"
)

// Prefaulting changes nothing a program sees: fresh memory reads as zero,
// memory in use keeps what it holds, and both take writes.
func TestSliceChangesNothing(t *testing.T) {
	for _, n := range []int{0, 1, 4095, 4096, 1 << 16, 1<<20 + 3} {
		fresh := make([]byte, n)
		prefault.Slice(fresh)
		for i, c := range fresh {
			if c != 0 {
				t.Fatalf("n=%d: byte %d is %d after prefault", n, i, c)
			}
		}
		used := make([]uint64, n)
		for i := range used {
			used[i] = uint64(i)*2654435761 + 1
		}
		prefault.Slice(used)
		prefault.Slice(used[:n/2])
		for i, v := range used {
			if v != uint64(i)*2654435761+1 {
				t.Fatalf("n=%d: word %d changed by prefault", n, i)
			}
			used[i] = 0
		}
	}
	prefault.Slice([]struct{}{}) // nothing to fault
}
