package load_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/relgraph/relgraph/gen"
	"github.com/relgraph/relgraph/graph"
	"github.com/relgraph/relgraph/ingest"
	"github.com/relgraph/relgraph/internal/neo4jtest"
	"github.com/relgraph/relgraph/load"
)

// generated returns a synthetic graph: RELGRAPH_FAULT_RELATIONS relations
// (default rels) among a fifth as many entities.
func generated(t testing.TB, rels int) *graph.Graph {
	t.Helper()
	if v, err := strconv.Atoi(os.Getenv("RELGRAPH_FAULT_RELATIONS")); err == nil && v > 0 {
		rels = v
	}
	var buf bytes.Buffer
	if err := gen.Write(&buf, gen.Config{Seed: 7, Entities: rels / 5, Relations: rels}); err != nil {
		t.Fatal(err)
	}
	b := graph.NewBuilder(nil, graph.Limits{})
	if err := ingest.ReadFormat(b, &buf, "gen.jsonl", "jsonl", ingest.Options{}); err != nil {
		t.Fatal(err)
	}
	g, err := b.Graph()
	if err != nil {
		t.Fatal(err)
	}
	return g
}

func faultTests(t *testing.T) {
	if testing.Short() {
		t.Skip("starts and kills a private Neo4j")
	}
	neo4jtest.Get(t) // skip without a server, as the other tests
}

