// Package gen writes deterministic synthetic extractions of any size, for
// benchmarks and scale tests: in relgraph's JSON Lines format ([Write]) or
// as the Parquet tables of a Microsoft GraphRAG output ([WriteGraphRAG]).
// The same Config always gives the same bytes.
package gen

import (
	"bufio"
	"fmt"
	"io"
	"math/rand/v2"
	"strconv"
)

// Config sizes a synthetic extraction.
type Config struct {
	Seed        uint64
	Entities    int     // nodes, besides Sources
	Relations   int     // edges
	Sources     int     // articles (default Entities/100, at least 1)
	Allegations float64 // share of entities that are allegations (default 0.05)
	Aliases     float64 // share of entities written a second time under another id and spelling, to be merged (default 0.1)
}

var kinds = []string{"Leader", "Person", "Person", "Person", "State", "Agency", "Agency", "Place", "Event", "Event"}

// edge types by (from kind, to kind) that the default schema allows
var typesFor = map[[2]string][]string{
	{"Leader", "Leader"}:     {"MET_WITH", "INVITED"},
	{"Leader", "Person"}:     {"MET_WITH"},
	{"Person", "Leader"}:     {"MET_WITH"},
	{"Person", "Person"}:     {"MET_WITH", "INVITED"},
	{"Leader", "State"}:      {"LEADS", "VISITED", "PLANS_TO_VISIT"},
	{"Person", "State"}:      {"MEMBER_OF", "VISITED"},
	{"Person", "Agency"}:     {"MEMBER_OF"},
	{"Leader", "Agency"}:     {"LEADS"},
	{"State", "State"}:       {"COOPERATES_WITH", "SUPPLIES", "HOSTILE_TO"},
	{"Agency", "State"}:      {"PART_OF", "LOCATED_IN"},
	{"Agency", "Place"}:      {"LOCATED_IN"},
	{"Place", "State"}:       {"PART_OF"},
	{"Event", "Place"}:       {"LOCATED_IN"},
	{"Leader", "Event"}:      {"PARTICIPATED_IN", "ORGANIZED"},
	{"Person", "Event"}:      {"PARTICIPATED_IN"},
	{"State", "Event"}:       {"PARTICIPATED_IN"},
	{"Agency", "Event"}:      {"REPORTED", "PARTICIPATED_IN"},
	{"Event", "Leader"}:      {"ADDRESSED_TO"},
	{"Event", "Event"}:       {"SUCCEEDED_BY"},
	{"State", "Allegation"}:  {"ALLEGES", "DENIES"},
	{"Agency", "Allegation"}: {"ALLEGES", "CONFIRMS"},
	{"Person", "Allegation"}: {"ALLEGES", "DENIES"},
	{"Allegation", "State"}:  {"ACCUSES", "BENEFITS"},
	{"Allegation", "Event"}:  {"EVIDENCED_BY"},
}

var statuses = []string{"reported", "reported", "reported", "confirmed", "alleged", "denied", "planned", "speculated"}

var syllables = []string{"ka", "min", "so", "vla", "dim", "ir", "jong", "un", "pe", "skov", "lav", "rov", "choe", "hui", "sung", "an", "chan", "il", "yo", "ko", "na", "ri", "shin", "won", "sik"}

