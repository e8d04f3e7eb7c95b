package render

import (
	"bytes"
	"strings"
	"unicode/utf8"
)

// Graphviz reads user text in three places, and each gets its own escaping
// so that the text is drawn as given. Graphviz replaces \N, \G, \E, \H,
// \T and \L in labels and tooltips by the names of the node, graph, edge,
// head, tail and label ("Ali \N bin \G" would read "Ali kim bin relgraph"),
// so every backslash is escaped; TestBackslashes checks the result in the
// SVG of both go-graphviz and native dot.
//
// Quoted strings (node ids) are written with XML character references
// instead of backslashes: the DOT lexer cannot express a string that ends
// in a backslash. Graphviz's SVG writer passes references through
// unchanged, so "&#92;" shows as "\" and "&amp;" as "&". Ids are names,
// never expanded.
//
// Tooltips (graph, cluster, node, edge) go through two more steps after
// the DOT lexer: Graphviz decodes the references, removes one level of
// backslash escapes ("\\" becomes "\", "\x" becomes "x"), then expands
// \N and the others, where "\\" becomes "\" again. So a backslash is
// written as four, each a reference: "&#92;&#92;&#92;&#92;".
//
// HTML-like labels (every visible label, the title and the caption) are
// XML text: &, < and > become references, and characters XML forbids are
// dropped. Graphviz decodes the references and then expands \N and the
// others, where "\\" becomes "\"; so a backslash is written as two.

// pngBackslash stands for a backslash in the DOT laid out for a PNG, which
// reads its text from Graphviz's JSON layout: the Graphviz in go-graphviz
// escapes backslashes in that text once more than JSON does, and loses some
// in runs of them. The painter draws it as a backslash again.
const pngBackslash = "\uE05C"

// pngDOT returns the DOT for a PNG layout: every backslash is pngBackslash.
// The only backslashes in relgraph's DOT are the doubled ones of htmlText
// (quoted strings hold references instead).
func pngDOT(dot []byte) []byte {
	return bytes.ReplaceAll(dot, []byte(`\\`), []byte(pngBackslash))
}

// quoteTooltip returns s as a DOT quoted string for a tooltip.
func quoteTooltip(s string) string { return quote(s, "&#92;&#92;&#92;&#92;") }

// quoteText returns s as a DOT quoted string.
func quoteText(s string) string { return quote(s, "&#92;") }

// quote returns s as a DOT quoted string, writing each backslash as
// backslash.
func quote(s, backslash string) string {
	var b strings.Builder
	b.Grow(len(s) + 2)
	b.WriteByte('"')
	for i, r := range clean(s) {
		switch r {
		case '%':
			// Graphviz takes a name starting with % for an anonymous
			// object's internal id.
			if i == 0 {
				b.WriteString("&#37;")
			} else {
				b.WriteRune(r)
			}
		case '&':
			b.WriteString("&amp;")
		case '"':
			b.WriteString("&quot;")
		case '\\':
			b.WriteString(backslash)
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '\n':
			b.WriteString("&#10;")
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// htmlText returns s as text inside an HTML-like label. A newline in s
// becomes a space: labels break lines only where render chooses. A
// backslash is doubled, so that Graphviz draws it as one.
func htmlText(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range clean(s) {
		switch r {
		case '&':
			b.WriteString("&amp;")
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '"':
			b.WriteString("&quot;")
		case '\\':
			b.WriteString(`\\`)
		case '\n':
			b.WriteByte(' ')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// clean returns s as valid UTF-8 holding only characters XML allows, with
// tabs and carriage returns as spaces. Newlines are kept.
func clean(s string) string {
	ok := utf8.ValidString(s)
	for i := 0; ok && i < len(s); i++ {
		if c := s[i]; c < 0x20 && c != '\n' || c == 0xEF {
			ok = false
		}
	}
	if ok {
		return s
	}
	var b strings.Builder
	for _, r := range strings.ToValidUTF8(s, "\uFFFD") {
		switch {
		case r == '\t' || r == '\r':
			b.WriteByte(' ')
		case r < 0x20 && r != '\n', r == 0xFFFE, r == 0xFFFF:
			// not allowed in XML 1.0
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// truncate cuts s to at most n runes, marking the cut with an ellipsis.
func truncate(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}

// wrapLabel returns s as HTML-like label text broken into lines of about
// width characters at spaces, so long event and allegation names make
// tall nodes rather than very wide ones.
func wrapLabel(s string, width int) string {
	words := strings.Fields(clean(s))
	if len(words) == 0 {
		return htmlText(s)
	}
	var b strings.Builder
	line := 0
	for i, w := range words {
		n := utf8.RuneCountInString(w)
		if i > 0 {
			if line+1+n > width {
				b.WriteString("<br/>")
				line = 0
			} else {
				b.WriteByte(' ')
				line++
			}
		}
		b.WriteString(htmlText(w))
		line += n
	}
	return b.String()
}
