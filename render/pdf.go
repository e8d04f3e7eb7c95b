package render

import (
	"encoding/json"
	"fmt"
	"image/color"
	"io"
	"math"
	"os"
	"strings"
	"time"

	"codeberg.org/go-pdf/fpdf"
	"github.com/flopp/go-findfont"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"
)

// PDF is painted here from Graphviz's JSON layout, like PNG (see png.go):
// go-graphviz v0.2.10 is built to WebAssembly without cairo and writes no
// PDF. The painter replays the same xdot operations with
// codeberg.org/go-pdf/fpdf v0.12.0 (the maintained fork of jung-kurt's
// gofpdf), which draws lines and curves as vectors and text as text in an
// embedded, subset TrueType font with a ToUnicode map, so pdftotext and a
// reader's search find every name. fpdf embeds TrueType outlines only, so
// text is set in DejaVu Sans (Latin, Greek, Cyrillic; Debian's
// fonts-dejavu-core) when the system has it, else in Go's built-in font
// (Latin only); $RELGRAPH_PDF_FONT names a .ttf to use instead. Noto Sans
// CJK, which PNG uses for Hangul, has CFF outlines that fpdf cannot embed:
// Hangul in a PDF needs a TrueType font with Hangul named by
// $RELGRAPH_PDF_FONT.
//
// The same graph and options give the same bytes: the creation date is
// fixed and the catalogue sorted.

// pdfDate is the creation date written into every PDF, so that output is
// reproducible.
var pdfDate = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

// pdfFonts returns the TrueType data of the regular and bold text fonts
// and a name for the report.
func pdfFonts() (regular, bold []byte, name string) {
	if p := os.Getenv("RELGRAPH_PDF_FONT"); p != "" {
		if r, err := os.ReadFile(p); err == nil {
			b, err := os.ReadFile(strings.Replace(p, "Regular", "Bold", 1))
			if err != nil {
				b = r
			}
			return r, b, p
		}
	}
	if rp, err := findfont.Find("DejaVuSans.ttf"); err == nil {
		if r, err := os.ReadFile(rp); err == nil {
			b := r
			if bp, err := findfont.Find("DejaVuSans-Bold.ttf"); err == nil {
				if x, err := os.ReadFile(bp); err == nil {
					b = x
				}
			}
			return r, b, rp
		}
	}
	return goregular.TTF, gobold.TTF, "Go Regular (built in)"
}

// PDFFontName returns the font file PDF text is set in, for reports and
// tests.
func PDFFontName() string {
	_, _, name := pdfFonts()
	return name
}

type pdfPainter struct {
	f         *fpdf.Fpdf
	scale     float64
	ox, oy    float64 // page position of layout point (llx, ury)
	llx, ury  float64
	pen, fill color.Color
	dash      []float64
	lineWidth float64
	fontSize  float64
	bold      bool
}

func paintPDF(w io.Writer, js []byte, o Options) error {
	var g xdotGraph
	if err := json.Unmarshal(js, &g); err != nil {
		return fmt.Errorf("render: reading graphviz layout: %w", err)
	}
	var llx, lly, urx, ury float64
	if _, err := fmt.Sscanf(g.BB, "%g,%g,%g,%g", &llx, &lly, &urx, &ury); err != nil {
		return fmt.Errorf("render: graphviz layout has no bounding box")
	}
	bw, bh := urx-llx+2*pngPad, ury-lly+2*pngPad
	s := o.fitScale(bw, bh)
	pw, ph, paged := o.paper()
	if !paged {
		pw, ph = bw, bh
	}
	f := fpdf.NewCustom(&fpdf.InitType{UnitStr: "pt", Size: fpdf.SizeType{Wd: pw, Ht: ph}, OrientationStr: "P"})
	f.SetCompression(true)
	f.SetCatalogSort(true)
	f.SetCreationDate(pdfDate)
	f.SetModificationDate(pdfDate)
	f.SetProducer("relgraph", true)
	f.SetTitle(o.Title, true)
	f.SetMargins(0, 0, 0)
	f.SetAutoPageBreak(false, 0)
	reg, bold, _ := pdfFonts()
	f.AddUTF8FontFromBytes("text", "", reg)
	f.AddUTF8FontFromBytes("text", "B", bold)
	f.AddPage()
	p := &pdfPainter{f: f, scale: s, llx: llx - pngPad, ury: ury + pngPad,
		ox: (pw - bw*s) / 2, oy: (ph - bh*s) / 2, pen: color.Black, fill: color.Black, lineWidth: 1, fontSize: 14}
	p.ops(g.Draw)
	for _, obj := range g.Objects {
		if obj.Nodes != nil {
			p.ops(obj.Draw)
			p.ops(obj.LDraw)
		}
	}
	for _, e := range g.Edges {
		for _, ops := range [][]xdotOp{e.Draw, e.HDraw, e.TDraw, e.LDraw, e.HLDraw, e.TLDraw} {
			p.ops(ops)
		}
	}
	for _, obj := range g.Objects {
		if obj.Nodes == nil {
			p.ops(obj.Draw)
			p.ops(obj.LDraw)
		}
	}
	p.ops(g.LDraw)
	if err := f.Error(); err != nil {
		return fmt.Errorf("render: writing PDF: %w", err)
	}
	return f.Output(w)
}

