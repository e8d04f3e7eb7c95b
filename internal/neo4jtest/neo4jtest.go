// Package neo4jtest connects tests to a real Neo4j server: the one named by
// NEO4J_URI, NEO4J_USERNAME, NEO4J_PASSWORD and NEO4J_DATABASE (defaults:
// the server scripts/neo4j starts), or a private one a test starts and may
// kill. When no server answers, tests skip, unless RELGRAPH_REQUIRE_NEO4J=1
// (as in CI), when they fail.
//
// Community edition has one user database, shared by every test that runs
// at the same time: each test loads its data under its own dataset name
// ([Dataset]) and removes only that dataset when it ends.
package neo4jtest

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// TestPassword is the password scripts/neo4j sets.
const TestPassword = "relgraph-test-pw"

// Server is a Neo4j server and database to test against.
type Server struct {
	URI, Username, Password, Database string
}

// Env returns the configured server, with the scripts/neo4j defaults.
func Env() Server {
	get := func(k, def string) string {
		if v := os.Getenv(k); v != "" {
			return v
		}
		return def
	}
	return Server{
		URI:      get("NEO4J_URI", "bolt://127.0.0.1:7687"),
		Username: get("NEO4J_USERNAME", "neo4j"),
		Password: get("NEO4J_PASSWORD", TestPassword),
		Database: get("NEO4J_DATABASE", "neo4j"),
	}
}

// Required reports whether tests must fail, not skip, without a server.
func Required() bool { return os.Getenv("RELGRAPH_REQUIRE_NEO4J") == "1" }

var (
	probeOnce sync.Once
	probeErr  error
)

// Get returns the configured server, or skips t (fails it when
// RELGRAPH_REQUIRE_NEO4J=1) when the server does not answer.
func Get(t testing.TB) Server {
	t.Helper()
	s := Env()
	probeOnce.Do(func() { probeErr = s.Ping(context.Background()) })
	if probeErr != nil {
		if Required() {
			t.Fatalf("neo4jtest: no Neo4j at %s (RELGRAPH_REQUIRE_NEO4J=1): %v", s.URI, probeErr)
		}
		t.Skipf("neo4jtest: no Neo4j at %s (start one with scripts/neo4j start): %v", s.URI, probeErr)
	}
	return s
}

// Ping connects and authenticates.
func (s Server) Ping(ctx context.Context) error {
	d, err := neo4j.NewDriverWithContext(s.URI, neo4j.BasicAuth(s.Username, s.Password, ""))
	if err != nil {
		return err
	}
	defer d.Close(ctx)
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	return d.VerifyConnectivity(ctx)
}

// Env returns the environment for a relgraph process talking to s.
func (s Server) Environ() []string {
	env := []string{}
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "NEO4J_") {
			env = append(env, kv)
		}
	}
	return append(env, "NEO4J_URI="+s.URI, "NEO4J_USERNAME="+s.Username, "NEO4J_PASSWORD="+s.Password, "NEO4J_DATABASE="+s.Database)
}

// Driver returns a driver for s, closed when t ends.
func (s Server) Driver(t testing.TB) neo4j.DriverWithContext {
	t.Helper()
	d, err := neo4j.NewDriverWithContext(s.URI, neo4j.BasicAuth(s.Username, s.Password, ""))
	if err != nil {
		t.Fatalf("neo4jtest: %v", err)
	}
	t.Cleanup(func() { d.Close(context.Background()) })
	return d
}

// Run runs query in a write transaction and returns its records as maps.
func (s Server) Run(t testing.TB, query string, params map[string]any) []map[string]any {
	t.Helper()
	recs, err := s.Exec(context.Background(), query, params)
	if err != nil {
		t.Fatalf("neo4jtest: %v\nquery: %s", err, query)
	}
	return recs
}

// Exec is Run returning its error.
func (s Server) Exec(ctx context.Context, query string, params map[string]any) ([]map[string]any, error) {
	d, err := neo4j.NewDriverWithContext(s.URI, neo4j.BasicAuth(s.Username, s.Password, ""))
	if err != nil {
		return nil, err
	}
	defer d.Close(ctx)
	res, err := neo4j.ExecuteQuery(ctx, d, query, params, neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(s.Database))
	if err != nil {
		return nil, err
	}
	out := make([]map[string]any, len(res.Records))
	for i, r := range res.Records {
		out[i] = r.AsMap()
	}
	return out, nil
}

// Int runs a query returning one integer column and returns it.
func (s Server) Int(t testing.TB, query string, params map[string]any) int {
	t.Helper()
	recs := s.Run(t, query, params)
	if len(recs) != 1 || len(recs[0]) != 1 {
		t.Fatalf("neo4jtest: want one value from %s, got %v", query, recs)
	}
	for _, v := range recs[0] {
		n, _ := v.(int64)
		return int(n)
	}
	return 0
}

