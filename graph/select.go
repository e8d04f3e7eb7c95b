package graph

import (
	"errors"
	"fmt"
	"path/filepath"
	"sort"
	"strings"
	"unicode/utf8"
)

// Selection says which part of a graph to keep. The zero value keeps
// everything. Filters combine: a relation is kept when it passes every
// relation filter and both its ends pass the node filters.
type Selection struct {
	// Focus keeps the neighbourhood of one node, named by id, name or
	// alias (compared by [Key]), up to Depth relations away (default 1).
	Focus string
	Depth int
	// Kinds keeps nodes of these kinds; Types keeps relations of these
	// types. Empty keeps all.
	Kinds []string
	Types []string
	// Since and Until keep relations whose date or period overlaps the
	// range; both are partial ISO dates (2023, 2023-09, 2023-09-13). A
	// relation with no date is dropped when either is set.
	Since, Until string
	// Source keeps only what one article says: the relations citing it
	// (by source id or file name), their ends, and the nodes it cites,
	// each with only that article's citations.
	Source string
	// MaxNodes, when positive, keeps the MaxNodes most connected nodes
	// (ties by id; the focus is always kept).
	MaxNodes int
}

// Selected reports what [Select] did.
type Selected struct {
	FocusID string // the node Focus resolved to
	Cut     int    // nodes dropped by MaxNodes
}

// Errors of [Select], for callers that test for them.
var (
	ErrNoSuchNode   = errors.New("no such node")
	ErrNoSuchSource = errors.New("no such source")
	ErrEmpty        = errors.New("selection is empty")
)

// Active reports whether s filters anything.
func (s Selection) Active() bool {
	return s.Focus != "" || len(s.Kinds) > 0 || len(s.Types) > 0 || s.Since != "" || s.Until != "" || s.Source != "" || s.MaxNodes > 0
}

// Select returns a new graph holding the part of g that s keeps, sharing
// g's nodes, edges and sources where they are unchanged (they must stay
// read-only) and copying those whose citations it narrows. It returns an
// error wrapping [ErrNoSuchNode] when Focus names no node (with
// suggestions), [ErrNoSuchSource] for an unknown Source, and [ErrEmpty]
// when nothing is left.
func Select(g *Graph, s Selection) (*Graph, Selected, error) {
	var info Selected
	for _, d := range []struct{ flag, v string }{{"since", s.Since}, {"until", s.Until}} {
		if d.v != "" {
			if err := CheckDate(d.v); err != nil {
				return nil, info, fmt.Errorf("graph: select: %s: %w", d.flag, err)
			}
		}
	}
	if !s.Active() {
		return g, info, nil
	}
	var focus *Node
	if s.Focus != "" {
		var err error
		if focus, err = g.Resolve(s.Focus); err != nil {
			return nil, info, fmt.Errorf("graph: select: %w", err)
		}
		info.FocusID = focus.ID
	}
	var src *Source
	if s.Source != "" {
		if src = g.sourceNamed(s.Source); src == nil {
			var names []string
			for _, x := range g.Sources {
				names = append(names, x.ID)
				if x.File != "" {
					names = append(names, x.File)
				}
			}
			return nil, info, fmt.Errorf("graph: select: %w %q%s", ErrNoSuchSource, s.Source, suggest(s.Source, names))
		}
	}
	kinds, types := selSet(s.Kinds), selSet(s.Types)
	keepNode := func(n *Node) bool { return len(kinds) == 0 || kinds[n.Kind] || n == focus }

	// Relations that pass the relation filters, narrowed to src.
	edgeFilter := len(types) > 0 || s.Since != "" || s.Until != "" || src != nil
	var edges []*Edge
	for _, e := range g.Edges {
		if len(types) > 0 && !types[e.Type] {
			continue
		}
		if !inPeriod(e, s.Since, s.Until) {
			continue
		}
		if src != nil {
			if e = narrowEdge(e, src.ID); e == nil {
				continue
			}
		}
		from, to := g.Node(e.From), g.Node(e.To)
		if from == nil || to == nil || !keepNode(from) || !keepNode(to) {
			continue
		}
		edges = append(edges, e)
	}

	// Nodes: those the relations join; without relation filters, every
	// node passing the node filters; with a source, the nodes it cites.
	keep := map[string]*Node{}
	for _, e := range edges {
		keep[e.From], keep[e.To] = g.Node(e.From), g.Node(e.To)
	}
	for _, n := range g.Nodes {
		switch {
		case !keepNode(n):
		case src != nil:
			if citesSource(n.Cites, src.ID) {
				keep[n.ID] = n
			}
		case !edgeFilter:
			keep[n.ID] = n
		}
	}
	if focus != nil {
		keep[focus.ID] = focus
		keep, edges = neighbourhood(focus.ID, max(s.Depth, 1), keep, edges)
	}
	if s.MaxNodes > 0 && len(keep) > s.MaxNodes {
		info.Cut = len(keep) - s.MaxNodes
		keep, edges = mostConnected(keep, edges, s.MaxNodes, info.FocusID)
	}
	if len(keep) == 0 {
		return nil, info, fmt.Errorf("graph: select: %w", ErrEmpty)
	}

	nodes := make([]*Node, 0, len(keep))
	for _, n := range keep {
		if src != nil {
			n = narrowNode(n, src.ID)
		}
		nodes = append(nodes, n)
	}
	cited := map[string]bool{}
	for _, n := range nodes {
		for _, c := range n.Cites {
			cited[c.Source] = true
		}
	}
	for _, e := range edges {
		for _, c := range e.Cites {
			cited[c.Source] = true
		}
	}
	var sources []*Source
	for _, x := range g.Sources {
		if cited[x.ID] {
			sources = append(sources, x)
		}
	}
	out := New(g.Schema, nodes, append([]*Edge(nil), edges...), sources)
	return out, info, nil
}

