package render

import "github.com/relgraph/relgraph/graph"

// placedKinds are drawn inside their state's box with --cluster-by state.
var placedKinds = map[string]bool{"Leader": true, "Person": true, "Agency": true, "Place": true}

// belongsTypes lead from a node towards the state it belongs to (see
// graph/default_schema.json): a person leads or is a member of a state or
// agency, an agency or place is part of or located in a state or place.
var belongsTypes = map[string]bool{"LEADS": true, "MEMBER_OF": true, "PART_OF": true, "LOCATED_IN": true}

// maxBelongsHops bounds the walk: person → agency → place → state.
const maxBelongsHops = 3

// statesOf returns, for each State node and each person, agency and place
// that belongs to one, the id of that State. The walk follows reported
// belonging relations breadth first in the graph's (sorted) edge order, so
// a node with two states gets the same one every run.
func statesOf(g *graph.Graph) map[string]string {
	out := map[string][]*graph.Edge{}
	for _, e := range g.Edges {
		if belongsTypes[e.Type] && !e.Alleged() && e.Status != "planned" {
			out[e.From] = append(out[e.From], e)
		}
	}
	state := map[string]string{}
	for _, n := range g.Nodes {
		if n.Kind == "State" {
			state[n.ID] = n.ID
			continue
		}
		if !placedKinds[n.Kind] {
			continue
		}
		seen := map[string]bool{n.ID: true}
		frontier := []string{n.ID}
	walk:
		for hop := 0; hop < maxBelongsHops && len(frontier) > 0; hop++ {
			var next []string
			for _, id := range frontier {
				for _, e := range out[id] {
					if seen[e.To] {
						continue
					}
					seen[e.To] = true
					if to := g.Node(e.To); to != nil && to.Kind == "State" {
						state[n.ID] = to.ID
						break walk
					}
					next = append(next, e.To)
				}
			}
			frontier = next
		}
	}
	return state
}
