package export_test

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// TestGolden compares the output of every format this package's files own
// for testdata/hostile.json with testdata/golden (go test -update rewrites
// them), and checks that two runs give the same bytes.
func TestGolden(t *testing.T) {
	g := readGraph(t, "testdata/hostile.json")
	outputs := map[string][]byte{
		"hostile.jsonl":   encode(t, "jsonl", g),
		"hostile.graphml": encode(t, "graphml", g),
	}
	for _, dir := range []string{"csv", "neo4j-admin"} {
		files := encodeDir(t, dir, g)
		again := encodeDir(t, dir, g)
		for _, n := range files.names() {
			outputs["hostile."+dir+"/"+n] = files[n].Bytes()
			if !bytes.Equal(files[n].Bytes(), again[n].Bytes()) {
				t.Errorf("%s %s differs between two runs", dir, n)
			}
		}
	}
	for _, f := range []string{"jsonl", "graphml"} {
		if !bytes.Equal(encode(t, f, g), outputs["hostile."+f]) {
			t.Errorf("%s differs between two runs", f)
		}
	}
	for name, got := range outputs {
		path := filepath.Join("testdata", "golden", name)
		if *update {
			os.MkdirAll(filepath.Dir(path), 0o755)
			if err := os.WriteFile(path, got, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v (go test -update writes it)", err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s differs from the golden file (go test -update rewrites it):\n%s", name, diffLines(string(want), string(got)))
		}
	}
}
