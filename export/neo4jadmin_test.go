package export_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/relgraph/relgraph"
	"github.com/relgraph/relgraph/export"
	"github.com/relgraph/relgraph/graph"
	"github.com/relgraph/relgraph/ingest"
	"github.com/relgraph/relgraph/load"
)

func TestNeo4jAdminFiles(t *testing.T) {
	g := readGraph(t, "testdata/hostile.json")
	files := encodeDir(t, "neo4j-admin", g)
	want := "import.sh nodes_Allegation.csv nodes_Leader.csv nodes_Place.csv nodes_State.csv rels_ACCUSES.csv rels_DENIES.csv rels_INVITED.csv rels_MET_WITH.csv rels_REPORTS.csv rels_SUPPLIES.csv schema.cypher sources.csv"
	if got := strings.Join(files.names(), " "); got != want {
		t.Fatalf("files:\n%s\nwant\n%s", got, want)
	}
	script := files["import.sh"].String()
	// hostile.json holds U+001F, so the next candidate is used
	for _, s := range []string{"database import full \"$db\"", "--array-delimiter=U+001E", "--multiline-fields=true", `--nodes="$dir/nodes_Leader.csv"`, `--relationships="$dir/rels_REPORTS.csv"`} {
		if !strings.Contains(script, s) {
			t.Errorf("import.sh lacks %s:\n%s", s, script)
		}
	}
	for name, header := range map[string]string{
		"nodes_Leader.csv":  `"id:ID(Entity)",":LABEL","aliases:string[]",`,
		"sources.csv":       `"id:ID(Source)",":LABEL",`,
		"rels_MET_WITH.csv": `":START_ID(Entity)",":END_ID(Entity)",":TYPE","id","confidence:double",`,
		"rels_REPORTS.csv":  `":START_ID(Source)",":END_ID(Entity)",":TYPE","dataset","quote"`,
	} {
		if !strings.HasPrefix(files[name].String(), header) {
			t.Errorf("%s header:\n%s", name, strings.SplitN(files[name].String(), "\n", 2)[0])
		}
	}
	if !strings.Contains(files["nodes_Leader.csv"].String(), "\"kim\",\"Entity\x1eLeader\"") {
		t.Errorf("labels: %s", files["nodes_Leader.csv"])
	}
	// The embedded dataset has no control characters: U+001F.
	e := encodeDir(t, "neo4j-admin", testGraphs(t)["embedded"])
	if !strings.Contains(e["import.sh"].String(), "--array-delimiter=U+001F") {
		t.Errorf("embedded import.sh:\n%s", e["import.sh"])
	}
}

