package load

import (
	"context"
	"fmt"
	"io"
	"net/url"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/config"
)

// Defaults for [Config].
const (
	DefaultURI      = "bolt://localhost:7687"
	DefaultUsername = "neo4j"
	DefaultDatabase = "neo4j"
	DefaultDataset  = "default"
	// DefaultBatchSize rows per transaction. A round trip and a commit
	// cost about a millisecond, so batches of thousands amortise them; a
	// transaction of 2,500 relationships with their quotes holds a few
	// megabytes of state, well inside a small server's heap, and a retried
	// batch repeats little. In BENCHMARKS.md 2,500 was fastest: 1,000 paid
	// for round trips, and 20,000 was three times slower than 5,000 (each
	// statement's MERGE reads the transaction's own growing state).
	DefaultBatchSize = 2500
	// DefaultRetryTime bounds how long a failing batch is retried: long
	// enough to ride out a server restart or a leader election.
	DefaultRetryTime = 60 * time.Second
	// DefaultParallel transactions write at once. On the two-core machine
	// of BENCHMARKS.md two were fastest (34 s for 500,000 relations; three
	// took 38 s and four 43 s, the server spending more CPU on the same
	// rows); a server with more cores may gain from --parallel 4 or more.
	// Batches are handed out in the graph's order (by type, then start
	// node), and deadlocks that still happen are retried.
	DefaultParallel = 2
)

// Config says where and how to load.
type Config struct {
	URI      string // bolt://, neo4j:// (routing), with +s or +ssc for TLS
	Username string
	Password string // never logged, never in an error
	Database string // always sent, so a server's default database does not matter
	Dataset  string // every element written belongs to it; scopes Prune and Drop

	BatchSize int           // rows per transaction; 0 means DefaultBatchSize
	RetryTime time.Duration // 0 means DefaultRetryTime
	Parallel  int           // concurrent write transactions; 0 means DefaultParallel
	Prune     bool          // delete what Dataset holds and the graph does not
	// MaxPrune is the largest share (0 to 1) of the dataset's elements a
	// prune removes; 0 means DefaultMaxPrune. Force lifts the limit.
	MaxPrune float64
	Force    bool
	// Full writes every row, as a first load does, instead of only the
	// rows whose content hash differs from what the dataset holds.
	Full bool

	// Log receives progress lines (nil discards them).
	Log io.Writer
	// Progress, when set, is told the rows written so far and the total.
	Progress func(done, total int)
}

func (c *Config) withDefaults() {
	if c.URI == "" {
		c.URI = DefaultURI
	}
	if c.Username == "" {
		c.Username = DefaultUsername
	}
	if c.Database == "" {
		c.Database = DefaultDatabase
	}
	if c.Dataset == "" {
		c.Dataset = DefaultDataset
	}
	if c.BatchSize <= 0 {
		c.BatchSize = DefaultBatchSize
	}
	if c.RetryTime <= 0 {
		c.RetryTime = DefaultRetryTime
	}
	if c.Parallel <= 0 {
		c.Parallel = DefaultParallel
	}
	if c.MaxPrune <= 0 {
		c.MaxPrune = DefaultMaxPrune
	}
	if c.Log == nil {
		c.Log = io.Discard
	}
}

// schemes are the URI schemes the Go driver speaks.
var schemes = map[string]bool{"bolt": true, "bolt+s": true, "bolt+ssc": true, "neo4j": true, "neo4j+s": true, "neo4j+ssc": true}

// CheckURI reports a URI the driver cannot use, without repeating any
// password it might contain.
func CheckURI(uri string) error {
	u, err := url.Parse(uri)
	if err != nil || u.Host == "" {
		return &Error{ErrConfig, fmt.Sprintf("load: bad --uri %q: want e.g. bolt://localhost:7687 or neo4j+s://xxxx.databases.neo4j.io", redactURI(uri))}
	}
	if u.User != nil {
		return &Error{ErrConfig, "load: --uri must not hold a user or password: use --username and NEO4J_PASSWORD or --password-file"}
	}
	if !schemes[u.Scheme] {
		return &Error{ErrConfig, fmt.Sprintf("load: --uri scheme %q is not one of bolt, bolt+s, bolt+ssc, neo4j, neo4j+s, neo4j+ssc", u.Scheme)}
	}
	return nil
}

