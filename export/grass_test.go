package export_test

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/relgraph/relgraph/export"
	"github.com/relgraph/relgraph/graph"
	"github.com/relgraph/relgraph/render"
)

func TestGrassGolden(t *testing.T) {
	var buf bytes.Buffer
	if err := export.NewGrassEncoder(&buf).Encode(graph.New(graph.DefaultSchema(), nil, nil, nil)); err != nil {
		t.Fatal(err)
	}
	golden(t, "default.grass", buf.Bytes())
	if strings.Count(buf.String(), "{\n") != strings.Count(buf.String(), "}\n") {
		t.Error("unbalanced braces")
	}
}

// The Browser style uses the diagrams' palette: the diagrams fill a node
// with a 45% tint of the kind's colour and outline it with an 80% shade.
func TestGrassMatchesDiagramPalette(t *testing.T) {
	for _, k := range render.Kinds {
		c := export.KindColour(k)
		var r, g, b uint8
		fmt.Sscanf(c, "#%02x%02x%02x", &r, &g, &b)
		tint := func(v uint8) uint8 { return uint8(float64(v)*0.45 + 255*0.55 + 0.5) }
		shade := func(v uint8) uint8 { return uint8(float64(v)*0.8 + 0.5) }
		st := render.KindStyle(k)
		if fill := fmt.Sprintf("#%02X%02X%02X", tint(r), tint(g), tint(b)); !strings.EqualFold(fill, st.Fill) {
			t.Errorf("%s: grass colour %s tints to %s, the diagrams fill with %s", k, c, fill, st.Fill)
		}
		if stroke := fmt.Sprintf("#%02X%02X%02X", shade(r), shade(g), shade(b)); !strings.EqualFold(stroke, st.Stroke) {
			t.Errorf("%s: grass colour %s shades to %s, the diagrams outline with %s", k, c, stroke, st.Stroke)
		}
	}
}
