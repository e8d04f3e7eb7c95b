package export_test

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/relgraph/relgraph/export"
)

func TestGraphMLWellFormed(t *testing.T) {
	for name, g := range testGraphs(t) {
		out := encode(t, "graphml", g)
		dec := xml.NewDecoder(bytes.NewReader(out))
		nodes, edges := 0, 0
		for {
			tok, err := dec.Token()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			if se, ok := tok.(xml.StartElement); ok {
				switch se.Name.Local {
				case "node":
					nodes++
				case "edge":
					edges++
				}
			}
		}
		if nodes != len(g.Nodes) || edges != len(g.Edges) {
			t.Errorf("%s: %d nodes, %d edges", name, nodes, edges)
		}
	}
}

// graphmlRead is run by python3: it reads a GraphML file with networkx and
// prints the nodes and edges with their attributes as JSON.
const graphmlRead = `
import json, sys
import networkx as nx
G = nx.read_graphml(sys.argv[1], force_multigraph=True)
out = {"directed": G.is_directed(), "nodes": {}, "edges": {}}
for n, d in G.nodes(data=True):
    out["nodes"][n] = d
for u, v, k, d in G.edges(keys=True, data=True):
    out["edges"][k] = dict(d, _from=u, _to=v)
json.dump(out, sys.stdout)
`

// TestGraphMLNetworkX reads the export with networkx's read_graphml (pip
// install networkx; scripts/pydeps) and compares every node and edge
// attribute with the graph. It is skipped when python3 or networkx is
// missing, unless RELGRAPH_REQUIRE_TOOLS is set.
func TestGraphMLNetworkX(t *testing.T) {
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
	for name, g := range testGraphs(t) {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "g.graphml")
			if err := os.WriteFile(path, encode(t, "graphml", g), 0o644); err != nil {
				t.Fatal(err)
			}
			cmd := exec.Command(py, "-c", graphmlRead, path)
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			out, err := cmd.Output()
			if err != nil {
				t.Fatalf("networkx: %v\n%s", err, stderr.String())
			}
			var got struct {
				Directed bool
				Nodes    map[string]map[string]any
				Edges    map[string]map[string]any
			}
			if err := json.Unmarshal(out, &got); err != nil {
				t.Fatal(err)
			}
			if !got.Directed || len(got.Nodes) != len(g.Nodes) || len(got.Edges) != len(g.Edges) {
				t.Fatalf("networkx read directed=%v, %d nodes, %d edges; the graph has %d, %d",
					got.Directed, len(got.Nodes), len(got.Edges), len(g.Nodes), len(g.Edges))
			}
			for _, n := range g.Nodes {
				want := map[string]any{"label": n.Name, "kind": n.Kind, "name": n.Name}
				addJSON(want, "aliases", n.Aliases)
				addJSON(want, "sources", n.SourceIDs())
				if len(n.Props) > 0 {
					addJSON(want, "props", export.PropsOut(n.Props))
				}
				compareAttrs(t, "node "+n.ID, got.Nodes[xmlSafe(n.ID)], want)
			}
			for _, e := range g.Edges {
				want := map[string]any{"label": e.Type, "type": e.Type, "_from": xmlSafe(e.From), "_to": xmlSafe(e.To)}
				for k, v := range map[string]string{"status": e.Status, "date": e.Date, "until": e.Until} {
					if v != "" {
						want[k] = v
					}
				}
				if e.Confidence != nil {
					want["confidence"] = *e.Confidence
				}
				var ids, quotes []string
				for _, c := range e.Cites {
					ids, quotes = append(ids, c.Source), append(quotes, c.Quote)
				}
				addJSON(want, "sources", ids)
				addJSON(want, "quotes", quotes)
				if len(e.Props) > 0 {
					addJSON(want, "props", export.PropsOut(e.Props))
				}
				compareAttrs(t, "edge "+e.ID, got.Edges[xmlSafe(e.ID)], want)
			}
		})
	}
}

func addJSON(m map[string]any, key string, v any) {
	if l, ok := v.([]string); ok && len(l) == 0 {
		return
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.Encode(v)
	m[key] = strings.TrimSuffix(b.String(), "\n")
}

// xmlSafe is what an XML reader gets back for s: characters XML 1.0
// cannot hold become U+FFFD.
func xmlSafe(s string) string {
	var b bytes.Buffer
	xml.EscapeText(&b, []byte(s))
	var out string
	xml.Unmarshal([]byte("<a>"+b.String()+"</a>"), &out)
	return out
}

func compareAttrs(t *testing.T, what string, got, want map[string]any) {
	t.Helper()
	if got == nil {
		t.Errorf("%s: missing", what)
		return
	}
	for k, v := range want {
		if s, ok := v.(string); ok {
			v = xmlSafe(s)
		}
		if got[k] != v {
			t.Errorf("%s: %s = %#v, want %#v", what, k, got[k], v)
		}
	}
	for k := range got {
		if _, ok := want[k]; !ok {
			t.Errorf("%s: unexpected attribute %s = %#v", what, k, got[k])
		}
	}
}
