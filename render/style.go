package render

import (
	"fmt"
	"sort"
	"strings"
)

// Kinds lists the node kinds of the default schema in legend order.
var Kinds = []string{"Leader", "Person", "State", "Agency", "Place", "Event", "Allegation", "Source"}

// Style is how nodes of one kind are drawn. Colours are "#rrggbb".
type Style struct {
	Colour string // the kind's Okabe–Ito colour, for outputs with one colour per kind
	Fill   string // background of the node: a tint of Colour
	Stroke string // outline: a shade of Colour
	Text   string // label colour, readable on Fill
	Shape  string // Graphviz shape name
}

// kindShapes and okabeIto give each kind its shape and Okabe–Ito colour.
// Fills are tints of the colour so that dark text stays readable on them.
var (
	kindShapes = map[string]string{
		"Leader": "doubleoctagon", "Person": "ellipse", "State": "box", "Agency": "component",
		"Place": "house", "Event": "note", "Allegation": "hexagon", "Source": "folder",
	}
	okabeIto = map[string]string{
		"Leader": "#E69F00", "Person": "#56B4E9", "State": "#009E73", "Agency": "#0072B2",
		"Place": "#F0E442", "Event": "#CC79A7", "Allegation": "#D55E00", "Source": "#999999",
	}
	// monoFills are grey levels far enough apart to tell kinds apart in
	// greyscale print, together with the shapes.
	monoFills = map[string]string{
		"Leader": "#BDBDBD", "Person": "#FFFFFF", "State": "#E0E0E0", "Agency": "#D0D0D0",
		"Place": "#F2F2F2", "Event": "#FFFFFF", "Allegation": "#A8A8A8", "Source": "#EBEBEB",
	}
)

// otherStyle is used for kinds of a user's schema that the palette lacks.
var otherStyle = Style{Colour: "#A5ABB6", Fill: "#EEEEEE", Stroke: "#666666", Text: "#111111", Shape: "box"}

// KindStyle returns the style of kind in the default "print" theme. Kinds
// not in [Kinds] get a neutral grey box.
func KindStyle(kind string) Style { return printTheme.kind(kind) }

// Theme is a complete set of colours for one look.
type Theme struct {
	Name       string
	Background string
	Text       string // labels, title, caption
	Edge       string // reported and confirmed relations
	Alleged    string // alleged, speculated
	Denied     string // denied relations and DENIES edges
	Cluster    Style  // state boxes (Fill, Stroke, Text)
	Font       string // Graphviz font name used for layout metrics
	kinds      func(kind string) Style
}

func (t *Theme) kind(kind string) Style {
	if _, ok := okabeIto[kind]; !ok {
		return otherStyle
	}
	return t.kinds(kind)
}

var printTheme = &Theme{
	Name: "print", Background: "#FFFFFF", Text: "#111111", Edge: "#444444",
	Alleged: "#0072B2", Denied: "#D55E00",
	Cluster: Style{Fill: "#F4F8F6", Stroke: "#009E73", Text: "#00593F"},
	Font:    "Helvetica",
	kinds: func(k string) Style {
		c := okabeIto[k]
		return Style{Colour: c, Fill: tint(c, 0.45), Stroke: shade(c, 0.8), Text: "#111111", Shape: kindShapes[k]}
	},
}

var themes = []*Theme{
	printTheme,
	{
		Name: "dark", Background: "#1E1E1E", Text: "#EEEEEE", Edge: "#BBBBBB",
		Alleged: "#56B4E9", Denied: "#FF7F3F",
		Cluster: Style{Fill: "#26332E", Stroke: "#009E73", Text: "#9AD9C4"},
		Font:    "Helvetica",
		kinds: func(k string) Style {
			return Style{Colour: okabeIto[k], Fill: okabeIto[k], Stroke: tint(okabeIto[k], 0.5), Text: "#000000", Shape: kindShapes[k]}
		},
	},
	{
		Name: "mono", Background: "#FFFFFF", Text: "#000000", Edge: "#000000",
		Alleged: "#555555", Denied: "#000000",
		Cluster: Style{Fill: "#FAFAFA", Stroke: "#000000", Text: "#000000"},
		Font:    "Helvetica",
		kinds: func(k string) Style {
			return Style{Colour: monoFills[k], Fill: monoFills[k], Stroke: "#000000", Text: "#000000", Shape: kindShapes[k]}
		},
	},
}

// Themes returns the theme names; the first is the default.
func Themes() []string {
	out := make([]string, len(themes))
	for i, t := range themes {
		out[i] = t.Name
	}
	return out
}

// ThemeNamed returns the theme called name ("" is the default).
func ThemeNamed(name string) (*Theme, error) {
	if name == "" {
		return printTheme, nil
	}
	for _, t := range themes {
		if t.Name == name {
			return t, nil
		}
	}
	return nil, fmt.Errorf("render: unknown theme %q (one of %s)", name, strings.Join(Themes(), ", "))
}

// Layouts lists the Graphviz layout engines render accepts.
var Layouts = []string{"dot", "neato", "fdp", "sfdp", "circo", "twopi"}

// RankDirs lists the values of Options.RankDir.
var RankDirs = []string{"TB", "LR", "BT", "RL"}

func checkOneOf(what, v string, allowed []string) error {
	i := sort.SearchStrings(sorted(allowed), v)
	if s := sorted(allowed); i < len(s) && s[i] == v {
		return nil
	}
	return fmt.Errorf("render: unknown %s %q (one of %s)", what, v, strings.Join(allowed, ", "))
}

func sorted(ss []string) []string {
	out := append([]string(nil), ss...)
	sort.Strings(out)
	return out
}

// tint mixes colour c with white; f is the share of c kept.
func tint(c string, f float64) string {
	r, g, b := rgb(c)
	mix := func(v uint8) uint8 { return uint8(float64(v)*f + 255*(1-f) + 0.5) }
	return fmt.Sprintf("#%02X%02X%02X", mix(r), mix(g), mix(b))
}

// shade darkens colour c; f is the share kept.
func shade(c string, f float64) string {
	r, g, b := rgb(c)
	mix := func(v uint8) uint8 { return uint8(float64(v)*f + 0.5) }
	return fmt.Sprintf("#%02X%02X%02X", mix(r), mix(g), mix(b))
}

func rgb(c string) (r, g, b uint8) {
	fmt.Sscanf(c, "#%02x%02x%02x", &r, &g, &b)
	return
}
