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

// Err returns ps as an error, or nil when there are none.
func (ps Problems) Err() error {
	if len(ps) == 0 {
		return nil
	}
	return ps
}