var nonWord = regexp.MustCompile(`[^A-Za-z0-9]+`)

// Dataset returns a dataset name no other test uses and removes everything
// of that dataset from s when t ends.
func Dataset(t testing.TB, s Server) string {
	t.Helper()
	b := make([]byte, 4)
	rand.Read(b)
	name := "test-" + strings.Trim(nonWord.ReplaceAllString(t.Name(), "-"), "-") + "-" + hex.EncodeToString(b)
	t.Cleanup(func() {
		if err := s.Drop(context.Background(), name); err != nil {
			t.Logf("neo4jtest: cleaning dataset %s: %v", name, err)
		}
	})
	return name
}

// Drop removes every element of dataset (each belongs to one dataset).
// It leaves relgraph's schema alone: tests share the server.
func (s Server) Drop(ctx context.Context, dataset string) error {
	for _, q := range []string{
		"MATCH ()-[r]->() WHERE r.dataset = $ds CALL (r) { DELETE r } IN TRANSACTIONS OF 10000 ROWS",
		"MATCH (n) WHERE n.dataset = $ds CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS",
	} {
		if err := s.auto(ctx, q, map[string]any{"ds": dataset}); err != nil {
			return err
		}
	}
	return nil
}

// auto runs an auto-commit query (needed for CALL ... IN TRANSACTIONS).
func (s Server) auto(ctx context.Context, q string, params map[string]any) error {
	d, err := neo4j.NewDriverWithContext(s.URI, neo4j.BasicAuth(s.Username, s.Password, ""))
	if err != nil {
		return err
	}
	defer d.Close(ctx)
	sess := d.NewSession(ctx, neo4j.SessionConfig{DatabaseName: s.Database})
	defer sess.Close(ctx)
	r, err := sess.Run(ctx, q, params)
	if err != nil {
		return err
	}
	_, err = r.Consume(ctx)
	return err
}

// Dump returns a canonical text of what dataset holds: one line per node
// (labels and properties) and per relationship (type, endpoint ids,
// properties), sorted. The dataset property is left out, so dumps of two
// datasets built from the same input compare equal.
func (s Server) Dump(t testing.TB, dataset string) string {
	t.Helper()
	var lines []string
	for _, r := range s.Run(t, "MATCH (n) WHERE n.dataset = $ds RETURN labels(n) AS labels, properties(n) AS props", map[string]any{"ds": dataset}) {
		labels := toStrings(r["labels"])
		sort.Strings(labels)
		lines = append(lines, "N "+strings.Join(labels, ":")+" "+canon(r["props"]))
	}
	for _, r := range s.Run(t, "MATCH (a)-[r]->(b) WHERE r.dataset = $ds RETURN type(r) AS type, a.id AS a, b.id AS b, properties(r) AS props", map[string]any{"ds": dataset}) {
		lines = append(lines, fmt.Sprintf("R %s %s->%s %s", r["type"], canon(r["a"]), canon(r["b"]), canon(r["props"])))
	}
	sort.Strings(lines)
	return strings.Join(lines, "\n")
}

func toStrings(v any) []string {
	var out []string
	for _, x := range v.([]any) {
		out = append(out, x.(string))
	}
	return out
}

// DumpHashes returns the content hash of every element of dataset with
// its key, sorted: what Dump leaves out.
func (s Server) DumpHashes(t testing.TB, dataset string) string {
	t.Helper()
	var lines []string
	for _, r := range s.Run(t, "MATCH (n) WHERE n.dataset = $ds RETURN labels(n) AS labels, n.id AS id, n.relgraph_hash AS h", map[string]any{"ds": dataset}) {
		labels := toStrings(r["labels"])
		sort.Strings(labels)
		lines = append(lines, fmt.Sprintf("N %s %s %v", strings.Join(labels, ":"), canon(r["id"]), r["h"]))
	}
	for _, r := range s.Run(t, "MATCH (a)-[r]->(b) WHERE r.dataset = $ds RETURN type(r) AS type, a.id AS a, b.id AS b, r.id AS id, r.relgraph_hash AS h", map[string]any{"ds": dataset}) {
		lines = append(lines, fmt.Sprintf("R %s %s->%s %s %v", r["type"], canon(r["a"]), canon(r["b"]), canon(r["id"]), r["h"]))
	}
	sort.Strings(lines)
	return strings.Join(lines, "\n")
}

