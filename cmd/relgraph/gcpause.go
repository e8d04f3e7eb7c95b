package main

import (
	"io/fs"
	"os"
	"path/filepath"
	"runtime/debug"
	"runtime/metrics"
	"sync"
	"time"
)

// readHeapFactor is how many times an input's size the heap may grow by
// while the input is read with the collector off (see pauseGC). The graph
// of the generated 1M-relation input takes 2.3 times its 239 MB.
const readHeapFactor = 3

// gcWatchTick is how often the heap is compared with the bound while the
// collector is off: a reader allocates some 500 MB/s, so the heap passes
// the bound by a few megabytes at most.
const gcWatchTick = 5 * time.Millisecond

// gcState is the collector's state while main owns its settings.
var gcState struct {
	sync.Mutex
	managed bool   // setMemoryLimit set GOGC (GOGC is not set)
	limit   bool   // setMemoryLimit set the soft limit (GOMEMLIMIT is not set)
	off     bool   // the collector is off until the heap passes bound
	bound   uint64 // bytes of heap objects
	raised  bool   // the soft limit is raised to bound while reading
	before  int64  // the soft limit before it was raised
}

// pauseGC turns the collector off while an input of size bytes is read
// into a graph, until the heap passes its size before plus
// readHeapFactor times size: nearly everything read is kept, so a
// collection while reading marks the growing graph again for little
// garbage (a collection of the 1M-relation graph marks 180 MB and slows
// every pointer written while it runs). The function returned, called once
// the graph is built, lets the heap grow by what GOGC would allow after a
// collection of that graph: the collector comes back on when the heap
// passes 1+GOGC/100 times its size, or when the soft memory limit is
// reached, whichever is first. Unless GOMEMLIMIT is set, the soft limit
// is raised to the bound while reading, and then set to what
// followLiveHeap keeps (twice the heap, at least what it was); the
// collector then comes back on at 90% of it at the latest. Nothing
// changes when GOGC is set, the size is unknown (standard input) or main
// did not set the collector up.
func pauseGC(size int64) (built func()) {
	gcState.Lock()
	defer gcState.Unlock()
	if !gcState.managed || size <= 0 {
		return func() {}
	}
	gcState.bound = heapBytes() + readHeapFactor*uint64(size)
	if gcState.limit {
		// The bound stands for the soft limit while reading: a limit
		// below it would start the collections that the pause saves,
		// one after another as the live heap nears it (5M relations:
		// 17 s against 11 s).
		if limit := int64(min(gcState.bound, 1<<62)); debug.SetMemoryLimit(-1) < limit {
			if !gcState.raised {
				gcState.before, gcState.raised = debug.SetMemoryLimit(-1), true
			}
			debug.SetMemoryLimit(limit)
		}
	}
	if !gcState.off {
		gcState.off = true
		debug.SetGCPercent(-1)
		go watchHeap(gcWatchTick)
	}
	return func() {
		gcState.Lock()
		defer gcState.Unlock()
		heap := heapBytes()
		if gcState.raised {
			// the limit followLiveHeap would keep for this heap
			debug.SetMemoryLimit(max(gcState.before, int64(min(2*heap, 1<<62))))
			gcState.raised = false
		}
		if !gcState.off {
			return
		}
		gcState.bound = heap / 100 * (100 + gcPercent)
		if gcState.limit {
			// back on before the soft limit collects with GOGC off,
			// which would collect again each time the heap reaches it
			gcState.bound = min(gcState.bound, uint64(debug.SetMemoryLimit(-1))/10*9)
		}
	}
}

// watchHeap turns the collector back on (at GOGC gcPercent) once the heap
// passes gcState.bound.
func watchHeap(tick time.Duration) {
	t := time.NewTicker(tick)
	defer t.Stop()
	for range t.C {
		gcState.Lock()
		if heapBytes() > gcState.bound {
			debug.SetGCPercent(gcPercent)
			gcState.off = false
			gcState.Unlock()
			return
		}
		gcState.Unlock()
	}
}

// heapBytes returns the bytes of heap objects, live or not yet swept.
func heapBytes() uint64 {
	n, _ := readBytes("/memory/classes/heap/objects:bytes")
	return n
}

// readBytes reads a runtime metric of bytes; false when the runtime does
// not have it.
func readBytes(name string) (uint64, bool) {
	s := []metrics.Sample{{Name: name}}
	metrics.Read(s)
	if s[0].Value.Kind() != metrics.KindUint64 {
		return 0, false
	}
	return s[0].Value.Uint64(), true
}

// inputSize returns the bytes of the files args name (those of a
// directory's files, all of them), or 0 when one is standard input.
// What cannot be read counts nothing: the reader reports it.
func inputSize(args []string) int64 {
	var n int64
	for _, a := range args {
		if a == "-" {
			return 0
		}
		fi, err := os.Stat(a)
		switch {
		case err != nil:
		case fi.Mode().IsRegular():
			n += fi.Size()
		case fi.IsDir():
			filepath.WalkDir(a, func(_ string, d fs.DirEntry, err error) error {
				if err == nil && d.Type().IsRegular() {
					if fi, err := d.Info(); err == nil {
						n += fi.Size()
					}
				}
				return nil
			})
		}
	}
	return n
}
