// Command loadcsv is the baseline of bench/load.sh: it writes the same rows
// relgraph load would write (export.CypherGroups) as CSV files into a Neo4j
// import directory and loads them with LOAD CSV ... CALL { ... } IN
// TRANSACTIONS OF 10000 ROWS under the same constraints, timing the load.
// It prints a JSON summary like relgraph load --json.
package main

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/relgraph/relgraph/export"
	"github.com/relgraph/relgraph/graph"
	"github.com/relgraph/relgraph/ingest"
)

const sep = "\x1f" // list items inside one CSV field

func main() {
	importDir := flag.String("import", "", "the server's import directory")
	uri := flag.String("uri", "bolt://127.0.0.1:7687", "server")
	dataset := flag.String("dataset", "bench", "dataset tag")
	txRows := flag.Int("tx", 10000, "rows per transaction (IN TRANSACTIONS OF)")
	create := flag.Bool("create", false, "CREATE instead of MERGE (only right for an empty database)")
	schemaOnly := flag.Bool("schema-only", false, "only create the constraints and indexes and wait for them (after neo4j-admin import)")
	flag.Parse()
	if *importDir == "" || flag.NArg() == 0 {
		fmt.Fprintln(os.Stderr, "usage: loadcsv -import DIR [-uri URI] INPUT...")
		os.Exit(2)
	}
	b := graph.NewBuilder(nil, graph.Limits{})
	if err := ingest.Read(b, flag.Args(), "", nil, ingest.Options{}); err != nil {
		fail(err)
	}
	g, err := b.Graph()
	if err != nil {
		fail(err)
	}
	type step struct {
		name, query string
		rows        int
		rels        bool
	}
	var steps []step
	for i, grp := range export.CypherGroups(g) {
		if *schemaOnly {
			break
		}
		file := fmt.Sprintf("relgraph-bench-%02d.csv", i)
		q, err := writeCSV(filepath.Join(*importDir, file), file, grp, *txRows, *create)
		if err != nil {
			fail(err)
		}
		steps = append(steps, step{grp.Name, q, grp.Len, grp.Rels})
	}
	ctx := context.Background()
	d, err := neo4j.NewDriverWithContext(*uri, neo4j.BasicAuth(os.Getenv("NEO4J_USERNAME"), os.Getenv("NEO4J_PASSWORD"), ""))
	if err != nil {
		fail(err)
	}
	defer d.Close(ctx)
	run := func(q string) {
		s := d.NewSession(ctx, neo4j.SessionConfig{DatabaseName: "neo4j"})
		defer s.Close(ctx)
		r, err := s.Run(ctx, q, map[string]any{"dataset": *dataset})
		if err == nil {
			_, err = r.Consume(ctx)
		}
		if err != nil {
			fail(fmt.Errorf("%v\n%s", err, q))
		}
	}
	start := time.Now()
	for _, q := range export.CypherSchema(g) {
		run(q)
	}
	run("CALL db.awaitIndexes(300)")
	rows, rels := 0, 0
	for _, s := range steps {
		t0 := time.Now()
		run(s.query)
		rows += s.rows
		if s.rels {
			rels += s.rows
		}
		fmt.Fprintf(os.Stderr, "loadcsv: %s: %d rows in %.1fs\n", s.name, s.rows, time.Since(t0).Seconds())
	}
	secs := time.Since(start).Seconds()
	json.NewEncoder(os.Stdout).Encode(map[string]any{"seconds": secs, "rows": rows, "relationships": rels,
		"rows_per_second": float64(rows) / secs, "relationships_per_second": float64(rels) / secs})
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "loadcsv:", err)
	os.Exit(1)
}

