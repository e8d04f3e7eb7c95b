package render

import (
	"encoding/json"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/fogleman/gg"
	"golang.org/x/image/font"
)

// PNG is painted here rather than by go-graphviz's own image renderer,
// which fills edge curves as shapes, drops outlines, dashes and cluster
// boxes, and draws every label with one font chosen by name (boxes for
// Hangul). Graphviz lays the graph out and writes its drawing operations
// as JSON (xdot ops: "_draw_", "_ldraw_", …); paintPNG replays them with
// gg, at Options.Scale pixels per point, and draws text with the font
// chain of font.go.

type xdotGraph struct {
	BB      string     `json:"bb"`
	Draw    []xdotOp   `json:"_draw_"`
	LDraw   []xdotOp   `json:"_ldraw_"`
	Objects []xdotElem `json:"objects"`
	Edges   []xdotElem `json:"edges"`
}

type xdotElem struct {
	Nodes  []int    `json:"nodes"` // set on clusters
	Draw   []xdotOp `json:"_draw_"`
	LDraw  []xdotOp `json:"_ldraw_"`
	HDraw  []xdotOp `json:"_hdraw_"`
	TDraw  []xdotOp `json:"_tdraw_"`
	HLDraw []xdotOp `json:"_hldraw_"`
	TLDraw []xdotOp `json:"_tldraw_"`
}

type xdotOp struct {
	Op       string       `json:"op"`
	Grad     string       `json:"grad"`
	Color    string       `json:"color"`
	Stops    []xdotStop   `json:"stops"`
	Points   [][2]float64 `json:"points"`
	Rect     []float64    `json:"rect"`
	Pt       []float64    `json:"pt"`
	Align    string       `json:"align"`
	Width    float64      `json:"width"`
	Text     string       `json:"text"`
	Size     float64      `json:"size"`
	Face     string       `json:"face"`
	Style    string       `json:"style"`
	Fontchar int          `json:"fontchar"`
}

type xdotStop struct {
	Frac  float64 `json:"frac"`
	Color string  `json:"color"`
}

// painter holds the drawing state of the xdot ops.
type painter struct {
	c         *gg.Context
	scale     float64
	pad       float64
	height    float64 // of the layout, in points
	offX      float64 // where the layout's origin is on the canvas, in pixels
	offY      float64
	pen, fill color.Color
	dash      []float64
	lineWidth float64
	fontSize  float64
	bold      bool
	faces     map[string]font.Face
	err       error
}

// pngPad is the margin around the layout, in points; the DOT asks for pad
// already, this only keeps antialiased edges off the border.
const pngPad = 2

// maxAutoPixels is the longest side of a PNG when no scale is given:
// enough for print, small enough to encode in a second or two.
const maxAutoPixels = 6000

// maxPNGPixels bounds the canvas (about 400 MB of RGBA) so a huge graph
// fails with a message instead of exhausting memory.
const maxPNGPixels = 100_000_000

func paintPNG(w io.Writer, js []byte, o Options) error {
	var g xdotGraph
	if err := json.Unmarshal(js, &g); err != nil {
		return fmt.Errorf("render: reading graphviz layout: %w", err)
	}
	var llx, lly, urx, ury float64
	if _, err := fmt.Sscanf(g.BB, "%g,%g,%g,%g", &llx, &lly, &urx, &ury); err != nil {
		return fmt.Errorf("render: graphviz layout has no bounding box")
	}
	bw, bh := urx-llx+2*pngPad, ury-lly+2*pngPad
	s := o.Scale
	if s == 0 {
		s = min(2, maxAutoPixels/max(urx-llx, ury-lly, 1))
	}
	// On a page, the canvas is the page at s pixels per point, the
	// drawing scaled to fit its print area and centred.
	pw, ph, paged := o.paper()
	if !paged {
		pw, ph = bw, bh
	}
	fit := o.fitScale(bw, bh)
	wpx, hpx := int(math.Ceil(pw*s)), int(math.Ceil(ph*s))
	offX, offY := (pw-bw*fit)/2*s, (ph-bh*fit)/2*s
	s *= fit
	if wpx*hpx > maxPNGPixels {
		return fmt.Errorf("render: the PNG would be %d×%d pixels: lower --scale, select less, or use SVG", wpx, hpx)
	}
	loadFonts()
	p := &painter{c: gg.NewContext(wpx, hpx), scale: s, pad: pngPad - llx, height: ury + pngPad, offX: offX, offY: offY,
		pen: color.Black, fill: color.Black, lineWidth: 1, fontSize: 14, faces: map[string]font.Face{}}
	p.c.SetColor(color.White)
	p.c.Clear()
	p.ops(g.Draw)
	// Clusters first, then edges, then nodes over them (outputorder=edgesfirst).
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
	if p.err != nil {
		return p.err
	}
	if rgba, ok := p.c.Image().(*image.RGBA); ok {
		return encodePNG(w, rgba)
	}
	enc := png.Encoder{CompressionLevel: png.BestSpeed}
	return enc.Encode(w, p.c.Image())
}

func (p *painter) x(v float64) float64 { return p.offX + (v+p.pad)*p.scale }
func (p *painter) y(v float64) float64 { return p.offY + (p.height-v)*p.scale }

