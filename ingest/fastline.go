package ingest

import (
	"encoding/binary"
	"math/bits"
	"strconv"
	"strings"
	"unsafe"
)

// fastLine decodes the common shape of a JSON Lines record without
// reflection: an object whose values are plain strings (no escapes),
// numbers, null, a list of plain strings (aliases) or a list of citation
// objects. It reports false on anything else (escapes, props, unknown or
// misplaced keys, odd spacing it does not expect), and the caller then
// decodes the line with encoding/json, which gives the same result or the
// error message. Every string is a view of ln, which must not change while
// they are in use: the caller copies what it keeps (see lineDecoder).
//
// It exists because decoding dominates the time to read millions of
// relations (see BENCHMARKS.md); it accepts a strict subset of JSON.
func fastLine(ln []byte, r *lineRec) bool { return fastLineScratch(ln, r, nil) }

// fastLineScratch is fastLine reusing the memory of sc for the citations
// list and the confidence of r, which then hold only until the next call.
func fastLineScratch(ln []byte, r *lineRec, sc *scratch) bool {
	if plainLine(ln) < len(ln) {
		return false // an escape or a control character: the slow path decides
	}
	return fastPlainLine(ln, r, sc)
}

// fastPlainLine is fastLineScratch for a line plainLine found plain. The
// object's keys and string values, nearly all of a line, are read with a
// local offset (held in a register); lists and numbers by fastParser.
func fastPlainLine(ln []byte, r *lineRec, sc *scratch) bool {
	s := unsafe.String(unsafe.SliceData(ln), len(ln)) // no copy: fields are views
	i := spaces(s, 0)
	if i == len(s) || s[i] != '{' {
		return false
	}
	if i = spaces(s, i+1); i < len(s) && s[i] == '}' {
		return spaces(s, i+1) == len(s)
	}
	var seen uint32 // keys given so far: a duplicate is for the slow path to report
	for {
		k, j := keyAt(s, i)
		if k < 0 {
			return false // props, or an unknown key: the slow path decides
		}
		if i = spaces(s, j); i == len(s) || s[i] != ':' {
			return false
		}
		i = spaces(s, i+1)
		bit := uint32(1) << k
		var dst *string // a string field
		switch k {
		case keyRecord:
			dst = &r.Record
		case keyID:
			dst = &r.ID
		case keyKind:
			dst = &r.Kind
		case keyName:
			dst = &r.Name
		case keyFrom:
			dst = &r.From
		case keyTo:
			dst = &r.To
		case keyType:
			dst = &r.Type
		case keyDate:
			dst = &r.Date
		case keyUntil:
			dst = &r.Until
		case keyStatus:
			dst = &r.Status
		case keyFile:
			dst = &r.File
		case keyTitle:
			dst = &r.Title
		case keyOutlet:
			dst = &r.Outlet
		case keyAuthor:
			dst = &r.Author
		case keyURL:
			dst = &r.URL
		}
		if seen&bit != 0 {
			return false
		}
		seen |= bit
		if dst != nil {
			switch {
			case i < len(s) && s[i] == '"':
				var ok bool
				if *dst, i, ok = quoted(s, i); !ok {
					return false
				}
			case strings.HasPrefix(s[i:], "null"):
				*dst, i = "", i+4
			default:
				return false
			}
		} else {
			p := fastParser{s: s, i: i, sc: sc}
			var ok bool
			switch k {
			case keyConfidence:
				ok = p.number(&r.Confidence)
			case keyAliases:
				ok = p.strList(&r.Aliases)
			default:
				ok = p.cites(&r.Sources)
			}
			if !ok {
				return false
			}
			i = p.i
		}
		if i = spaces(s, i); i == len(s) {
			return false
		}
		switch s[i] {
		case ',':
			i = spaces(s, i+1)
		case '}':
			return spaces(s, i+1) == len(s)
		default:
			return false
		}
	}
}

