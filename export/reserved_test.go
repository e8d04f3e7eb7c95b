package export_test

import (
	"bytes"
	"fmt"
	"testing"

	"github.com/relgraph/relgraph/export"
	"github.com/relgraph/relgraph/graph"
)

// TestReservedNames: the names the encoders and the loader give their own
// labels and types are the ones a schema may not declare.
func TestReservedNames(t *testing.T) {
	for _, n := range []string{export.EntityLabel, export.ReportsType, graph.KindSource, graph.LockLabel} {
		if _, ok := graph.ReservedNames[n]; !ok {
			t.Errorf("%q is not in graph.ReservedNames", n)
		}
	}
}

// TestExportReservedNoPanic: a graph whose kinds and types carry relgraph's
// own names can only be made without the builder's checks (graph.New); every
// format either writes it or returns an error, and none panics.
func TestExportReservedNoPanic(t *testing.T) {
	s := &graph.Schema{Kinds: map[string]graph.KindSpec{"Person": {}, graph.EntityLabel: {}, graph.LockLabel: {}, graph.KindSource: {}},
		Types: map[string]graph.TypeSpec{graph.ReportsType: {}, graph.EntityLabel: {}, "KNOWS": {}}}
	src := &graph.Source{ID: "s1", Props: graph.Props{}}
	cite := []graph.Citation{{Source: "s1", Quote: "q"}}
	nodes := []*graph.Node{
		{ID: "a", Kind: "Person", Name: "A", Cites: cite},
		{ID: "b", Kind: graph.EntityLabel, Name: "B", Cites: cite},
		{ID: "c", Kind: graph.LockLabel, Name: "C", Cites: cite},
	}
	edges := []*graph.Edge{
		{ID: "e1", From: "a", To: "b", Type: graph.ReportsType, Cites: cite},
		{ID: "e2", From: "b", To: "c", Type: graph.EntityLabel, Cites: cite},
		{ID: "e3", From: "a", To: "c", Type: "KNOWS", Cites: cite},
	}
	g := graph.New(s, nodes, edges, []*graph.Source{src})
	for _, f := range export.Formats() {
		t.Run(f.Name, func(t *testing.T) {
			defer func() {
				if r := recover(); r != nil {
					t.Errorf("%s panicked: %v", f.Name, r)
				}
			}()
			var err error
			if f.MultiFile() {
				err = f.NewDirEncoder(memFiles{}, export.Options{}).Encode(g)
			} else {
				err = f.NewEncoder(&bytes.Buffer{}, export.Options{}).Encode(g)
			}
			t.Log(fmt.Sprint(err))
		})
	}
}