// Resolve returns the node named by s: an id (or the id of a record merged
// into it), else a name or alias with the same [Key]. A miss wraps
// [ErrNoSuchNode] and suggests close names; a key shared by several nodes
// is an error naming their ids.
func (g *Graph) Resolve(s string) (*Node, error) {
	if n := g.Node(s); n != nil {
		return n, nil
	}
	k := Key(s)
	var hits []*Node
	var names []string
	owner := map[string]string{} // name or alias -> the node's name
	for _, n := range g.Nodes {
		match := k != "" && Key(n.Name) == k
		names = append(names, n.Name)
		owner[n.Name] = n.Name
		for _, a := range n.Aliases {
			match = match || (k != "" && Key(a) == k)
			names = append(names, a)
			if _, ok := owner[a]; !ok {
				owner[a] = n.Name
			}
		}
		if match {
			hits = append(hits, n)
		}
	}
	switch len(hits) {
	case 1:
		return hits[0], nil
	case 0:
		// Suggest each node once, by its name, even when an alias was closer.
		var sugg []string
		seen := map[string]bool{}
		for _, c := range Suggest(s, selUniq(names)) {
			if !closeName(k, Key(c)) {
				continue
			}
			if name := owner[c]; !seen[name] {
				seen[name] = true
				sugg = append(sugg, name)
			}
		}
		hint := ""
		if len(sugg) > 0 {
			hint = fmt.Sprintf(" (did you mean %s?)", quoteJoin(sugg))
		}
		return nil, fmt.Errorf("%w named %q%s", ErrNoSuchNode, s, hint)
	}
	ids := make([]string, len(hits))
	for i, n := range hits {
		ids[i] = n.ID
	}
	return nil, fmt.Errorf("%q names %d nodes: use an id (%s)", s, len(hits), strings.Join(ids, ", "))
}

// closeName reports whether key b is close enough to a to suggest, counting
// characters rather than bytes so that short Hangul or Cyrillic names do
// not match every short name.
func closeName(a, b string) bool {
	if a != "" && strings.Contains(b, a) {
		return true
	}
	return levenshtein(a, b) <= max(2, utf8.RuneCountInString(a)/3)
}

func (g *Graph) sourceNamed(s string) *Source {
	if x := g.Source(s); x != nil {
		return x
	}
	for _, x := range g.Sources {
		if x.File != "" && (x.File == s || x.File == filepath.Base(s)) {
			return x
		}
	}
	return nil
}

// inPeriod reports whether e's date or period overlaps [since, until].
func inPeriod(e *Edge, since, until string) bool {
	if since == "" && until == "" {
		return true
	}
	if e.Date == "" && e.Until == "" {
		return false
	}
	start, end := e.Date, e.Until
	if end == "" {
		end = start
	}
	if start == "" {
		start = end
	}
	if since != "" && DateLess(end, since) {
		return false
	}
	if until != "" && DateLess(until, start) {
		return false
	}
	return true
}

