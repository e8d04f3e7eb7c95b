package export_test

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/csv"
	"encoding/xml"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/relgraph/relgraph/export"
	"github.com/relgraph/relgraph/graph"
	"github.com/relgraph/relgraph/ingest"
)

// libreOffice returns the LibreOffice binary (Debian libreoffice-calc-nogui),
// skipping the test when it is missing unless RELGRAPH_REQUIRE_TOOLS is set.
func libreOffice(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"libreoffice", "soffice"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("RELGRAPH_REQUIRE_TOOLS") != "" {
		t.Fatal("RELGRAPH_REQUIRE_TOOLS is set but LibreOffice is missing (apt-get install libreoffice-calc-nogui)")
	}
	t.Skip("LibreOffice is missing (apt-get install libreoffice-calc-nogui); set RELGRAPH_REQUIRE_TOOLS=1 to make this a failure")
	return ""
}

// odsCell is one cell of a sheet as LibreOffice stored it.
type odsCell struct {
	formula   string // table:formula, "" for a plain cell
	valueType string // string, float, …
	value     string // office:value of a number
	text      string // the paragraphs, joined by "\n"
}

// readODS returns the cells of the first sheet of an .ods file, row by row,
// with repeated cells expanded.
func readODS(t *testing.T, path string) [][]odsCell {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	f, err := zr.Open("content.xml")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	const (
		tableNS  = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
		officeNS = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
		textNS   = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
	)
	attr := func(se xml.StartElement, space, local string) string {
		for _, a := range se.Attr {
			if a.Name.Space == space && a.Name.Local == local {
				return a.Value
			}
		}
		return ""
	}
	var rows [][]odsCell
	var cell *odsCell
	repeat, paras, sheets := 1, 0, 0
	dec := xml.NewDecoder(f)
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			switch {
			case tok.Name.Space == tableNS && tok.Name.Local == "table":
				sheets++
			case sheets > 1:
			case tok.Name.Space == tableNS && tok.Name.Local == "table-row":
				rows = append(rows, nil)
			case tok.Name.Space == tableNS && tok.Name.Local == "table-cell":
				cell = &odsCell{formula: attr(tok, tableNS, "formula"), valueType: attr(tok, officeNS, "value-type"), value: attr(tok, officeNS, "value")}
				repeat, paras = 1, 0
				if n, err := strconv.Atoi(attr(tok, tableNS, "number-columns-repeated")); err == nil {
					repeat = n
				}
			case cell != nil && tok.Name.Space == textNS && tok.Name.Local == "p":
				if paras > 0 {
					cell.text += "\n"
				}
				paras++
			case cell != nil && tok.Name.Space == textNS && tok.Name.Local == "s":
				n, err := strconv.Atoi(attr(tok, textNS, "c"))
				if err != nil {
					n = 1
				}
				cell.text += strings.Repeat(" ", n)
			case cell != nil && tok.Name.Space == textNS && tok.Name.Local == "tab":
				cell.text += "\t"
			case cell != nil && tok.Name.Space == textNS && tok.Name.Local == "line-break":
				cell.text += "\n"
			}
		case xml.CharData:
			if cell != nil && paras > 0 {
				cell.text += string(tok)
			}
		case xml.EndElement:
			if tok.Name.Space == tableNS && tok.Name.Local == "table-cell" && cell != nil {
				if sheets == 1 && repeat < 1000 { // a long run of empty cells ends a row
					for i := 0; i < repeat; i++ {
						rows[len(rows)-1] = append(rows[len(rows)-1], *cell)
					}
				}
				cell = nil
			}
		}
	}
	return rows
}