func (p *pdfPainter) x(v float64) float64 { return p.ox + (v-p.llx)*p.scale }
func (p *pdfPainter) y(v float64) float64 { return p.oy + (p.ury-v)*p.scale }

func (p *pdfPainter) ops(ops []xdotOp) {
	p.dash, p.lineWidth = nil, 1
	for i := range ops {
		p.op(&ops[i])
	}
}

func (p *pdfPainter) op(o *xdotOp) {
	f := p.f
	switch o.Op {
	case "c":
		p.pen = opColor(o)
	case "C":
		p.fill = opColor(o)
	case "S":
		p.style(o.Style)
	case "F":
		p.fontSize, p.bold = o.Size, strings.Contains(strings.ToLower(o.Face), "bold")
	case "t":
		p.bold = o.Fontchar&1 != 0
	case "E", "e":
		if len(o.Rect) == 4 {
			if p.begin(o.Op == "E") {
				f.Ellipse(p.x(o.Rect[0]), p.y(o.Rect[1]), o.Rect[2]*p.scale, o.Rect[3]*p.scale, 0, p.mode(o.Op == "E"))
			}
		}
	case "P", "p", "L":
		if len(o.Points) == 0 || !p.begin(o.Op == "P") {
			return
		}
		f.MoveTo(p.x(o.Points[0][0]), p.y(o.Points[0][1]))
		for _, pt := range o.Points[1:] {
			f.LineTo(p.x(pt[0]), p.y(pt[1]))
		}
		if o.Op != "L" {
			f.ClosePath()
		}
		f.DrawPath(p.mode(o.Op == "P"))
	case "B", "b":
		// "b" is an edge's open curve, "B" a filled shape (see png.go).
		pts := o.Points
		if len(pts) < 4 || !p.begin(o.Op == "B") {
			return
		}
		f.MoveTo(p.x(pts[0][0]), p.y(pts[0][1]))
		for i := 1; i+2 < len(pts); i += 3 {
			f.CurveBezierCubicTo(p.x(pts[i][0]), p.y(pts[i][1]), p.x(pts[i+1][0]), p.y(pts[i+1][1]), p.x(pts[i+2][0]), p.y(pts[i+2][1]))
		}
		f.DrawPath(p.mode(o.Op == "B"))
	case "T":
		p.text(o)
	}
}

// begin sets the colours and pen for a shape, and reports whether there
// is anything to draw.
func (p *pdfPainter) begin(filled bool) bool {
	stroke := p.lineWidth > 0 && !transparent(p.pen)
	if !stroke && !(filled && !transparent(p.fill)) {
		return false
	}
	r, g, b := rgb8(p.pen)
	p.f.SetDrawColor(r, g, b)
	r, g, b = rgb8(p.fill)
	p.f.SetFillColor(r, g, b)
	p.f.SetLineWidth(max(p.lineWidth, 0) * p.scale)
	d := make([]float64, len(p.dash))
	for i, v := range p.dash {
		d[i] = v * p.scale
	}
	p.f.SetDashPattern(d, 0)
	return true
}

// mode is fpdf's paint style: stroke, fill or both.
func (p *pdfPainter) mode(filled bool) string {
	stroke := p.lineWidth > 0 && !transparent(p.pen)
	fill := filled && !transparent(p.fill)
	switch {
	case stroke && fill:
		return "FD"
	case fill:
		return "F"
	}
	return "D"
}

func (p *pdfPainter) style(s string) {
	switch {
	case s == "dashed":
		p.dash = []float64{5, 2}
	case s == "dotted":
		p.dash = []float64{1, 3}
	case s == "solid":
		p.dash = nil
	case s == "bold":
		p.lineWidth = 2
	case s == "invis":
		p.lineWidth = 0
	case strings.HasPrefix(s, "setlinewidth("):
		var v float64
		if _, err := fmt.Sscanf(s, "setlinewidth(%g)", &v); err == nil {
			p.lineWidth = v
		}
	}
}

// text sets a label line at its baseline, shrunk to the width Graphviz
// measured when our font sets it wider.
func (p *pdfPainter) text(o *xdotOp) {
	if len(o.Pt) < 2 || o.Text == "" {
		return
	}
	f := p.f
	style := ""
	if p.bold {
		style = "B"
	}
	size := p.fontSize * p.scale
	f.SetFont("text", style, size)
	w := f.GetStringWidth(o.Text)
	if want := o.Width * p.scale; want > 0 && w > want*1.04 {
		size = math.Max(size*want/w, 2)
		f.SetFont("text", style, size)
		w = f.GetStringWidth(o.Text)
	}
	x := p.x(o.Pt[0])
	switch o.Align {
	case "c":
		x -= w / 2
	case "r":
		x -= w
	}
	r, g, b := rgb8(p.pen)
	f.SetTextColor(r, g, b)
	f.Text(x, p.y(o.Pt[1]), o.Text)
}

func rgb8(c color.Color) (r, g, b int) {
	R, G, B, A := c.RGBA()
	if A == 0 {
		return 255, 255, 255
	}
	// un-premultiply over white, as the PDF has no alpha here
	mix := func(v uint32) int { return int((v + (0xFFFF - A)) >> 8) }
	return mix(R), mix(G), mix(B)
}
