package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/relgraph/relgraph/internal/neo4jtest"
)

// pipelineInputs are real pipeline outputs: a GraphRAG output directory
// and LangChain graph documents, each told by content.
var pipelineInputs = []struct {
	name, path     string
	nodes, edges   int
	allegations    int
	withQuote      int // allegations cited with a quote
	renderExtraArg string
}{
	{"graphrag", "../../ingest/testdata/graphrag/dulce", 88, 154, 41, 41, ""},
	{"langchain", "../../ingest/testdata/langchain/seeds.json", 10, 9, 0, 0, ""},
}

// validate, stats, render and load work on both, claims arrive in Neo4j
// as Allegation nodes with status and quote, and every relationship cites
// a Source.
func TestPipelineInputs(t *testing.T) {
	for _, in := range pipelineInputs {
		t.Run(in.name, func(t *testing.T) {
			stdout, stderr, code := runCLI(t, "", "validate", "--json", in.path)
			var sum struct {
				Valid        bool
				Nodes, Edges int
			}
			if code != 0 || json.Unmarshal([]byte(stdout), &sum) != nil || !sum.Valid || sum.Nodes != in.nodes || sum.Edges != in.edges {
				t.Fatalf("validate: exit %d %s %s", code, stdout, stderr)
			}
			stdout, stderr, code = runCLI(t, "", "stats", in.path)
			if code != 0 || !strings.Contains(stdout, "Nodes by kind") {
				t.Fatalf("stats: exit %d %s %s", code, stdout, stderr)
			}
			svg := filepath.Join(t.TempDir(), "d.svg")
			_, stderr, code = runCLI(t, "", "render", "--max-nodes", "40", "-o", svg, in.path)
			data, _ := os.ReadFile(svg)
			if code != 0 || !strings.Contains(string(data), "<svg") {
				t.Fatalf("render: exit %d %s", code, stderr)
			}
		})
	}
	s := neo4jtest.Get(t)
	withEnv(t, "NEO4J_URI", s.URI, "NEO4J_USERNAME", s.Username, "NEO4J_PASSWORD", s.Password, "NEO4J_DATABASE", s.Database)
	for _, in := range pipelineInputs {
		t.Run(in.name+"/load", func(t *testing.T) {
			ds := neo4jtest.Dataset(t, s)
			_, stderr, code := runCLI(t, "", "load", "--dataset", ds, in.path)
			if code != 0 {
				t.Fatalf("load: exit %d %s", code, stderr)
			}
			ctx := context.Background()
			recs, err := s.Exec(ctx, `MATCH (a)-[r]->(b) WHERE r.dataset = $ds AND NOT a:Source
				RETURN count(r) AS n, sum(CASE WHEN size(coalesce(r.sources, [])) = 0 THEN 1 ELSE 0 END) AS unsourced,
				       sum(CASE WHEN EXISTS { MATCH (x:Source) WHERE x.id IN r.sources AND x.dataset = $ds } THEN 0 ELSE 1 END) AS dangling`, map[string]any{"ds": ds})
			if err != nil {
				t.Fatal(err)
			}
			if n := recs[0]["n"].(int64); n != int64(in.edges) || recs[0]["unsourced"].(int64) != 0 || recs[0]["dangling"].(int64) != 0 {
				t.Errorf("relationships: %v", recs[0])
			}
			recs, err = s.Exec(ctx, `MATCH (a:Allegation) WHERE a.dataset = $ds
				OPTIONAL MATCH (:Source)-[r:REPORTS]->(a) WHERE r.quote IS NOT NULL AND r.quote <> ''
				WITH a, count(r) AS q
				RETURN count(a) AS n, sum(CASE WHEN a.status IN ['confirmed', 'denied', 'alleged'] THEN 1 ELSE 0 END) AS statused,
				       sum(CASE WHEN q > 0 THEN 1 ELSE 0 END) AS quoted`, map[string]any{"ds": ds})
			if err != nil {
				t.Fatal(err)
			}
			if recs[0]["n"].(int64) != int64(in.allegations) || recs[0]["statused"].(int64) != int64(in.allegations) || recs[0]["quoted"].(int64) != int64(in.withQuote) {
				t.Errorf("allegations: %v", recs[0])
			}
		})
	}
}

// --input-format forces a reader; --texts catches a quote the article
// does not hold, in validate and export alike.
func TestInputFormatAndTexts(t *testing.T) {
	dir := t.TempDir()
	lc, err := os.ReadFile("../../ingest/testdata/langchain/seeds.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	named := write(t, dir, "graph.txt", string(lc))
	if _, stderr, code := runCLI(t, "", "validate", named); code != 0 {
		t.Errorf("a .txt file told by content: exit %d %s", code, stderr)
	}
	if _, stderr, code := runCLI(t, "", "validate", "--input-format", "jsonl", named); code != exitInvalid {
		t.Errorf("--input-format jsonl on LangChain documents: exit %d %s", code, stderr)
	}
	if _, stderr, code := runCLI(t, "", "validate", "--input-format", "langchain", named); code != 0 {
		t.Errorf("--input-format langchain: exit %d %s", code, stderr)
	}
	if _, stderr, code := runCLI(t, string(lc), "validate", "-"); code != 0 {
		t.Errorf("stdin by content: exit %d %s", code, stderr)
	}
	if _, stderr, code := runCLI(t, "", "validate", "--input-format", "graphrag", named); code != exitInvalid || !strings.Contains(stderr, "directory") {
		t.Errorf("graphrag on a file: exit %d %s", code, stderr)
	}

	texts := t.TempDir()
	write(t, texts, "a.txt", "Kim Jong Un met Vladimir Putin at the Vostochny Spaceport.")
	doc := write(t, dir, "q.json", `{"sources": [{"id": "s", "file": "a.txt"}],
"nodes": [{"id": "kim", "kind": "Leader", "name": "Kim Jong Un", "sources": [{"id": "s", "quote": "Kim Jong Un met Vladimir Putin"}]},
 {"id": "putin", "kind": "Leader", "name": "Vladimir Putin", "sources": [{"id": "s", "quote": "Putin flew to Pyongyang"}]}]}`)
	if _, stderr, code := runCLI(t, "", "validate", doc); code != 0 {
		t.Fatalf("without --texts: exit %d %s", code, stderr)
	}
	for _, cmd := range [][]string{{"validate"}, {"export", "--format", "json", "-o", filepath.Join(dir, "out.json")}} {
		args := append(append(cmd, "--texts", texts), doc)
		_, stderr, code := runCLI(t, "", args...)
		if code != exitInvalid || !strings.Contains(stderr, "q.json:3: sources[0].quote: quote not found in a.txt; closest passage (line 1):") {
			t.Errorf("%s --texts: exit %d %s", cmd[0], code, stderr)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "out.json")); err == nil {
		t.Error("export wrote its output despite a bad quote")
	}
	if _, _, code := runCLI(t, "", "validate", "--texts", filepath.Join(dir, "nope"), doc); code != exitUsage {
		t.Errorf("--texts on a missing directory: exit %d", code)
	}
}
