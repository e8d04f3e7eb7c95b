package ingest

import (
	"bytes"
	"errors"
	"fmt"
	"sort"
	"unicode/utf8"

	"github.com/relgraph/relgraph/graph"
)

var bom = []byte{0xEF, 0xBB, 0xBF}

// lineIndex maps byte offsets of a file to 1-based line numbers.
type lineIndex []int

func newLineIndex(b []byte) lineIndex {
	idx := lineIndex{0}
	for i, c := range b {
		if c == '\n' {
			idx = append(idx, i+1)
		}
	}
	return idx
}

// line returns the line holding offset off, skipping leading white space
// from off so that an element's line is where its first token is.
func (l lineIndex) line(b []byte, off int64) int {
	o := max(0, min(int(off), len(b)))
	for o < len(b) && (b[o] == ' ' || b[o] == '\t' || b[o] == '\n' || b[o] == '\r' || b[o] == ',') {
		o++
	}
	return sort.Search(len(l), func(i int) bool { return l[i] > o })
}

// checkUTF8 reports the first invalid UTF-8 or NUL byte in b.
func checkUTF8(name string, b []byte, firstLine int) *graph.Problem {
	if utf8.Valid(b) && bytes.IndexByte(b, 0) < 0 {
		return nil
	}
	line := firstLine
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		switch {
		case r == utf8.RuneError && size <= 1:
			return &graph.Problem{Pos: graph.Pos{File: name, Line: line}, Msg: fmt.Sprintf("invalid UTF-8 at byte %d of the line", i-lineStart(b, i))}
		case r == 0:
			return &graph.Problem{Pos: graph.Pos{File: name, Line: line}, Msg: "NUL byte in input"}
		case r == '\n':
			line++
		}
		i += size
	}
	return nil
}

func lineStart(b []byte, i int) int {
	j := bytes.LastIndexByte(b[:i], '\n')
	return j + 1
}

// errTooDeep reports input nested deeper than Options.MaxDepth.
var errTooDeep = errors.New("nested too deeply")

// checkDepth returns errTooDeep with the offset where JSON text b nests
// deeper than max, ignoring brackets inside strings.
func checkDepth(b []byte, max int) (int, error) {
	depth, inStr, esc := 0, false, false
	for i, c := range b {
		switch {
		case inStr:
			switch {
			case esc:
				esc = false
			case c == '\\':
				esc = true
			case c == '"':
				inStr = false
			}
		case c == '"':
			inStr = true
		case c == '{' || c == '[':
			depth++
			if depth > max {
				return i, errTooDeep
			}
		case c == '}' || c == ']':
			depth--
		}
	}
	return 0, nil
}
