package ingest_test

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"

	"github.com/relgraph/relgraph/graph"
	"github.com/relgraph/relgraph/ingest"
)

// graphragFuzzTables are the tables FuzzReadGraphRAGTables replaces, by
// the number the fuzzer picks.
var graphragFuzzTables = []string{"documents", "text_units", "entities", "covariates", "relationships"}

// FuzzReadGraphRAGTables: no table of a GraphRAG output makes the reader
// panic, and every rejection is a problem with a file. FuzzReadGraphRAG
// fuzzes the relationships table; this one fuzzes whichever table the
// fuzzer picks (table modulo 5), as CSV or Parquet bytes, so that the
// cells only the other tables have (documents' metadata objects, the list
// columns of text units and documents, claims' status, dates and
// source_text lists) are fuzzed too. The other tables are csvOutput's.
func FuzzReadGraphRAGTables(f *testing.F) {
	for i, t := range graphragFuzzTables {
		f.Add(uint8(i), false, []byte(csvOutput[t+".csv"]))
		real, err := os.ReadFile(filepath.Join("testdata", "graphrag", "dulce", t+".parquet"))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(uint8(i), true, real)
	}
	f.Add(uint8(0), false, []byte(",id,title,text_unit_ids,metadata\n0,d1,a.txt,\"['t1' \"\"t2\"\"]\",\"{\"\"a\"\": {\"\"b\"\": [1, null]}}\"\n"))
	f.Add(uint8(1), false, []byte("id,document_id,document_ids\nt1,d1,\"['d1',\n'd2']\"\n"))
	f.Add(uint8(3), false, []byte("id,subject_id,object_id,status,start_date,source_text,text_unit_id\nc1,KIM,NONE,MAYBE,2024-13-40T00:00:00,\"['a' 'b'\",t9\n"))
	f.Fuzz(func(t *testing.T, table uint8, parquet bool, data []byte) {
		name := graphragFuzzTables[int(table)%len(graphragFuzzTables)]
		fsys := fstest.MapFS{}
		for k, v := range csvOutput {
			if k != name+".csv" {
				fsys[k] = &fstest.MapFile{Data: []byte(v)}
			}
		}
		file := name + ".csv"
		if parquet {
			file = name + ".parquet"
		}
		fsys[file] = &fstest.MapFile{Data: data}
		b := graph.NewBuilder(nil, graph.Limits{})
		if err := ingest.ReadGraphRAG(b, fsys, ".", "out", ingest.Options{MaxFileBytes: 1 << 20}); err != nil {
			t.Fatalf("read error instead of a problem: %v", err)
		}
		_, gerr := b.Graph()
		var ps graph.Problems
		if gerr != nil && !errors.As(gerr, &ps) {
			t.Fatalf("Graph: %v", gerr)
		}
		for _, p := range ps {
			if p.Pos.File == "" || p.Msg == "" {
				t.Fatalf("problem without a place or message: %+v", p)
			}
		}
	})
}
