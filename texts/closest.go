package texts

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// maxPassage bounds the passage quoted in a problem, in bytes.
const maxPassage = 300

type word struct {
	start, end int // byte offsets in the folded article
	key        string
}

// words splits folded text into words, each with its comparison key:
// lower case, without surrounding punctuation.
func words(s string) []word {
	var out []word
	for i := 0; i < len(s); {
		for i < len(s) && s[i] == ' ' {
			i++
		}
		j := i
		for j < len(s) && s[j] != ' ' {
			j++
		}
		if j > i {
			k := strings.ToLower(strings.TrimFunc(s[i:j], func(r rune) bool { return unicode.IsPunct(r) || unicode.IsSymbol(r) }))
			out = append(out, word{i, j, k})
		}
		i = j
	}
	return out
}

// closest returns the passage of the article, as many words long as the
// folded quote q, that shares the most words with it (the first such),
// and the line it starts on.
func (a *article) closest(q string) (int, string) {
	qw := words(q)
	if len(qw) == 0 {
		return 0, ""
	}
	aw := words(a.folded)
	if len(aw) == 0 {
		return 0, ""
	}
	need := map[string]int{}
	for _, w := range qw {
		if w.key != "" {
			need[w.key]++
		}
	}
	n := min(len(qw), len(aw))
	have := map[string]int{}
	score := 0
	add := func(k string) {
		if c, ok := need[k]; ok {
			if have[k] < c {
				score++
			}
			have[k]++
		}
	}
	remove := func(k string) {
		if c, ok := need[k]; ok {
			have[k]--
			if have[k] < c {
				score--
			}
		}
	}
	for _, w := range aw[:n] {
		add(w.key)
	}
	best, bestAt := score, 0
	for i := n; i < len(aw); i++ {
		add(aw[i].key)
		remove(aw[i-n].key)
		if score > best {
			best, bestAt = score, i-n+1
		}
	}
	if best == 0 {
		return 0, ""
	}
	start, end := int(a.origAt[aw[bestAt].start]), int(a.origAt[aw[bestAt+n-1].end-1])
	_, size := utf8.DecodeRuneInString(a.text[end:])
	p := strings.Join(strings.Fields(a.text[start:end+size]), " ")
	line := 1 + strings.Count(a.text[:start], "\n")
	if len(p) > maxPassage {
		cut := maxPassage
		for cut > 0 && !isRuneStart(p[cut]) {
			cut--
		}
		p = p[:cut] + "…"
	}
	return line, p
}

func isRuneStart(b byte) bool { return b&0xC0 != 0x80 }
