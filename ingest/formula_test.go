package ingest

import "testing"

// FuzzFormulaEscape: every value reads back as written, and no escaped
// cell starts with a character that makes a spreadsheet formula unless it
// is a plain number.
func FuzzFormulaEscape(f *testing.F) {
	for _, s := range []string{"", "=1+1", "'=x", "''", "-5", "-", "@A1", "\t=1", "'tis", "+1e3", "-.5e-2"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		e := EscapeFormula(s)
		if got := UnescapeFormula(e); got != s {
			t.Fatalf("UnescapeFormula(EscapeFormula(%q)) = %q", s, got)
		}
		if e != "" && formulaStart(e[0]) {
			if !plainNumber(e) {
				t.Fatalf("EscapeFormula(%q) = %q starts a formula", s, e)
			}
		}
	})
}
