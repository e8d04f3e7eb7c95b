package main

import (
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"
	"text/tabwriter"

	"github.com/relgraph/relgraph/graph"
	"github.com/urfave/cli/v2"
)

var statsCommand = &cli.Command{
	Name:      "stats",
	Usage:     "count nodes per kind and edges per type; list hubs, sources, merges and conflicts",
	ArgsUsage: "[FILE|DIR|-]...",
	Description: `Example:
   relgraph stats                 # the embedded dataset
   relgraph stats --top 5 --json extractions/`,
	Flags: append(inputFlags(),
		&cli.IntFlag{Name: "top", Value: 10, Usage: "list the `N` most connected nodes"},
		&cli.BoolFlag{Name: "json", Usage: "print the statistics as JSON"},
	),
	Action: func(c *cli.Context) error {
		g, err := readInput(c, inputArgs(c))
		if err != nil {
			return err
		}
		st := computeStats(g, c.Int("top"))
		if c.Bool("json") {
			enc := json.NewEncoder(c.App.Writer)
			enc.SetIndent("", "  ")
			return enc.Encode(st)
		}
		return st.write(c.App.Writer)
	},
}

type countRow struct {
	Name  string `json:"name"`
	Count int    `json:"count"`
}

type hubRow struct {
	ID     string `json:"id"`
	Name   string `json:"name"`
	Kind   string `json:"kind"`
	Degree int    `json:"degree"`
}

type sourceRow struct {
	ID    string `json:"id"`
	File  string `json:"file"`
	Title string `json:"title"`
	Date  string `json:"date,omitempty"`
	Facts int    `json:"facts"` // edges citing it
}

type stats struct {
	Nodes     int              `json:"nodes"`
	Edges     int              `json:"edges"`
	Kinds     []countRow       `json:"kinds"`
	Types     []countRow       `json:"types"`
	Statuses  []countRow       `json:"statuses"`
	Hubs      []hubRow         `json:"most_connected"`
	Sources   []sourceRow      `json:"sources"`
	Single    int              `json:"single_source_edges"`
	Merges    []graph.Merge    `json:"merges"`
	Conflicts []graph.Conflict `json:"conflicts"`
}

func computeStats(g *graph.Graph, top int) stats {
	st := stats{Nodes: len(g.Nodes), Edges: len(g.Edges), Merges: g.Merges, Conflicts: g.Conflicts()}
	kinds, types, statuses := map[string]int{}, map[string]int{}, map[string]int{}
	cited := map[string]int{}
	for _, n := range g.Nodes {
		kinds[n.Kind]++
	}
	for _, e := range g.Edges {
		types[e.Type]++
		s := e.Status
		if s == "" {
			s = "(none)"
		}
		statuses[s]++
		ids := e.SourceIDs()
		if len(ids) == 1 {
			st.Single++
		}
		for _, id := range ids {
			cited[id]++
		}
	}
	st.Kinds, st.Types, st.Statuses = rows(kinds), rows(types), rows(statuses)
	deg := g.Degree()
	for _, n := range g.Nodes {
		st.Hubs = append(st.Hubs, hubRow{n.ID, n.Name, n.Kind, deg[n.ID]})
	}
	sort.SliceStable(st.Hubs, func(i, j int) bool { return st.Hubs[i].Degree > st.Hubs[j].Degree })
	if len(st.Hubs) > top {
		st.Hubs = st.Hubs[:top]
	}
	for _, s := range g.Sources {
		st.Sources = append(st.Sources, sourceRow{s.ID, s.File, s.Title, s.Date, cited[s.ID]})
	}
	if st.Merges == nil {
		st.Merges = []graph.Merge{}
	}
	if st.Conflicts == nil {
		st.Conflicts = []graph.Conflict{}
	}
	return st
}

// rows sorts counts by count descending, then name.
func rows(m map[string]int) []countRow {
	out := make([]countRow, 0, len(m))
	for k, v := range m {
		out = append(out, countRow{k, v})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Count != out[j].Count {
			return out[i].Count > out[j].Count
		}
		return out[i].Name < out[j].Name
	})
	return out
}

func (st stats) write(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintf(tw, "%d nodes, %d edges (%d resting on a single source)\n\n", st.Nodes, st.Edges, st.Single)
	section := func(title string, rs []countRow) {
		fmt.Fprintf(tw, "%s\n", title)
		for _, r := range rs {
			fmt.Fprintf(tw, "  %s\t%d\n", r.Name, r.Count)
		}
		fmt.Fprintln(tw)
	}
	section("Nodes by kind", st.Kinds)
	section("Edges by type", st.Types)
	section("Edges by status", st.Statuses)
	fmt.Fprintf(tw, "Most connected\n")
	for _, h := range st.Hubs {
		fmt.Fprintf(tw, "  %s\t%s\t%d\n", h.Name, h.Kind, h.Degree)
	}
	fmt.Fprintf(tw, "\nSources\n")
	for _, s := range st.Sources {
		date := s.Date
		if date == "" {
			date = "date unknown"
		}
		fmt.Fprintf(tw, "  %s\t%s\t%s\t%d facts\t%s\n", s.ID, s.File, date, s.Facts, s.Title)
	}
	fmt.Fprintf(tw, "\nMerges (%d)\n", len(st.Merges))
	for _, m := range st.Merges {
		fmt.Fprintf(tw, "  %s\t<- %q (%s)\t%s\t%s\n", m.Into, m.Name, m.From, m.Reason, m.Pos)
	}
	fmt.Fprintf(tw, "\nConflicts (%d)\n", len(st.Conflicts))
	for _, c := range st.Conflicts {
		var vs []string
		for _, v := range c.Values {
			vs = append(vs, fmt.Sprintf("%q [%s]", v.Value, strings.Join(v.Sources, ",")))
		}
		fmt.Fprintf(tw, "  %s\t%s\t%s\n", c.Element, c.Prop, strings.Join(vs, " vs "))
	}
	return tw.Flush()
}