// TestKillDuringLoad kills the server (SIGKILL) in the middle of a load:
// the load fails with a message saying how far it got; after a restart the
// same load finishes, and the database equals one clean load.
func TestKillDuringLoad(t *testing.T) {
	faultTests(t)
	p := neo4jtest.StartPrivate(t, 7689, 7476)
	g := generated(t, 50000)
	ctx := context.Background()
	cfg := config(p.Server, "killed")
	cfg.BatchSize, cfg.RetryTime = 1000, 3*time.Second
	var killed atomic.Bool
	var once sync.Once
	cfg.Progress = func(done, total int) {
		if done > total/3 {
			once.Do(func() { p.Kill(); killed.Store(true) })
		}
	}
	db, err := load.Open(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	_, err = db.Load(ctx, g)
	db.Close(ctx)
	if !killed.Load() {
		t.Fatal("the load finished before the kill")
	}
	if err == nil {
		t.Fatal("no error after the server was killed")
	}
	msg := err.Error()
	t.Logf("after kill -9: %s", msg)
	if !errors.Is(err, load.ErrUnreachable) || !strings.Contains(msg, "after writing") || !strings.Contains(msg, "run the same command again") || strings.Contains(msg, "\n") {
		t.Errorf("not a clear one-line error saying how far it got: %q", msg)
	}

	p.Start()
	cfg.Progress = nil
	loadGraph(t, p.Server, cfg, g)
	// A clean load of the same graph, under other ids, in the same database.
	clean := config(p.Server, "clean")
	clean.BatchSize = 1000
	loadGraph(t, p.Server, clean, isolate(g, "clean/"))
	if got := countsOf(t, p.Server, "killed"); got.nodes != len(g.Nodes) || got.rels != len(g.Edges) || got.sources != len(g.Sources) || got.reports != reportsIn(g) {
		t.Errorf("after kill and rerun: %+v; want %d nodes, %d relationships", got, len(g.Nodes), len(g.Edges))
	}
	a := p.Dump(t, "killed")
	b := strings.ReplaceAll(p.Dump(t, "clean"), "clean/", "")
	if a != b {
		t.Errorf("kill -9 and rerun differs from a clean load:\n%s", diff(a, b))
	}
}

// TestRestartDuringLoad restarts the server during a load: within the
// retry time the load waits and finishes; with too short a retry time it
// fails clearly.
func TestRestartDuringLoad(t *testing.T) {
	faultTests(t)
	p := neo4jtest.StartPrivate(t, 7691, 7478)
	g := generated(t, 30000)
	ctx := context.Background()
	for _, c := range []struct {
		name    string
		retry   time.Duration
		succeed bool
	}{{"long retry", 3 * time.Minute, true}, {"short retry", 2 * time.Second, false}} {
		t.Run(c.name, func(t *testing.T) {
			ds := strings.ReplaceAll(c.name, " ", "-")
			cfg := config(p.Server, ds)
			cfg.BatchSize, cfg.RetryTime = 1000, c.retry
			var once sync.Once
			restarted, loaded := make(chan struct{}), make(chan struct{})
			cfg.Progress = func(done, total int) {
				if done > total/3 {
					once.Do(func() {
						// Stopped before this batch's worker goes on, so the
						// rest of the load meets a server that is down.
						p.Stop()
						go func() {
							defer close(restarted)
							if c.succeed {
								time.Sleep(2 * time.Second)
							} else {
								// Down for longer than the retry time, however
								// quickly the server could start again.
								<-loaded
							}
							p.Start()
						}()
					})
				}
			}
			db, err := load.Open(ctx, cfg)
			if err != nil {
				t.Fatal(err)
			}
			sum, err := db.Load(ctx, g)
			close(loaded)
			db.Close(ctx)
			<-restarted
			if c.succeed {
				if err != nil {
					t.Fatalf("load did not survive a restart: %v", err)
				}
				// The driver retries inside the transaction function; Retries
				// counts only what it gave up on and relgraph retried.
				t.Logf("finished in %.0fs across the restart (%d retries beyond the driver's)", sum.Seconds, sum.Retries)
				if got := countsOf(t, p.Server, ds); got.nodes != len(g.Nodes) || got.rels != len(g.Edges) {
					t.Errorf("counts %+v", got)
				}
				return
			}
			if err == nil {
				t.Fatal("load survived a restart longer than its retry time")
			}
			t.Logf("short retry: %v", err)
			if strings.Contains(err.Error(), "\n") || !strings.Contains(err.Error(), "after writing") {
				t.Errorf("not a clear one-line error: %q", err)
			}
		})
	}
}

// TestConcurrentLoads starts two loads of different datasets holding the
// same elements at the same time, and two loads of one dataset: they take
// turns (see TestLoadsTakeTurns), all finish, each dataset ends equal to one
// clean load, and no deadlock or duplicate reaches the caller.
func TestConcurrentLoads(t *testing.T) {
	s := neo4jtest.Get(t)
	if testing.Short() {
		t.Skip("loads 20,000 relations four times")
	}
	dsA, dsB, dsC, dsClean := neo4jtest.Dataset(t, s), neo4jtest.Dataset(t, s), neo4jtest.Dataset(t, s), neo4jtest.Dataset(t, s)
	base := generated(t, 20000)
	shared := isolate(base, dsA+"/") // A and B hold the same elements
	own := isolate(base, dsC+"/")    // C is loaded twice at once
	clean := isolate(base, dsClean+"/")
	loadGraph(t, s, config(s, dsClean), clean)
	ctx := context.Background()
	var wg sync.WaitGroup
	errs := make([]error, 4)
	for i, job := range []struct {
		ds string
		g  *graph.Graph
	}{{dsA, shared}, {dsB, shared}, {dsC, own}, {dsC, own}} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			cfg := config(s, job.ds)
			cfg.BatchSize, cfg.Parallel = 500, 4
			db, err := load.Open(ctx, cfg)
			if err != nil {
				errs[i] = err
				return
			}
			defer db.Close(ctx)
			sum, err := db.Load(ctx, job.g)
			if sum != nil {
				t.Logf("load %d (%s): %d retries", i, job.ds, sum.Retries)
			}
			errs[i] = err
		}()
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Errorf("load %d: %v", i, err)
		}
	}
	want := strings.ReplaceAll(s.Dump(t, dsClean), dsClean+"/", "")
	for _, c := range []struct{ ds, prefix string }{{dsA, dsA}, {dsB, dsA}, {dsC, dsC}} {
		if got := strings.ReplaceAll(s.Dump(t, c.ds), c.prefix+"/", ""); got != want {
			t.Errorf("dataset %s differs from a clean load:\n%s", c.ds, diff(want, got))
		}
	}
	// Both datasets hold the same ids; pruning one leaves the other whole.
	cfg := config(s, dsA)
	cfg.Prune, cfg.Force = true, true
	loadGraph(t, s, cfg, graph.New(shared.Schema, nil, nil, nil))
	if got := strings.ReplaceAll(s.Dump(t, dsB), dsA+"/", ""); got != want {
		t.Errorf("pruning dataset A changed dataset B:\n%s", diff(want, got))
	}
	if got := countsOf(t, s, dsA); got != (counts{}) {
		t.Errorf("dataset A after pruning everything: %+v", got)
	}
}
