package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/relgraph/relgraph/export"
	"github.com/relgraph/relgraph/graph"
	"github.com/urfave/cli/v2"
)

var queriesCommand = &cli.Command{
	Name:      "queries",
	Usage:     "print starter Cypher queries for exploring a loaded dataset in Neo4j Browser",
	ArgsUsage: "[FILE|DIR|-]...",
	Description: `Prints queries to paste into Neo4j Browser (or cypher-shell) after
"relgraph load", each limited to the dataset (every element has a dataset
property; datasets never share an element): who alleges what and who denies it, what one article says with
its quotes, the paths between two leaders, facts resting on a single source and
facts where sources disagree. The examples name entities and sources of the
input (the embedded dataset when none is given).

Example:
   relgraph queries --dataset daily extractions/`,
	Flags: append(inputFlags(),
		&cli.StringFlag{Name: "dataset", Value: "default", Usage: "dataset `NAME` the queries look at"},
		&cli.BoolFlag{Name: "json", Usage: "print the queries as a JSON list of {title, query}"},
	),
	Action: func(c *cli.Context) error {
		g, err := readInput(c, inputArgs(c))
		if err != nil {
			return err
		}
		qs := starterQueries(g, c.String("dataset"))
		w := bufio.NewWriter(c.App.Writer)
		if c.Bool("json") {
			enc := json.NewEncoder(w)
			enc.SetIndent("", "  ")
			err = enc.Encode(qs)
		} else {
			for _, q := range qs {
				fmt.Fprintf(w, "// %s\n%s;\n\n", q.Title, q.Query)
			}
		}
		if err == nil {
			err = w.Flush() // also reports a failed earlier write
		}
		if err != nil {
			return withCode(exitOutput, fmt.Errorf("queries: %w", err))
		}
		return nil
	},
}

// starterQuery is one query an analyst runs first.
type starterQuery struct {
	Title string `json:"title"`
	Query string `json:"query"`
}

