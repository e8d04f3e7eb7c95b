package nametab_test

import (
	"fmt"
	"strings"
	"testing"
	"unsafe"

	"github.com/relgraph/relgraph/internal/nametab"
)

// A table holds exactly the names it was made with, as its own copies,
// however many share a slot.
func TestTable(t *testing.T) {
	var names []string
	for i := 0; i < 300; i++ {
		names = append(names, fmt.Sprintf("T%03dX", i)) // one length, first and last byte: one slot
	}
	tab := nametab.New(names, []string{"MET_WITH", "A", "MET_WITH", ""})
	for _, n := range append(names, "MET_WITH", "A") {
		got, ok := tab.Get(strings.Clone(n)) // another copy of the name
		if !ok || got != n || unsafe.StringData(got) != unsafe.StringData(n) {
			t.Fatalf("Get(%q) = %q, %v, not the table's copy", n, got, ok)
		}
	}
	for _, n := range []string{"", "T300X", "MET_WITh", "B", "MET_WITH "} {
		if tab.Has(n) {
			t.Fatalf("%q found", n)
		}
	}
	if nametab.New().Has("x") || (*nametab.Table)(nil).Has("x") {
		t.Fatal("an empty table holds x")
	}
}