// TestNeo4jAdminImport runs the real neo4j-admin (from the Neo4j jars that
// scripts/neo4j fetches) on the export, starts a private server on free
// ports in a temporary home, and compares the database with the one
// relgraph load makes from the same graph. It is skipped when java or the
// jars are missing, unless RELGRAPH_REQUIRE_NEO4J=1.
func TestNeo4jAdminImport(t *testing.T) {
	if testing.Short() {
		t.Skip("-short")
	}
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	script := filepath.Join(root, "scripts", "neo4j")
	require := os.Getenv("RELGRAPH_REQUIRE_NEO4J") == "1"
	skip := func(why string) {
		if require {
			t.Fatalf("RELGRAPH_REQUIRE_NEO4J=1 but %s", why)
		}
		t.Skipf("%s (set RELGRAPH_REQUIRE_NEO4J=1 to fail instead)", why)
	}
	if _, err := os.Stat(script); err != nil {
		skip("scripts/neo4j is missing")
	}
	if _, err := exec.LookPath("java"); err != nil {
		skip("java is not installed")
	}
	home := t.TempDir()
	// Reuse the shared jar cache when it is complete, so the test needs no
	// download; else scripts/neo4j fetches the jars (needs mvn).
	shared := os.Getenv("RELGRAPH_NEO4J_HOME")
	if shared == "" {
		h, _ := os.UserHomeDir()
		shared = filepath.Join(h, ".cache", "relgraph", "neo4j")
	}
	if _, err := os.Stat(filepath.Join(shared, "lib", ".pom.sha256")); err == nil {
		if err := os.Symlink(filepath.Join(shared, "lib"), filepath.Join(home, "lib")); err != nil {
			t.Fatal(err)
		}
	} else if _, err := exec.LookPath("mvn"); err != nil {
		skip("no Neo4j jars in " + shared + " and no mvn to fetch them")
	}
	bolt, http := freePort(t), freePort(t)
	const password = "relgraph-import-test"
	env := append(os.Environ(), "RELGRAPH_NEO4J_HOME="+home, "NEO4J_BOLT_PORT="+bolt, "NEO4J_HTTP_PORT="+http,
		"NEO4J_TEST_PASSWORD="+password, "NEO4J_HEAP_MAX=1g", "NEO4J_PAGECACHE=256m")
	run := func(name string, args ...string) {
		t.Helper()
		cmd := exec.Command(name, args...)
		cmd.Env = env
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
		}
	}

	g := importTestGraph(t)
	dir := filepath.Join(t.TempDir(), "import")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	f, _ := export.Lookup("neo4j-admin")
	if err := f.NewDirEncoder(dirFiles(dir), export.Options{Dataset: "default"}).Encode(g); err != nil {
		t.Fatal(err)
	}
	env = append(env, "NEO4J_ADMIN="+script+" admin")
	run("sh", filepath.Join(dir, "import.sh"), "neo4j")
	t.Cleanup(func() {
		cmd := exec.Command(script, "stop")
		cmd.Env = env
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Errorf("stop: %v\n%s", err, out)
		}
	})
	run(script, "start")

	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	uri := "bolt://127.0.0.1:" + bolt
	drv, err := neo4j.NewDriverWithContext(uri, neo4j.BasicAuth("neo4j", password, ""))
	if err != nil {
		t.Fatal(err)
	}
	defer drv.Close(ctx)
	imported := dumpDB(ctx, t, drv)

	// Counts per label and type, and some properties, against the graph.
	labels := map[string]int{}
	for _, n := range g.Nodes {
		labels["Entity"]++
		labels[n.Kind]++
	}
	labels["Source"] = len(g.Sources)
	types := map[string]int{}
	for _, e := range g.Edges {
		types[e.Type]++
	}
	for _, n := range g.Nodes {
		types["REPORTS"] += len(n.Cites)
	}
	for l, c := range labels {
		if got := imported.labels[l]; got != c {
			t.Errorf("label %s: %d nodes, the graph has %d", l, got, c)
		}
	}
	for ty, c := range types {
		if got := imported.types[ty]; got != c {
			t.Errorf("type %s: %d relationships, the graph has %d", ty, got, c)
		}
	}
	kim := g.Node("kim")
	if kim == nil {
		t.Fatal("no node kim")
	}
	var props map[string]any
	for _, n := range imported.nodes {
		if idJSON, _ := json.Marshal(kim.ID); strings.Contains(n, `"id":`+string(idJSON)+",") {
			json.Unmarshal([]byte(n[strings.IndexByte(n, '{'):]), &props)
		}
	}
	if props["name"] != kim.Name || fmt.Sprint(props["aliases"]) != fmt.Sprint(kim.Aliases) || props["title"] != "General Secretary" {
		t.Errorf("kim imported as %v", props)
	}

	// The same graph written by relgraph load.
	if _, err := neo4j.ExecuteQuery(ctx, drv, "MATCH (n) DETACH DELETE n", nil, neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase("neo4j")); err != nil {
		t.Fatal(err)
	}
	db, err := load.Open(ctx, load.Config{URI: uri, Username: "neo4j", Password: password, Database: "neo4j", Dataset: "default"})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close(ctx)
	if _, err := db.Load(ctx, g); err != nil {
		t.Fatal(err)
	}
	loaded := dumpDB(ctx, t, drv)
	for _, part := range []struct {
		name     string
		imp, lod []string
	}{{"nodes", imported.nodes, loaded.nodes}, {"relationships", imported.rels, loaded.rels}} {
		if d := diffSets(part.imp, part.lod); d != "" {
			t.Errorf("%s differ between neo4j-admin import (-) and relgraph load (+):\n%s", part.name, d)
		}
	}
	t.Logf("compared %d nodes and %d relationships", len(loaded.nodes), len(loaded.rels))
}

