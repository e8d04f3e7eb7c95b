package main

import (
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"testing"
	"time"
)

var sink [][]byte

// While an input is read the collector is off, and comes back on at
// GOGC=gcPercent once the heap passes the bound: reading a file that
// makes garbage cannot grow the heap without end. Not parallel: it owns
// the collector's settings.
func TestPauseGC(t *testing.T) {
	old := debug.SetGCPercent(100)
	oldLimit := debug.SetMemoryLimit(1 << 20) // below any bound: pauseGC raises it
	gcState.Lock()
	gcState.managed, gcState.limit = true, true
	gcState.Unlock()
	t.Cleanup(func() {
		gcState.Lock()
		gcState.managed, gcState.limit, gcState.off = false, false, false
		gcState.Unlock()
		debug.SetGCPercent(old)
		debug.SetMemoryLimit(oldLimit)
	})
	percent := func() int {
		gcState.Lock() // the watcher changes it under the lock
		defer gcState.Unlock()
		p := debug.SetGCPercent(-1)
		debug.SetGCPercent(p)
		return p
	}

	if built := pauseGC(0); percent() != 100 {
		t.Fatal("an input of unknown size paused the collector")
	} else {
		built()
	}

	built := pauseGC(1 << 20) // the heap may grow by 3 MiB
	if p := percent(); p != -1 {
		t.Fatalf("reading: GOGC %d, want off", p)
	}
	gcState.Lock()
	readBound := gcState.bound
	gcState.Unlock()
	if limit := debug.SetMemoryLimit(-1); uint64(limit) < readBound {
		t.Fatalf("reading: soft limit %d below the bound %d: it would collect first", limit, readBound)
	}
	// The graph built: the soft limit is twice the heap, and the heap may
	// grow to 1+gcPercent/100 times itself, or 90% of the limit.
	before := heapBytes()
	built()
	after := heapBytes()
	gcState.Lock()
	bound := gcState.bound
	gcState.Unlock()
	limit := uint64(debug.SetMemoryLimit(-1))
	if limit < 2*before || limit > 2*after+1<<20 {
		t.Fatalf("after reading: soft limit %d, want twice the heap (%d to %d)", limit, 2*before, 2*after)
	}
	if want := min(before/100*(100+gcPercent), limit/10*9); bound < want-1<<20 || bound > max(after/100*(100+gcPercent), limit/10*9)+1<<20 {
		t.Fatalf("after reading: bound %d, want about %d", bound, want)
	}
	// garbage past the bound turns the collector back on
	cycles := gcCycles()
	deadline := time.Now().Add(10 * time.Second)
	for percent() == -1 {
		if time.Now().After(deadline) {
			t.Fatalf("heap %d past bound %d for 10 s: the collector stayed off", heapBytes(), bound)
		}
		sink = append(sink, make([]byte, 1<<20))
		if len(sink) > 64 {
			sink = sink[:0]
		}
		time.Sleep(time.Millisecond)
	}
	sink = nil
	if p := percent(); p != gcPercent {
		t.Fatalf("past the bound: GOGC %d, want %d", p, gcPercent)
	}
	for gcCycles() == cycles && time.Now().Before(deadline) {
		sink = append(sink, make([]byte, 1<<20))
		runtime.Gosched()
	}
	sink = nil
	if gcCycles() == cycles {
		t.Fatal("no collection after the collector came back on")
	}
}

func gcCycles() uint32 {
	var s runtime.MemStats
	runtime.ReadMemStats(&s)
	return s.NumGC
}

func TestInputSize(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, n int) string {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, make([]byte, n), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	a := write("a.jsonl", 100)
	write("sub/b.jsonl", 20)
	write("sub/deeper/c.csv", 3)
	for _, tc := range []struct {
		args []string
		want int64
	}{
		{[]string{a}, 100},
		{[]string{dir}, 123},
		{[]string{a, filepath.Join(dir, "sub")}, 123},
		{[]string{a, filepath.Join(dir, "missing.jsonl")}, 100},
		{[]string{a, "-"}, 0},
		{nil, 0},
	} {
		if got := inputSize(tc.args); got != tc.want {
			t.Errorf("inputSize(%q) = %d, want %d", tc.args, got, tc.want)
		}
	}
}
