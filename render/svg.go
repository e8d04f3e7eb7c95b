package render

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"regexp"
)

// Graphviz's SVG is already escaped text and shapes; finishSVG changes it
// only in three places, each by inserting text it escapes itself with
// encoding/xml (xml.EscapeText), never by re-parsing the body:
//   - the <svg> start tag gets role="img" and aria-labelledby, and a
//     viewBox computed from width and height if Graphviz left it out;
//   - a <title> and <desc> become the first children of <svg>, where
//     screen readers and search look for them;
//   - the font family of every text names fonts that cover Latin,
//     Cyrillic and Hangul, with sans-serif last, so text stays text in
//     any browser instead of turning into missing-glyph boxes.

var (
	svgStartRE = regexp.MustCompile(`<svg\b[^>]*>`)
	svgSizeRE  = regexp.MustCompile(`\swidth="([0-9.]+)pt"\s+height="([0-9.]+)pt"`)
	fontFamRE  = regexp.MustCompile(`font-family="Helvetica,sans-Serif"`)
)

// FontFamily is the CSS font stack written into SVG text.
const FontFamily = "Helvetica,Arial,Noto Sans,Noto Sans CJK KR,Apple SD Gothic Neo,Malgun Gothic,sans-serif"

func finishSVG(w io.Writer, svg []byte, title, desc string) error {
	loc := svgStartRE.FindIndex(svg)
	if loc == nil {
		return fmt.Errorf("render: graphviz wrote no <svg> element")
	}
	start := svg[loc[0] : loc[1]-1] // without '>'
	var b bytes.Buffer
	b.Grow(len(svg) + len(desc) + 512)
	b.Write(svg[:loc[0]])
	b.Write(start)
	if !bytes.Contains(start, []byte("viewBox=")) {
		if m := svgSizeRE.FindSubmatch(start); m != nil {
			fmt.Fprintf(&b, ` viewBox="0 0 %s %s"`, m[1], m[2])
		}
	}
	b.WriteString(` role="img" aria-labelledby="relgraph-title relgraph-desc">`)
	b.WriteString("\n<title id=\"relgraph-title\">")
	xml.EscapeText(&b, []byte(title))
	b.WriteString("</title>\n<desc id=\"relgraph-desc\">")
	xml.EscapeText(&b, []byte(desc))
	b.WriteString("</desc>")
	b.Write(fontFamRE.ReplaceAll(svg[loc[1]:], []byte(`font-family="`+FontFamily+`"`)))
	_, err := w.Write(b.Bytes())
	return err
}