// importTestGraph is the embedded dataset merged with the hostile one.
func importTestGraph(t *testing.T) *graph.Graph {
	b := graph.NewBuilder(nil, graph.Limits{})
	if err := ingest.ReadFS(b, relgraph.Dataset, relgraph.DatasetDir, "", "", ingest.Options{}); err != nil {
		t.Fatal(err)
	}
	if err := ingest.Read(b, []string{"testdata/hostile.json", "testdata/formulas.json"}, "", nil, ingest.Options{}); err != nil {
		t.Fatal(err)
	}
	g, err := b.Graph()
	if err != nil {
		t.Fatal(err)
	}
	return g
}

func freePort(t *testing.T) string {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return fmt.Sprint(l.Addr().(*net.TCPAddr).Port)
}

type dbDump struct {
	nodes, rels   []string
	labels, types map[string]int
}

// dumpDB returns every node and relationship as a canonical line: labels
// or type and endpoints, then the properties as JSON (keys sorted). neo4j-
// admin cannot write an empty list (see Neo4jAdminEncoder), so empty lists
// and [""] are dropped from both sides.
func dumpDB(ctx context.Context, t *testing.T, drv neo4j.DriverWithContext) dbDump {
	t.Helper()
	d := dbDump{labels: map[string]int{}, types: map[string]int{}}
	q := func(query string) []*neo4j.Record {
		res, err := neo4j.ExecuteQuery(ctx, drv, query, nil, neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase("neo4j"))
		if err != nil {
			t.Fatal(err)
		}
		return res.Records
	}
	canon := func(p map[string]any) string {
		for k, v := range p {
			if l, ok := v.([]any); ok && (len(l) == 0 || len(l) == 1 && l[0] == "") {
				delete(p, k)
			}
		}
		b, _ := json.Marshal(p)
		return string(b)
	}
	for _, r := range q("MATCH (n) RETURN labels(n) AS l, properties(n) AS p") {
		var ls []string
		for _, l := range r.Values[0].([]any) {
			ls = append(ls, l.(string))
			d.labels[l.(string)]++
		}
		sort.Strings(ls)
		d.nodes = append(d.nodes, strings.Join(ls, ":")+" "+canon(r.Values[1].(map[string]any)))
	}
	for _, r := range q("MATCH (a)-[r]->(b) RETURN type(r), a.id, b.id, properties(r)") {
		d.types[r.Values[0].(string)]++
		d.rels = append(d.rels, fmt.Sprintf("%s %q->%q %s", r.Values[0], r.Values[1], r.Values[2], canon(r.Values[3].(map[string]any))))
	}
	sort.Strings(d.nodes)
	sort.Strings(d.rels)
	return d
}

// diffSets lists the lines only in a (-) or only in b (+).
func diffSets(a, b []string) string {
	count := map[string]int{}
	for _, x := range a {
		count[x]++
	}
	for _, x := range b {
		count[x]--
	}
	var out []string
	for x, c := range count {
		for ; c > 0; c-- {
			out = append(out, "- "+x)
		}
		for ; c < 0; c++ {
			out = append(out, "+ "+x)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i][2:] < out[j][2:] })
	return strings.Join(out, "\n")
}
