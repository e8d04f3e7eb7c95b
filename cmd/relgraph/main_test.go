package main

import (
	"bytes"
	"io"
	"strings"
	"testing"
)

// runCLI runs relgraph in-process with args (without the program name) and
// returns what it wrote and its exit code.
func runCLI(t *testing.T, stdin string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errb bytes.Buffer
	var in io.Reader = strings.NewReader(stdin)
	code = run(append([]string{"relgraph"}, args...), in, &out, &errb)
	return out.String(), errb.String(), code
}
