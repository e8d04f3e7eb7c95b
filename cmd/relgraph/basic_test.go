package main

import "testing"

func TestValidateEmbedded(t *testing.T) {
	_, stderr, code := runCLI(t, "", "validate")
	if code != 0 {
		t.Fatalf("validate exit %d: %s", code, stderr)
	}
}