// canon encodes v as JSON with sorted keys, without the dataset property
// and with float and integer kept apart; a content hash shows as "#".
func canon(v any) string {
	var b bytes.Buffer
	var enc func(v any)
	enc = func(v any) {
		switch v := v.(type) {
		case map[string]any:
			keys := make([]string, 0, len(v))
			for k := range v {
				if k != "dataset" {
					keys = append(keys, k)
				}
			}
			sort.Strings(keys)
			b.WriteByte('{')
			for i, k := range keys {
				if i > 0 {
					b.WriteByte(',')
				}
				kb, _ := json.Marshal(k)
				b.Write(kb)
				b.WriteByte(':')
				if k == "relgraph_hash" {
					// Present or not; its value hashes ids, which
					// tests prefix per dataset (see DumpHashes).
					b.WriteString("#")
					continue
				}
				enc(v[k])
			}
			b.WriteByte('}')
		case []any:
			b.WriteByte('[')
			for i, x := range v {
				if i > 0 {
					b.WriteByte(',')
				}
				enc(x)
			}
			b.WriteByte(']')
		case float64:
			b.WriteString("f" + strconv.FormatFloat(v, 'g', -1, 64))
		case int64:
			b.WriteString("i" + strconv.FormatInt(v, 10))
		default:
			j, _ := json.Marshal(v)
			b.Write(j)
		}
	}
	enc(v)
	return b.String()
}

// RepoRoot returns the directory holding go.mod.
func RepoRoot(t testing.TB) string {
	t.Helper()
	dir, _ := os.Getwd()
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("neo4jtest: go.mod not found")
		}
		dir = parent
	}
}

// Private is a server of a test's own, which it may stop, restart or kill
// without disturbing the shared one.
type Private struct {
	Server
	t                  testing.TB
	script, home       string
	boltPort, httpPort int
}

// StartPrivate starts a server of t's own on the given ports, in a home
// directory that shares the downloaded jars, and stops it when t ends. It
// skips (or fails, under RELGRAPH_REQUIRE_NEO4J=1) when the jars are not
// there.
func StartPrivate(t testing.TB, boltPort, httpPort int) *Private {
	t.Helper()
	root := RepoRoot(t)
	lib := os.Getenv("RELGRAPH_NEO4J_LIB")
	if lib == "" {
		home, _ := os.UserHomeDir()
		lib = filepath.Join(home, ".cache", "relgraph", "neo4j", "lib")
	}
	if _, err := os.Stat(filepath.Join(lib, ".pom.sha256")); err != nil {
		if Required() {
			t.Fatalf("neo4jtest: no Neo4j jars in %s (run scripts/neo4j fetch)", lib)
		}
		t.Skipf("neo4jtest: no Neo4j jars in %s (run scripts/neo4j fetch)", lib)
	}
	home := t.TempDir()
	if err := os.Symlink(lib, filepath.Join(home, "lib")); err != nil {
		t.Fatal(err)
	}
	p := &Private{
		Server:   Server{URI: fmt.Sprintf("bolt://127.0.0.1:%d", boltPort), Username: "neo4j", Password: TestPassword, Database: "neo4j"},
		t:        t,
		script:   filepath.Join(root, "scripts", "neo4j"),
		home:     home,
		boltPort: boltPort, httpPort: httpPort,
	}
	t.Cleanup(func() { p.script_("stop") })
	if out, err := p.script_("start"); err != nil {
		t.Fatalf("neo4jtest: starting a private server: %v\n%s", err, out)
	}
	return p
}

func (p *Private) script_(args ...string) (string, error) {
	cmd := exec.Command(p.script, args...)
	cmd.Env = append(os.Environ(), "RELGRAPH_NEO4J_HOME="+p.home, "NEO4J_BOLT_PORT="+strconv.Itoa(p.boltPort),
		"NEO4J_HTTP_PORT="+strconv.Itoa(p.httpPort), "NEO4J_HEAP_INITIAL=512m", "NEO4J_HEAP_MAX=1g", "NEO4J_PAGECACHE=512m")
	out, err := cmd.CombinedOutput()
	return string(out), err
}

// Start starts the server again after Stop or Kill.
func (p *Private) Start() {
	p.t.Helper()
	if out, err := p.script_("start"); err != nil {
		p.t.Fatalf("neo4jtest: start: %v\n%s", err, out)
	}
}

// Stop stops the server cleanly.
func (p *Private) Stop() {
	p.t.Helper()
	if out, err := p.script_("stop"); err != nil {
		p.t.Fatalf("neo4jtest: stop: %v\n%s", err, out)
	}
}

// Kill sends SIGKILL to the server, as a crash would.
func (p *Private) Kill() {
	p.t.Helper()
	b, err := os.ReadFile(filepath.Join(p.home, "run", "relgraph-neo4j.pid"))
	if err != nil {
		p.t.Fatalf("neo4jtest: kill: %v", err)
	}
	pid, err := strconv.Atoi(strings.TrimSpace(string(b)))
	if err != nil || pid <= 1 {
		p.t.Fatalf("neo4jtest: kill: bad pid %q", b)
	}
	if err := syscall.Kill(pid, syscall.SIGKILL); err != nil {
		p.t.Fatalf("neo4jtest: kill %d: %v", pid, err)
	}
	for i := 0; i < 100 && syscall.Kill(pid, 0) == nil; i++ {
		time.Sleep(100 * time.Millisecond)
	}
}
