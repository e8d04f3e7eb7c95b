package main

import (
	"context"
	"encoding/json"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/relgraph/relgraph/internal/neo4jtest"
)

// withEnv sets environment variables for one test (tests using it do not
// run in parallel).
func withEnv(t *testing.T, kv ...string) {
	t.Helper()
	for i := 0; i < len(kv); i += 2 {
		t.Setenv(kv[i], kv[i+1])
	}
}

func TestLoadDryRunNeedsNoServerAndWritesNothing(t *testing.T) {
	server := neo4jtest.Env()
	withEnv(t, "NEO4J_PASSWORD", "", "NEO4J_URI", "bolt://127.0.0.1:1")
	ds := "dry-run-" + t.Name()
	stdout, stderr, code := runCLI(t, "", "load", "--dry-run", "--dataset", ds, "--prune")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{"CREATE CONSTRAINT", "UNWIND $rows AS row", "MERGE (n:`Entity` {dataset: $dataset, id: row.id})", "// nodes Leader:", "rows in", "nothing was written", "// prune"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("dry run output lacks %q", want)
		}
	}
	stdout, _, code = runCLI(t, "", "load", "--dry-run", "--json", "--dataset", ds)
	var plan struct {
		DryRun bool `json:"dry_run"`
		Steps  []struct {
			Name string `json:"name"`
			Rows int    `json:"rows"`
		} `json:"steps"`
	}
	if code != 0 || json.Unmarshal([]byte(stdout), &plan) != nil || !plan.DryRun || len(plan.Steps) == 0 {
		t.Fatalf("dry run --json: exit %d, %s", code, stdout)
	}
	if server.Ping(context.Background()) != nil {
		return
	}
	if s, err := server.Exec(context.Background(), "MATCH (n) WHERE n.dataset = $ds RETURN count(n) AS n", map[string]any{"ds": ds}); err == nil {
		if n := s[0]["n"].(int64); n != 0 {
			t.Errorf("dry run wrote %d nodes", n)
		}
	}
}

