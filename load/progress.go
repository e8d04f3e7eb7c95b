package load

import (
	"os"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"
)

// TerminalProgress returns a [Config.Progress] that draws a bar on f when f
// is a terminal, and nil otherwise: batch jobs get log lines, people a bar.
// Call the returned finish func when the load ends.
func TerminalProgress(f *os.File) (progress func(done, total int), finish func()) {
	if f == nil || !term.IsTerminal(int(f.Fd())) {
		return nil, func() {}
	}
	var bar *progressbar.ProgressBar
	progress = func(done, total int) {
		if bar == nil {
			bar = progressbar.NewOptions(total, progressbar.OptionSetWriter(f), progressbar.OptionSetDescription("loading"),
				progressbar.OptionShowCount(), progressbar.OptionShowIts(), progressbar.OptionSetItsString("rows"),
				progressbar.OptionThrottle(100_000_000), progressbar.OptionClearOnFinish())
		}
		bar.Set(done)
	}
	return progress, func() {
		if bar != nil {
			bar.Finish()
		}
	}
}
