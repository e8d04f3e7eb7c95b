package main

import (
	"io"
	"os"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"
)

// byteProgress returns a bar counting bytes written when w is a terminal,
// and nil otherwise: batch jobs get no control characters in their logs.
func byteProgress(w io.Writer, what string) *progressbar.ProgressBar {
	f, ok := w.(*os.File)
	if !ok || !term.IsTerminal(int(f.Fd())) {
		return nil
	}
	return progressbar.NewOptions64(-1, progressbar.OptionSetWriter(f), progressbar.OptionSetDescription(what),
		progressbar.OptionShowBytes(true), progressbar.OptionThrottle(100_000_000), progressbar.OptionClearOnFinish(),
		progressbar.OptionSpinnerType(14))
}

// countingWriter adds what passes through it to a progress bar.
type countingWriter struct {
	w   io.Writer
	bar *progressbar.ProgressBar
}

func (c countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.bar.Add(n)
	return n, err
}

// countingFiles wraps a multi-file format's files the same way.
type countingFiles struct {
	files interface {
		Create(string) (io.WriteCloser, error)
	}
	bar *progressbar.ProgressBar
}

func (c countingFiles) Create(name string) (io.WriteCloser, error) {
	f, err := c.files.Create(name)
	if err != nil {
		return nil, err
	}
	return struct {
		io.Writer
		io.Closer
	}{countingWriter{f, c.bar}, f}, nil
}
