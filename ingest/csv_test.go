package ingest_test

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/relgraph/relgraph/graph"
	"github.com/relgraph/relgraph/ingest"
)

// readOne reads text as format into a fresh builder and returns the graph
// and the problems.
func readOne(t *testing.T, format, text string, o ingest.Options) (*graph.Graph, graph.Problems, error) {
	t.Helper()
	b := graph.NewBuilder(nil, graph.Limits{})
	err := ingest.ReadFormat(b, strings.NewReader(text), "in."+format, format, o)
	g, gerr := b.Graph()
	var ps graph.Problems
	if gerr != nil && !errors.As(gerr, &ps) {
		t.Fatalf("Graph: %v", gerr)
	}
	return g, ps, err
}

func TestReadCSVSpreadsheet(t *testing.T) {
	b := graph.NewBuilder(nil, graph.Limits{})
	if err := ingest.Read(b, []string{"testdata/csv"}, "", nil, ingest.Options{}); err != nil {
		t.Fatal(err)
	}
	g, err := b.Graph()
	if err != nil {
		t.Fatal(err)
	}
	kim := g.Node("kim")
	if kim == nil || strings.Join(kim.Aliases, "|") != "Kim|Kim Jong-un" || kim.Props.Get("Title") != "General Secretary" {
		t.Fatalf("kim = %+v", kim)
	}
	if len(kim.Cites) != 1 || kim.Cites[0].Quote != "North Korean leader\nKim Jong Un" {
		t.Errorf("kim cites %+v", kim.Cites)
	}
	if s := g.Source("s1"); s == nil || s.Title != "First, article" || s.Date != "2024-06-12" {
		t.Errorf("s1 = %+v", s)
	}
	if len(g.Edges) != 1 {
		t.Fatalf("edges %d", len(g.Edges))
	}
	e := g.Edges[0]
	if e.Confidence == nil || *e.Confidence != 0.9 || e.Cites[0].Quote != `Kim met Putin, "warmly"` || e.Props.Get("venue") != "Kumsusan" {
		t.Errorf("edge %+v", e)
	}
	if p := g.Node("putin"); p.Cites[0].Source != "s1" {
		t.Errorf("putin cites by file name: %+v", p.Cites)
	}
}

var csvProblemTests = []struct {
	name string
	text string
	want []string // "line field: message part"
}{
	{"unknown column", "id,kind,name,colour\nk,Leader,K,red\n", []string{"1 colour: unknown column"}},
	{"no table", "name,colour\n", []string{"1 : cannot tell the table"}},
	{"duplicate column", "id,kind,name,NAME\n", []string{"1 name: column given twice"}},
	{"relations need from to type", "from,to\n", []string{"1 type: a relations file needs"}},
	{"field count", "id,kind,name\nk,Leader\nj,Leader,J\n", []string{"2 : 2 fields, the header has 3"}},
	{"bare quote", "id,kind,name\nk,Leader,K \"x\"\n", []string{"2 : syntax error"}},
	{"bad aliases json", "id,kind,name,aliases\nk,Leader,K,[oops\n", []string{"2 aliases: want names separated"}},
	{"bad sources json", "from,to,type,sources\na,b,MET_WITH,\"[{\"\"id\"\":1}]\"\n", []string{"2 sources: want source ids"}},
	{"bad props", "id,kind,name,props\nk,Leader,K,notjson\n", []string{"2 props: want a JSON object"}},
	{"deep props", "id,kind,name,props\nk,Leader,K,\"{\"\"a\"\":" + strings.Repeat("[", 100) + "\"\n", []string{"2 props: nested too deeply"}},
	{"bad confidence", "from,to,type,confidence,source\na,b,MET_WITH,high,s\n", []string{"2 confidence: \"high\" is not a number"}},
	{"quote without source", "from,to,type,quote\na,b,MET_WITH,q\n", []string{"2 quote: a quote needs its source"}},
	{"source fields on entity", "id,kind,name,file\nk,Leader,K,x.txt\n", []string{"2 file: only Source rows"}},
	{"entity fields on source", "id,kind,name,file\ns,Source,S,x.txt\n", []string{"2 name: not a field of a Source row"}},
	{"invalid utf8", "id,kind,name\nk,Leader,\xff\n", []string{"2 name: invalid UTF-8"}},
	{"NUL", "id,kind,name\nk,Leader,a\x00b\n", []string{"2 name: NUL byte"}},
	{"multi-line cell then error", "id,kind,name,props\nk,Leader,\"K\n\nK\",\n\nj,Leader,J,bad\n", []string{"6 props: want a JSON object"}},
	{"empty file", "", []string{"1 : empty CSV file"}},
	{"builder problems keep the line", "id,kind,name\nk,Leder,K\n", []string{"2 kind: unknown kind"}},
}

