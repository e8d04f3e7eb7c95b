package render

import (
	"fmt"
	"image"
	"os"
	"strings"
	"sync"

	"github.com/flopp/go-findfont"
	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

// PNG text is drawn with the first of these fonts that has each glyph:
// Noto Sans CJK (Latin, Cyrillic, Hangul and Han in one font; Debian's
// fonts-noto-cjk), then DejaVu Sans (Latin, Cyrillic, symbols; Debian's
// fonts-dejavu-core), then Go's own font, which is compiled in and covers
// Latin only. $RELGRAPH_FONT names a font file (.ttf, .otf or .ttc) to try
// first.

// cjkFiles are where systems keep Noto Sans CJK; findfont searches the
// user's and system font directories for the base names as well.
var cjkFiles = []string{
	"/usr/share/fonts/opentype/noto/NotoSansCJK-%s.ttc",     // Debian, Ubuntu
	"/usr/share/fonts/noto-cjk/NotoSansCJK-%s.ttc",          // Arch, Alpine
	"/usr/share/fonts/google-noto-cjk/NotoSansCJK-%s.ttc",   // Fedora
	"/usr/share/fonts/opentype/noto/NotoSansCJKkr-%s.otf",   // some packages
	"/System/Library/Fonts/Supplemental/NotoSansCJK-%s.ttc", // macOS, if added
	"/usr/local/share/fonts/NotoSansCJK-%s.ttc",
}

var dejavuFiles = map[string]string{"Regular": "DejaVuSans.ttf", "Bold": "DejaVuSans-Bold.ttf"}

// fontSet is the fallback chain for one weight.
type fontSet struct {
	fonts []*sfnt.Font
	names []string
}

var (
	fontsOnce sync.Once
	fontsBy   map[string]*fontSet // "Regular", "Bold"
)

// FontNames returns the font files PNG text is drawn with, in fallback
// order, for the report and for tests.
func FontNames() []string {
	loadFonts()
	return fontsBy["Regular"].names
}

func loadFonts() {
	fontsOnce.Do(func() {
		fontsBy = map[string]*fontSet{}
		for _, weight := range []string{"Regular", "Bold"} {
			fs := &fontSet{}
			if p := os.Getenv("RELGRAPH_FONT"); p != "" {
				if weight == "Bold" {
					p = strings.Replace(p, "Regular", "Bold", 1)
				}
				fs.add(p)
			}
			for _, pat := range cjkFiles {
				if fs.add(fmt.Sprintf(pat, weight)) {
					break
				}
			}
			if len(fs.fonts) == 0 {
				if p, err := findfont.Find("NotoSansCJK-" + weight + ".ttc"); err == nil {
					fs.add(p)
				}
			}
			if p, err := findfont.Find(dejavuFiles[weight]); err == nil {
				fs.add(p)
			}
			goFont := goregular.TTF
			if weight == "Bold" {
				goFont = gobold.TTF
			}
			if f, err := opentype.Parse(goFont); err == nil {
				fs.fonts = append(fs.fonts, f)
				fs.names = append(fs.names, "Go "+weight+" (built in)")
			}
			fontsBy[weight] = fs
		}
	})
}

// add loads the font file at path; from a collection it takes the Korean
// member ("… KR"), else the first. It reports whether a font was added.
func (fs *fontSet) add(path string) bool {
	data, err := os.ReadFile(path)
	if err != nil {
		return false
	}
	if c, err := opentype.ParseCollection(data); err == nil && c.NumFonts() > 1 {
		var buf sfnt.Buffer
		pick := 0
		for i := 0; i < c.NumFonts(); i++ {
			f, err := c.Font(i)
			if err != nil {
				continue
			}
			if name, err := f.Name(&buf, sfnt.NameIDFamily); err == nil && strings.HasSuffix(name, " KR") {
				pick = i
				break
			}
		}
		if f, err := c.Font(pick); err == nil {
			fs.fonts = append(fs.fonts, f)
			fs.names = append(fs.names, path)
			return true
		}
		return false
	}
	f, err := opentype.Parse(data)
	if err != nil {
		return false
	}
	fs.fonts = append(fs.fonts, f)
	fs.names = append(fs.names, path)
	return true
}

// chainFace is a font.Face that draws each rune with the first font that
// has a glyph for it.
type chainFace struct {
	fonts []*sfnt.Font
	faces []font.Face
	buf   sfnt.Buffer
}

func newChainFace(fs *fontSet, size float64) (*chainFace, error) {
	c := &chainFace{fonts: fs.fonts}
	for _, f := range fs.fonts {
		face, err := opentype.NewFace(f, &opentype.FaceOptions{Size: size, DPI: 72, Hinting: font.HintingNone})
		if err != nil {
			return nil, err
		}
		c.faces = append(c.faces, face)
	}
	if len(c.faces) == 0 {
		return nil, fmt.Errorf("render: no font to draw text with")
	}
	return c, nil
}

func (c *chainFace) pick(r rune) font.Face {
	for i, f := range c.fonts {
		if x, err := f.GlyphIndex(&c.buf, r); err == nil && x != 0 {
			return c.faces[i]
		}
	}
	return c.faces[0]
}

func (c *chainFace) Close() error { return nil }
func (c *chainFace) Glyph(dot fixed.Point26_6, r rune) (image.Rectangle, image.Image, image.Point, fixed.Int26_6, bool) {
	return c.pick(r).Glyph(dot, r)
}
func (c *chainFace) GlyphBounds(r rune) (fixed.Rectangle26_6, fixed.Int26_6, bool) {
	return c.pick(r).GlyphBounds(r)
}
func (c *chainFace) GlyphAdvance(r rune) (fixed.Int26_6, bool) { return c.pick(r).GlyphAdvance(r) }
func (c *chainFace) Kern(r0, r1 rune) fixed.Int26_6 {
	if f := c.pick(r0); f == c.pick(r1) {
		return f.Kern(r0, r1)
	}
	return 0
}
func (c *chainFace) Metrics() font.Metrics { return c.faces[0].Metrics() }