// The keys of a JSON Lines record, numbered for keyAt.
const (
	keyRecord = iota
	keyID
	keyKind
	keyName
	keyFrom
	keyTo
	keyType
	keyDate
	keyUntil
	keyStatus
	keyFile
	keyTitle
	keyOutlet
	keyAuthor
	keyURL
	keyConfidence
	keyAliases
	keySources
)

// keyAt reads the key that opens at s[i] of a plain line and returns its
// number and the offset after it, or -1 for another key (or no key). Its
// first letter picks the key it can be, and one comparison tells: no
// search for the closing quote.
func keyAt(s string, i int) (int, int) {
	if i+2 >= len(s) || s[i] != '"' {
		return -1, i
	}
	is := func(key string, k int) (int, int) {
		if next, ok := keyIs(s, i, key); ok {
			return k, next
		}
		return -1, i
	}
	switch s[i+1] {
	case 'r':
		return is("record", keyRecord)
	case 'i':
		return is("id", keyID)
	case 'k':
		return is("kind", keyKind)
	case 'n':
		return is("name", keyName)
	case 'f':
		if s[i+2] == 'r' {
			return is("from", keyFrom)
		}
		return is("file", keyFile)
	case 't':
		switch s[i+2] {
		case 'o':
			return is("to", keyTo)
		case 'y':
			return is("type", keyType)
		}
		return is("title", keyTitle)
	case 'd':
		return is("date", keyDate)
	case 'u':
		if s[i+2] == 'n' {
			return is("until", keyUntil)
		}
		return is("url", keyURL)
	case 's':
		if s[i+2] == 't' {
			return is("status", keyStatus)
		}
		return is("sources", keySources)
	case 'o':
		return is("outlet", keyOutlet)
	case 'a':
		if s[i+2] == 'u' {
			return is("author", keyAuthor)
		}
		return is("aliases", keyAliases)
	case 'c':
		return is("confidence", keyConfidence)
	}
	return -1, i
}

// spaces returns the offset of the first byte of s from i on that is not
// a space. A plain line (see plainLine) holds no other white space.
func spaces(s string, i int) int {
	for i < len(s) && s[i] == ' ' {
		i++
	}
	return i
}

// quoted reads the string that opens at s[i] of a plain line and returns
// it and the offset after it.
func quoted(s string, i int) (string, int, bool) {
	if i >= len(s) || s[i] != '"' {
		return "", i, false
	}
	n := quoteAt(s[i+1:])
	if n < 0 {
		return "", i, false
	}
	return s[i+1 : i+1+n], i + 2 + n, true
}

type fastParser struct {
	s  string
	i  int
	sc *scratch // nil: allocate
}

// scratch is memory a worker reuses from line to line: a decoded record
// is converted (and what it keeps copied) before the next is decoded.
type scratch struct {
	cites CitesRec
	conf  float64
}

// ws skips spaces. The line holds no control characters (see plainLine),
// so a space is the only white space it can hold.
func (p *fastParser) ws() {
	for p.i < len(p.s) && p.s[p.i] == ' ' {
		p.i++
	}
}

func (p *fastParser) eat(c byte) bool {
	if p.i < len(p.s) && p.s[p.i] == c {
		p.i++
		return true
	}
	return false
}

func (p *fastParser) end() bool {
	p.ws()
	return p.i == len(p.s)
}

// str reads a string. The line holds no escapes or control characters
// (see plainLine), so a string ends at the next quote.
func (p *fastParser) str() (string, bool) {
	v, next, ok := quoted(p.s, p.i)
	p.i = next
	return v, ok
}

// quoteAt returns the offset of the first '"' in s, or -1. Most strings
// are short ids and dates: eight bytes at a time, their end is found
// before a call to IndexByte would have started.
func quoteAt(s string) int {
	n := 0
	for ; n+8 <= len(s) && n < 32; n += 8 {
		x := binary.LittleEndian.Uint64(unsafe.Slice(unsafe.StringData(s[n:]), 8))
		y := x ^ (ones * '"')
		// the lowest byte flagged is exactly the first quote
		if t := (y - ones) &^ y & highs; t != 0 {
			return n + bits.TrailingZeros64(t)/8
		}
	}
	if m := strings.IndexByte(s[n:], '"'); m >= 0 {
		return n + m
	}
	return -1
}

