package graph

import (
	"sort"
)

// KindSource is the kind of the nodes that stand for articles.
const KindSource = "Source"

// Statuses a relation or allegation may have, in the order they are listed
// in help and legends.
var Statuses = []string{"reported", "confirmed", "alleged", "denied", "planned", "speculated"}

// Citation says which source states a fact, and how.
type Citation struct {
	Source string `json:"id"`              // id of a Source
	Quote  string `json:"quote,omitempty"` // the phrase or sentence that states it
}

// Value is one value of a property together with the sources that give it.
type Value struct {
	Value   string   `json:"value"`
	Sources []string `json:"sources,omitempty"` // source ids, sorted
}

// Props maps a property name to its values. One value is the common case;
// several mean the sources disagree (see [Graph.Conflicts]). The first value
// is the primary one: the one given first in the input.
type Props map[string][]Value

// Get returns the primary value of key, or "" when the property is missing.
func (p Props) Get(key string) string {
	if v := p[key]; len(v) > 0 {
		return v[0].Value
	}
	return ""
}

// Keys returns the property names in sorted order.
func (p Props) Keys() []string {
	keys := make([]string, 0, len(p))
	for k := range p {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// add records value v given by the sources srcs, merging with an equal value.
func (p Props) add(key, v string, srcs []string) {
	vals := p[key]
	for i := range vals {
		if vals[i].Value == v {
			vals[i].Sources = unionSorted(vals[i].Sources, srcs)
			return
		}
	}
	p[key] = append(vals, Value{Value: v, Sources: unionSorted(nil, srcs)})
}

// Node is an entity of the graph.
type Node struct {
	ID      string     `json:"id"`
	Kind    string     `json:"kind"`
	Name    string     `json:"name"`
	Aliases []string   `json:"aliases"` // sorted, excluding Name
	Props   Props      `json:"props,omitempty"`
	Cites   []Citation `json:"sources,omitempty"` // sorted by source id, then quote
	// Pos is where the node was first defined.
	Pos Pos `json:"-"`

	ord  int32     // position in id order, while a Builder sorts edges
	prep *nodePrep // set by Builder.PrepareNode until the node is added
}

// SourceIDs returns the ids of the sources cited for n, sorted and unique.
func (n *Node) SourceIDs() []string { return citeIDs(n.Cites) }

// Edge is a relation between two nodes.
type Edge struct {
	ID         string     `json:"id"`
	From       string     `json:"from"`
	To         string     `json:"to"`
	Type       string     `json:"type"`
	Date       string     `json:"date,omitempty"`  // ISO 8601, possibly partial
	Until      string     `json:"until,omitempty"` // end of a period
	Status     string     `json:"status,omitempty"`
	Confidence *float64   `json:"confidence,omitempty"`
	Props      Props      `json:"props,omitempty"`
	Cites      []Citation `json:"sources"`
	Pos        Pos        `json:"-"`
}

// SourceIDs returns the ids of the sources cited for e, sorted and unique.
func (e *Edge) SourceIDs() []string { return citeIDs(e.Cites) }

// Alleged reports whether e is not an established fact: alleged, denied or
// speculated.
func (e *Edge) Alleged() bool {
	switch e.Status {
	case "alleged", "denied", "speculated":
		return true
	}
	return false
}

// Source is one article.
type Source struct {
	ID     string `json:"id"`
	File   string `json:"file,omitempty"` // seed file name
	Title  string `json:"title,omitempty"`
	Outlet string `json:"outlet,omitempty"`
	Author string `json:"author,omitempty"`
	Date   string `json:"date,omitempty"`
	URL    string `json:"url,omitempty"`
	Props  Props  `json:"props,omitempty"`
	Pos    Pos    `json:"-"`
}

// Label returns a short human label: title, else file, else id.
func (s *Source) Label() string {
	switch {
	case s.Title != "":
		return s.Title
	case s.File != "":
		return s.File
	}
	return s.ID
}

// Merge records that one entity was merged into another.
type Merge struct {
	Into   string `json:"into"`   // surviving node id
	From   string `json:"from"`   // id of the merged record
	Name   string `json:"name"`   // name of the merged record
	Reason string `json:"reason"` // "same id", "alias \"…\"", "normalized name \"…\""
	Pos    Pos    `json:"pos"`
}

// Conflict is a property on which sources disagree.
type Conflict struct {
	Element string  `json:"element"` // node id, or edge id
	Edge    bool    `json:"edge"`
	Prop    string  `json:"prop"`
	Values  []Value `json:"values"`
}

func citeIDs(cs []Citation) []string {
	var out []string
	for i, c := range cs {
		if i == 0 || c.Source != cs[i-1].Source {
			out = append(out, c.Source)
		}
	}
	return out
}

// unionSorted returns the sorted union of a (sorted) and b.
func unionSorted(a, b []string) []string {
	for _, s := range b {
		i := sort.SearchStrings(a, s)
		if i < len(a) && a[i] == s {
			continue
		}
		a = append(a, "")
		copy(a[i+1:], a[i:])
		a[i] = s
	}
	return a
}

func sortCites(cs []Citation) []Citation {
	if len(cs) < 2 {
		return cs
	}
	sort.Slice(cs, func(i, j int) bool {
		if cs[i].Source != cs[j].Source {
			return cs[i].Source < cs[j].Source
		}
		return cs[i].Quote < cs[j].Quote
	})
	// drop exact duplicates
	out := cs[:0]
	for i, c := range cs {
		if i > 0 && c == cs[i-1] {
			continue
		}
		out = append(out, c)
	}
	return out
}
