package export_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/relgraph/relgraph/export"
	"github.com/relgraph/relgraph/graph"
	"github.com/relgraph/relgraph/ingest"
)

// networkxNodes reads a GraphML file with networkx and returns its node ids,
// sorted.
func networkxNodes(t *testing.T, data []byte) []string {
	t.Helper()
	py, err := exec.LookPath("python3")
	if err == nil {
		err = exec.Command(py, "-c", "import networkx").Run()
	}
	if err != nil {
		if os.Getenv("RELGRAPH_REQUIRE_TOOLS") != "" {
			t.Fatalf("RELGRAPH_REQUIRE_TOOLS is set but python3 with networkx is missing (run scripts/pydeps): %v", err)
		}
		t.Skipf("python3 with networkx is missing (run scripts/pydeps): %v", err)
	}
	path := filepath.Join(t.TempDir(), "g.graphml")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(py, "-c", "import json, sys, networkx as nx\nprint(json.dumps(sorted(nx.read_graphml(sys.argv[1]).nodes())))", path).Output()
	if err != nil {
		t.Fatalf("networkx: %v", err)
	}
	var ids []string
	if err := json.Unmarshal(out, &ids); err != nil {
		t.Fatal(err)
	}
	return ids
}

// TestGraphMLIDs: ids that XML can hold, however close, stay apart for
// networkx; ids holding a character XML cannot hold (which GraphML would
// have to replace, making "x\u0001" and "x\u0002" one node) are refused
// when the input is read, with file, line and field.
func TestGraphMLIDs(t *testing.T) {
	doc := func(ids ...string) string {
		var ns []string
		for i, id := range ids {
			b, _ := json.Marshal(id)
			ns = append(ns, `{"id": `+string(b)+`, "kind": "Person", "name": "Person `+strconv.Itoa(i)+`", "sources": ["s1"]}`)
		}
		return "{\"sources\": [{\"id\": \"s1\"}],\n\"nodes\": [\n" + strings.Join(ns, ",\n") + "\n]}\n"
	}
	read := func(t *testing.T, text string) (*graph.Graph, error) {
		t.Helper()
		path := filepath.Join(t.TempDir(), "ids.json")
		os.WriteFile(path, []byte(text), 0o644)
		b := graph.NewBuilder(nil, graph.Limits{})
		if err := ingest.Read(b, []string{path}, "", nil, ingest.Options{}); err != nil {
			return nil, err
		}
		return b.Graph()
	}

	t.Run("distinct", func(t *testing.T) {
		ids := []string{"x", "x\t", "x\n", "x\r", "x\r\n", "x ", "x\uFFFD", "x&amp;", `x"`, "x\u007f", "x\u0085", "x\u2028"}
		g, err := read(t, doc(ids...))
		if err != nil {
			t.Fatal(err)
		}
		got := networkxNodes(t, encode(t, "graphml", g))
		sort.Strings(ids)
		if strings.Join(got, "\x00") != strings.Join(ids, "\x00") {
			t.Errorf("networkx read the nodes %q, want %q", got, ids)
		}
	})
	t.Run("refused", func(t *testing.T) {
		g, err := read(t, doc("x", "x\u0001", "x\u0002", "x\uFFFE"))
		var ps graph.Problems
		if !errors.As(err, &ps) {
			if g != nil {
				t.Errorf("accepted; networkx reads the nodes %q", networkxNodes(t, encode(t, "graphml", g)))
			}
			t.Fatalf("got %v, want problems", err)
		}
		var msgs []string
		for _, p := range ps {
			msgs = append(msgs, p.Error())
		}
		want := []string{":4: id: \"x\\x01\" holds the character U+0001", ":5: id: \"x\\x02\" holds the character U+0002", ":6: id: \"x\\ufffe\" holds the character U+FFFE"}
		if len(msgs) != len(want) {
			t.Fatalf("problems:\n%s", strings.Join(msgs, "\n"))
		}
		for i, w := range want {
			if !strings.Contains(msgs[i], "ids.json"+w) {
				t.Errorf("problem %s\nwant …%s…", msgs[i], w)
			}
		}
	})
	t.Run("encoder", func(t *testing.T) {
		// A graph made without the builder's checks: the encoder refuses
		// rather than merging two nodes.
		s := graph.DefaultSchema()
		g := graph.New(s, []*graph.Node{{ID: "x\x01", Kind: "Person", Name: "a"}, {ID: "x\x02", Kind: "Person", Name: "b"}}, nil, nil)
		f := encodeErr(t, "graphml", g)
		if f == nil || !strings.Contains(f.Error(), "U+0001") {
			t.Errorf("graphml of ids x\\x01, x\\x02: %v, want an error naming U+0001", f)
		}
	})
}

// encodeErr encodes g in a single-file format and returns the error.
func encodeErr(t *testing.T, format string, g *graph.Graph) error {
	t.Helper()
	f, err := export.Lookup(format)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	return f.NewEncoder(&buf, export.Options{}).Encode(g)
}
