package graph

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Key returns the normalized form of a name used to find duplicates: case
// folded, diacritics removed, and hyphens, dots, apostrophes and runs of
// space collapsed, so that "Kim Jong-un", "kim  jong un" and "Kim Jong Un"
// share one key. It returns "" for a name with no letters or digits.
func Key(name string) string {
	var b strings.Builder
	b.Grow(len(name))
	space := false
	for _, r := range norm.NFD.String(name) {
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
