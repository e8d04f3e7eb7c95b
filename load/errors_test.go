package load_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/relgraph/relgraph/internal/neo4jtest"
	"github.com/relgraph/relgraph/load"
)

func TestOpenErrors(t *testing.T) {
	s := neo4jtest.Get(t)
	const secret = "s3cret-Pa55word-do-not-print"
	host := strings.TrimPrefix(strings.TrimPrefix(s.URI, "bolt://"), "neo4j://")
	tests := []struct {
		name string
		cfg  load.Config
		want error
		says string
	}{
		{"wrong password", load.Config{URI: s.URI, Username: s.Username, Password: secret, Database: s.Database}, load.ErrAuth, "refused user"},
		{"no server", load.Config{URI: "bolt://127.0.0.1:1", Username: s.Username, Password: secret, Database: s.Database}, load.ErrUnreachable, "cannot reach Neo4j"},
		{"unknown database", load.Config{URI: s.URI, Username: s.Username, Password: s.Password, Database: "no-such-db"}, load.ErrDatabase, "does not exist"},
		{"TLS against a plain server", load.Config{URI: "neo4j+s://" + host, Username: s.Username, Password: secret, Database: s.Database}, load.ErrTLS, "asks for TLS"},
		{"self-signed TLS against a plain server", load.Config{URI: "bolt+ssc://" + host, Username: s.Username, Password: secret, Database: s.Database}, load.ErrTLS, "asks for TLS"},
		{"user in the URI", load.Config{URI: "bolt://neo4j:" + secret + "@" + host, Password: secret}, load.ErrConfig, "must not hold"},
		{"bad scheme", load.Config{URI: "http://" + host, Password: secret}, load.ErrConfig, "scheme"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db, err := load.Open(context.Background(), tt.cfg)
			if err == nil {
				db.Close(context.Background())
				t.Fatal("no error")
			}
			msg := err.Error()
			if !errors.Is(err, tt.want) {
				t.Errorf("error %q is not %v", msg, tt.want)
			}
			if !strings.Contains(msg, tt.says) {
				t.Errorf("error %q does not say %q", msg, tt.says)
			}
			if strings.Contains(msg, secret) || strings.Contains(msg, "\n") || strings.Contains(msg, "goroutine") {
				t.Errorf("error is not one clean line without the password: %q", msg)
			}
		})
	}
}

func TestRoutingURI(t *testing.T) {
	s := neo4jtest.Get(t)
	if !strings.HasPrefix(s.URI, "bolt://") {
		t.Skip("server not given as bolt://")
	}
	ds := neo4jtest.Dataset(t, s)
	cfg := config(s, ds)
	cfg.URI = "neo4j://" + strings.TrimPrefix(s.URI, "bolt://")
	g := isolate(embedded(t), ds+"/")
	loadGraph(t, s, cfg, g)
	if got := countsOf(t, s, ds); got.nodes != len(g.Nodes) || got.rels != len(g.Edges) {
		t.Errorf("routing load: %+v", got)
	}
}