// Eight bytes at a time: ones has a 1 in every byte, highs the top bit.
const ones, highs = 0x0101010101010101, 0x8080808080808080

// escapeBits flags (with its top bit) a byte of x below 0x20 or equal to
// '\\', and at least the lowest such byte exactly when x is ASCII; a false
// alarm above a true one, or in a byte from 0x80, only sends the line the
// longer way.
func escapeBits(x uint64) uint64 {
	y := x ^ (ones * '\\')
	return ((x-ones*0x20)&^x | (y-ones)&^y) & highs
}

// plainLine returns the offset of the first backslash or control
// character (below U+0020, tab included) in ln, or len(ln). Eight bytes
// are tested at once.
func plainLine(ln []byte) int {
	i := 0
	for ; i+8 <= len(ln); i += 8 {
		if escapeBits(binary.LittleEndian.Uint64(ln[i:])) != 0 {
			break
		}
	}
	for ; i < len(ln); i++ {
		if c := ln[i]; c < 0x20 || c == '\\' {
			return i
		}
	}
	return len(ln)
}

// plainASCII reports whether ln is ASCII without control characters or
// backslashes: valid UTF-8 without NUL, and plain (see plainLine). One
// pass, eight bytes at a time, tells the common line from the rest.
func plainASCII(ln []byte) bool {
	i := 0
	for ; i+8 <= len(ln); i += 8 {
		x := binary.LittleEndian.Uint64(ln[i:])
		if (x&highs)|escapeBits(x) != 0 {
			return false
		}
	}
	for ; i < len(ln); i++ {
		if c := ln[i]; c < 0x20 || c == '\\' || c >= 0x80 {
			return false
		}
	}
	return true
}

// key reads the key k (a string without escapes) if it comes next.
func (p *fastParser) key(k string) bool {
	next, ok := keyIs(p.s, p.i, k)
	if ok {
		p.i = next
	}
	return ok
}

// keyIs reports whether the string that opens at s[i] is k (a string
// without escapes), and returns the offset after it.
func keyIs(s string, i int, k string) (int, bool) {
	end := i + 1 + len(k)
	if end < len(s) && s[i] == '"' && s[end] == '"' && s[i+1:end] == k {
		return end + 1, true
	}
	return i, false
}

func (p *fastParser) null() bool {
	if len(p.s)-p.i >= 4 && p.s[p.i:p.i+4] == "null" {
		p.i += 4
		return true
	}
	return false
}

func (p *fastParser) strField(dst *string) bool {
	if p.null() {
		*dst = ""
		return true
	}
	v, ok := p.str()
	*dst = v
	return ok
}

// number reads a JSON number (strict grammar) into a new float.
func (p *fastParser) number(dst **float64) bool {
	if p.null() {
		*dst = nil
		return true
	}
	start := p.i
	p.eat('-')
	digits := func() int {
		n := 0
		for p.i < len(p.s) && p.s[p.i] >= '0' && p.s[p.i] <= '9' {
			p.i++
			n++
		}
		return n
	}
	if p.i < len(p.s) && p.s[p.i] == '0' {
		p.i++
	} else if digits() == 0 {
		return false
	}
	if p.eat('.') && digits() == 0 {
		return false
	}
	if p.i < len(p.s) && (p.s[p.i] == 'e' || p.s[p.i] == 'E') {
		p.i++
		if !p.eat('+') {
			p.eat('-')
		}
		if digits() == 0 {
			return false
		}
	}
	f, exact := exactDecimal(p.s[start:p.i])
	if !exact {
		var err error
		if f, err = strconv.ParseFloat(p.s[start:p.i], 64); err != nil {
			return false
		}
	}
	if p.sc != nil {
		p.sc.conf = f
		*dst = &p.sc.conf
		return true
	}
	v := f // only this copy escapes
	*dst = &v
	return true
}

