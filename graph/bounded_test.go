package graph_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/relgraph/relgraph/graph"
)

func problemsOf(t *testing.T, b *graph.Builder) graph.Problems {
	t.Helper()
	_, err := b.Graph()
	var ps graph.Problems
	if !errors.As(err, &ps) {
		t.Fatalf("err = %v, want problems", err)
	}
	return ps
}

func lines(ps graph.Problems) string {
	var out []string
	for _, p := range ps {
		out = append(out, p.Error())
	}
	return strings.Join(out, "\n")
}

// Repeated problems of one kind are capped with a count of the rest:
// people sharing the alias "Kim" all merge into the node named Kim, and
// past the alias limit each merge is a problem.
func TestRepeatedProblemsCapped(t *testing.T) {
	b := graph.NewBuilder(nil, graph.Limits{MaxAliases: 5})
	b.AddSource(&graph.Source{ID: "s1"})
	b.AddNode(&graph.Node{ID: "kim", Kind: "Person", Name: "Kim", Cites: cite("s1", "")})
	for i := 0; i < 300; i++ {
		b.AddNode(&graph.Node{ID: fmt.Sprintf("p%d", i), Kind: "Person", Name: fmt.Sprintf("Person %d", i), Aliases: []string{"Kim"}, Cites: cite("s1", ""), Pos: graph.Pos{File: "kim.jsonl", Line: i + 3}})
	}
	ps := problemsOf(t, b)
	// 5 merges fit the limit, 295 do not: 10 shown, 285 counted
	if len(ps) != graph.PerKind+1 || ps.Count() != 295 {
		t.Fatalf("%d lines standing for %d problems:\n%s", len(ps), ps.Count(), lines(ps))
	}
	first, last := ps[0], ps[len(ps)-1]
	if first.Error() != `kim.jsonl:8: aliases: merging into "kim" gives 6 aliases, the limit is 5` {
		t.Errorf("first: %s", first)
	}
	if last.Error() != "kim.jsonl:18: aliases: and 285 more like this" || last.More != 285 {
		t.Errorf("last: %s (more %d)", last, last.More)
	}
}

// Different kinds of problem are each capped on their own, and problems
// differing only in quoted values and numbers are one kind.
func TestCappedKinds(t *testing.T) {
	var ps graph.Problems
	for i := 0; i < 30; i++ {
		ps = append(ps, graph.Problem{Pos: graph.Pos{File: "a", Line: i + 1}, Field: fmt.Sprintf("sources[%d].id", i%3), Msg: fmt.Sprintf("unknown source %q", fmt.Sprint("s", i))})
		ps = append(ps, graph.Problem{Pos: graph.Pos{File: "a", Line: i + 1}, Field: "to", Msg: fmt.Sprintf(`unknown node "n\"%d"`, i)})
	}
	ps.Sort()
	c := ps.Capped(10)
	if len(c) != 22 || c.Count() != 60 {
		t.Fatalf("%d lines for %d:\n%s", len(c), c.Count(), lines(c))
	}
	if !strings.Contains(lines(c), "a:11: sources[#].id") && !strings.Contains(lines(c), "a:11: sources[1].id: and 20 more like this") {
		t.Errorf("summary:\n%s", lines(c))
	}
}

// A source with a bad date is still the source its citations name: only
// the date is reported.
func TestSourceWithBadDateKept(t *testing.T) {
	b := graph.NewBuilder(nil, graph.Limits{})
	b.AddSource(&graph.Source{ID: "s1", Date: "12/06/2024", Pos: graph.Pos{File: "in.json", Line: 1}})
	b.AddNode(&graph.Node{ID: "a", Kind: "Leader", Name: "A", Cites: cite("s1", "")})
	for i := 0; i < 5; i++ {
		b.AddEdge(&graph.Edge{From: "a", To: "a", Type: "MET_WITH", Date: fmt.Sprintf("2024-0%d", i+1), Cites: cite("s1", ""), Pos: graph.Pos{File: "in.json", Line: i + 3}})
	}
	ps := problemsOf(t, b)
	if want := `in.json:1: date: "12/06/2024" is not an ISO 8601 date (YYYY, YYYY-MM or YYYY-MM-DD)`; lines(ps) != want {
		t.Errorf("got:\n%s\nwant:\n%s", lines(ps), want)
	}
}

