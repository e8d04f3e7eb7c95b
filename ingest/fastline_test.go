package ingest

import (
	"bufio"
	"bytes"
	"math"
	"math/rand/v2"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/relgraph/relgraph/gen"
)

// The fast path must decode exactly what the reflective path decodes, and
// leave everything it does not handle to it.
func TestFastLineMatchesSlowPath(t *testing.T) {
	var buf bytes.Buffer
	if err := gen.Write(&buf, gen.Config{Seed: 7, Entities: 300, Relations: 1000}); err != nil {
		t.Fatal(err)
	}
	lines := []string{
		`{"record":"edge","from":"a","to":"b","type":"T","confidence":1e-2,"sources":["s1",{"source":"s2","quote":"q"}]}`,
		`{"id":"x","kind":"Leader","name":"김정은","aliases":[],"sources":null}`,
		`{"id":"x","kind":"Leader","name":"Владимир Путин","aliases":["a","b"] , "sources" : [ { "id" : "s" } ] }`,
		`{"record":"source","id":"s","file":"f.txt","date":"2024-06-12","url":null}`,
		`{}`,
	}
	sc := bufio.NewScanner(&buf)
	for sc.Scan() {
		lines = append(lines, sc.Text())
	}
	for _, ln := range lines {
		var fast, slow lineRec
		if !fastLine([]byte(ln), &fast) {
			t.Errorf("fast path refused %s", ln)
			continue
		}
		if !slowLine([]byte(ln), &slow, 64) {
			t.Fatalf("slow path refused %s", ln)
		}
		if !reflect.DeepEqual(fast, slow) {
			t.Errorf("fast and slow differ on %s:\nfast %+v\nslow %+v", ln, fast, slow)
		}
	}
}

func TestFastLineRefuses(t *testing.T) {
	for _, ln := range []string{
		`{"name":"a\"b"}`,                // escape
		`{"props":{"a":"b"}}`,            // props
		`{"nmae":"x"}`,                   // unknown key
		`{"confidence":01}`,              // bad number
		`{"confidence":.5}`,              // bad number
		`{"confidence":"0.5"}`,           // wrong type
		`{"name":"x"} {"name":"y"}`,      // two values
		`{"name":"x",}`,                  // trailing comma
		`{"sources":[{"id":"a","x":1}]}`, // unknown citation key
		`{"sources":[{"id":"a","source":"b"}]}`,
		"{\"name\":\"a\tb\"}", // control character
	} {
		var r lineRec
		if fastLine([]byte(ln), &r) {
			t.Errorf("fast path accepted %s", ln)
		}
	}
}

// plainASCII is exactly "ASCII, no control character, no backslash", at
// every position of the eight-byte words it tests.
func TestPlainASCII(t *testing.T) {
	want := plainASCIIByByte
	base := []byte(`{"record":"edge","id":"r1","from":"n1","to":"n2"}`)
	for _, c := range []byte{0, 1, '\t', '\n', 0x1f, ' ', '\\', '"', 0x7f, 0x80, 0xc3, 0xff, 'a'} {
		for i := 0; i < len(base); i++ {
			ln := append([]byte(nil), base...)
			ln[i] = c
			for cut := len(ln) - 9; cut <= len(ln); cut++ {
				if got := plainASCII(ln[:cut]); got != want(ln[:cut]) {
					t.Fatalf("plainASCII(%q) = %v", ln[:cut], got)
				}
			}
		}
	}
}

// exactDecimal gives ParseFloat's result, bit for bit, or leaves the
// number to it.
func TestExactDecimal(t *testing.T) {
	cases := []string{"0", "-0", "1", "0.7", "0.25", "0.1", "0.3", "1.0", "0.999999999999999", "123456789012345",
		"-0.5", "0.000000000000001", "9007199254740993", "1234567890123456", "0.1234567890123456", "1e5", "", "-", "."}
	r := rand.New(rand.NewPCG(5, 6))
	for i := 0; i < 100000; i++ {
		digits := strconv.FormatUint(r.Uint64()%uint64(math.Pow10(1+r.IntN(16))), 10)
		at := r.IntN(len(digits) + 1)
		cases = append(cases, digits[:at]+"."+digits[at:], "-"+digits, digits)
	}
	for _, c := range cases {
		got, ok := exactDecimal(c)
		want, err := strconv.ParseFloat(c, 64)
		switch {
		case ok && err != nil:
			t.Fatalf("exactDecimal(%q) = %v, ParseFloat fails: %v", c, got, err)
		case ok && math.Float64bits(got) != math.Float64bits(want):
			t.Fatalf("exactDecimal(%q) = %v (%x), ParseFloat %v (%x)", c, got, math.Float64bits(got), want, math.Float64bits(want))
		case !ok && err == nil && len(strings.TrimLeft(strings.TrimPrefix(c, "-"), "0.")) <= 12 && !strings.ContainsAny(c, "eE") && len(c) < 15:
			t.Fatalf("exactDecimal(%q) left a short decimal to ParseFloat", c)
		}
	}
}

// quoteAt finds the first quote wherever it is, or says there is none.
func TestQuoteAt(t *testing.T) {
	for n := 0; n <= 70; n++ {
		for at := -1; at < n; at++ {
			b := []byte(strings.Repeat("a\x80!~", 20)[:n])
			if at >= 0 {
				b[at] = '"'
				if at+1 < n {
					b[at+1] = '"' // a second one after it changes nothing
				}
			}
			if got := quoteAt(string(b)); got != at {
				t.Fatalf("quoteAt(%q) = %d, want %d", b, got, at)
			}
		}
	}
}

// Whatever line the fast decoder accepts, the reflective path accepts too
// and decodes to the same record; the one-pass ASCII test picks the same
// lines as the slower checks it stands for. (Lines that are not valid
// UTF-8 or hold NUL never reach either: decodeLine reports them first.)
func FuzzFastLine(f *testing.F) {
	f.Add(`{"record":"edge","id":"r1","from":"n1","to":"n2","type":"MET_WITH","date":"2024-01-02","status":"confirmed","confidence":0.25,"sources":[{"id":"s1","quote":"they met"}]}`)
	f.Add(`{"record":"node","id":"n1","kind":"Leader","name":"Kim Jong Un","aliases":["Kim Jong-un","김정은"],"sources":["s1"]}`)
	f.Add(`{"record":"source","id":"s1","file":"a.txt","title":"A \"title\"","date":"2024"}`)
	f.Add(`{ "id" : "x" , "sources" : [ { "source" : "s" } ] }`)
	f.Fuzz(func(t *testing.T, ln string) {
		b := []byte(ln)
		if !utf8.Valid(b) || bytes.IndexByte(b, 0) >= 0 {
			return
		}
		if plainASCII(b) != plainASCIIByByte(b) {
			t.Fatalf("plainASCII(%q) = %v", ln, plainASCII(b))
		}
		var fast, slow lineRec
		if !fastLine(b, &fast) {
			return
		}
		if !slowLine(b, &slow, 64) {
			t.Fatalf("fast path accepted, slow path refused: %q", ln)
		}
		if !reflect.DeepEqual(fast, slow) {
			t.Fatalf("fast and slow differ on %q:\nfast %+v\nslow %+v", ln, fast, slow)
		}
	})
}

// plainASCIIByByte is what plainASCII stands for, a byte at a time.
func plainASCIIByByte(b []byte) bool {
	for _, c := range b {
		if c < 0x20 || c == '\\' || c >= 0x80 {
			return false
		}
	}
	return true
}