// CheckDataset reports a dataset name relgraph cannot use: empty, or
// holding control characters or invalid UTF-8 (a name is shown in logs and
// script comments; "" is reserved for the load lock).
func CheckDataset(name string) error {
	if strings.TrimSpace(name) == "" {
		return &Error{ErrConfig, "load: --dataset must not be empty"}
	}
	if !utf8.ValidString(name) {
		return &Error{ErrConfig, fmt.Sprintf("load: --dataset %q is not valid UTF-8", name)}
	}
	for _, r := range name {
		if unicode.IsControl(r) || r == 0x2028 || r == 0x2029 {
			return &Error{ErrConfig, fmt.Sprintf("load: --dataset %q holds a control character", name)}
		}
	}
	return nil
}

// redactURI drops anything that looks like credentials.
func redactURI(uri string) string {
	if i := strings.Index(uri, "@"); i >= 0 {
		if j := strings.Index(uri, "://"); j >= 0 && j < i {
			return uri[:j+3] + "***@" + uri[i+1:]
		}
		return "***@" + uri[i+1:]
	}
	return uri
}

func (c *Config) safeURI() string { return redactURI(c.URI) }

// DB is an open connection to one database.
type DB struct {
	cfg    Config
	driver neo4j.DriverWithContext
}

// Open checks the configuration, connects and authenticates, and checks
// that the database exists. Errors are [*Error]s.
func Open(ctx context.Context, cfg Config) (*DB, error) {
	cfg.withDefaults()
	if err := CheckURI(cfg.URI); err != nil {
		return nil, err
	}
	if err := CheckDataset(cfg.Dataset); err != nil {
		return nil, err
	}
	drv, err := neo4j.NewDriverWithContext(cfg.URI, neo4j.BasicAuth(cfg.Username, cfg.Password, ""), func(c *config.Config) {
		c.MaxTransactionRetryTime = cfg.RetryTime
		c.SocketConnectTimeout = 5 * time.Second
		c.ConnectionAcquisitionTimeout = cfg.RetryTime
		c.MaxConnectionPoolSize = cfg.Parallel + 3 // writers, the load lock, reads
		c.UserAgent = "relgraph"
	})
	if err != nil {
		return nil, cfg.classify(err)
	}
	d := &DB{cfg: cfg, driver: drv}
	vctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	if err := drv.VerifyConnectivity(vctx); err != nil {
		drv.Close(ctx)
		return nil, cfg.classify(err)
	}
	// VerifyConnectivity authenticates but does not open the database:
	// a read in it reports a wrong name now, not after the schema step.
	if _, err := d.read(vctx, "RETURN 1 AS one", nil); err != nil {
		drv.Close(ctx)
		return nil, cfg.classify(err)
	}
	return d, nil
}

// Close releases the connections.
func (d *DB) Close(ctx context.Context) error { return d.driver.Close(ctx) }

func (d *DB) session(ctx context.Context, mode neo4j.AccessMode) neo4j.SessionWithContext {
	return d.driver.NewSession(ctx, neo4j.SessionConfig{DatabaseName: d.cfg.Database, AccessMode: mode})
}

// read runs a query in a managed read transaction and returns its records
// as maps.
func (d *DB) read(ctx context.Context, query string, params map[string]any) ([]map[string]any, error) {
	s := d.session(ctx, neo4j.AccessModeRead)
	defer s.Close(ctx)
	res, err := s.ExecuteRead(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
		r, err := tx.Run(ctx, query, params)
		if err != nil {
			return nil, err
		}
		recs, err := r.Collect(ctx)
		if err != nil {
			return nil, err
		}
		out := make([]map[string]any, len(recs))
		for i, rec := range recs {
			out[i] = rec.AsMap()
		}
		return out, nil
	})
	if err != nil {
		return nil, err
	}
	return res.([]map[string]any), nil
}

// Query runs a read query and returns its records as maps; tests and the
// queries command use it. Errors are [*Error]s.
func (d *DB) Query(ctx context.Context, query string, params map[string]any) ([]map[string]any, error) {
	recs, err := d.read(ctx, query, params)
	if err != nil {
		return nil, d.cfg.classify(err)
	}
	return recs, nil
}

// Driver returns the underlying driver, for tests.
func (d *DB) Driver() neo4j.DriverWithContext { return d.driver }