// TestCSVSpreadsheetSafe opens the csv export in LibreOffice Calc, as a user
// double-clicking it would, and checks that no cell became a formula: every
// cell holds the text of the CSV file (a value that would run as a formula
// is shown behind a leading '), and a plain number such as -5 is that
// number. Then relgraph reads the same files back into the same graph.
func TestCSVSpreadsheetSafe(t *testing.T) {
	lo := libreOffice(t)
	graphs := testGraphs(t)
	for _, name := range []string{"formulas", "hostile"} {
		g := graphs[name]
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			files := encodeDir(t, "csv", g)
			var paths []string
			for _, n := range files.names() {
				p := filepath.Join(dir, n)
				if err := os.WriteFile(p, files[n].Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
				paths = append(paths, p)
			}
			ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
			defer cancel()
			// CSV:44,34,76,1 is comma, double quote, UTF-8, from line 1;
			// everything else is Calc's default, formulas evaluated.
			args := append([]string{"-env:UserInstallation=file://" + filepath.Join(dir, "profile"), "--headless",
				"--infilter=CSV:44,34,76,1", "--convert-to", "ods", "--outdir", filepath.Join(dir, "ods")}, paths...)
			cmd := exec.CommandContext(ctx, lo, args...)
			if out, err := cmd.CombinedOutput(); err != nil {
				t.Fatalf("libreoffice: %v\n%s", err, out)
			}
			for _, n := range files.names() {
				want, err := csv.NewReader(bytes.NewReader(files[n].Bytes())).ReadAll()
				if err != nil {
					t.Fatal(err)
				}
				sheet := readODS(t, filepath.Join(dir, "ods", strings.TrimSuffix(n, ".csv")+".ods"))
				if len(sheet) < len(want) {
					t.Fatalf("%s: LibreOffice read %d rows, the file has %d", n, len(sheet), len(want))
				}
				for i, row := range want {
					for j, v := range row {
						var c odsCell
						if j < len(sheet[i]) {
							c = sheet[i][j]
						}
						where := n + " row " + strconv.Itoa(i+1) + " column " + want[0][j]
						switch {
						case c.formula != "":
							t.Errorf("%s: %q became the formula %s (shown as %q)", where, v, c.formula, c.text)
						case v == "":
						case c.valueType == "float":
							f, err := strconv.ParseFloat(v, 64)
							if got, _ := strconv.ParseFloat(c.value, 64); err != nil || got != f {
								t.Errorf("%s: %q became the number %s", where, v, c.value)
							}
						case c.text != strings.ReplaceAll(strings.ReplaceAll(v, "\r\n", "\n"), "\r", "\n"):
							t.Errorf("%s: %q shown as %q (%s)", where, v, c.text, c.valueType)
						}
					}
				}
			}
			b := graph.NewBuilder(nil, graph.Limits{})
			for _, n := range files.names() {
				if err := ingest.ReadCSV(b, bytes.NewReader(files[n].Bytes()), n, ingest.Options{}); err != nil {
					t.Fatal(err)
				}
			}
			g2, err := b.Graph()
			if err != nil {
				t.Fatal(err)
			}
			if got, want := encode(t, "json", g2), encode(t, "json", g); !bytes.Equal(got, want) {
				t.Errorf("round trip differs:\n%s", diffLines(string(want), string(got)))
			}
		})
	}
}

// TestCSVFormulaEscape: which cells get the escape, and that ReadCSV's
// unescape undoes it for every value, escaped or not.
func TestCSVFormulaEscape(t *testing.T) {
	for _, tc := range []struct{ in, out string }{
		{"", ""},
		{"plain", "plain"},
		{"=1+1", "'=1+1"},
		{"+SUM(1,2)", "'+SUM(1,2)"},
		{"-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"},
		{"@SUM(A1)", "'@SUM(A1)"},
		{"\t=1", "'\t=1"},
		{"\r=1", "'\r=1"},
		{"-", "'-"},
		{"-5", "-5"},
		{"+3.25", "+3.25"},
		{"-1e3", "-1e3"},
		{"-.5", "-.5"},
		{"-1e", "'-1e"},
		{"-0x10", "'-0x10"},
		{"'=x", "''=x"},
		{"''", "'''"},
		{"'tis", "'tis"},
		{"'", "'"},
		{" =1", " =1"},
		{"a=1", "a=1"},
	} {
		if got := ingest.EscapeFormula(tc.in); got != tc.out {
			t.Errorf("EscapeFormula(%q) = %q, want %q", tc.in, got, tc.out)
		}
		if got := ingest.UnescapeFormula(tc.out); got != tc.in {
			t.Errorf("UnescapeFormula(%q) = %q, want %q", tc.out, got, tc.in)
		}
	}
}

// TestCSVRawFormulas: with RawFormulas the cells are written as they are.
func TestCSVRawFormulas(t *testing.T) {
	g := testGraphs(t)["formulas"]
	f, _ := export.Lookup("csv")
	m := memFiles{}
	if err := f.NewDirEncoder(m, export.Options{RawFormulas: true}).Encode(g); err != nil {
		t.Fatal(err)
	}
	if s := m["entities.csv"].String(); !strings.Contains(s, "\n=p1,Person,=1+1,") {
		t.Errorf("raw entities.csv lacks the raw row of =p1:\n%s", s)
	}
	if s := encodeDir(t, "csv", g)["entities.csv"].String(); !strings.Contains(s, "\n'=p1,Person,'=1+1,") {
		t.Errorf("entities.csv lacks the escaped row of =p1:\n%s", s)
	}
}
