package ingest

// Spreadsheets run a cell that starts with =, +, - or @ as a formula
// (=HYPERLINK(…), =cmd|' /C calc'!A0), and some also one that starts with a
// tab or a carriage return. The CSV files relgraph writes are meant to be
// opened in a spreadsheet, so the csv encoder escapes such a cell the way the
// OWASP "CSV Injection" guidance says: with a leading single quote, which a
// spreadsheet reads as "this cell is text". ReadCSV removes it again, so
// relgraph's own CSV round trip is exact.
//
// The escape is injective: a value that itself starts with a quote followed
// by one of those characters (or by a second quote) gets one more quote, so
// every value reads back as written. A cell that is a plain decimal number
// ("-5", "+3.25", "-1e3") is left as it is: it cannot be a formula, and a
// spreadsheet reads it as that number.

// formulaStart reports whether a cell starting with c may be taken for a
// formula.
func formulaStart(c byte) bool {
	switch c {
	case '=', '+', '-', '@', '\t', '\r':
		return true
	}
	return false
}

// EscapeFormula returns cell as written into a CSV file meant for
// spreadsheets: with a leading "'" when it starts with =, +, -, @, a tab or
// a carriage return (unless it is a plain number), or with "'" followed by
// one of those or by "'". [UnescapeFormula] undoes it.
func EscapeFormula(cell string) string {
	if cell == "" {
		return cell
	}
	switch c := cell[0]; {
	case formulaStart(c) && !plainNumber(cell):
		return "'" + cell
	case c == '\'' && len(cell) > 1 && (formulaStart(cell[1]) || cell[1] == '\''):
		return "'" + cell
	}
	return cell
}

// UnescapeFormula undoes [EscapeFormula]: it removes the first character of
// a cell that starts with "'" followed by =, +, -, @, a tab, a carriage
// return or "'". ReadCSV applies it to every cell.
func UnescapeFormula(cell string) string {
	if len(cell) > 1 && cell[0] == '\'' && (formulaStart(cell[1]) || cell[1] == '\'') {
		return cell[1:]
	}
	return cell
}

// plainNumber reports whether s is a decimal number: an optional sign,
// digits with an optional fraction, and an optional exponent.
func plainNumber(s string) bool {
	i := 0
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		i++
	}
	digits := func() int {
		n := 0
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
			n++
		}
		return n
	}
	n := digits()
	if i < len(s) && s[i] == '.' {
		i++
		n += digits()
	}
	if n == 0 {
		return false
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		if digits() == 0 {
			return false
		}
	}
	return i == len(s)
}
