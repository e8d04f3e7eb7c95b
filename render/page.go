package render

import (
	"fmt"
	"strings"
)

// Views lists the values of Options.View other than "".
var Views = []string{"graph", "timeline"}

// page is a paper size in points, portrait.
type page struct {
	name string
	w, h float64
}

// pages are the paper sizes of --page (ISO 216 and US Letter).
var pages = []page{
	{"a4", 595.28, 841.89},
	{"letter", 612, 792},
	{"a3", 841.89, 1190.55},
}

// pageMargin is the margin left on each side of a page, in points
// (10 mm): printers do not reach the edge.
const pageMargin = 28.35

func pageNames() []string {
	out := []string{"none"}
	for _, p := range pages {
		out = append(out, p.name)
	}
	return out
}

// paper returns the page size of o in points, turned for o's
// orientation, and false when o asks for none.
func (o Options) paper() (w, h float64, ok bool) {
	name := strings.ToLower(o.Page)
	for _, p := range pages {
		if p.name == name {
			if o.Portrait {
				return p.w, p.h, true
			}
			return p.h, p.w, true
		}
	}
	return 0, 0, false
}

// printArea returns the part of o's page the drawing may fill, in points.
func (o Options) printArea() (w, h float64, ok bool) {
	w, h, ok = o.paper()
	return w - 2*pageMargin, h - 2*pageMargin, ok
}

// sizeAttr returns the Graphviz size attribute (inches) that makes the
// drawing fit o's page, or "" for none. Graphviz scales a larger drawing
// down to fit and leaves a smaller one as it is.
func (o Options) sizeAttr() string {
	w, h, ok := o.printArea()
	if !ok {
		return ""
	}
	return fmt.Sprintf(`"%.2f,%.2f"`, w/72, h/72)
}

// fitScale is the factor by which a layout of w × h points is drawn on
// o's page: at most 1, as Graphviz's size does.
func (o Options) fitScale(w, h float64) float64 {
	pw, ph, ok := o.printArea()
	if !ok || w <= 0 || h <= 0 {
		return 1
	}
	return min(1, pw/w, ph/h)
}
