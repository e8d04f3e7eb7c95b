// Package prefault asks the kernel to map the pages of fresh memory in
// one call (Linux: madvise MADV_POPULATE_WRITE), instead of one page fault
// at a time as the memory is first written. A run that reads a million
// relations touches some 570 MB of fresh memory, 146,000 pages; on a
// virtual machine a fault costs some 4-5 µs, and faulting a block in one
// call about a quarter less (BENCHMARKS.md, issue 15). Elsewhere it does
// nothing.
package prefault
