package ingest

import (
	"bufio"
	"bytes"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"unsafe"

	"github.com/relgraph/relgraph/gen"
	"github.com/relgraph/relgraph/graph"
	"github.com/relgraph/relgraph/internal/nametab"
)

// Decoded records must not refer to the line they came from: JSON Lines
// buffers are reused as soon as their lines are decoded.
func TestDecodedKeepsNoViewOfTheLine(t *testing.T) {
	var buf bytes.Buffer
	if err := gen.Write(&buf, gen.Config{Seed: 3, Entities: 200, Relations: 600}); err != nil {
		t.Fatal(err)
	}
	lines := []string{
		`{"record":"edge","from":"a","to":"b","type":"MET_WITH","confidence":0.5,"sources":["s1",{"source":"s2","quote":"q"}]}`,
		`{"record":"node","id":"x","kind":"Leader","name":"김정은","aliases":["Kim","K. J."],"sources":[{"id":"s","quote":"said"}]}`,
		`{"record":"node","id":"y","kind":"Person","name":"With \"escape\"","props":{"born":"1950"},"sources":["s"]}`,
		`{"record":"source","id":"s","file":"f.txt","title":"T","outlet":"O","author":"A","date":"2024-06-12","url":"u"}`,
		`{"record":"edge","from":"a","to":"b","type":"NOT_A_TYPE","status":"odd","sources":[]}`,
	}
	sc := bufio.NewScanner(&buf)
	for sc.Scan() {
		lines = append(lines, sc.Text())
	}
	b := graph.NewBuilder(nil, graph.Limits{})
	d := &lineDecoder{o: DefaultOptions, names: sharedNames(b.Schema())}
	for i, ln := range lines {
		pos := graph.Pos{File: "t.jsonl", Line: i + 1}
		want := d.decodeLine([]byte(ln), pos)
		raw := []byte(ln)
		got := d.decodeLine(raw, pos)
		for j := range raw {
			raw[j] = '#'
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("line %d: changed with its buffer:\n got %+v\nwant %+v", i+1, got, want)
		}
	}
}

// The shared names hold every kind, type and status, as their own copy,
// and nothing else.
func TestNameTable(t *testing.T) {
	s := graph.DefaultSchema()
	tab := sharedNames(s)
	all := append(append(append([]string(nil), s.KindNames()...), s.TypeNames()...), graph.Statuses...)
	for _, n := range all {
		got, ok := tab.Get(strings.Clone(n))
		again, _ := tab.Get(strings.Clone(n))
		if !ok || got != n || unsafe.StringData(got) != unsafe.StringData(again) {
			t.Errorf("get(%q) = %q, %v", n, got, ok)
		}
	}
	for _, n := range []string{"", "x", "MET_WITh", "Persons", "reporteD", "MET_WITH_"} {
		if _, ok := tab.Get(n); ok {
			t.Errorf("get(%q) found a name not added", n)
		}
	}
}

// A table made for many names holds them all.
func TestNameTableLarge(t *testing.T) {
	var names []string
	for i := 0; i < 1000; i++ {
		names = append(names, fmt.Sprintf("TYPE_%d", i))
	}
	tab := nametab.New(names)
	for _, n := range names {
		if got, ok := tab.Get(strings.Clone(n)); !ok || got != n {
			t.Fatalf("get(%q) = %q, %v", n, got, ok)
		}
	}
	if _, ok := tab.Get("TYPE_1000"); ok {
		t.Error("found a name not added")
	}
}
