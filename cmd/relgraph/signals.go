package main

import (
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"github.com/relgraph/relgraph/internal/atomicfile"
)

// removeTemporariesOnSignal makes SIGINT, SIGTERM and SIGHUP, until the
// returned function is called, remove the temporary files of the output
// being written and exit with 128 + the signal's number (130, 143, 129),
// as a shell reports a process the signal stopped. Outputs are left as they
// were before, or whole if already renamed into place.
//
// It exits from the signal's goroutine rather than cancelling a context:
// rendering runs Graphviz, which must not be given a cancellable context,
// and encoders do not take one. Signals the process was started with
// ignored (nohup, a background job) stay ignored.
func removeTemporariesOnSignal(stderr io.Writer) (stop func()) {
	var sigs []os.Signal
	for _, s := range []os.Signal{syscall.SIGINT, syscall.SIGTERM, syscall.SIGHUP} {
		if !signal.Ignored(s) {
			sigs = append(sigs, s)
		}
	}
	ch := make(chan os.Signal, 1)
	done := make(chan struct{})
	signal.Notify(ch, sigs...)
	go func() {
		select {
		case s := <-ch:
			atomicfile.RemoveTemporaries()
			fmt.Fprintf(stderr, "relgraph: stopped by %s; temporary files removed\n", signalName(s))
			os.Exit(128 + int(s.(syscall.Signal)))
		case <-done:
		}
	}()
	return func() {
		signal.Stop(ch)
		close(done)
	}
}

func signalName(s os.Signal) string {
	switch s {
	case syscall.SIGINT:
		return "SIGINT"
	case syscall.SIGTERM:
		return "SIGTERM"
	case syscall.SIGHUP:
		return "SIGHUP"
	}
	return s.String()
}
