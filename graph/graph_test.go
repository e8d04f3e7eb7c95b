package graph_test

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/relgraph/relgraph/graph"
)

func TestKey(t *testing.T) {
	for _, tc := range []struct{ a, b string }{
		{"Kim Jong-un", "Kim Jong Un"},
		{"kim  jong un", "KIM JONG-UN"},
		{"Vostochny", "vostóchny"},
		{"Sergei Shoigu", "Sergei  Shoigu."},
		{"김정은", "김정은"},
	} {
		if graph.Key(tc.a) != graph.Key(tc.b) {
			t.Errorf("Key(%q)=%q != Key(%q)=%q", tc.a, graph.Key(tc.a), tc.b, graph.Key(tc.b))
		}
	}
	if graph.Key("Kim Jong Un") == graph.Key("Kim Yo Jong") {
		t.Error("different people share a key")
	}
}

func TestCheckDate(t *testing.T) {
	for _, tc := range []struct {
		in string
		ok bool
	}{
		{"2024", true}, {"2024-06", true}, {"2024-06-12", true}, {"2024-02-29", true},
		{"2023-02-29", false}, {"2024-13", false}, {"24-06-12", false}, {"yesterday", false},
		{"2024-6-1", false}, {"2024-06-12T10:00", false}, {"", false},
	} {
		if err := graph.CheckDate(tc.in); (err == nil) != tc.ok {
			t.Errorf("CheckDate(%q) = %v, want ok=%v", tc.in, err, tc.ok)
		}
	}
}

func cite(src, q string) []graph.Citation { return []graph.Citation{{Source: src, Quote: q}} }

// The same person spelled two ways in two files ends as one node carrying
// both spellings and both sources.
func TestMergeBySpelling(t *testing.T) {
	b := graph.NewBuilder(nil, graph.Limits{})
	b.AddSource(&graph.Source{ID: "s1", File: "a.txt"})
	b.AddSource(&graph.Source{ID: "s2", File: "b.txt"})
	b.AddNode(&graph.Node{ID: "kju", Kind: "Leader", Name: "Kim Jong Un", Cites: cite("s1", "Kim Jong Un"), Pos: graph.Pos{File: "a.json", Line: 3}})
	b.AddNode(&graph.Node{ID: "kim-2", Kind: "Leader", Name: "Kim Jong-un", Cites: cite("b.txt", "Kim Jong-un"), Pos: graph.Pos{File: "b.json", Line: 7}})
	b.AddNode(&graph.Node{ID: "putin", Kind: "Leader", Name: "Vladimir Putin", Cites: cite("s1", "Putin")})
	b.AddEdge(&graph.Edge{From: "kim-2", To: "putin", Type: "INVITED", Cites: cite("s2", "invited")})
	g, err := b.Graph()
	if err != nil {
		t.Fatal(err)
	}
	if len(g.Nodes) != 2 {
		t.Fatalf("got %d nodes, want 2", len(g.Nodes))
	}
	kim := g.Node("kju")
	if kim == nil || g.Node("kim-2") != kim {
		t.Fatal("kim-2 does not resolve to kju")
	}
	if !reflect.DeepEqual(kim.Aliases, []string{"Kim Jong-un"}) {
		t.Errorf("aliases %q", kim.Aliases)
	}
	if got := kim.SourceIDs(); !reflect.DeepEqual(got, []string{"s1", "s2"}) {
		t.Errorf("sources %q", got)
	}
	want := []graph.Value{{Value: "Kim Jong Un", Sources: []string{"s1"}}, {Value: "Kim Jong-un", Sources: []string{"s2"}}}
	if !reflect.DeepEqual(kim.Props["name"], want) {
		t.Errorf("name values %+v", kim.Props["name"])
	}
	if len(g.Merges) != 1 || g.Merges[0].Into != "kju" || g.Merges[0].From != "kim-2" {
		t.Errorf("merges %+v", g.Merges)
	}
	if g.Edges[0].From != "kju" {
		t.Errorf("edge from %q", g.Edges[0].From)
	}
}

