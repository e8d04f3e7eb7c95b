package graph

import (
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"
)

// Suggest returns up to three candidates closest to s by edit distance of
// their normalized keys, closest first, ties broken alphabetically. It
// returns nil when nothing is close.
func Suggest(s string, candidates []string) []string {
	ks := Key(s)
	type cand struct {
		name string
		d    int
	}
	var cs []cand
	for _, c := range candidates {
		kc := Key(c)
		d := levenshtein(ks, kc)
		if strings.Contains(kc, ks) && ks != "" {
			d = min(d, 1)
		}
		if d <= max(2, utf8.RuneCountInString(ks)/3) {
			cs = append(cs, cand{c, d})
		}
	}
	sort.Slice(cs, func(i, j int) bool {
		if cs[i].d != cs[j].d {
			return cs[i].d < cs[j].d
		}
		return cs[i].name < cs[j].name
	})
	var out []string
	for i := 0; i < len(cs) && i < 3; i++ {
		out = append(out, cs[i].name)
	}
	return out
}

func suggest(s string, candidates []string) string {
	if len(candidates) > 100000 {
		return ""
	}
	m := Suggest(s, candidates)
	if len(m) == 0 {
		return ""
	}
	return fmt.Sprintf(" (did you mean %s?)", quoteJoin(m))
}

func quoteJoin(ss []string) string {
	q := make([]string, len(ss))
	for i, s := range ss {
		q[i] = fmt.Sprintf("%q", s)
	}
	return strings.Join(q, " or ")
}

func levenshtein(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	if len(ra) > 256 || len(rb) > 256 {
		if a == b {
			return 0
		}
		return 1 << 20
	}
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			c := 1
			if ra[i-1] == rb[j-1] {
				c = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+c)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