// ops replays one object's operations. Pen style does not carry over
// from one object to the next.
func (p *painter) ops(ops []xdotOp) {
	p.dash, p.lineWidth = nil, 1
	for i := range ops {
		p.op(&ops[i])
	}
}

func (p *painter) op(o *xdotOp) {
	c := p.c
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
			c.DrawEllipse(p.x(o.Rect[0]), p.y(o.Rect[1]), o.Rect[2]*p.scale, o.Rect[3]*p.scale)
			p.finish(o.Op == "E")
		}
	case "P", "p", "L":
		if len(o.Points) == 0 {
			return
		}
		c.NewSubPath()
		for _, pt := range o.Points {
			c.LineTo(p.x(pt[0]), p.y(pt[1]))
		}
		if o.Op != "L" {
			c.ClosePath()
		}
		p.finish(o.Op == "P")
	case "B", "b":
		// Graphviz's JSON writer (12.1.2, in go-graphviz v0.2.10) swaps the
		// two: "b" is an edge's open curve, "B" a filled rounded shape; its
		// xdot text has them the right way round.
		pts := o.Points
		if len(pts) < 4 {
			return
		}
		c.NewSubPath()
		c.MoveTo(p.x(pts[0][0]), p.y(pts[0][1]))
		for i := 1; i+2 < len(pts); i += 3 {
			c.CubicTo(p.x(pts[i][0]), p.y(pts[i][1]), p.x(pts[i+1][0]), p.y(pts[i+1][1]), p.x(pts[i+2][0]), p.y(pts[i+2][1]))
		}
		p.finish(o.Op == "B")
	case "T":
		p.text(o)
	}
}

// finish fills (when filled) and strokes the current path.
func (p *painter) finish(filled bool) {
	c := p.c
	if filled {
		c.SetColor(p.fill)
		c.FillPreserve()
	}
	if p.lineWidth > 0 && !transparent(p.pen) {
		c.SetColor(p.pen)
		c.SetLineWidth(p.lineWidth * p.scale)
		if len(p.dash) > 0 {
			d := make([]float64, len(p.dash))
			for i, v := range p.dash {
				d[i] = v * p.scale
			}
			c.SetDash(d...)
		} else {
			c.SetDash()
		}
		c.Stroke()
	}
	c.ClearPath()
}

func (p *painter) style(s string) {
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
		if v, err := strconv.ParseFloat(strings.TrimSuffix(strings.TrimPrefix(s, "setlinewidth("), ")"), 64); err == nil {
			p.lineWidth = v
		}
	}
}

// drawn returns the text of a text op as the PNG draws it.
func (o *xdotOp) drawn() string { return strings.ReplaceAll(o.Text, pngBackslash, `\`) }

// text draws a label line at its baseline. Graphviz sized the line with
// its own metrics; when our font draws it wider, it is drawn smaller so
// it still fits the shape Graphviz made for it.
func (p *painter) text(o *xdotOp) {
	if len(o.Pt) < 2 || o.Text == "" {
		return
	}
	text := o.drawn()
	size := p.fontSize * p.scale
	face := p.face(size)
	if face == nil {
		return
	}
	w := font.MeasureString(face, text).Round()
	if want := o.Width * p.scale; want > 0 && float64(w) > want*1.04 {
		size = math.Max(size*want/float64(w), 4)
		face = p.face(size)
		w = font.MeasureString(face, text).Round()
	}
	x := p.x(o.Pt[0])
	switch o.Align {
	case "c":
		x -= float64(w) / 2
	case "r":
		x -= float64(w)
	}
	p.c.SetFontFace(face)
	p.c.SetColor(p.pen)
	p.c.DrawString(text, x, p.y(o.Pt[1]))
}

func (p *painter) face(size float64) font.Face {
	weight := "Regular"
	if p.bold {
		weight = "Bold"
	}
	key := fmt.Sprintf("%s:%.2f", weight, size)
	if f, ok := p.faces[key]; ok {
		return f
	}
	f, err := newChainFace(fontsBy[weight], size)
	if err != nil {
		p.err = err
		return nil
	}
	p.faces[key] = f
	return f
}

func opColor(o *xdotOp) color.Color {
	s := o.Color
	if o.Grad != "" && o.Grad != "none" && len(o.Stops) > 0 {
		s = o.Stops[0].Color
	}
	return parseColor(s)
}

func parseColor(s string) color.Color {
	switch strings.ToLower(s) {
	case "black":
		return color.Black
	case "white":
		return color.White
	case "", "none", "transparent":
		return color.Transparent
	}
	if !strings.HasPrefix(s, "#") || (len(s) != 7 && len(s) != 9) {
		return color.Black
	}
	v, err := strconv.ParseUint(s[1:], 16, 32)
	if err != nil {
		return color.Black
	}
	if len(s) == 7 {
		return color.NRGBA{uint8(v >> 16), uint8(v >> 8), uint8(v), 255}
	}
	return color.NRGBA{uint8(v >> 24), uint8(v >> 16), uint8(v >> 8), uint8(v)}
}

func transparent(c color.Color) bool {
	_, _, _, a := c.RGBA()
	return a == 0
}