func TestConflictsKeepEveryValue(t *testing.T) {
	b := graph.NewBuilder(nil, graph.Limits{})
	b.AddSource(&graph.Source{ID: "s1"})
	b.AddSource(&graph.Source{ID: "s2"})
	b.AddNode(&graph.Node{ID: "visit", Kind: "Event", Name: "Putin visit", Props: graph.Props{"destination": {{Value: "North Korea"}}}, Cites: cite("s1", "")})
	b.AddNode(&graph.Node{ID: "visit", Kind: "Event", Name: "Putin visit", Props: graph.Props{"destination": {{Value: "South Korea"}}}, Cites: cite("s2", "")})
	b.AddNode(&graph.Node{ID: "p", Kind: "Leader", Name: "Putin"})
	b.AddEdge(&graph.Edge{ID: "e1", From: "p", To: "visit", Type: "PARTICIPATED_IN", Date: "2024-06", Status: "planned", Cites: cite("s1", "")})
	b.AddEdge(&graph.Edge{ID: "e1", From: "p", To: "visit", Type: "PARTICIPATED_IN", Date: "2024-06-19", Status: "reported", Cites: cite("s2", "")})
	g, err := b.Graph()
	if err != nil {
		t.Fatal(err)
	}
	cs := g.Conflicts()
	var got []string
	for _, c := range cs {
		var vs []string
		for _, v := range c.Values {
			vs = append(vs, v.Value+"@"+strings.Join(v.Sources, ","))
		}
		got = append(got, c.Element+"."+c.Prop+"="+strings.Join(vs, "|"))
	}
	want := []string{
		"visit.destination=North Korea@s1|South Korea@s2",
		"e1.date=2024-06@s1|2024-06-19@s2",
		"e1.status=planned@s1|reported@s2",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("conflicts\n got %q\nwant %q", got, want)
	}
	if e := g.Edges[0]; e.Status != "planned" || e.Date != "2024-06" || len(e.Cites) != 2 {
		t.Errorf("primary values changed: %+v", e)
	}
}

