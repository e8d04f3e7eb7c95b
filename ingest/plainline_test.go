package ingest

import (
	"strings"
	"testing"
)

// plainLine's eight-bytes-at-once test must find exactly what a byte by
// byte scan finds.
func TestPlainLine(t *testing.T) {
	want := func(ln []byte) int {
		for i, c := range ln {
			if c < 0x20 || c == '\\' {
				return i
			}
		}
		return len(ln)
	}
	base := `{"record":"edge","from":"김정은","to":"Путин","type":"MET_WITH","sources":["s1"]}`
	for _, special := range []byte{0, 1, '\t', '\n', 0x1f, '\\', ' ', '!', 0x5b, 0x5d, 0x7f, 0x80, 0xff} {
		for at := 0; at <= len(base); at++ {
			ln := []byte(base[:at] + string(special) + base[at:])
			if got, w := plainLine(ln), want(ln); got != w {
				t.Fatalf("byte %#x at %d: got %d, want %d", special, at, got, w)
			}
		}
	}
	for _, ln := range []string{"", "a", strings.Repeat("x", 17), strings.Repeat("\\", 9)} {
		if got, w := plainLine([]byte(ln)), want([]byte(ln)); got != w {
			t.Errorf("%q: got %d, want %d", ln, got, w)
		}
	}
}
