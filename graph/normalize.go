package graph

import (
	"fmt"
	"sort"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Key returns the normalized form of a name used to find duplicates: case
// folded, compatibility forms folded (NFKD: fullwidth "Ｋｉｍ" is "Kim"),
// diacritics removed, and hyphens, dots, apostrophes and runs of space
// collapsed, so that "Kim Jong-un", "kim  jong un" and "Kim Jong Un" share
// one key. It returns "" for a name with no letters or digits. Letters of
// other scripts that look alike (Cyrillic "К") are not folded: see
// [MixedScripts].
func Key(name string) string {
	var b strings.Builder
	b.Grow(len(name))
	space := false
	if !isASCII(name) {
		name = norm.NFKD.String(name)
	}
	for _, r := range name {
		switch {
		case unicode.Is(unicode.Mn, r):
			// combining mark: drop (diacritics)
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(unicode.ToLower(r))
		default:
			// space, hyphen, punctuation: a word boundary
			space = true
		}
	}
	return b.String()
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// scripts are the scripts letters are told apart by, the common ones
// first; the rest of unicode.Scripts follows in name order.
var scripts = func() []script {
	first := []string{"Latin", "Cyrillic", "Greek", "Han", "Hangul", "Hiragana", "Katakana", "Bopomofo", "Arabic", "Hebrew", "Armenian", "Georgian"}
	var out []script
	seen := map[string]bool{}
	for _, n := range first {
		out = append(out, script{n, unicode.Scripts[n]})
		seen[n] = true
	}
	var rest []string
	for n := range unicode.Scripts {
		if !seen[n] && n != "Common" && n != "Inherited" {
			rest = append(rest, n)
		}
	}
	sort.Strings(rest)
	for _, n := range rest {
		out = append(out, script{n, unicode.Scripts[n]})
	}
	return out
}()

type script struct {
	name  string
	table *unicode.RangeTable
}

// mixable are the sets of scripts one word may mix (Unicode TS #39,
// "highly restrictive"): Japanese, Chinese with Bopomofo, and Korean, each
// with Latin.
var mixable = [][]string{
	{"Latin", "Han", "Hiragana", "Katakana"},
	{"Latin", "Han", "Bopomofo"},
	{"Latin", "Han", "Hangul"},
}

// MixedScripts returns the first word of name whose letters come from
// scripts that are not written together, such as "Кim" (a Cyrillic К
// before Latin letters), and those scripts in order of appearance; or ""
// and nil. Such a word looks like another but never shares its [Key].
func MixedScripts(name string) (string, []string) {
	if isASCII(name) {
		return "", nil
	}
	for _, w := range strings.FieldsFunc(name, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.Is(unicode.Mn, r) }) {
		var ss []string
		for _, r := range w {
			if !unicode.IsLetter(r) {
				continue
			}
			if s := scriptOf(r); s != "" && !contains(ss, s) {
				ss = append(ss, s)
			}
		}
		if len(ss) > 1 && !canMix(ss) {
			return w, ss
		}
	}
	return "", nil
}

func scriptOf(r rune) string {
	if r < 0x80 {
		return "Latin"
	}
	for _, s := range scripts {
		if unicode.Is(s.table, r) {
			return s.name
		}
	}
	return ""
}

func canMix(ss []string) bool {
	for _, set := range mixable {
		all := true
		for _, s := range ss {
			if !contains(set, s) {
				all = false
				break
			}
		}
		if all {
			return true
		}
	}
	return false
}

// scriptWarnings warns about names of n that mix scripts in one word.
func scriptWarnings(n *Node) Problems {
	var ws Problems
	check := func(field, name string) {
		if w, ss := MixedScripts(name); w != "" {
			ws = append(ws, Problem{Pos: n.Pos, Field: field, Msg: fmt.Sprintf("%q mixes %s letters in one word: it looks like a name in one script but does not merge with it", name, strings.Join(ss, " and "))})
		}
	}
	check("name", n.Name)
	for i, a := range n.Aliases {
		check(fmt.Sprintf("aliases[%d]", i), a)
	}
	return ws
}