// A node rejected for its own problem is not reported again by every
// relation that names it.
func TestBadNodeNoCascade(t *testing.T) {
	b := graph.NewBuilder(nil, graph.Limits{})
	b.AddSource(&graph.Source{ID: "s1"})
	b.AddNode(&graph.Node{ID: "a", Kind: "Leader", Name: "A"})
	b.AddNode(&graph.Node{ID: "w", Kind: "Wizard", Name: "W", Pos: graph.Pos{File: "in.json", Line: 2}})
	for i := 0; i < 5; i++ {
		b.AddEdge(&graph.Edge{From: "a", To: "w", Type: "MET_WITH", Date: fmt.Sprint(2020 + i), Cites: cite("s1", "")})
	}
	ps := problemsOf(t, b)
	if len(ps) != 1 || !strings.HasPrefix(ps[0].Error(), `in.json:2: kind: unknown kind "Wizard"`) {
		t.Errorf("got:\n%s", lines(ps))
	}
}

// After an input stopped early, the problems that stopped it come first
// and references to what it may have defined are counted, not listed.
func TestStopSuppressesCascade(t *testing.T) {
	b := graph.NewBuilder(nil, graph.Limits{})
	b.AddNode(&graph.Node{ID: "a", Kind: "Leader", Name: "A", Cites: cite("s1", ""), Pos: graph.Pos{File: "in.json", Line: 2}})
	for i := 0; i < 100; i++ {
		b.AddEdge(&graph.Edge{From: "a", To: "b", Type: "MET_WITH", Date: fmt.Sprint(1900 + i), Cites: cite("s1", ""), Pos: graph.Pos{File: "in.json", Line: i + 3}})
	}
	b.AddEdge(&graph.Edge{From: "a", To: "a", Type: "MET_WITH", Status: "rumoured", Cites: cite("s1", ""), Pos: graph.Pos{File: "in.json", Line: 103}})
	b.Stop(graph.Problem{Pos: graph.Pos{File: "in.json", Line: 104}, Msg: "syntax error: unexpected end of input"})
	ps := problemsOf(t, b)
	want := `in.json:104: syntax error: unexpected end of input
in.json:104: 101 references to nodes or sources not defined are not reported: the part not read may define them
in.json:103: status: unknown status "rumoured" (known: reported, confirmed, alleged, denied, planned, speculated)`
	if lines(ps) != want {
		t.Errorf("got:\n%s\nwant:\n%s", lines(ps), want)
	}
}

// Compatibility forms fold into the merge key: fullwidth letters merge
// with the plain name. Letters of another script that only look alike do
// not, and are warned about with file and line.
func TestLookAlikes(t *testing.T) {
	if graph.Key("Ｋｉｍ　Ｊｏｎｇ　Ｕｎ") != graph.Key("Kim Jong Un") {
		t.Errorf("Key(fullwidth) = %q", graph.Key("Ｋｉｍ　Ｊｏｎｇ　Ｕｎ"))
	}
	b := graph.NewBuilder(nil, graph.Limits{})
	b.AddSource(&graph.Source{ID: "s1"})
	at := func(l int) graph.Pos { return graph.Pos{File: "in.json", Line: l} }
	b.AddNode(&graph.Node{ID: "kju", Kind: "Leader", Name: "Kim Jong Un", Cites: cite("s1", ""), Pos: at(1)})
	b.AddNode(&graph.Node{ID: "kju-fw", Kind: "Leader", Name: "Ｋｉｍ Ｊｏｎｇ Ｕｎ", Cites: cite("s1", ""), Pos: at(2)})
	b.AddNode(&graph.Node{ID: "kju-cyr", Kind: "Leader", Name: "Кim Jong Un", Aliases: []string{"김정은", "金正恩 キム", "Moscow Москва"}, Cites: cite("s1", ""), Pos: at(3)})
	g, err := b.Graph()
	if err != nil {
		t.Fatal(err)
	}
	if g.Node("kju-fw") != g.Node("kju") {
		t.Error("fullwidth name did not merge")
	}
	ws := b.Warnings()
	if want := `in.json:3: name: "Кim Jong Un" mixes Cyrillic and Latin letters in one word: it looks like a name in one script but does not merge with it`; lines(ws) != want {
		t.Errorf("warnings:\n%s\nwant:\n%s", lines(ws), want)
	}
}