// starterQueries returns the queries for dataset, with example ids taken
// from g so they return something on the data just loaded.
func starterQueries(g *graph.Graph, dataset string) []starterQuery {
	ds := export.CypherString(dataset)
	lit := export.CypherString
	// Two leaders to connect: Kim Jong Un and Putin when present.
	leaders := []string{}
	for _, id := range []string{"kim-jong-un", "vladimir-putin", "putin"} {
		if n := g.Node(id); n != nil && n.ID == id && len(leaders) < 2 {
			leaders = append(leaders, id)
		}
	}
	for _, n := range g.Nodes {
		if len(leaders) >= 2 {
			break
		}
		if n.Kind == "Leader" && (len(leaders) == 0 || leaders[0] != n.ID) {
			leaders = append(leaders, n.ID)
		}
	}
	for len(leaders) < 2 {
		leaders = append(leaders, "leader-id")
	}
	src, outlet := "source-id", "KCNA"
	if len(g.Sources) > 0 {
		src = g.Sources[0].ID
	}
	for _, s := range g.Sources {
		if s.Outlet != "" {
			outlet = s.Outlet
			if strings.EqualFold(s.Outlet, "KCNA") {
				break
			}
		}
	}
	return []starterQuery{
		{"Everything in the dataset (apply the style first: relgraph export --format grass)",
			"MATCH (n:Entity) WHERE n.dataset = " + ds + "\nOPTIONAL MATCH (n)-[r]->(m:Entity) WHERE r.dataset = " + ds + "\nRETURN n, r, m"},
		{"Who alleges what, who denies it, and on what evidence (a graph)",
			"MATCH (al:Allegation) WHERE al.dataset = " + ds + "\nMATCH p = (x)-[r:ALLEGES|DENIES|CONFIRMS|ACCUSES|BENEFITS|EVIDENCED_BY]-(al)\nRETURN p"},
		{"Who alleges what, who denies it (a table, with the sources)",
			"MATCH (al:Allegation) WHERE al.dataset = " + ds + "\n" +
				"OPTIONAL MATCH (a)-[ra:ALLEGES]->(al)\nWITH al, collect(DISTINCT a.name + ' (' + coalesce(ra.date, 'undated') + ', ' + reduce(s = '', x IN ra.sources | s + x + ' ') + ')') AS alleged_by\n" +
				"OPTIONAL MATCH (d)-[rd:DENIES]->(al)\nWITH al, alleged_by, collect(DISTINCT d.name + ' (' + coalesce(rd.date, 'undated') + ')') AS denied_by\n" +
				"OPTIONAL MATCH (al)-[:ACCUSES]->(acc)\nRETURN al.name AS allegation, collect(DISTINCT acc.name) AS accused, alleged_by, denied_by"},
		{"What one article says, with its quotes",
			"MATCH (s:Source {dataset: " + ds + ", id: " + lit(src) + "})\nMATCH (a:Entity)-[r]->(b:Entity) WHERE r.dataset = s.dataset AND s.id IN r.sources\n" +
				"RETURN a.name AS from, type(r) AS rel, b.name AS to, r.status AS status, r.date AS date,\n       [i IN range(0, size(r.sources) - 1) WHERE r.sources[i] = s.id | r.quotes[i]] AS quotes\nORDER BY date"},
		{"What one outlet reported about whom (a graph)",
			"MATCH p = (s:Source {dataset: " + ds + ", outlet: " + lit(outlet) + "})-[:REPORTS]->(n:Entity)\nRETURN p"},
		{"Which articles say so: the sources of every relationship between two leaders",
			"MATCH (a:Entity {dataset: " + ds + ", id: " + lit(leaders[0]) + "})-[r]-(b:Entity {dataset: " + ds + ", id: " + lit(leaders[1]) + "})\nUNWIND range(0, size(r.sources) - 1) AS i\nMATCH (s:Source {dataset: " + ds + ", id: r.sources[i]})\n" +
				"RETURN type(r) AS rel, r.date AS date, r.status AS status, s.title AS article, s.outlet AS outlet, s.date AS published, r.quotes[i] AS quote ORDER BY date"},
		{"How two leaders are connected, and since when (shortest paths through entities)",
			"MATCH (a:Entity {dataset: " + ds + ", id: " + lit(leaders[0]) + "}), (b:Entity {dataset: " + ds + ", id: " + lit(leaders[1]) + "})\nMATCH p = allShortestPaths((a)-[*..4]-(b))\nWHERE all(n IN nodes(p) WHERE n:Entity)\n" +
				"RETURN p, [r IN relationships(p) | type(r) + ' ' + coalesce(r.date, '?')] AS since"},
		{"How two leaders are connected through others (paths of two or three steps)",
			"MATCH (a:Entity {dataset: " + ds + ", id: " + lit(leaders[0]) + "}), (b:Entity {dataset: " + ds + ", id: " + lit(leaders[1]) + "})\nMATCH p = (a)-[*2..3]-(b)\nWHERE all(n IN nodes(p) WHERE n:Entity AND n.dataset = " + ds + ")\nRETURN p LIMIT 50"},
		{"Facts that rest on a single source",
			"MATCH (a:Entity)-[r]->(b:Entity) WHERE r.dataset = " + ds + " AND all(s IN r.sources WHERE s = r.sources[0])\n" +
				"RETURN a.name AS from, type(r) AS rel, b.name AS to, r.status AS status, r.sources[0] AS source, r.quotes[0] AS quote ORDER BY rel"},
		{"Where sources contradict each other (conflicting values, and allegations both alleged and denied)",
			"MATCH (x) WHERE x.dataset = " + ds + " AND x.conflicts IS NOT NULL\nRETURN labels(x) AS labels, x.id AS id, x.conflicts AS disputed, x.props_json AS values_with_sources\n" +
				"UNION ALL\nMATCH ()-[r]->() WHERE r.dataset = " + ds + " AND r.conflicts IS NOT NULL\nRETURN [type(r)] AS labels, r.id AS id, r.conflicts AS disputed, r.props_json AS values_with_sources\n" +
				"UNION ALL\nMATCH (a)-[:ALLEGES]->(al:Allegation)<-[:DENIES]-(d) WHERE al.dataset = " + ds + "\nRETURN ['Allegation'] AS labels, al.id AS id, ['alleged by ' + a.name, 'denied by ' + d.name] AS disputed, null AS values_with_sources"},
	}
}
