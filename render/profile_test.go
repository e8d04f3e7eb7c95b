package render

import (
	"os"
	"testing"
	"time"
)

// chromiumProfile returns a fresh Chromium profile directory, removed when
// the test ends. Not t.TempDir: Chromium's helper processes may still be
// writing it for a moment after the browser has gone, and t.TempDir's
// removal would then fail the test; this one retries.
func chromiumProfile(t *testing.T) string {
	t.Helper()
	dir, err := os.MkdirTemp("", "relgraph-render-chromium-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		for i := 0; i < 50 && os.RemoveAll(dir) != nil; i++ {
			time.Sleep(100 * time.Millisecond)
		}
	})
	return dir
}