// pow10 are the powers of ten a float64 holds exactly, up to 10^15.
var pow10 = [...]float64{1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15}

// exactDecimal returns what strconv.ParseFloat returns for s, a JSON
// number, when s has no exponent and at most 15 digits (confidences: 0.7,
// 0.25, 1), and reports whether it did. Such a number is m / 10^k with m
// and 10^k held exactly, and one division rounds correctly, as
// ParseFloat's own fast path does; ParseFloat's parsing is the larger
// part of its time.
func exactDecimal(s string) (float64, bool) {
	neg := s != "" && s[0] == '-'
	if neg {
		s = s[1:]
	}
	var m uint64
	digits, frac := 0, -1
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '.' && frac < 0:
			frac = 0
		case c >= '0' && c <= '9':
			m = m*10 + uint64(c-'0')
			if digits++; frac >= 0 {
				frac++
			}
		default:
			return 0, false
		}
		if digits > 15 {
			return 0, false
		}
	}
	if digits == 0 {
		return 0, false
	}
	f := float64(m) / pow10[max(frac, 0)]
	if neg {
		f = -f
	}
	return f, true
}

// list reads null (reported as false in present) or an array, calling
// item for each element with the parser on its first byte.
func (p *fastParser) list(item func() bool) (present, ok bool) {
	if p.null() {
		return false, true
	}
	if !p.eat('[') {
		return false, false
	}
	p.ws()
	if p.eat(']') {
		return true, true
	}
	for {
		p.ws()
		if !item() {
			return false, false
		}
		p.ws()
		if p.eat(']') {
			return true, true
		}
		if !p.eat(',') {
			return false, false
		}
	}
}

func (p *fastParser) strList(dst *[]string) bool {
	out := []string{}
	present, ok := p.list(func() bool {
		v, ok := p.str()
		out = append(out, v)
		return ok
	})
	if present {
		*dst = out
	} else {
		*dst = nil
	}
	return ok
}

// cites reads a list of citations: strings, or objects with id (or source)
// and quote.
func (p *fastParser) cites(dst *CitesRec) bool {
	out := CitesRec{}
	if p.sc != nil && p.sc.cites != nil {
		out = p.sc.cites[:0]
	}
	present, ok := p.list(func() bool {
		var c CiteRec
		if p.i < len(p.s) && p.s[p.i] == '"' {
			v, ok := p.str()
			if !ok {
				return false
			}
			c.ID = v
		} else if !p.citeObj(&c) {
			return false
		}
		out = append(out, c)
		return true
	})
	if p.sc != nil {
		p.sc.cites = out[:0]
	}
	if present {
		*dst = out
	} else {
		*dst = nil
	}
	return ok
}

func (p *fastParser) citeObj(c *CiteRec) bool {
	if !p.eat('{') {
		return false
	}
	var id, src string
	var seen uint8
	p.ws()
	if p.eat('}') {
		return true
	}
	for {
		p.ws()
		var (
			bit uint8
			dst *string
		)
		switch {
		case p.key("id"):
			bit, dst = 1, &id
		case p.key("quote"):
			bit, dst = 4, &c.Quote
		case p.key("source"):
			bit, dst = 2, &src
		default:
			return false
		}
		p.ws()
		if !p.eat(':') {
			return false
		}
		p.ws()
		if !p.strField(dst) || seen&bit != 0 {
			return false
		}
		seen |= bit
		p.ws()
		if p.eat('}') {
			break
		}
		if !p.eat(',') {
			return false
		}
	}
	if id != "" && src != "" && id != src {
		return false // the slow path reports it
	}
	c.ID = id
	if c.ID == "" {
		c.ID = src
	}
	return true
}
