package graph

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Limits bound what one record may hold, so that hostile input cannot make
// relgraph use unbounded memory or time. Zero fields take the defaults.
type Limits struct {
	MaxText    int // bytes in an id, name, alias or property value (default 4096)
	MaxQuote   int // bytes in a quote (default 65536)
	MaxAliases int // aliases on one entity (default 1000)
	MaxProps   int // properties on one element (default 200)
}

// DefaultLimits are the limits used when a [Builder] is given none.
var DefaultLimits = Limits{MaxText: 4096, MaxQuote: 65536, MaxAliases: 1000, MaxProps: 200}

func (l Limits) withDefaults() Limits {
	if l.MaxText <= 0 {
		l.MaxText = DefaultLimits.MaxText
	}
	if l.MaxQuote <= 0 {
		l.MaxQuote = DefaultLimits.MaxQuote
	}
	if l.MaxAliases <= 0 {
		l.MaxAliases = DefaultLimits.MaxAliases
	}
	if l.MaxProps <= 0 {
		l.MaxProps = DefaultLimits.MaxProps
	}
	return l
}

// CheckDate reports whether s is an ISO 8601 calendar date, full (2024-06-12)
// or partial (2024-06, 2024). It returns nil for a valid date.
func CheckDate(s string) error {
	digits := func(t string) bool {
		for i := 0; i < len(t); i++ {
			if t[i] < '0' || t[i] > '9' {
				return false
			}
		}
		return true
	}
	num := func(t string) int {
		n := 0
		for i := 0; i < len(t); i++ {
			n = n*10 + int(t[i]-'0')
		}
		return n
	}
	switch {
	case len(s) == 4 && digits(s):
		return nil
	case len(s) == 7 && digits(s[:4]) && s[4] == '-' && digits(s[5:]):
		if m := num(s[5:]); m < 1 || m > 12 {
			return fmt.Errorf("%q is not a calendar date", s)
		}
		return nil
	case len(s) == 10 && digits(s[:4]) && s[4] == '-' && digits(s[5:7]) && s[7] == '-' && digits(s[8:]):
		y, m, d := num(s[:4]), num(s[5:7]), num(s[8:])
		if m < 1 || m > 12 || d < 1 || d > daysIn(y, m) {
			return fmt.Errorf("%q is not a calendar date", s)
		}
		return nil
	}
	return fmt.Errorf("%q is not an ISO 8601 date (YYYY, YYYY-MM or YYYY-MM-DD)", s)
}

func daysIn(y, m int) int {
	if m == 2 && y%4 == 0 && (y%100 != 0 || y%400 == 0) {
		return 29
	}
	return monthDays[m-1]
}

// monthDays are the days of each month in a common year.
var monthDays = [12]int{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}

// DateLess reports whether partial date a starts before partial date b
// begins, comparing only the precision both share ("2023-09" is not before
// "2023-09-13").
func DateLess(a, b string) bool {
	n := len(a)
	if len(b) < n {
		n = len(b)
	}
	return a[:n] < b[:n]
}

// ValidStatus reports whether s is one of [Statuses] or empty.
func ValidStatus(s string) bool {
	if s == "" {
		return true
	}
	for _, x := range Statuses {
		if s == x {
			return true
		}
	}
	return false
}

// checkText returns a message when s is not acceptable text, or "".
func checkText(s string, max int, required bool) string {
	if len(s) <= max && plainText(s, required) {
		return ""
	}
	return checkTextFull(s, max, required)
}

// checkTextFull is checkText without the shortcut for plain text.
func checkTextFull(s string, max int, required bool) string {
	switch {
	case !utf8.ValidString(s):
		return "invalid UTF-8"
	case len(s) > max:
		return fmt.Sprintf("too long: %d bytes, the limit is %d", len(s), max)
	case required && strings.TrimSpace(s) == "":
		return "empty"
	case strings.IndexByte(s, 0) >= 0:
		return "contains a NUL byte"
	}
	return ""
}

// checkID is checkText for an id (or a reference to one): it also refuses
// the characters XML 1.0 cannot hold (control characters other than tab,
// line feed and carriage return; U+FFFE, U+FFFF). GraphML, SVG and other
// XML outputs would have to replace them, and two ids that differ only
// there would become one.
func checkID(s string, max int, required bool) string {
	if len(s) <= max && plainText(s, required) {
		return "" // printable ASCII holds none of those characters
	}
	return checkIDFull(s, max, required)
}

// checkIDFull is checkID without the shortcut for plain text.
func checkIDFull(s string, max int, required bool) string {
	if msg := checkTextFull(s, max, required); msg != "" {
		return msg
	}
	for _, r := range s {
		if r < 0x20 && r != '\t' && r != '\n' && r != '\r' || r == 0xFFFE || r == 0xFFFF {
			return fmt.Sprintf("%q holds the character U+%04X, which an id may not (XML, and so GraphML, cannot hold it)", s, r)
		}
	}
	return ""
}

// plainText reports whether s is printable ASCII (space to tilde), and not
// only spaces when required: text that every check accepts at a glance,
// which most ids, names and quotes are.
func plainText(s string, required bool) bool {
	blank := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < ' ' || c > '~' {
			return false
		}
		if c != ' ' {
			blank = false
		}
	}
	return !required || !blank
}