// Write writes the extraction to w: sources, then entities (some written
// twice under another spelling), then relations.
func Write(w io.Writer, c Config) error {
	if c.Entities < 2 {
		return fmt.Errorf("gen: need at least 2 entities, got %d", c.Entities)
	}
	if c.Sources <= 0 {
		c.Sources = max(1, c.Entities/100)
	}
	if c.Allegations == 0 {
		c.Allegations = 0.05
	}
	if c.Aliases == 0 {
		c.Aliases = 0.1
	}
	r := rand.New(rand.NewPCG(c.Seed, c.Seed^0x9e3779b97f4a7c15))
	bw := bufio.NewWriterSize(w, 1<<20)
	buf := make([]byte, 0, 512)
	for i := 0; i < c.Sources; i++ {
		buf = buf[:0]
		buf = append(buf, `{"record":"source","id":"s`...)
		buf = strconv.AppendInt(buf, int64(i), 10)
		buf = append(buf, `","file":"article_`...)
		buf = strconv.AppendInt(buf, int64(i), 10)
		buf = append(buf, `.txt","title":"Synthetic article `...)
		buf = strconv.AppendInt(buf, int64(i), 10)
		buf = append(buf, `","date":"`...)
		buf = append(buf, date(r)...)
		buf = append(buf, "\"}\n"...)
		bw.Write(buf)
	}
	kindOf := make([]string, c.Entities)
	byKind := map[string][]int{}
	nAlleg := int(float64(c.Entities) * c.Allegations)
	for i := range kindOf {
		k := kinds[r.IntN(len(kinds))]
		if i < nAlleg {
			k = "Allegation"
		}
		kindOf[i] = k
		byKind[k] = append(byKind[k], i)
	}
	dup := make([]bool, c.Entities)
	for i, k := range kindOf {
		name := nameOf(i)
		src := r.IntN(c.Sources)
		writeNode(bw, buf, "n"+strconv.Itoa(i), k, name, "", src)
		if r.Float64() < c.Aliases {
			// the same entity under another id and spelling: merges by name
			dup[i] = true
			writeNode(bw, buf, "n"+strconv.Itoa(i)+"-dup", k, hyphenate(name), name, r.IntN(c.Sources))
		}
	}
	pairs := make([][2]string, 0, len(typesFor))
	for _, fk := range []string{"Leader", "Person", "State", "Agency", "Place", "Event", "Allegation"} {
		for _, tk := range []string{"Leader", "Person", "State", "Agency", "Place", "Event", "Allegation"} {
			if _, ok := typesFor[[2]string{fk, tk}]; ok && len(byKind[fk]) > 0 && len(byKind[tk]) > 0 {
				pairs = append(pairs, [2]string{fk, tk})
			}
		}
	}
	for i := 0; i < c.Relations; i++ {
		p := pairs[r.IntN(len(pairs))]
		ts := typesFor[p]
		t := ts[r.IntN(len(ts))]
		from := byKind[p[0]][r.IntN(len(byKind[p[0]]))]
		to := byKind[p[1]][r.IntN(len(byKind[p[1]]))]
		buf = buf[:0]
		buf = append(buf, `{"record":"edge","id":"r`...)
		buf = strconv.AppendInt(buf, int64(i), 10)
		buf = append(buf, `","from":"n`...)
		buf = strconv.AppendInt(buf, int64(from), 10)
		if dup[from] && r.IntN(2) == 0 {
			buf = append(buf, "-dup"...) // the alias record's id: resolves through the merge
		}
		buf = append(buf, `","to":"n`...)
		buf = strconv.AppendInt(buf, int64(to), 10)
		buf = append(buf, `","type":"`...)
		buf = append(buf, t...)
		buf = append(buf, `","date":"`...)
		buf = append(buf, date(r)...)
		buf = append(buf, `","status":"`...)
		buf = append(buf, statuses[r.IntN(len(statuses))]...)
		buf = append(buf, `","confidence":0.`...)
		buf = strconv.AppendInt(buf, int64(r.IntN(9)+1), 10)
		buf = append(buf, `,"sources":[{"id":"s`...)
		buf = strconv.AppendInt(buf, int64(r.IntN(c.Sources)), 10)
		buf = append(buf, `","quote":"Synthetic quote number `...)
		buf = strconv.AppendInt(buf, int64(i), 10)
		buf = append(buf, " states this.\"}]}\n"...)
		if _, err := bw.Write(buf); err != nil {
			return fmt.Errorf("gen: %w", err)
		}
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("gen: %w", err)
	}
	return nil
}

func writeNode(w *bufio.Writer, buf []byte, id, kind, name, alias string, src int) {
	buf = buf[:0]
	buf = append(buf, `{"record":"node","id":"`...)
	buf = append(buf, id...)
	buf = append(buf, `","kind":"`...)
	buf = append(buf, kind...)
	buf = append(buf, `","name":"`...)
	buf = append(buf, name...)
	buf = append(buf, '"')
	if alias != "" {
		buf = append(buf, `,"aliases":["`...)
		buf = append(buf, alias...)
		buf = append(buf, `"]`...)
	}
	buf = append(buf, `,"sources":[{"id":"s`...)
	buf = strconv.AppendInt(buf, int64(src), 10)
	buf = append(buf, `","quote":"`...)
	buf = append(buf, name...)
	buf = append(buf, "\"}]}\n"...)
	w.Write(buf)
}

// nameOf gives entity i a unique pronounceable name.
func nameOf(i int) string {
	b := make([]byte, 0, 24)
	n := i
	for w := 0; w < 2; w++ {
		if w > 0 {
			b = append(b, ' ')
		}
		s := syllables[n%len(syllables)]
		b = append(b, s[0]-32)
		b = append(b, s[1:]...)
		n /= len(syllables)
		b = append(b, syllables[n%len(syllables)]...)
		n /= len(syllables)
	}
	b = append(b, ' ')
	return string(strconv.AppendInt(b, int64(i), 10))
}

// hyphenate spells a name another way that normalizes to the same key.
func hyphenate(name string) string {
	b := []byte(name)
	for i, c := range b {
		if c == ' ' {
			b[i] = '-'
			break
		}
	}
	return string(b)
}

func date(r *rand.Rand) string {
	y := 2015 + r.IntN(10)
	m := 1 + r.IntN(12)
	d := 1 + r.IntN(28)
	return fmt.Sprintf("%04d-%02d-%02d", y, m, d)
}
