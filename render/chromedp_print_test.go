package render

import (
	"bytes"
	"context"
	"fmt"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestChromiumPrintViews opens the default view and the timeline, drawn
// for A4 landscape, in headless Chromium on a page of that size (1123 ×
// 794 CSS pixels, 10 mm margins) as a reader would see them printed, and
// checks the screenshot (size, not blank) and the text: present as text,
// and no text rendered smaller than 6 pt as Chromium lays it out. The
// screenshots are kept under artifacts/render-print/ (docs/diagram.png and
// docs/timeline.png are copies).
func TestChromiumPrintViews(t *testing.T) {
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
	dir, err := filepath.Abs(filepath.Join("..", "artifacts", "render-print"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chromium), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.NoFirstRun, chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true), chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("hide-scrollbars", true), chromedp.UserDataDir(chromiumProfile(t)),
	}
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancel()
	ctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	ctx, cancel = context.WithTimeout(ctx, 3*time.Minute)
	defer cancel()

	const pageW, pageH, scale = 1123, 794, 2 // A4 landscape at 96 CSS px per inch
	for _, c := range []struct {
		name  string
		o     Options
		texts []string
	}{
		{"diagram-a4", Options{Page: "a4", Title: "Russia and North Korea in the sources"}, []string{"Kim Jong Un", "Vladimir Putin", "North Korea", "drawn as an overview"}},
		{"timeline-a4", Options{View: "timeline", Page: "a4", Title: "Dated events and relations in the sources"},
			[]string{"Sep 2023", "Kim–Putin summit at the Vostochny", "Putin’s expected visit to North Korea", "Sources: [src-000]"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			var svg bytes.Buffer
			if err := Write(&svg, g, SVG, c.o); err != nil {
				t.Fatal(err)
			}
			inline := svg.Bytes()[bytes.Index(svg.Bytes(), []byte("<svg")):]
			var page bytes.Buffer
			fmt.Fprintf(&page, `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>%s</title>
<style>html,body{margin:0;background:#fff} .page{width:%dpx;height:%dpx;box-sizing:border-box;padding:10mm;display:flex;align-items:center;justify-content:center}</style>
</head><body><div class="page">`, c.name, pageW, pageH)
			page.Write(inline)
			page.WriteString("</div></body></html>\n")
			html := filepath.Join(dir, c.name+".html")
			if err := os.WriteFile(html, page.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
			var shot []byte
			var text string
			var smallest float64
			err := chromedp.Run(ctx,
				chromedp.EmulateViewport(pageW, pageH, chromedp.EmulateScale(scale)),
				chromedp.Navigate("file://"+html),
				chromedp.WaitVisible("svg text", chromedp.ByQuery),
				chromedp.Evaluate(`Array.from(document.querySelectorAll("svg text")).map(t => t.textContent).join("\n")`, &text),
				// Rendered size of each text in CSS px (1/96 in), as points.
				chromedp.Evaluate(`Math.min(...Array.from(document.querySelectorAll("svg text")).map(t =>
					parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a * 0.75))`, &smallest),
				chromedp.CaptureScreenshot(&shot),
			)
			if err != nil {
				t.Fatalf("chromium: %v", err)
			}
			path := filepath.Join(dir, c.name+".png")
			if err := os.WriteFile(path, shot, 0o644); err != nil {
				t.Fatal(err)
			}
			img, err := png.Decode(bytes.NewReader(shot))
			if err != nil {
				t.Fatal(err)
			}
			b := img.Bounds()
			if b.Dx() != int(pageW*scale) || b.Dy() != int(pageH*scale) {
				t.Errorf("screenshot is %v, want %d×%d", b.Size(), int(pageW*scale), int(pageH*scale))
			}
			drawn := nonWhite(img)
			t.Logf("%s: %v, %d drawn pixels, smallest text %.2f pt as Chromium renders it; kept in %s", c.name, b.Size(), drawn, smallest, path)
			if drawn < b.Dx()*b.Dy()/20 {
				t.Errorf("screenshot looks blank: %d drawn pixels", drawn)
			}
			for _, want := range c.texts {
				if !strings.Contains(text, want) {
					t.Errorf("the page's SVG text lacks %q", want)
				}
			}
			if smallest < minPrintedPt {
				t.Errorf("Chromium renders text at %.2f pt on the A4 page, under %d pt", smallest, minPrintedPt)
			}
		})
	}
}
