package prefault

import "unsafe"

// Slice prefaults the memory of s's backing array up to its capacity. It
// is only worth calling on a large allocation not yet written; it changes
// nothing a program can see, and does nothing where the system offers no
// such call.
func Slice[T any](s []T) {
	if cap(s) == 0 {
		return
	}
	var zero T
	n := uintptr(cap(s)) * unsafe.Sizeof(zero)
	populate(unsafe.Pointer(unsafe.SliceData(s[:1])), n)
}
