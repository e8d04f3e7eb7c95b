package export_test

import (
	"testing"

	"github.com/relgraph/relgraph/export"
)

// TestRowHash: the hash of a row is its content's: the same for equal rows
// however built, different when any value, key or type differs, and blind
// to the endpoint element ids a loader adds and to the hash itself.
func TestRowHash(t *testing.T) {
	row := func() map[string]any {
		return map[string]any{"id": "r1", "from": "a", "to": "b", "props": map[string]any{
			"status": "alleged", "confidence": 0.5, "sources": []string{"s1", "s2"}, "quotes": []string{"x", ""}, "date": nil}}
	}
	base := export.RowHash(row())
	if len(base) != 32 {
		t.Fatalf("hash %q: want 32 hex digits", base)
	}
	same := row()
	same["a"], same["b"] = "4:abc:1", "4:abc:2"
	same["props"].(map[string]any)[export.HashProperty] = "whatever"
	if got := export.RowHash(same); got != base {
		t.Errorf("element ids or a stored hash changed the hash: %s, want %s", got, base)
	}
	for name, change := range map[string]func(map[string]any){
		"status":         func(r map[string]any) { r["props"].(map[string]any)["status"] = "denied" },
		"confidence":     func(r map[string]any) { r["props"].(map[string]any)["confidence"] = 0.50001 },
		"another source": func(r map[string]any) { r["props"].(map[string]any)["sources"] = []string{"s1", "s2", "s3"} },
		"quote":          func(r map[string]any) { r["props"].(map[string]any)["quotes"] = []string{"x", "y"} },
		"nil to empty":   func(r map[string]any) { r["props"].(map[string]any)["date"] = "" },
		"endpoint":       func(r map[string]any) { r["to"] = "c" },
		"list boundary":  func(r map[string]any) { r["props"].(map[string]any)["sources"] = []string{"s1s", "2"} },
		"new property":   func(r map[string]any) { r["props"].(map[string]any)["note"] = "n" },
	} {
		r := row()
		change(r)
		if export.RowHash(r) == base {
			t.Errorf("%s: the hash did not change", name)
		}
	}
}
