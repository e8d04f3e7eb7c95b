package ingest_test

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/relgraph/relgraph/graph"
	"github.com/relgraph/relgraph/ingest"
)

// within fails the test when f does not return in time (it then leaks f's
// goroutine: a hang is what is tested for).
func within(t *testing.T, d time.Duration, f func()) {
	t.Helper()
	done := make(chan struct{})
	go func() { defer close(done); f() }()
	select {
	case <-done:
	case <-time.After(d):
		t.Fatalf("still running after %v", d)
	}
}

func problemText(ps graph.Problems) string {
	var out []string
	for _, p := range ps {
		out = append(out, p.Error())
	}
	return strings.Join(out, "\n")
}

// A named pipe in a directory is skipped with a warning (opening it would
// wait for a writer for ever); named on its own it is read as a stream.
func TestFIFO(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "a.jsonl"), []byte(`{"id":"a","kind":"Leader","name":"A"}`+"\n"), 0o644)
	fifo := filepath.Join(dir, "pipe.jsonl")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		// unblock a reader stuck in open, if any
		if f, err := os.OpenFile(fifo, os.O_WRONLY|syscall.O_NONBLOCK, 0); err == nil {
			f.Close()
		}
	})
	b := graph.NewBuilder(nil, graph.Limits{})
	within(t, 10*time.Second, func() {
		if err := ingest.Read(b, []string{dir}, "", nil, ingest.Options{}); err != nil {
			t.Error(err)
		}
	})
	if g, err := b.Graph(); err != nil || len(g.Nodes) != 1 {
		t.Fatalf("graph %v, err %v", g, err)
	}
	want := filepath.ToSlash(dir) + "/pipe.jsonl: skipped: a named pipe, not a regular file (name it on its own to read it as a stream)"
	if got := problemText(b.Warnings()); got != want {
		t.Errorf("warnings:\n%s\nwant:\n%s", got, want)
	}

	go func() {
		f, err := os.OpenFile(fifo, os.O_WRONLY, 0)
		if err != nil {
			return
		}
		f.WriteString(`{"id":"b","kind":"Leader","name":"B"}` + "\n")
		f.Close()
	}()
	b = graph.NewBuilder(nil, graph.Limits{})
	within(t, 10*time.Second, func() {
		if err := ingest.Read(b, []string{fifo}, "", nil, ingest.Options{}); err != nil {
			t.Error(err)
		}
	})
	if g, err := b.Graph(); err != nil || g.Node("b") == nil {
		t.Fatalf("graph %v, err %v", g, err)
	}
}

// zeros is an endless stream of one byte, like cat /dev/zero.
type zeros byte

func (z zeros) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = byte(z)
	}
	return len(p), nil
}

// A line without end stops reading at the line limit with a clear error,
// instead of being skipped for ever.
func TestEndlessLine(t *testing.T) {
	for _, c := range []byte{0, 'x'} {
		b := graph.NewBuilder(nil, graph.Limits{})
		within(t, 20*time.Second, func() {
			if err := ingest.ReadFormat(b, zeros(c), "<stdin>", "jsonl", ingest.Options{MaxLineBytes: 1 << 20}); err != nil {
				t.Error(err)
			}
		})
		_, err := b.Graph()
		if want := "<stdin>:1: line longer than the limit of 1048576 bytes (--max-line-bytes): the rest of the input is not read"; err == nil || err.Error() != want {
			t.Errorf("%q: got %v, want %s", c, err, want)
		}
	}
}

// A JSON stream is refused once it passes --max-file-bytes (a problem, not
// an error), and a stream of zeros at its first NUL byte.
func TestEndlessJSON(t *testing.T) {
	for _, tc := range []struct {
		r    io.Reader
		want string
	}{
		{io.MultiReader(strings.NewReader(`{"nodes": [`), zeros(' ')), "<stdin>: larger than the limit of 8388608 bytes (--max-file-bytes)"},
		{zeros(0), "<stdin>:1: NUL byte in input"},
	} {
		for _, format := range []string{"json", "yaml"} {
			b := graph.NewBuilder(nil, graph.Limits{})
			within(t, 20*time.Second, func() {
				if err := ingest.ReadFormat(b, tc.r, "<stdin>", format, ingest.Options{MaxFileBytes: 8 << 20}); err != nil {
					t.Error(err)
				}
			})
			if _, err := b.Graph(); err == nil || err.Error() != tc.want {
				t.Errorf("%s: got %v, want %s", format, err, tc.want)
			}
		}
	}
}

// A regular file over the limit is refused by its size, before reading.
func TestLargeFileRefusedBySize(t *testing.T) {
	p := filepath.Join(t.TempDir(), "big.json")
	if err := os.WriteFile(p, []byte(`{"nodes": []}`+strings.Repeat(" ", 2000)), 0o644); err != nil {
		t.Fatal(err)
	}
	b := graph.NewBuilder(nil, graph.Limits{})
	if err := ingest.Read(b, []string{p}, "", nil, ingest.Options{MaxFileBytes: 1000}); err != nil {
		t.Fatal(err)
	}
	if _, err := b.Graph(); err == nil || !strings.HasSuffix(err.Error(), "big.json: larger than the limit of 1000 bytes (--max-file-bytes)") {
		t.Errorf("got %v", err)
	}
}

