package graph

import "testing"

// The printable-ASCII shortcut of checkText and checkID must accept only
// what the full checks accept.
func TestPlainTextAgreesWithChecks(t *testing.T) {
	var cases []string
	for c := 0; c < 256; c++ {
		b := []byte{byte(c)}
		cases = append(cases, string(rune(c)), "a"+string(rune(c)), string(b), "x"+string(b)+"y", " "+string(b))
	}
	cases = append(cases, "", " ", "   ", "\t", "Kim Jong-un", "n12345", "\uFFFE", "김정은", "a\x00b", string([]byte{0xff}))
	for _, s := range cases {
		for _, required := range []bool{false, true} {
			for _, max := range []int{0, 1, 4096} {
				if got, want := checkText(s, max, required), checkTextFull(s, max, required); got != want {
					t.Errorf("checkText(%q, %d, %v) = %q, full check %q", s, max, required, got, want)
				}
				if got, want := checkID(s, max, required), checkIDFull(s, max, required); got != want {
					t.Errorf("checkID(%q, %d, %v) = %q, full check %q", s, max, required, got, want)
				}
			}
		}
	}
}