func TestProblems(t *testing.T) {
	b := graph.NewBuilder(nil, graph.Limits{MaxAliases: 2})
	at := func(line int) graph.Pos { return graph.Pos{File: "in.json", Line: line} }
	b.AddSource(&graph.Source{ID: "s1", Date: "June 2024", Pos: at(1)})
	b.AddNode(&graph.Node{ID: "a", Kind: "Leader", Name: " ", Pos: at(2)})
	b.AddNode(&graph.Node{ID: "b", Kind: "Wizard", Name: "B", Pos: at(3)})
	b.AddNode(&graph.Node{ID: "c", Kind: "Leader", Name: "C", Pos: at(4)})
	b.AddNode(&graph.Node{ID: "c", Kind: "State", Name: "C", Pos: at(5)})
	b.AddNode(&graph.Node{ID: "d", Kind: "Leader", Name: "D", Aliases: []string{"1", "2", "3"}, Pos: at(6)})
	b.AddNode(&graph.Node{ID: "e", Kind: "bad kind!", Name: "E", Pos: at(7)})
	b.AddEdge(&graph.Edge{From: "c", To: "zzz", Type: "MET_WITH", Cites: cite("s1", ""), Pos: at(8)})
	b.AddEdge(&graph.Edge{From: "c", To: "c", Type: "MET_WITH", Pos: at(9)})
	b.AddEdge(&graph.Edge{From: "c", To: "c", Type: "MET_WITH", Date: "2024-02-30", Status: "rumoured", Cites: cite("nope", ""), Pos: at(10)})
	b.AddEdge(&graph.Edge{From: "c", To: "c", Type: "LEADS", Cites: cite("s1", ""), Pos: at(11)})
	b.AddEdge(&graph.Edge{From: "c", To: "c", Type: "MET-WITH", Cites: cite("s1", ""), Pos: at(12)})
	b.AddNode(&graph.Node{ID: "f", Kind: "Leader", Name: "bad \xff", Pos: at(13)})
	_, err := b.Graph()
	var ps graph.Problems
	if !errors.As(err, &ps) || !errors.Is(err, graph.ErrInvalid) {
		t.Fatalf("err = %v", err)
	}
	want := []string{
		`in.json:1: date: "June 2024" is not an ISO 8601 date (YYYY, YYYY-MM or YYYY-MM-DD)`,
		`in.json:2: name: empty`,
		`in.json:3: kind: unknown kind "Wizard" (known: Agency, Allegation, Event, Leader, Other, Person, Place, State)`,
		`in.json:5: kind: conflicting duplicate id "c": kind Leader at in.json:4, State here`,
		`in.json:6: aliases: 3 aliases, the limit is 2`,
		`in.json:7: kind: "bad kind!" is not an identifier (ASCII letters, digits, underscore)`,
		`in.json:8: to: unknown node "zzz"`,
		`in.json:9: sources: a relation needs at least one source`,
		`in.json:10: date: "2024-02-30" is not a calendar date`,
		`in.json:10: status: unknown status "rumoured" (known: reported, confirmed, alleged, denied, planned, speculated)`,
		`in.json:11: type: LEADS may not join Leader to Leader (allowed: Leader|Person -> State|Agency)`,
		`in.json:12: type: "MET-WITH" is not an identifier (ASCII letters, digits, underscore)`,
		`in.json:13: name: invalid UTF-8`,
	}
	var got []string
	for _, p := range ps {
		got = append(got, p.Error())
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("problems\n got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestSuggest(t *testing.T) {
	got := graph.Suggest("Kim Jong-il", []string{"Kim Jong Un", "Vladimir Putin", "Kim Yo Jong"})
	if len(got) == 0 || got[0] != "Kim Jong Un" {
		t.Errorf("Suggest = %q", got)
	}
}

func TestIsIdent(t *testing.T) {
	for s, want := range map[string]bool{"Leader": true, "MET_WITH": true, "_x1": true, "": false, "1A": false, "a-b": false, "a b": false, "Ä": false, "a`b": false} {
		if graph.IsIdent(s) != want {
			t.Errorf("IsIdent(%q) = %v", s, !want)
		}
	}
}

// A node may not have a source's id; a record merged into a node under
// another id keeps nothing of its id, and is no clash.
func TestNodeIDIsSourceID(t *testing.T) {
	b := graph.NewBuilder(nil, graph.Limits{})
	b.AddSource(&graph.Source{ID: "s1", File: "a.txt"})
	b.AddSource(&graph.Source{ID: "kim2"})
	b.AddNode(&graph.Node{ID: "s1", Kind: "Leader", Name: "Someone", Cites: cite("s1", ""), Pos: graph.Pos{File: "in.jsonl", Line: 3}})
	b.AddNode(&graph.Node{ID: "kim", Kind: "Leader", Name: "Kim Jong Un", Cites: cite("s1", ""), Pos: graph.Pos{File: "in.jsonl", Line: 4}})
	b.AddNode(&graph.Node{ID: "kim2", Kind: "Leader", Name: "Kim Jong-un", Cites: cite("s1", ""), Pos: graph.Pos{File: "in.jsonl", Line: 5}})
	_, err := b.Graph()
	var ps graph.Problems
	if !errors.As(err, &ps) || len(ps) != 1 {
		t.Fatalf("got %v, want one problem", err)
	}
	if p := ps[0]; p.Pos.Line != 3 || p.Field != "id" || !strings.Contains(p.Msg, `id "s1" is also the id of a source`) {
		t.Fatalf("got %v", p)
	}
}

// A relation given without an id gets one from its ends, type and date,
// numbered when that is taken (by a given id or another relation), and
// the relations stay sorted with the ids they got.
func TestGeneratedIDs(t *testing.T) {
	b := graph.NewBuilder(nil, graph.Limits{})
	b.AddSource(&graph.Source{ID: "s1"})
	for _, id := range []string{"a", "b"} {
		b.AddNode(&graph.Node{ID: id, Kind: "Person", Name: "Person " + id, Cites: cite("s1", "")})
	}
	for i, e := range []*graph.Edge{
		{From: "a", To: "b", Type: "MET_WITH", Date: "2020"},
		{ID: "a:MET_WITH:b", From: "a", To: "b", Type: "MET_WITH", Date: "2019"}, // takes the plain name
		{From: "a", To: "b", Type: "MET_WITH"},
		{From: "a", To: "b", Type: "MET_WITH", Date: "2020", Status: "confirmed"}, // merged into the first
		{ID: "r1", From: "b", To: "a", Type: "MET_WITH"},
	} {
		e.Cites, e.Pos = cite("s1", ""), graph.Pos{File: "in.jsonl", Line: i + 1}
		b.AddEdge(e)
	}
	g, err := b.Graph()
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range g.Edges {
		got = append(got, e.ID)
	}
	want := []string{"a:MET_WITH:b#2", "a:MET_WITH:b", "a:MET_WITH:b:2020", "r1"}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("ids %q, want %q", got, want)
	}
}
