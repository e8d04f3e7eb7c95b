package load

import (
	"errors"
	"fmt"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// Sentinel errors wrapped by [*Error], for callers that tell them apart.
var (
	ErrUnreachable = errors.New("load: Neo4j unreachable")
	ErrAuth        = errors.New("load: authentication failed")
	ErrDatabase    = errors.New("load: no such database")
	ErrTLS         = errors.New("load: TLS mismatch")
	ErrConfig      = errors.New("load: bad configuration")
	ErrWrite       = errors.New("load: write failed")
	// ErrPruneLimit: --prune would remove more of the dataset than
	// Config.MaxPrune allows; nothing was written.
	ErrPruneLimit = errors.New("load: prune over the limit")
	// ErrLegacy: the database holds relgraph data of the model before
	// datasets were isolated (see DB.DropLegacy); nothing was written.
	ErrLegacy = errors.New("load: relgraph data of the old model")
)

// Error is a failure of a load, worded for the person running it: one line
// that says what is wrong and what to do. It never holds the password.
type Error struct {
	Kind error  // one of the sentinel errors
	Msg  string // the whole message
}

func (e *Error) Error() string { return e.Msg }
func (e *Error) Unwrap() error { return e.Kind }

// classify turns a driver error into an [*Error]. What the driver says is
// kept (reduced to its last line) after what relgraph says.
func (c *Config) classify(err error) *Error {
	var le *Error
	if errors.As(err, &le) {
		return le
	}
	uri := c.safeURI()
	cause := c.scrub(lastLine(rootMessage(err)))
	lower := strings.ToLower(cause)
	var ne *neo4j.Neo4jError
	if errors.As(leaf(err), &ne) {
		switch {
		case ne.Code == "Neo.ClientError.Security.Unauthorized":
			return &Error{ErrAuth, fmt.Sprintf("load: Neo4j at %s refused user %q with this password: check NEO4J_USERNAME/--username and NEO4J_PASSWORD/--password-file", uri, c.Username)}
		case ne.Code == "Neo.ClientError.Security.AuthenticationRateLimit":
			return &Error{ErrAuth, fmt.Sprintf("load: Neo4j at %s locked user %q after too many failed logins: wait and check the password", uri, c.Username)}
		case ne.Code == "Neo.ClientError.Security.CredentialsExpired":
			return &Error{ErrAuth, fmt.Sprintf("load: the password of user %q at %s has expired: change it (e.g. in Neo4j Browser) and retry", c.Username, uri)}
		case strings.HasPrefix(ne.Code, "Neo.ClientError.Security."):
			return &Error{ErrAuth, fmt.Sprintf("load: Neo4j at %s does not allow user %q to do this (%s): grant write access or use another user", uri, c.Username, cause)}
		case ne.Code == "Neo.ClientError.Database.DatabaseNotFound":
			return &Error{ErrDatabase, fmt.Sprintf("load: database %q does not exist at %s: check --database/NEO4J_DATABASE (SHOW DATABASES lists them; Community has only \"neo4j\")", c.Database, uri)}
		case ne.Code == "Neo.TransientError.General.DatabaseUnavailable":
			return &Error{ErrUnreachable, fmt.Sprintf("load: database %q at %s is unavailable (%s): wait for it to start and retry", c.Database, uri, cause)}
		}
		return &Error{ErrWrite, fmt.Sprintf("load: Neo4j at %s: %s (%s)", uri, cause, ne.Code)}
	}
	tls := strings.Contains(c.URI, "+s://") || strings.Contains(c.URI, "+ssc://")
	switch {
	case strings.Contains(lower, "connection refused"):
		return &Error{ErrUnreachable, fmt.Sprintf("load: cannot reach Neo4j at %s (connection refused): start the server (scripts/neo4j start) or check --uri/NEO4J_URI", uri)}
	case strings.Contains(lower, "no such host"):
		return &Error{ErrUnreachable, fmt.Sprintf("load: cannot reach Neo4j at %s (unknown host): check --uri/NEO4J_URI", uri)}
	case tls && (strings.Contains(lower, "tls") || strings.Contains(lower, "remote end closed") || strings.Contains(lower, "handshake")) &&
		!strings.Contains(lower, "certificate") && !strings.Contains(lower, "x509"):
		return &Error{ErrTLS, fmt.Sprintf("load: %s asks for TLS but the server did not answer with TLS: use bolt:// or neo4j:// (without +s) for a server without TLS, or enable TLS on it", uri)}
	case strings.Contains(lower, "x509") || strings.Contains(lower, "certificate"):
		return &Error{ErrTLS, fmt.Sprintf("load: the TLS certificate of %s was not accepted (%s): use +ssc to accept a self-signed certificate, or fix the server's certificate", uri, cause)}
	case !tls && strings.Contains(lower, "tls"):
		return &Error{ErrTLS, fmt.Sprintf("load: the server at %s requires TLS: use bolt+s:// or neo4j+s:// (+ssc for a self-signed certificate)", uri)}
	case strings.Contains(lower, "timeout") || strings.Contains(lower, "deadline"):
		return &Error{ErrUnreachable, fmt.Sprintf("load: Neo4j at %s did not answer in time (%s): check the server, the network and --uri", uri, cause)}
	case strings.Contains(lower, "routing") || strings.Contains(lower, "connectivity") || strings.Contains(lower, "connection") || strings.Contains(lower, "eof") || strings.Contains(lower, "broken pipe"):
		return &Error{ErrUnreachable, fmt.Sprintf("load: lost or could not open the connection to Neo4j at %s (%s): check that the server is running and retry", uri, cause)}
	}
	return &Error{ErrWrite, fmt.Sprintf("load: Neo4j at %s: %s", uri, cause)}
}

// leaf returns the most specific error inside err: the last attempt of a
// retried transaction, the inner error of a connectivity error.
func leaf(err error) error {
	for {
		var tl *neo4j.TransactionExecutionLimit
		var ce *neo4j.ConnectivityError
		switch {
		case errors.As(err, &tl) && len(tl.Errors) > 0:
			err = tl.Errors[len(tl.Errors)-1]
		case errors.As(err, &ce) && ce.Inner != nil:
			err = ce.Inner
		default:
			return err
		}
	}
}

func rootMessage(err error) string {
	var ne *neo4j.Neo4jError
	if l := leaf(err); errors.As(l, &ne) {
		return ne.Msg
	}
	return leaf(err).Error()
}

func lastLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.LastIndexByte(s, '\n'); i >= 0 {
		s = strings.TrimSpace(s[i+1:])
	}
	return s
}

