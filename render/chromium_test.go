package render

import (
	"bytes"
	"context"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"
)

// TestChromiumScreenshot embeds the default diagram in a web page twice —
// as <img> (left) and inline <svg> (right) — has headless Chromium take a
// screenshot, and checks that both halves show a drawing. The page and
// the screenshot are kept under artifacts/render-chromium/.
func TestChromiumScreenshot(t *testing.T) {
	chromium := ""
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			chromium = p
			break
		}
	}
	if chromium == "" {
		chromium = requireTool(t, "chromium")
	}
	g := loadDataset(t)
	var svg bytes.Buffer
	if err := Write(&svg, g, SVG, Options{Title: "Russia and North Korea in the sources"}); err != nil {
		t.Fatal(err)
	}
	dir, err := filepath.Abs(filepath.Join("..", "artifacts", "render-chromium"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "diagram.svg"), svg.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	inline := svg.Bytes()[bytes.Index(svg.Bytes(), []byte("<svg")):]
	var page bytes.Buffer
	page.WriteString(`<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>relgraph diagram</title>
<style>body{margin:0;background:#fff;display:flex} .half{width:690px;margin:5px} .half img,.half svg{width:680px;height:auto}</style>
</head><body><div class="half"><img src="diagram.svg" alt="relation diagram"></div><div class="half">`)
	page.Write(inline)
	page.WriteString("</div></body></html>\n")
	html := filepath.Join(dir, "page.html")
	if err := os.WriteFile(html, page.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	shot := filepath.Join(dir, "screenshot.png")
	os.Remove(shot)
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, chromium, "--headless", "--no-sandbox", "--disable-gpu",
		"--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
		"--hide-scrollbars", "--user-data-dir="+chromiumProfile(t), "--screenshot="+shot, "--window-size=1400,1000",
		"file://"+html)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("chromium: %v\n%s", err, out)
	}
	f, err := os.Open(shot)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	b := img.Bounds()
	sub := img.(interface {
		SubImage(image.Rectangle) image.Image
	})
	left := nonWhite(sub.SubImage(image.Rect(0, 0, b.Dx()/2, b.Dy())))
	right := nonWhite(sub.SubImage(image.Rect(b.Dx()/2, 0, b.Dx(), b.Dy())))
	t.Logf("screenshot %v: %d drawn pixels in the <img> half, %d in the inline half; kept in %s", b.Size(), left, right, dir)
	min := b.Dx() * b.Dy() / 200
	if left < min || right < min {
		t.Errorf("screenshot looks blank: %d and %d drawn pixels, want at least %d each", left, right, min)
	}
}