// writeCSV writes grp's rows, flattened (props.x becomes column p_x), and
// returns the LOAD CSV statement that writes the same elements.
func writeCSV(path, name string, grp export.CypherGroup, txRows int, create bool) (string, error) {
	cols := map[string]string{} // column -> "s" string, "l" list, "f" float
	rows := grp.Batch(0, grp.Len)
	for _, r := range rows {
		for k, v := range r {
			if k == "props" {
				for pk, pv := range v.(map[string]any) {
					note(cols, "p_"+pk, pv)
				}
				continue
			}
			note(cols, k, v)
		}
	}
	names := make([]string, 0, len(cols))
	for k := range cols {
		names = append(names, k)
	}
	sort.Strings(names)
	f, err := os.Create(path)
	if err != nil {
		return "", err
	}
	w := csv.NewWriter(f)
	w.Write(names)
	rec := make([]string, len(names))
	for _, r := range rows {
		props, _ := r["props"].(map[string]any)
		for i, c := range names {
			var v any
			if strings.HasPrefix(c, "p_") && props != nil {
				v = props[c[2:]]
			} else {
				v = r[c]
			}
			switch v := v.(type) {
			case nil:
				rec[i] = ""
			case string:
				rec[i] = v
			case float64:
				rec[i] = strconv.FormatFloat(v, 'g', -1, 64)
			case []string:
				rec[i] = strings.Join(v, sep)
			}
		}
		w.Write(rec)
	}
	w.Flush()
	if err := w.Error(); err != nil {
		return "", err
	}
	if err := f.Close(); err != nil {
		return "", err
	}
	// The properties as a map expression over the CSV row.
	var props []string
	for _, c := range names {
		if !strings.HasPrefix(c, "p_") {
			continue
		}
		col := "row." + export.QuoteIdent(c)
		expr := col
		switch cols[c] {
		case "l":
			expr = fmt.Sprintf("CASE WHEN %[1]s IS NULL OR %[1]s = '' THEN [] ELSE split(%[1]s, '\\u001F') END", col)
		case "f":
			expr = "toFloat(" + col + ")"
		}
		props = append(props, export.QuoteIdent(c[2:])+": "+expr)
	}
	pmap := "{" + strings.Join(props, ", ") + "}"
	// verb writes the element: MERGE, or CREATE (-create).
	verb := "MERGE"
	if create {
		verb = "CREATE"
	}
	var body string
	switch {
	case !grp.Rels && grp.Label == graph.KindSource:
		body = verb + " (s:Source {dataset: $dataset, id: row.id}) SET s += " + pmap
	case grp.Rels && grp.Label == graph.KindSource:
		body = "MATCH (s:Source {dataset: $dataset, id: row.source}) MATCH (n:Entity {dataset: $dataset, id: row.node}) " + verb + " (s)-[r:REPORTS {dataset: $dataset, quote: coalesce(row.quote, '')}]->(n)"
	case grp.Rels:
		typ := strings.TrimPrefix(grp.Name, "relationships ")
		body = "MATCH (a:Entity {dataset: $dataset, id: row.from}) MATCH (b:Entity {dataset: $dataset, id: row.to}) " + verb + " (a)-[r:" + export.QuoteIdent(typ) + " {dataset: $dataset, id: row.id}]->(b) SET r += " + pmap
	case create:
		kind := strings.TrimPrefix(grp.Name, "nodes ")
		body = "CREATE (n:Entity:" + export.QuoteIdent(kind) + " {dataset: $dataset, id: row.id}) SET n += " + pmap
	default:
		kind := strings.TrimPrefix(grp.Name, "nodes ")
		body = "MERGE (n:Entity {dataset: $dataset, id: row.id}) SET n:" + export.QuoteIdent(kind) + ", n += " + pmap
	}
	return fmt.Sprintf("LOAD CSV WITH HEADERS FROM 'file:///%s' AS row\nCALL (row) {\n  %s\n} IN TRANSACTIONS OF %d ROWS", name, body, txRows), nil
}

func note(cols map[string]string, k string, v any) {
	switch v.(type) {
	case []string:
		cols[k] = "l"
	case float64:
		cols[k] = "f"
	default:
		if _, ok := cols[k]; !ok {
			cols[k] = "s"
		}
	}
}
