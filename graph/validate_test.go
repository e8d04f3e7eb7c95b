package graph

import (
	"testing"
	"time"
)

// daysIn agrees with the calendar of package time.
func TestDaysIn(t *testing.T) {
	for y := 0; y <= 2500; y++ {
		for m := 1; m <= 12; m++ {
			if got, want := daysIn(y, m), time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Day(); got != want {
				t.Fatalf("daysIn(%d, %d) = %d, want %d", y, m, got, want)
			}
		}
	}
}

// The shortcut of CheckEdge never passes a relation the full check finds
// a problem with, and passes the plain ones.
func TestEdgePlainlyOK(t *testing.T) {
	b := NewBuilder(nil, Limits{})
	half, two, nan := 0.5, 2.0, 0.0
	nan = nan / nan
	base := func() *Edge {
		return &Edge{ID: "r1", From: "n1", To: "n2", Type: "MET_WITH", Date: "2024-02-29", Status: "confirmed", Confidence: &half, Cites: []Citation{{Source: "s1", Quote: "they met"}}}
	}
	edits := []func(e *Edge){
		func(e *Edge) {},
		func(e *Edge) { e.ID = "" },
		func(e *Edge) { e.ID = "r\x01" },
		func(e *Edge) { e.From = "" },
		func(e *Edge) { e.From = " " },
		func(e *Edge) { e.To = "n\u00e9" },
		func(e *Edge) { e.Type = "MET_WTH" },
		func(e *Edge) { e.Type = "" },
		func(e *Edge) { e.Type = "REPORTS" },
		func(e *Edge) { e.Date = "2023-02-29" },
		func(e *Edge) { e.Date = "2024-13" },
		func(e *Edge) { e.Date = "" },
		func(e *Edge) { e.Until = "2020" },
		func(e *Edge) { e.Until = "2025-01-01" },
		func(e *Edge) { e.Status = "rumoured" },
		func(e *Edge) { e.Status = "" },
		func(e *Edge) { e.Confidence = &two },
		func(e *Edge) { e.Confidence = &nan },
		func(e *Edge) { e.Confidence = nil },
		func(e *Edge) { e.Cites = nil },
		func(e *Edge) { e.Cites = []Citation{{Source: ""}} },
		func(e *Edge) { e.Cites = []Citation{{Source: "s1", Quote: "tab\there"}} },
		func(e *Edge) { e.Cites = []Citation{{Source: "s1"}, {Source: "s\x00"}} },
		func(e *Edge) { e.Props = Props{"x": {{Value: "y"}}} },
		func(e *Edge) { e.ID = string(make([]byte, 5000)) },
	}
	plain := 0
	for i, edit := range edits {
		e := base()
		edit(e)
		full := b.checkEdge(e)
		if b.edgePlainlyOK(e) {
			plain++
			if len(full) > 0 {
				t.Errorf("edit %d: passed at a glance, but %v", i, full)
			}
		}
		if got := b.CheckEdge(e); len(got) != len(full) {
			t.Errorf("edit %d: CheckEdge gives %d problems, the full check %d", i, len(got), len(full))
		}
	}
	if plain < 5 {
		t.Errorf("only %d plain relations passed at a glance", plain)
	}
}
