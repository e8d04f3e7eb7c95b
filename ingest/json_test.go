package ingest_test

import (
	"strings"
	"testing"

	"github.com/relgraph/relgraph/ingest"
)

var problemTests = []struct {
	name, format, text string
	want               []string // every problem, in order
}{
	{"syntax", "json", "{\"nodes\": [\n  {\"id\": \"a\",\n   \"kind\": \"Leader\" \"name\": \"A\"}\n]}", []string{
		`in.json:3: syntax error: invalid character '"' after object key:value pair; the rest of the file is not read`}},
	{"truncated", "json", "{\"nodes\": [\n  {\"id\": \"a\"", []string{
		`in.json:2: syntax error: unexpected end of input`}},
	{"unknown field and wrong type", "json", "{\"nodes\": [\n {\"id\": \"a\", \"kind\": \"Leader\", \"name\": \"A\", \"colour\": 1},\n {\"id\": 7, \"kind\": \"Leader\", \"name\": \"B\"}\n],\n\"extra\": 1}", []string{
		`in.json:2: nodes[0].colour: unknown field`,
		`in.json:3: nodes[1].id: want a string, got a number`,
		`in.json:5: extra: unknown field (want sources, nodes or edges)`}},
	{"every problem at once", "json", `{"sources": [{"id": "s1"}],
"nodes": [
 {"id": "a", "kind": "Leader", "name": "A"},
 {"id": "b", "kind": "Leeder", "name": ""}
],
"edges": [
 {"from": "a", "to": "nobody", "type": "MET_WITH", "sources": ["s1"]},
 {"from": "a", "to": "a", "type": "MET_WITH", "date": "2024-13", "sources": []}
]}`, []string{
		`in.json:4: kind: unknown kind "Leeder" (known: Agency, Allegation, Event, Leader, Other, Person, Place, State)`,
		`in.json:4: name: empty`,
		`in.json:7: to: unknown node "nobody"`,
		`in.json:8: date: "2024-13" is not a calendar date`,
		`in.json:8: sources: a relation needs at least one source`}},
	{"jsonl", "jsonl", "{\"record\":\"source\",\"id\":\"s1\"}\r\n{\"id\":\"a\",\"kind\":\"Leader\",\"name\":\"A\"}\n{\"id\":\"b\",\"kind\":\"Leader\",\"name\":\"B\",\"from\":\"a\"}\n\n{not json}\n{\"from\":\"a\",\"to\":\"a\",\"type\":\"MET_WITH\",\"sources\":[\"s2\"]}\n{\"id\":\"c\",\"kind\":\"Leader\",\"name\":\"bad \xff\"}\n", []string{
		`in.jsonl:3: kind: not a field of an edge`,
		`in.jsonl:3: name: not a field of an edge`,
		`in.jsonl:5: syntax error: invalid character 'n' looking for beginning of object key string`,
		`in.jsonl:6: sources[0].id: unknown source "s2"`,
		`in.jsonl:7: invalid UTF-8 at byte 38 of the line`}},
	{"bom and crlf", "json", "\xef\xbb\xbf{\"nodes\": [\r\n{\"id\": \"a\", \"kind\": \"Leader\", \"name\": \"\"}\r\n]}", []string{
		`in.json:2: name: empty`}},
	{"too deep", "json", "{\"nodes\": [" + strings.Repeat("[", 100) + strings.Repeat("]", 100) + "]}", []string{
		`in.json:1: nested too deeply (the limit is 64 levels)`}},
	{"nul", "jsonl", "{\"id\":\"a\",\"kind\":\"Leader\",\"name\":\"A\\u0000\"}\n", []string{
		`in.jsonl:1: name: contains a NUL byte`}},
}

func TestProblemsHaveFileLineField(t *testing.T) {
	for _, tc := range problemTests {
		t.Run(tc.name, func(t *testing.T) {
			_, ps, err := readOne(t, tc.format, tc.text, ingest.Options{})
			if err != nil {
				t.Fatalf("read error: %v", err)
			}
			var got []string
			for _, p := range ps {
				got = append(got, p.Error())
			}
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
		})
	}
}

