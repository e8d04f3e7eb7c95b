package export

import (
	"encoding/csv"
	"fmt"
	"strings"

	"github.com/relgraph/relgraph/graph"
	"github.com/relgraph/relgraph/ingest"
)

func init() {
	Register(Format{Name: "csv", Usage: "entities.csv (with Source rows) and relations.csv, for spreadsheets (cells that would run as formulas are escaped); read back as input",
		NewDirEncoder: func(f Files, o Options) Encoder {
			e := NewCSVEncoder(f)
			e.RawFormulas = o.RawFormulas
			return e
		}})
}

// CSVEncoder writes the CSV pair that ingest.ReadCSV reads: entities.csv,
// the articles as rows of kind Source followed by the entities, and
// relations.csv. Columns are ingest.EntityColumns and
// ingest.RelationColumns.
//
// Lists are written "a|b" when that reads back unchanged, else as a JSON
// array; citations are source ids "s1|s2" when none has a quote, else a
// JSON array of {"id", "quote"}; properties are a JSON object of sourced
// values, as in the native format. One limit comes from CSV itself: a CR LF
// inside a cell reads back as LF.
//
// The files are safe to open in a spreadsheet: a cell that starts with =,
// +, -, @, a tab or a carriage return (and is not a plain number such as
// -5) is written with a leading "'", so that the spreadsheet shows it as
// text instead of running it as a formula; ingest.ReadCSV removes the
// quote again (see ingest.EscapeFormula).
type CSVEncoder struct {
	files Files
	// RawFormulas writes every cell as it is, without the escape.
	RawFormulas bool
}

// NewCSVEncoder returns an encoder creating its files through f.
func NewCSVEncoder(f Files) *CSVEncoder { return &CSVEncoder{files: f} }

// Encode writes entities.csv and relations.csv.
func (e *CSVEncoder) Encode(g *graph.Graph) error {
	esc := ingest.EscapeFormula
	if e.RawFormulas {
		esc = nil
	}
	err := writeCSV(e.files, "entities.csv", ingest.EntityColumns, esc, func(row func(...string) error) error {
		for _, s := range g.Sources {
			p, err := propsCell(s.Props)
			if err != nil {
				return err
			}
			if err := row(s.ID, graph.KindSource, "", "", "", p, s.File, s.Title, s.Outlet, s.Author, s.Date, s.URL); err != nil {
				return err
			}
		}
		for _, n := range g.Nodes {
			p, err := propsCell(n.Props)
			if err != nil {
				return err
			}
			c, err := citesCell(n.Cites)
			if err != nil {
				return err
			}
			a, err := listCell(n.Aliases)
			if err != nil {
				return err
			}
			if err := row(n.ID, n.Kind, n.Name, a, c, p, "", "", "", "", "", ""); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	return writeCSV(e.files, "relations.csv", ingest.RelationColumns, esc, func(row func(...string) error) error {
		for _, ed := range g.Edges {
			p, err := propsCell(ed.Props)
			if err != nil {
				return err
			}
			c, err := citesCell(ed.Cites)
			if err != nil {
				return err
			}
			conf := ""
			if ed.Confidence != nil {
				conf = FormatFloat(*ed.Confidence)
			}
			if err := row(ed.ID, ed.From, ed.To, ed.Type, ed.Date, ed.Until, ed.Status, conf, c, p); err != nil {
				return err
			}
		}
		return nil
	})
}

// writeCSV creates name with header and the rows rows writes, passing
// every cell of a row through esc unless esc is nil.
func writeCSV(files Files, name string, header []string, esc func(string) string, rows func(row func(...string) error) error) (err error) {
	f, err := files.Create(name)
	if err != nil {
		return fmt.Errorf("export: csv: %w", err)
	}
	defer func() {
		if cerr := f.Close(); err == nil && cerr != nil {
			err = fmt.Errorf("export: csv: %s: %w", name, cerr)
		}
	}()
	w := csv.NewWriter(f)
	row := func(cells ...string) error {
		if esc != nil {
			for i, c := range cells {
				cells[i] = esc(c)
			}
		}
		if err := w.Write(cells); err != nil {
			return fmt.Errorf("export: csv: %s: %w", name, err)
		}
		return nil
	}
	if err := w.Write(header); err != nil {
		return fmt.Errorf("export: csv: %s: %w", name, err)
	}
	if err := rows(row); err != nil {
		return err
	}
	w.Flush()
	if err := w.Error(); err != nil {
		return fmt.Errorf("export: csv: %s: %w", name, err)
	}
	return nil
}

// pipeSafe reports whether s reads back unchanged from a "|"-separated cell.
func pipeSafe(s string) bool {
	return s != "" && !strings.Contains(s, "|") && !strings.HasPrefix(s, "[") && strings.TrimSpace(s) == s
}

// listCell writes a list as "a|b", or as a JSON array when an item would not
// read back from that.
func listCell(items []string) (string, error) {
	for _, s := range items {
		if !pipeSafe(s) {
			b, err := marshal(items)
			if err != nil {
				return "", fmt.Errorf("export: csv: %w", err)
			}
			return string(b), nil
		}
	}
	return strings.Join(items, "|"), nil
}

func citesCell(cs []graph.Citation) (string, error) {
	ids := make([]string, 0, len(cs))
	for _, c := range cs {
		if c.Quote != "" || !pipeSafe(c.Source) {
			b, err := marshal(cites(cs))
			if err != nil {
				return "", fmt.Errorf("export: csv: %w", err)
			}
			return string(b), nil
		}
		ids = append(ids, c.Source)
	}
	return strings.Join(ids, "|"), nil
}

func propsCell(p graph.Props) (string, error) {
	if len(p) == 0 {
		return "", nil
	}
	b, err := marshal(propsOut(p))
	if err != nil {
		return "", fmt.Errorf("export: csv: %w", err)
	}
	return string(b), nil
}
