package texts_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/relgraph/relgraph"
	"github.com/relgraph/relgraph/graph"
	"github.com/relgraph/relgraph/ingest"
	"github.com/relgraph/relgraph/texts"
)

func TestFold(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"  Kim’s\n\tvisit—soon ", `Kim"s visit-soon`},
		{"“comrade in arms”", `"comrade in arms"`},
		{"'single' and \"double\"", `"single" and "double"`},
		{"a\u00a0b\u200bc", "a bc"},
		{"wait…", "wait..."},
		{"e\u0301", "é"}, // NFC
		{"pre\u00adfix", "prefix"},
		{"−5 – 6 ‐ 7", "-5 - 6 - 7"},
	} {
		if got := texts.Fold(tc.in); got != tc.want {
			t.Errorf("Fold(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// seedsDir finds the shared articles: ../shared/seeds beside the checkout
// (or further up), or RELGRAPH_SEEDS.
func seedsDir(t *testing.T) string {
	t.Helper()
	if d := os.Getenv("RELGRAPH_SEEDS"); d != "" {
		return d
	}
	dir, _ := filepath.Abs("..")
	for range 4 {
		d := filepath.Join(filepath.Dir(dir), "shared", "seeds")
		if st, err := os.Stat(d); err == nil && st.IsDir() {
			return d
		}
		dir = filepath.Dir(dir)
	}
	if os.Getenv("RELGRAPH_REQUIRE_TOOLS") != "" {
		t.Fatal("shared/seeds not found (set RELGRAPH_SEEDS)")
	}
	t.Skip("shared/seeds not found (set RELGRAPH_SEEDS)")
	return ""
}

func check(t *testing.T, dir string, read func(b *graph.Builder) error) graph.Problems {
	t.Helper()
	d, err := texts.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	b := graph.NewBuilder(nil, graph.Limits{})
	b.KeepQuotes()
	if err := read(b); err != nil {
		t.Fatal(err)
	}
	if len(b.Quotes()) == 0 {
		t.Fatal("no quotes kept")
	}
	return d.Check(b.Sources(), b.Quotes())
}

// Every quote of the embedded dataset is in its article.
func TestDatasetQuotesPass(t *testing.T) {
	ps := check(t, seedsDir(t), func(b *graph.Builder) error {
		return ingest.ReadFS(b, relgraph.Dataset, relgraph.DatasetDir, "", "", ingest.Options{})
	})
	if len(ps) > 0 {
		t.Fatalf("%d quotes not in their articles:\n%v", len(ps), ps)
	}
}

// A paraphrased quote and an invented one are both caught, each with the
// record's file, line and field and the passage closest to it.
func TestBadQuotesCaught(t *testing.T) {
	doc := `{"sources": [{"id": "s0", "file": "000_e135d90bb63d3935.txt"}, {"id": "elsewhere", "file": "not-in-dir.txt"}],
"nodes": [
 {"id": "kim", "kind": "Leader", "name": "Kim Jong Un", "sources": [{"id": "s0", "quote": "North Korean leader Kim Jong Un"}]},
 {"id": "putin", "kind": "Leader", "name": "Vladimir Putin", "sources": [{"id": "s0", "quote": "Putin might go to North Korea as soon as next week"}]},
 {"id": "nk", "kind": "State", "name": "North Korea", "sources": [{"id": "000_e135d90bb63d3935.txt", "quote": "Pyongyang has agreed to send 10,000 troops to Crimea"}]},
 {"id": "ru", "kind": "State", "name": "Russia", "sources": [{"id": "s0", "quote": "Russia’s National   Day"}, {"id": "elsewhere", "quote": "anything at all"}]}
]}`
	ps := check(t, seedsDir(t), func(b *graph.Builder) error {
		return ingest.ReadFormat(b, strings.NewReader(doc), "bad.json", "json", ingest.Options{})
	})
	if len(ps) != 2 {
		t.Fatalf("want 2 problems, got %d:\n%v", len(ps), ps)
	}
	para, inv := ps[0].Error(), ps[1].Error()
	if !strings.HasPrefix(para, "bad.json:4: sources[0].quote: quote not found in 000_e135d90bb63d3935.txt; closest passage (line 3): ") ||
		!strings.Contains(para, "could visit North Korea as early as next week") {
		t.Errorf("paraphrase: %s", para)
	}
	if !strings.HasPrefix(inv, "bad.json:5: sources[0].quote: quote not found in 000_e135d90bb63d3935.txt") {
		t.Errorf("invention: %s", inv)
	}
}

// Several excerpts in one quote pass when each is in the article, and the
// first letter may change case; a changed word still fails.
func TestExcerpts(t *testing.T) {
	dir := t.TempDir()
	art := "He said: “We will win.” Later, the minister added that talks would resume in May."
	if err := os.WriteFile(filepath.Join(dir, "a.txt"), []byte(art), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		quote string
		ok    bool
	}{
		{`"We will win." "the minister added"`, true},
		{"We will win ... talks would resume in May", true},
		{"The minister added that talks would resume", true},
		{"'We will win.'", true},
		{"We will win; talks would resume in June", false},
		{"we WILL win", false},
	} {
		doc := `{"sources": [{"id": "s", "file": "a.txt"}], "nodes": [{"id": "x", "kind": "Person", "name": "X", "sources": [{"id": "s", "quote": ` + jsonString(tc.quote) + `}]}]}`
		ps := check(t, dir, func(b *graph.Builder) error {
			return ingest.ReadFormat(b, strings.NewReader(doc), "q.json", "json", ingest.Options{})
		})
		if (len(ps) == 0) != tc.ok {
			t.Errorf("%q: ok=%v, problems %v", tc.quote, tc.ok, ps)
		}
	}
}

func jsonString(s string) string {
	return `"` + strings.ReplaceAll(strings.ReplaceAll(s, `\`, `\\`), `"`, `\"`) + `"`
}