var errorTests = []struct {
	name, format, text string
	want               string // every problem, in order
}{
	// The syntax error first, and no cascade of unknown sources from
	// the part not read.
	{"truncated", "json", `{"nodes": [{"id": "a", "kind": "Leader", "name": "A", "sources": ["s1"]}],
"edges": [{"from": "a", "to": "a", "type": "MET_WITH", "sources": ["s1"]},
  {"from": "a", "to": "a", "type": "MET_WITH", "date": "2024", "sources": ["s1"]}],
"sources": [{"id": "s1", "title": "cut of`,
		`in.json:4: syntax error: unexpected end of input
in.json:4: 3 references to nodes or sources not defined are not reported: the part not read may define them`},
	{"truncated yaml", "yaml", "nodes:\n  - {id: a, kind: Leader, name: A, sources: [s1]}\nsources:\n  - {id: s1, title: \"cut\n",
		`in.yaml:4: syntax error: found unexpected end of stream; nothing of the file is read`},
	// Every problem of a record, not the first.
	{"every problem of a JSON record", "json", `{"sources": [{"id": "s1"}], "nodes": [
{"id": "a", "kind": "Leeder", "name": "A", "colour": "red", "sources": ["s1"], "title": 1}]}`,
		`in.json:2: kind: unknown kind "Leeder" (known: Agency, Allegation, Event, Leader, Other, Person, Place, State)
in.json:2: nodes[0].colour: unknown field
in.json:2: nodes[0].title: unknown field`},
	{"every problem of a JSON Lines record", "jsonl", `{"record":"source","id":"s1"}
{"from":"a","to":"b","type":"MET_WITH","date":"2024-13","status":"rumoured","colour":"red","sources":["s1"]}
{"record":"node","id":"a","kind":"Leader","name":"A","from":"x","title":"t"}`,
		`in.jsonl:2: colour: unknown field
in.jsonl:2: date: "2024-13" is not a calendar date
in.jsonl:2: status: unknown status "rumoured" (known: reported, confirmed, alleged, denied, planned, speculated)
in.jsonl:3: from: not a field of a node
in.jsonl:3: title: not a field of a node`},
	// Wrong types named in the user's terms, with the field.
	{"wrong types", "json", `{"sources": [{"id": "s1"}], "nodes": [5,
{"id": "a", "kind": "Leader", "name": 7, "aliases": ["x", 3], "sources": [5, {"id": "s1", "quote": ["q"]}]}]}`,
		`in.json:1: nodes[0]: want an object, got a number
in.json:2: nodes[1].aliases: want a list of strings, got a list holding a number
in.json:2: nodes[1].name: want a string, got a number
in.json:2: nodes[1].sources[0]: want a source id or an object {"id", "quote"}, got a number
in.json:2: nodes[1].sources[1].quote: want a string, got a list`},
	{"wrong type in a line", "jsonl", `{"id":"a","kind":"Leader","name":["A"],"confidence":"high"}`,
		`in.jsonl:1: confidence: want a number, got a string
in.jsonl:1: name: want a string, got a list`},
	// Duplicate keys are reported, at any depth.
	{"duplicate keys", "json", `{"sources": [{"id": "s1"}], "nodes": [
{"id": "a", "kind": "Leader", "name": "A", "name": "B", "props": {"x": "1", "x": "2"}, "sources": [{"id": "s1", "quote": "q", "quote": "r"}]}]}`,
		`in.json:2: nodes[0].name: duplicate key: the field is given twice
in.json:2: nodes[0].props.x: duplicate key: the field is given twice
in.json:2: nodes[0].sources[0].quote: duplicate key: the field is given twice`},
	{"duplicate keys in a line", "jsonl", `{"record":"source","id":"s1"}
{"id":"a","kind":"Leader","name":"A","id":"b","sources":["s1"]}
{"id":"c","kind":"Leader","name":"C","sources":[{"id":"s1","quote":"q","quote":"r"}]}
{"id":"d","kind":"Leader","name":"D","props":{"x":"1","x":"2"}}`,
		`in.jsonl:2: id: duplicate key: the field is given twice
in.jsonl:3: sources[0].quote: duplicate key: the field is given twice
in.jsonl:4: props.x: duplicate key: the field is given twice`},
}

func TestErrorsThatHelp(t *testing.T) {
	for _, tc := range errorTests {
		t.Run(tc.name, func(t *testing.T) {
			_, ps, err := readOne(t, tc.format, tc.text, ingest.Options{})
			if err != nil {
				t.Fatalf("read error: %v", err)
			}
			if got := problemText(ps); got != tc.want {
				t.Errorf("got:\n%s\nwant:\n%s", got, tc.want)
			}
		})
	}
}

var _ = errors.Is