func TestLoadWithoutPasswordDoesNotPrompt(t *testing.T) {
	withEnv(t, "NEO4J_PASSWORD", "")
	_, stderr, code := runCLI(t, "", "load", "--uri", "bolt://127.0.0.1:1")
	if code != exitUsage || !strings.Contains(stderr, "no Neo4j password") || strings.Count(stderr, "\n") != 1 {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
}

func TestLoadAndQueries(t *testing.T) {
	s := neo4jtest.Get(t)
	ds := neo4jtest.Dataset(t, s)
	withEnv(t, "NEO4J_URI", s.URI, "NEO4J_USERNAME", s.Username, "NEO4J_PASSWORD", s.Password, "NEO4J_DATABASE", s.Database)
	var sums [3]map[string]any
	for i := range sums {
		args := []string{"load", "--json", "--dataset", ds, "--batch-size", "10"}
		if i == 2 {
			args = append(args, "--full")
		}
		stdout, stderr, code := runCLI(t, "", args...)
		if code != 0 {
			t.Fatalf("load exit %d: %s", code, stderr)
		}
		if err := json.Unmarshal([]byte(stdout), &sums[i]); err != nil || sums[i]["ok"] != true {
			t.Fatalf("--json: %v %s", err, stdout)
		}
		if i == 1 && !strings.Contains(stderr, "0 rows written") {
			t.Errorf("second load's message does not say it wrote nothing: %s", stderr)
		}
	}
	first := sums[0]["summary"].(map[string]any)
	sum := sums[1]["summary"].(map[string]any)
	full := sums[2]["summary"].(map[string]any)
	for _, k := range []string{"nodes", "relationships", "sources", "reports"} {
		c0, c, cf := first[k].(map[string]any), sum[k].(map[string]any), full[k].(map[string]any)
		if c["created"].(float64) != 0 || c["rows"].(float64) != 0 || c["unchanged"].(float64) != c0["rows"].(float64) || c0["rows"].(float64) == 0 {
			t.Errorf("second load (unchanged input), %s: %v; first %v", k, c, c0)
		}
		if cf["rows"].(float64) != c0["rows"].(float64) || cf["created"].(float64) != 0 || cf["unchanged"].(float64) != 0 {
			t.Errorf("--full load, %s: %v; first %v", k, cf, c0)
		}
	}
	if sum["rows"].(float64) != 0 || sum["unchanged"].(float64) != first["rows"].(float64) || full["full"] != true {
		t.Errorf("summaries: second %v, --full %v", sum, full)
	}
	if first["rows_per_second"].(float64) <= 0 || first["seconds"].(float64) <= 0 {
		t.Errorf("summary lacks the rate: %v", first)
	}
	// Every starter query runs on the loaded data.
	stdout, stderr, code := runCLI(t, "", "queries", "--json", "--dataset", ds)
	if code != 0 {
		t.Fatalf("queries exit %d: %s", code, stderr)
	}
	var qs []struct{ Title, Query string }
	if err := json.Unmarshal([]byte(stdout), &qs); err != nil || len(qs) < 5 {
		t.Fatalf("queries: %v %s", err, stdout)
	}
	for _, q := range qs {
		recs, err := s.Exec(context.Background(), q.Query, nil)
		if err != nil {
			t.Errorf("%s: %v\n%s", q.Title, err, q.Query)
			continue
		}
		if len(recs) == 0 && !strings.Contains(q.Title, "contradict") && !strings.Contains(q.Title, "outlet") {
			t.Errorf("%s: no rows\n%s", q.Title, q.Query)
		}
	}
}

func TestLoadErrorsExitCode(t *testing.T) {
	s := neo4jtest.Get(t)
	const secret = "Wr0ng-secret-never-printed"
	for _, c := range []struct{ name, uri, db, says string }{
		{"wrong password", s.URI, s.Database, "refused user"},
		{"stopped server", "bolt://127.0.0.1:1", s.Database, "cannot reach Neo4j"},
	} {
		t.Run(c.name, func(t *testing.T) {
			withEnv(t, "NEO4J_URI", c.uri, "NEO4J_PASSWORD", secret, "NEO4J_DATABASE", c.db)
			stdout, stderr, code := runCLI(t, "", "load", "--json", "--dataset", "never-written")
			if code != exitNeo4j {
				t.Errorf("exit %d, want %d", code, exitNeo4j)
			}
			if !strings.Contains(stderr, c.says) || strings.Count(stderr, "\n") != 1 {
				t.Errorf("stderr is not one line saying %q: %q", c.says, stderr)
			}
			if strings.Contains(stdout+stderr, secret) {
				t.Errorf("the password was printed")
			}
			var out map[string]any
			if err := json.Unmarshal([]byte(stdout), &out); err != nil || out["ok"] != false || out["error"] == nil {
				t.Errorf("--json on failure: %v %s", err, stdout)
			}
		})
	}
}

// buildRelgraph builds the binary once per test.
func buildRelgraph(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "relgraph")
	cmd := exec.Command("go", "build", "-o", bin, ".")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// TestPasswordNeverShown runs the real binary with the password in
// NEO4J_PASSWORD and in a --password-file against a wrong server, a silent
// server and the real one with a wrong password: the password appears in no
// output, and never in the process's command line.
func TestPasswordNeverShown(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := buildRelgraph(t)
	const secret = "pw-Sup3r-Secret-42"
	pwFile := filepath.Join(t.TempDir(), "pw")
	os.WriteFile(pwFile, []byte(secret+"\n"), 0o600)

	// A server that accepts connections and never answers, so the process
	// is still running when its command line is read.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			defer c.Close()
		}
	}()
	uris := []string{"bolt://" + ln.Addr().String(), "bolt://127.0.0.1:1"}
	if s := neo4jtest.Env(); s.Ping(context.Background()) == nil {
		uris = append(uris, s.URI)
	}
	for _, uri := range uris {
		for _, viaFile := range []bool{false, true} {
			if viaFile && uri == uris[0] {
				continue // a silent server takes the whole connect timeout
			}
			args := []string{"load", "--json", "--uri", uri, "--dataset", "never-written", "--retry-time", "2s"}
			env := append(os.Environ(), "NEO4J_PASSWORD="+secret)
			if viaFile {
				args = append(args, "--password-file", pwFile)
				env = append(os.Environ(), "NEO4J_PASSWORD=")
			}
			cmd := exec.Command(bin, args...)
			cmd.Env = env
			var out, errb strings.Builder
			cmd.Stdout, cmd.Stderr = &out, &errb
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			time.Sleep(300 * time.Millisecond)
			if b, err := os.ReadFile("/proc/" + itoa(cmd.Process.Pid) + "/cmdline"); err == nil && strings.Contains(string(b), secret) {
				t.Errorf("%s: password in the command line", uri)
			}
			done := make(chan error, 1)
			go func() { done <- cmd.Wait() }()
			select {
			case err = <-done:
			case <-time.After(60 * time.Second):
				cmd.Process.Kill()
				err = <-done
			}
			if err == nil {
				t.Errorf("%s: exit 0 with a wrong password or server", uri)
			}
			if strings.Contains(out.String()+errb.String(), secret) {
				t.Errorf("%s: password printed:\n%s\n%s", uri, out.String(), errb.String())
			}
			if !strings.Contains(out.String(), `"ok": false`) {
				t.Errorf("%s: no --json failure summary: %s", uri, out.String())
			}
			t.Logf("%s (file %v): %s", uri, viaFile, strings.TrimSpace(errb.String()))
		}
	}
}

func itoa(n int) string {
	b, _ := json.Marshal(n)
	return string(b)
}
