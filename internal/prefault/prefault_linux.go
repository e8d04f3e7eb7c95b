package prefault

import (
	"syscall"
	"unsafe"
)

// madvPopulateWrite is MADV_POPULATE_WRITE (Linux 5.14): fault the pages
// in, writable, as writes would.
const madvPopulateWrite = 23

const pageSize = 4096

// populate prefaults the whole pages of [p, p+n): a page partly outside
// may belong to memory in use, which the call would not harm, but there
// is nothing to gain there.
func populate(p unsafe.Pointer, n uintptr) {
	start := (uintptr(p) + pageSize - 1) &^ (pageSize - 1)
	end := (uintptr(p) + n) &^ (pageSize - 1)
	if end <= start {
		return
	}
	// Errors (an older kernel: EINVAL) leave the pages to fault as usual.
	syscall.Syscall(syscall.SYS_MADVISE, start, end-start, madvPopulateWrite)
}