func TestReadCSVProblems(t *testing.T) {
	for _, tt := range csvProblemTests {
		t.Run(tt.name, func(t *testing.T) {
			_, ps, err := readOne(t, "csv", tt.text, ingest.Options{})
			if err != nil {
				t.Fatal(err)
			}
			checkProblems(t, ps, tt.want)
		})
	}
}

func checkProblems(t *testing.T, ps graph.Problems, want []string) {
	t.Helper()
	var got []string
	for _, p := range ps {
		if p.Pos.File == "" {
			t.Errorf("problem without file: %v", p)
		}
		got = append(got, strings.TrimSpace(strings.Join([]string{strconv.Itoa(p.Pos.Line), p.Field + ":", p.Msg}, " ")))
	}
	for _, w := range want {
		found := false
		for _, g := range got {
			if strings.HasPrefix(g, w) {
				found = true
			}
		}
		if !found {
			t.Errorf("missing problem %q in\n%s", w, strings.Join(got, "\n"))
		}
	}
}

func TestReadCSVLimits(t *testing.T) {
	long := "id,kind,name\nk,Leader,\"" + strings.Repeat("x\n", 5000) + "\"\nj,Leader,J\n"
	g, ps, err := readOne(t, "csv", long, ingest.Options{MaxLineBytes: 1000})
	if err != nil {
		t.Fatal(err)
	}
	checkProblems(t, ps, []string{"2 : record of"})
	_ = g
	huge := "id,kind,name\nk,Leader,\"" + strings.Repeat("x", 1<<20) + "\"\n"
	_, ps, err = readOne(t, "csv", huge, ingest.Options{MaxLineBytes: 100})
	if err != nil {
		t.Fatal(err)
	}
	checkProblems(t, ps, []string{"2 : record longer than the limit"})
	_, ps, err = readOne(t, "csv", huge, ingest.Options{MaxFileBytes: 1000})
	if err != nil {
		t.Fatal(err)
	}
	checkProblems(t, ps, []string{"0 : larger than the limit of 1000 bytes (--max-file-bytes)"})
}

// FuzzReadCSV: no input makes ReadCSV panic, and every rejection is a
// Problem with the file name (or, for a file over the size limit, an
// error wrapping graph.ErrInvalid). Seeds: testdata/fuzz/FuzzReadCSV and
// the CSV test files.
func FuzzReadCSV(f *testing.F) {
	for _, tt := range csvProblemTests {
		f.Add([]byte(tt.text))
	}
	for _, p := range []string{"testdata/csv/entities.csv", "testdata/csv/relations.csv"} {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzRead(t, "csv", data)
	})
}

func fuzzRead(t *testing.T, format string, data []byte) {
	b := graph.NewBuilder(nil, graph.Limits{})
	o := ingest.Options{MaxLineBytes: 4096, MaxFileBytes: 1 << 20, MaxDepth: 16}
	err := ingest.ReadFormat(b, bytes.NewReader(data), "fuzz."+format, format, o)
	if err != nil && !errors.Is(err, graph.ErrInvalid) {
		t.Fatalf("error that is not about the input: %v", err)
	}
	_, gerr := b.Graph()
	var ps graph.Problems
	if gerr != nil && !errors.As(gerr, &ps) {
		t.Fatalf("Graph: %v", gerr)
	}
	for _, p := range ps {
		if p.Pos.File != "fuzz."+format || p.Msg == "" {
			t.Fatalf("problem without file or message: %#v", p)
		}
	}
}

func ExampleReadCSV() {
	entities := `id,kind,name,aliases,source,quote,file,date
s1,Source,,,,,001_article.txt,2024-06-12
kim,Leader,Kim Jong Un,Kim Jong-un|Kim,s1,North Korean leader Kim Jong Un,,
putin,Leader,Vladimir Putin,,s1,Russian President Vladimir Putin,,
`
	relations := `from,to,type,date,status,sources
kim,putin,MET_WITH,2024-06-19,reported,"[{""id"":""s1"",""quote"":""Kim met Putin""}]"
`
	b := graph.NewBuilder(nil, graph.Limits{})
	ingest.ReadCSV(b, strings.NewReader(entities), "entities.csv", ingest.Options{})
	ingest.ReadCSV(b, strings.NewReader(relations), "relations.csv", ingest.Options{})
	g, err := b.Graph()
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, n := range g.Nodes {
		fmt.Println(n.ID, n.Kind, n.Name, n.Aliases)
	}
	for _, e := range g.Edges {
		fmt.Println(e.From, e.Type, e.To, e.Date, e.Cites[0].Quote)
	}
	// Output:
	// kim Leader Kim Jong Un [Kim Kim Jong-un]
	// putin Leader Vladimir Putin []
	// kim MET_WITH putin 2024-06-19 Kim met Putin
}