// scrub removes the password from a message, whatever the driver put in it.
func (c *Config) scrub(s string) string {
	if len(c.Password) >= 3 {
		s = strings.ReplaceAll(s, c.Password, "***")
	}
	return s
}

// retryable reports whether a failed batch may be run again: the driver
// gave up on a lost connection, a commit whose outcome is unknown (safe,
// because a batch tried again is written with idempotent MERGEs only), a
// deadlock or a database that is starting or stopping.
func retryable(err error) bool {
	if neo4j.IsRetryable(err) {
		return true
	}
	l := leaf(err)
	if neo4j.IsRetryable(l) {
		return true
	}
	var ne *neo4j.Neo4jError
	if errors.As(l, &ne) {
		return strings.HasPrefix(ne.Code, "Neo.TransientError.") || ne.Code == "Neo.ClientError.Cluster.NotALeader" ||
			ne.Code == "Neo.ClientError.General.ForbiddenOnReadOnlyDatabase"
	}
	var tl *neo4j.TransactionExecutionLimit
	var ce *neo4j.ConnectivityError
	if errors.As(err, &tl) || errors.As(err, &ce) {
		return true
	}
	msg := strings.ToLower(err.Error())
	for _, s := range []string{"connection refused", "connection reset", "broken pipe", "eof", "routing table", "connectivity", "i/o timeout", "server unavailable"} {
		if strings.Contains(msg, s) {
			return true
		}
	}
	return false
}

// isConstraint reports a uniqueness constraint that refused a CREATE: a
// node another writer created between the check and the write. The batch
// is tried again with MERGE.
func isConstraint(err error) bool {
	var ne *neo4j.Neo4jError
	return errors.As(leaf(err), &ne) && ne.Code == "Neo.ClientError.Schema.ConstraintValidationFailed"
}