// neighbourhood keeps what lies within depth relations of id, either way.
func neighbourhood(id string, depth int, keep map[string]*Node, edges []*Edge) (map[string]*Node, []*Edge) {
	adj := map[string][]string{}
	for _, e := range edges {
		adj[e.From] = append(adj[e.From], e.To)
		adj[e.To] = append(adj[e.To], e.From)
	}
	dist := map[string]int{id: 0}
	frontier := []string{id}
	for d := 1; d <= depth && len(frontier) > 0; d++ {
		var next []string
		for _, x := range frontier {
			for _, y := range adj[x] {
				if _, seen := dist[y]; !seen {
					dist[y] = d
					next = append(next, y)
				}
			}
		}
		frontier = next
	}
	out := map[string]*Node{}
	for x := range dist {
		if n := keep[x]; n != nil {
			out[x] = n
		}
	}
	return out, edgesWithin(out, edges)
}

// mostConnected keeps the n nodes with the most relations among those
// kept, ties broken by id, always keeping the focus.
func mostConnected(keep map[string]*Node, edges []*Edge, n int, focus string) (map[string]*Node, []*Edge) {
	deg := map[string]int{}
	for _, e := range edges {
		deg[e.From]++
		if e.To != e.From {
			deg[e.To]++
		}
	}
	ids := make([]string, 0, len(keep))
	for id := range keep {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool {
		a, b := ids[i], ids[j]
		if (a == focus) != (b == focus) {
			return a == focus
		}
		if deg[a] != deg[b] {
			return deg[a] > deg[b]
		}
		return a < b
	})
	out := make(map[string]*Node, n)
	for _, id := range ids[:n] {
		out[id] = keep[id]
	}
	return out, edgesWithin(out, edges)
}

func edgesWithin(keep map[string]*Node, edges []*Edge) []*Edge {
	var out []*Edge
	for _, e := range edges {
		if keep[e.From] != nil && keep[e.To] != nil {
			out = append(out, e)
		}
	}
	return out
}

func citesSource(cs []Citation, id string) bool {
	for _, c := range cs {
		if c.Source == id {
			return true
		}
	}
	return false
}

func selOnlyCites(cs []Citation, id string) []Citation {
	var out []Citation
	for _, c := range cs {
		if c.Source == id {
			out = append(out, c)
		}
	}
	return out
}

// narrowEdge returns e with only src's citations (a copy when that
// changes anything), or nil when src does not cite e.
func narrowEdge(e *Edge, src string) *Edge {
	cs := selOnlyCites(e.Cites, src)
	switch {
	case len(cs) == 0:
		return nil
	case len(cs) == len(e.Cites):
		return e
	}
	c := *e
	c.Cites = cs
	c.Props = narrowProps(e.Props, src)
	return &c
}

func narrowNode(n *Node, src string) *Node {
	cs := selOnlyCites(n.Cites, src)
	if len(cs) == len(n.Cites) {
		return n
	}
	c := *n
	c.Cites = cs
	c.Props = narrowProps(n.Props, src)
	return &c
}

// narrowProps keeps the property values src gives, and values given by
// no source at all.
func narrowProps(p Props, src string) Props {
	if p == nil {
		return nil
	}
	out := Props{}
	for _, k := range p.Keys() {
		for _, v := range p[k] {
			if len(v.Sources) == 0 || contains(v.Sources, src) {
				out[k] = append(out[k], Value{Value: v.Value, Sources: selOnlyIf(v.Sources, src)})
			}
		}
	}
	return out
}

func selOnlyIf(ss []string, s string) []string {
	if len(ss) == 0 {
		return nil
	}
	return []string{s}
}

func selSet(ss []string) map[string]bool {
	if len(ss) == 0 {
		return nil
	}
	m := make(map[string]bool, len(ss))
	for _, s := range ss {
		m[s] = true
	}
	return m
}

func selUniq(ss []string) []string {
	sort.Strings(ss)
	out := ss[:0]
	for i, s := range ss {
		if i == 0 || s != ss[i-1] {
			out = append(out, s)
		}
	}
	return out
}
