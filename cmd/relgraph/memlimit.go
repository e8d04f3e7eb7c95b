package main

import (
	"os"
	"runtime/debug"
	"time"
)

// baseMemoryLimit is the soft memory limit a run starts with, unless
// GOMEMLIMIT is set.
const baseMemoryLimit = 900 << 20

// gcPercent is the collector's GOGC unless GOGC is set. A graph being
// read is nearly all kept: collecting at twice the live heap (GOGC=100)
// marks the growing graph again and again for little garbage. At 300 the
// 1M-relation run takes about a quarter less CPU for the same peak (the
// peak is the finished graph, not the collector's goal), and 5M relations
// 10-12 s against 13-18 at 200 (BENCHMARKS.md); the soft limit, which
// follows twice the live heap, keeps large graphs where GOGC=100 would.
const gcPercent = 300

// setMemoryLimit sets the soft limit main runs under: the collector works
// harder as the heap nears 900 MiB, so that a batch job's memory tracks
// the graph, not its garbage (1,000,000 relations: peak RSS 1.31 GB
// without, 0.88 GB with, same time; since issue 15 near 560 MiB either
// way). A graph whose live heap nears the limit would then be collected
// back to back (10M relations: 185 CPU seconds against 82), so a watcher
// raises the limit to twice the live heap whenever the live heap passes
// 70% of it: the limit follows the graph, never below 900 MiB. GOMEMLIMIT,
// when set, is left alone.
func setMemoryLimit() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(gcPercent)
		gcState.managed = true // see pauseGC
	}
	if os.Getenv("GOMEMLIMIT") != "" {
		return
	}
	debug.SetMemoryLimit(baseMemoryLimit)
	gcState.limit = true // see pauseGC
	go followLiveHeap(250 * time.Millisecond)
}

// followLiveHeap raises the soft limit with the live heap, every tick.
// It only ever raises: commands that set a higher limit keep it.
func followLiveHeap(tick time.Duration) {
	for range time.Tick(tick) {
		n, ok := readBytes("/gc/heap/live:bytes")
		if !ok {
			return
		}
		live := int64(n)
		if limit := debug.SetMemoryLimit(-1); live > limit/10*7 {
			debug.SetMemoryLimit(2 * live)
		}
	}
}
