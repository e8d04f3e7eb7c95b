package graph

import (
	"errors"
	"fmt"
	"sort"
	"strings"
)

// ErrInvalid is wrapped by every error that reports bad input, so callers
// can tell bad input (exit 1) from other failures.
var ErrInvalid = errors.New("invalid input")

// Pos is a place in an input file. Line is 1-based; 0 means unknown.
type Pos struct {
	File string `json:"file,omitempty"`
	Line int    `json:"line,omitempty"`
}

func (p Pos) String() string {
	switch {
	case p.File == "" && p.Line == 0:
		return "<input>"
	case p.Line == 0:
		return p.File
	}
	return fmt.Sprintf("%s:%d", p.File, p.Line)
}

// Problem is one thing wrong with the input.
type Problem struct {
	Pos   Pos    `json:"pos"`
	Field string `json:"field,omitempty"` // e.g. "edges[3].from", "name"
	Msg   string `json:"message"`
	// More is set on a problem that stands for further problems of one
	// kind left out (see [Problems.Capped]): it counts them.
	More int `json:"more,omitempty"`
}

func (p Problem) Error() string {
	if p.Field == "" {
		return fmt.Sprintf("%s: %s", p.Pos, p.Msg)
	}
	return fmt.Sprintf("%s: %s: %s", p.Pos, p.Field, p.Msg)
}

// Unwrap lets errors.Is(p, ErrInvalid) hold.
func (p Problem) Unwrap() error { return ErrInvalid }

// Problems is every problem found in an input, sorted by position.
type Problems []Problem

func (ps Problems) Error() string {
	var b strings.Builder
	for i, p := range ps {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(p.Error())
	}
	return b.String()
}

// Unwrap lets errors.Is(ps, ErrInvalid) hold.
func (ps Problems) Unwrap() error { return ErrInvalid }

// Sort orders ps by file, line, field and message.
func (ps Problems) Sort() {
	sort.SliceStable(ps, func(i, j int) bool {
		a, b := ps[i], ps[j]
		if a.Pos.File != b.Pos.File {
			return a.Pos.File < b.Pos.File
		}
		if a.Pos.Line != b.Pos.Line {
			return a.Pos.Line < b.Pos.Line
		}
		if a.Field != b.Field {
			return a.Field < b.Field
		}
		return a.Msg < b.Msg
	})
}

// Count returns how many problems ps stands for, counting those a capped
// list leaves out.
func (ps Problems) Count() int {
	n := 0
	for _, p := range ps {
		n += max(1, p.More)
	}
	return n
}

// PerKind is how many problems of one kind [Problems.Capped] keeps: enough
// to show the pattern, few enough that 200,000 of them stay readable.
const PerKind = 10

// Capped returns sorted ps with at most perKind problems of each kind, a
// kind being a field and message that differ only in numbers and quoted
// values ("unknown source \"s7\"" is like "unknown source \"s9\""). The
// problems left out are counted by one problem in their place, at the first
// of them, that says "and 199,000 more like this".
func (ps Problems) Capped(perKind int) Problems {
	if len(ps) <= perKind {
		return ps
	}
	seen := map[string]int{}
	summary := map[string]int{} // kind -> index in out
	out := make(Problems, 0, min(len(ps), 4*perKind))
	for _, p := range ps {
		if p.More > 0 {
			out = append(out, p)
			continue
		}
		k := p.kind()
		seen[k]++
		switch c := seen[k]; {
		case c <= perKind:
			out = append(out, p)
		case c == perKind+1:
			summary[k] = len(out)
			out = append(out, Problem{Pos: p.Pos, Field: p.Field, More: 1})
		default:
			out[summary[k]].More++
		}
	}
	for i := range out {
		if out[i].More > 0 && out[i].Msg == "" {
			out[i].Msg = fmt.Sprintf("and %s more like this", thousands(out[i].More))
		}
	}
	return out
}

// kind is p's field and message without numbers and quoted values.
func (p Problem) kind() string {
	var b strings.Builder
	shape := func(s string) {
		digits := false
		for i := 0; i < len(s); i++ {
			c := s[i]
			switch {
			case c >= '0' && c <= '9':
				if !digits {
					b.WriteByte('#')
				}
				digits = true
				continue
			case c == '"':
				// a %q value: skip to its unescaped end
				for i++; i < len(s) && s[i] != '"'; i++ {
					if s[i] == '\\' {
						i++
					}
				}
				b.WriteString(`""`)
			default:
				b.WriteByte(c)
			}
			digits = false
		}
	}
	shape(p.Field)
	b.WriteByte(0)
	shape(p.Msg)
	return b.String()
}

// thousands writes n with commas between groups of three digits.
func thousands(n int) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0 && s[i-1] != '-'; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// Err returns ps as an error, or nil when there are none.
func (ps Problems) Err() error {
	if len(ps) == 0 {
		return nil
	}
	return ps
}