func TestJSONLLineLimit(t *testing.T) {
	text := "{\"id\":\"a\",\"kind\":\"Leader\",\"name\":\"" + strings.Repeat("x", 5000) + "\"}\n{\"id\":\"b\",\"kind\":\"Leader\",\"name\":\"B\"}\n"
	g, ps, err := readOne(t, "jsonl", text, ingest.Options{MaxLineBytes: 1000})
	if err != nil || g != nil || len(ps) != 1 || !strings.HasPrefix(ps[0].Error(), "in.jsonl:1: line longer than the limit of 1000 bytes") {
		t.Fatalf("err=%v problems=%v", err, ps)
	}
}

func TestSniff(t *testing.T) {
	for _, tc := range []struct{ text, want string }{
		{"{\"nodes\": [{\"id\": \"a\", \"kind\": \"Leader\", \"name\": \"A\"}]}", "a"},
		{"{\n \"nodes\": [{\"id\": \"a\", \"kind\": \"Leader\", \"name\": \"A\"}]\n}", "a"},
		{"{\"id\": \"a\", \"kind\": \"Leader\", \"name\": \"A\"}\n{\"id\": \"b\", \"kind\": \"Leader\", \"name\": \"B\"}\n", "a,b"},
	} {
		g, ps, err := readOne(t, "", tc.text, ingest.Options{})
		if err != nil || len(ps) > 0 {
			t.Fatalf("%q: %v %v", tc.text, err, ps)
		}
		var ids []string
		for _, n := range g.Nodes {
			ids = append(ids, n.ID)
		}
		if strings.Join(ids, ",") != tc.want {
			t.Errorf("%q: got %v", tc.text, ids)
		}
	}
}

// FuzzReadJSON: no input panics, and every rejection is a Problem.
func FuzzReadJSON(f *testing.F) {
	for _, tc := range problemTests {
		if tc.format == "json" {
			f.Add(tc.text)
		}
	}
	f.Add(`{"sources":[{"id":"s"}],"nodes":[{"id":"a","kind":"Leader","name":"A","props":{"x":[{"value":1,"sources":["s"]}]}}],"edges":[{"from":"a","to":"a","type":"MET_WITH","sources":[{"source":"s","quote":"q"}]}]}`)
	f.Fuzz(func(t *testing.T, text string) {
		fuzzOne(t, "json", text)
	})
}

// FuzzReadJSONL: no input panics, and every rejection is a Problem.
func FuzzReadJSONL(f *testing.F) {
	for _, tc := range problemTests {
		if tc.format == "jsonl" {
			f.Add(tc.text)
		}
	}
	f.Add("{\"record\":\"edge\",\"from\":\"a\",\"to\":\"b\",\"type\":\"T\",\"confidence\":1e-2,\"sources\":[\"s1\",{\"source\":\"s2\",\"quote\":\"q\"}]}\n")
	f.Fuzz(func(t *testing.T, text string) {
		fuzzOne(t, "jsonl", text)
	})
}

func fuzzOne(t *testing.T, format, text string) {
	_, ps, err := readOne(t, format, text, ingest.Options{})
	if err != nil {
		t.Fatalf("read error instead of a problem: %v", err)
	}
	for _, p := range ps {
		if p.Pos.File == "" || p.Msg == "" {
			t.Fatalf("problem without a place or message: %+v", p)
		}
	}
}

func TestCitationUnknownKey(t *testing.T) {
	for _, format := range []string{"json", "jsonl"} {
		text := `{"record":"source","id":"s1"}` + "\n" + `{"record":"edge","from":"a","to":"a","type":"MET_WITH","sources":[{"id":"s1","qoute":"x"}]}` + "\n"
		if format == "json" {
			text = `{"sources":[{"id":"s1"}],"edges":[{"from":"a","to":"a","type":"MET_WITH","sources":[{"id":"s1","qoute":"x"}]}]}`
		}
		_, ps, _ := readOne(t, format, text, ingest.Options{})
		if len(ps) == 0 || !strings.Contains(ps.Error(), "qoute") {
			t.Errorf("%s: unknown citation key not reported: %v", format, ps)
		}
	}
}
