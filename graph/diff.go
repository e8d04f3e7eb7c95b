package graph

import (
	"cmp"
	"slices"
	"strconv"
	"strings"
)

// Diff is what changed from one graph to another: elements added, removed
// and changed (with the fields that changed), and merges and conflicts that
// are new or gone. Every list is sorted, so a Diff encodes the same way
// every run. The zero Diff means the graphs are equal.
type Diff struct {
	Nodes     ElementDiff  `json:"nodes"`
	Edges     ElementDiff  `json:"edges"`
	Sources   ElementDiff  `json:"sources"`
	Merges    MergeDiff    `json:"merges"`
	Conflicts ConflictDiff `json:"conflicts"`
}

// ElementDiff lists the ids of the elements of one sort (nodes, edges or
// sources) added and removed, and the elements changed.
type ElementDiff struct {
	Added   []string `json:"added"`
	Removed []string `json:"removed"`
	Changed []Change `json:"changed"`
}

// Change is one element present in both graphs whose fields differ.
type Change struct {
	ID     string        `json:"id"`
	Fields []FieldChange `json:"fields"`
}

// FieldChange is one field of a changed element. A single-valued field
// (name, kind, from, type, to, date, until, status, confidence, a source's
// title…) has Old and New, both set, either possibly "". A list field
// (aliases, a property's sourced values as "value [src…]", citations as
// "src: quote") has the items Added and Removed.
type FieldChange struct {
	Field   string   `json:"field"`
	Old     *string  `json:"old,omitempty"`
	New     *string  `json:"new,omitempty"`
	Added   []string `json:"added,omitempty"`
	Removed []string `json:"removed,omitempty"`
}

// MergeDiff lists merges that only one graph made. A merge is the same in
// both when it joins the same record into the same node for the same
// reason; where it was read (Pos) does not count.
type MergeDiff struct {
	Added   []Merge `json:"added"`
	Removed []Merge `json:"removed"`
}

// ConflictDiff lists the properties that are in conflict in only one of the
// graphs. A conflict in both whose values changed shows as a change of that
// property on its element.
type ConflictDiff struct {
	Added   []Conflict `json:"added"`
	Removed []Conflict `json:"removed"`
}

// Equal reports whether d records no difference.
func (d *Diff) Equal() bool {
	return d.Nodes.empty() && d.Edges.empty() && d.Sources.empty() &&
		len(d.Merges.Added)+len(d.Merges.Removed)+len(d.Conflicts.Added)+len(d.Conflicts.Removed) == 0
}

func (e *ElementDiff) empty() bool { return len(e.Added)+len(e.Removed)+len(e.Changed) == 0 }

// Compare returns what changed from old to new. Nodes, edges and sources
// are matched by id (an edge given without one has the id the Builder
// generates from its endpoints, type and date, so a change of those shows
// as one edge removed and another added).
func Compare(old, new *Graph) *Diff {
	d := &Diff{}
	d.Nodes = compareElements(old.Nodes, new.Nodes, func(n *Node) string { return n.ID }, nodeFields)
	d.Edges = compareElements(old.Edges, new.Edges, func(e *Edge) string { return e.ID }, edgeFields)
	d.Sources = compareElements(old.Sources, new.Sources, func(s *Source) string { return s.ID }, sourceFields)
	d.Merges.Added, d.Merges.Removed = setDiff(old.Merges, new.Merges, mergeKey, mergeCmp)
	d.Conflicts.Added, d.Conflicts.Removed = setDiff(old.Conflicts(), new.Conflicts(), conflictKey, conflictCmp)
	return d
}

// compareElements matches two lists by id. fields returns the field
// changes from a to b, nil when they are equal.
func compareElements[T any](old, new []T, id func(T) string, fields func(a, b T) []FieldChange) ElementDiff {
	d := ElementDiff{Added: []string{}, Removed: []string{}, Changed: []Change{}}
	byID := make(map[string]T, len(old))
	for _, x := range old {
		byID[id(x)] = x
	}
	seen := make(map[string]bool, len(new))
	for _, y := range new {
		k := id(y)
		seen[k] = true
		x, ok := byID[k]
		if !ok {
			d.Added = append(d.Added, k)
			continue
		}
		if fs := fields(x, y); len(fs) > 0 {
			d.Changed = append(d.Changed, Change{ID: k, Fields: fs})
		}
	}
	for _, x := range old {
		if !seen[id(x)] {
			d.Removed = append(d.Removed, id(x))
		}
	}
	slices.Sort(d.Added)
	slices.Sort(d.Removed)
	slices.SortFunc(d.Changed, func(a, b Change) int { return cmp.Compare(a.ID, b.ID) })
	return d
}

// fieldList collects field changes in the order they are added.
type fieldList []FieldChange

func (l *fieldList) scalar(name, a, b string) {
	if a != b {
		*l = append(*l, FieldChange{Field: name, Old: &a, New: &b})
	}
}

