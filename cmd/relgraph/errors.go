package main

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/relgraph/relgraph/graph"
)

// Exit codes, documented in the README and in "relgraph help".
const (
	exitOK      = 0
	exitInvalid = 1 // bad input, or an operation that failed
	exitUsage   = 2 // bad flags or arguments
	exitOutput  = 3 // cannot write the output
	exitNeo4j   = 4 // Neo4j unreachable, refused or failed
)

// usageError marks errors in how relgraph was called.
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

func usagef(format string, args ...any) error { return usageError{fmt.Errorf(format, args...)} }

// codeError carries an explicit exit code.
type codeError struct {
	code int
	err  error
}

func (e codeError) Error() string { return e.err.Error() }
func (e codeError) Unwrap() error { return e.err }

func withCode(code int, err error) error {
	if err == nil {
		return nil
	}
	return codeError{code, err}
}

// silentError has already been reported (e.g. as a list of problems).
type silentError struct{ code int }

func (e silentError) Error() string { return fmt.Sprintf("exit %d", e.code) }

// exitCode prints err once, on stderr, and returns the exit code.
func exitCode(err error, stderr io.Writer) int {
	if err == nil {
		return exitOK
	}
	var se silentError
	if errors.As(err, &se) {
		return se.code
	}
	code := exitInvalid
	var ue usageError
	var ce codeError
	switch {
	case errors.As(err, &ce):
		code = ce.code
	case errors.As(err, &ue):
		code = exitUsage
	case strings.HasPrefix(err.Error(), "flag provided but not defined"), strings.Contains(err.Error(), "Required flag"):
		code = exitUsage
	}
	var ps graph.Problems
	if errors.As(err, &ps) {
		for _, p := range ps {
			fmt.Fprintf(stderr, "relgraph: %s\n", p)
		}
		fmt.Fprintf(stderr, "relgraph: %d problem(s)\n", ps.Count())
		return code
	}
	fmt.Fprintf(stderr, "relgraph: %s\n", err)
	return code
}
