package graph_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/relgraph/relgraph/graph"
)

// TestParseSchema: what a user schema may not declare, each problem with
// the file, the line and the field.
func TestParseSchema(t *testing.T) {
	for _, tc := range []struct {
		name, doc string
		want      []string // problems, in order; none for a valid schema
	}{
		{"valid", `{"kinds": {"Person": {}}, "types": {"KNOWS": {"from": ["Person"], "to": ["Person"]}}}`, nil},
		{"reserved kinds", "{\"kinds\": {\n \"Person\": {},\n \"Entity\": {},\n \"RelgraphLoadLock\": {},\n \"Source\": {\"description\": \"articles\"}\n}}", []string{
			`s.json:3: kinds.Entity: "Entity" is reserved by relgraph`,
			`s.json:4: kinds.RelgraphLoadLock: "RelgraphLoadLock" is reserved by relgraph`,
			`s.json:5: kinds.Source: "Source" is reserved by relgraph`,
		}},
		{"reserved types", "{\"kinds\": {\"Person\": {}},\n \"types\": {\n  \"REPORTS\": {\"from\": [\"Person\"]},\n  \"Entity\": {}, \"Source\": {}, \"RelgraphLoadLock\": {}}}", []string{
			`s.json:3: types.REPORTS: "REPORTS" is reserved by relgraph`,
			`s.json:4: types.Entity: "Entity" is reserved`,
			`s.json:4: types.RelgraphLoadLock: "RelgraphLoadLock" is reserved`,
			`s.json:4: types.Source: "Source" is reserved`,
		}},
		{"source endpoint", "{\"kinds\": {\"Person\": {}},\n \"types\": {\"CITES\": {\"from\": [\"Source\"], \"to\": [\"Person\", \"Nope\"]}}}", []string{
			`s.json:2: types.CITES: kind "Source": sources are not entities`,
			`s.json:2: types.CITES: unknown kind "Nope"`,
		}},
		{"not identifiers", "{\"kinds\": {\"a b\": {}}, \"types\": {\n\"x-y\": {}}}", []string{
			`s.json:1: kinds.a b: kind "a b" is not an identifier`,
			`s.json:2: types.x-y: type "x-y" is not an identifier`,
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, err := graph.ParseSchema(strings.NewReader(tc.doc), "s.json")
			if len(tc.want) == 0 {
				if err != nil {
					t.Fatal(err)
				}
				if _, ok := s.Kinds[graph.KindSource]; !ok {
					t.Error("the schema lacks the Source kind")
				}
				return
			}
			var ps graph.Problems
			if !errors.As(err, &ps) || !errors.Is(err, graph.ErrInvalid) {
				t.Fatalf("got %v, want problems", err)
			}
			if len(ps) != len(tc.want) {
				t.Fatalf("%d problems, want %d:\n%v", len(ps), len(tc.want), err)
			}
			for i, p := range ps {
				if !strings.HasPrefix(p.Error(), tc.want[i]) {
					t.Errorf("problem %d: %s\nwant %s…", i, p, tc.want[i])
				}
			}
		})
	}
}

// TestBuilderReservedNames: a schema made in Go, without ParseSchema's
// checks, still cannot put entities or relations under relgraph's names.
func TestBuilderReservedNames(t *testing.T) {
	s := &graph.Schema{Kinds: map[string]graph.KindSpec{"Person": {}, graph.EntityLabel: {}, graph.LockLabel: {}},
		Types: map[string]graph.TypeSpec{graph.ReportsType: {}}}
	b := graph.NewBuilder(s, graph.Limits{})
	b.AddSource(&graph.Source{ID: "s1"})
	cite := []graph.Citation{{Source: "s1"}}
	b.AddNode(&graph.Node{ID: "a", Kind: "Person", Name: "A", Cites: cite, Pos: graph.Pos{File: "in", Line: 1}})
	b.AddNode(&graph.Node{ID: "b", Kind: graph.EntityLabel, Name: "B", Cites: cite, Pos: graph.Pos{File: "in", Line: 2}})
	b.AddNode(&graph.Node{ID: "c", Kind: graph.LockLabel, Name: "C", Cites: cite, Pos: graph.Pos{File: "in", Line: 3}})
	b.AddEdge(&graph.Edge{From: "a", To: "a", Type: graph.ReportsType, Cites: cite, Pos: graph.Pos{File: "in", Line: 4}})
	_, err := b.Graph()
	var ps graph.Problems
	if !errors.As(err, &ps) || len(ps) != 3 {
		t.Fatalf("got %v, want 3 problems", err)
	}
	for i, want := range []string{`in:2: kind: kind "Entity" is reserved`, `in:3: kind: kind "RelgraphLoadLock" is reserved`, `in:4: type: type "REPORTS" is reserved`} {
		if !strings.HasPrefix(ps[i].Error(), want) {
			t.Errorf("problem %d: %s, want %s…", i, ps[i], want)
		}
	}
}
