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
	if !isASCII(name) {
		name = norm.NFD.String(name)
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