func (l *fieldList) list(name string, a, b []string) {
	added, removed := stringSetDiff(a, b)
	if len(added)+len(removed) > 0 {
		*l = append(*l, FieldChange{Field: name, Added: added, Removed: removed})
	}
}

// props adds a change per property whose values (with their sources)
// differ, in sorted key order, as "props.KEY".
func (l *fieldList) props(a, b Props) {
	keys := map[string]bool{}
	for k := range a {
		keys[k] = true
	}
	for k := range b {
		keys[k] = true
	}
	sorted := make([]string, 0, len(keys))
	for k := range keys {
		sorted = append(sorted, k)
	}
	slices.Sort(sorted)
	for _, k := range sorted {
		l.list("props."+k, valueStrings(a[k]), valueStrings(b[k]))
	}
}

func valueStrings(vs []Value) []string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = v.Value + " [" + strings.Join(v.Sources, " ") + "]"
	}
	return out
}

func citeStrings(cs []Citation) []string {
	out := make([]string, len(cs))
	for i, c := range cs {
		out[i] = c.Source + ": " + c.Quote
	}
	return out
}

func nodeFields(a, b *Node) []FieldChange {
	var l fieldList
	l.scalar("kind", a.Kind, b.Kind)
	l.scalar("name", a.Name, b.Name)
	l.list("aliases", a.Aliases, b.Aliases)
	l.props(a.Props, b.Props)
	l.list("sources", citeStrings(a.Cites), citeStrings(b.Cites))
	return l
}

func edgeFields(a, b *Edge) []FieldChange {
	var l fieldList
	l.scalar("from", a.From, b.From)
	l.scalar("type", a.Type, b.Type)
	l.scalar("to", a.To, b.To)
	l.scalar("date", a.Date, b.Date)
	l.scalar("until", a.Until, b.Until)
	l.scalar("status", a.Status, b.Status)
	l.scalar("confidence", confString(a.Confidence), confString(b.Confidence))
	l.props(a.Props, b.Props)
	l.list("sources", citeStrings(a.Cites), citeStrings(b.Cites))
	return l
}

func sourceFields(a, b *Source) []FieldChange {
	var l fieldList
	l.scalar("file", a.File, b.File)
	l.scalar("title", a.Title, b.Title)
	l.scalar("outlet", a.Outlet, b.Outlet)
	l.scalar("author", a.Author, b.Author)
	l.scalar("date", a.Date, b.Date)
	l.scalar("url", a.URL, b.URL)
	l.props(a.Props, b.Props)
	return l
}

func confString(c *float64) string {
	if c == nil {
		return ""
	}
	return strconv.FormatFloat(*c, 'g', -1, 64)
}

// stringSetDiff returns the items of b not in a and of a not in b, each
// sorted, counting repeats (a list with an item twice differs from one
// with it once).
func stringSetDiff(a, b []string) (added, removed []string) {
	count := make(map[string]int, len(a))
	for _, s := range a {
		count[s]++
	}
	for _, s := range b {
		if count[s] > 0 {
			count[s]--
			continue
		}
		added = append(added, s)
	}
	left := make(map[string]int, len(b))
	for _, s := range b {
		left[s]++
	}
	for _, s := range a {
		if left[s] > 0 {
			left[s]--
			continue
		}
		removed = append(removed, s)
	}
	slices.Sort(added)
	slices.Sort(removed)
	return added, removed
}

// setDiff returns the items of b whose key a lacks and of a whose key b
// lacks, each sorted by less. Keys count with their repeats: a merge made
// twice in old and once in new is one removed.
func setDiff[T any](a, b []T, key func(T) string, less func(x, y T) int) (added, removed []T) {
	added, removed = []T{}, []T{}
	inA := make(map[string]int, len(a))
	for _, x := range a {
		inA[key(x)]++
	}
	inB := make(map[string]int, len(b))
	for _, y := range b {
		inB[key(y)]++
	}
	for _, y := range b {
		if k := key(y); inA[k] > 0 {
			inA[k]--
		} else {
			added = append(added, y)
		}
	}
	for _, x := range a {
		if k := key(x); inB[k] > 0 {
			inB[k]--
		} else {
			removed = append(removed, x)
		}
	}
	slices.SortStableFunc(added, less)
	slices.SortStableFunc(removed, less)
	return added, removed
}

func mergeKey(m Merge) string { return m.Into + "\x00" + m.From + "\x00" + m.Name + "\x00" + m.Reason }

func mergeCmp(a, b Merge) int { return cmp.Compare(mergeKey(a), mergeKey(b)) }

func conflictKey(c Conflict) string {
	kind := "n"
	if c.Edge {
		kind = "e"
	}
	return kind + "\x00" + c.Element + "\x00" + c.Prop
}

func conflictCmp(a, b Conflict) int { return cmp.Compare(conflictKey(a), conflictKey(b)) }