// A kind that is not ASCII says so.
func TestNonASCIIKind(t *testing.T) {
	b := graph.NewBuilder(nil, graph.Limits{})
	b.AddNode(&graph.Node{ID: "a", Kind: "Lé", Name: "A"})
	if ps := problemsOf(t, b); !strings.Contains(lines(ps), `"Lé" is not an identifier (ASCII letters, digits, underscore)`) {
		t.Errorf("got:\n%s", lines(ps))
	}
}

// Merging many relations and spellings keeps every citation and value,
// sorted, as one merge at a time did.
func TestManyMergesKeepEverything(t *testing.T) {
	b := graph.NewBuilder(nil, graph.Limits{})
	for i := 0; i < 50; i++ {
		b.AddSource(&graph.Source{ID: fmt.Sprintf("s%02d", i)})
	}
	b.AddNode(&graph.Node{ID: "a", Kind: "Person", Name: "A", Cites: cite("s00", "")})
	b.AddNode(&graph.Node{ID: "b", Kind: "Person", Name: "B", Cites: cite("s00", "")})
	for i := 49; i >= 0; i-- {
		status := []string{"reported", "confirmed"}[i%2]
		b.AddEdge(&graph.Edge{From: "a", To: "b", Type: "MET_WITH", Status: status, Cites: cite(fmt.Sprintf("s%02d", i), fmt.Sprint("q", i%7))})
		b.AddNode(&graph.Node{ID: fmt.Sprint("x", i), Kind: "Person", Name: fmt.Sprintf("A.%d", i), Aliases: []string{"A"}, Cites: cite(fmt.Sprintf("s%02d", i), "")})
	}
	g, err := b.Graph()
	if err != nil {
		t.Fatal(err)
	}
	e := g.Edges[0]
	if len(g.Edges) != 1 || len(e.Cites) != 50 || e.Cites[0].Source != "s00" || e.Cites[49].Source != "s49" {
		t.Fatalf("edges %d, cites %+v", len(g.Edges), e.Cites)
	}
	st := e.Props["status"]
	// (values equal to the primary one are recorded only before the
	// first disagreement, as before)
	if len(st) != 2 || st[0].Value != "confirmed" || len(st[0].Sources) != 1 || st[1].Value != "reported" || len(st[1].Sources) != 25 || st[1].Sources[0] != "s00" {
		t.Errorf("status values %+v", st)
	}
	a := g.Node("a")
	if len(a.Props["name"]) != 51 || len(a.Aliases) != 50 || a.Aliases[0] != "A.0" || len(a.SourceIDs()) != 50 {
		t.Errorf("a: %d names, aliases %q, sources %q", len(a.Props["name"]), a.Aliases, a.SourceIDs())
	}
	for _, v := range a.Props["name"] {
		for i := 1; i < len(v.Sources); i++ {
			if v.Sources[i-1] >= v.Sources[i] {
				t.Errorf("name %q sources not sorted and unique: %q", v.Value, v.Sources)
			}
		}
	}
}
