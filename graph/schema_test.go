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
