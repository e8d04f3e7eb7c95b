package graph

import (
	"cmp"
	"fmt"
	"hash/maphash"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/relgraph/relgraph/internal/nametab"
)

// Builder checks records and merges them into a [Graph]. Add records in
// input order (the order decides which record's id and values come first),
// then call [Builder.Graph]. A Builder is not safe for concurrent use.
type Builder struct {
	schema *Schema
	limits Limits

	nodes []*Node
	// byID finds a node by its id, and by the id of every record merged
	// into it (one look-up tells a new id from a known one)
	byID map[string]*Node
	keys map[string]keyOwners // kind + Key(name or alias) -> the nodes it finds
	// redirected lists the ids of records merged into another node, with
	// that node, in the order merged
	redirected []redirectTo

	edges []*Edge
	// full holds the blocks of edges filled before edges: appending to
	// one growing slice would copy a million pointers over and over and
	// leave four times their size as garbage
	full    [][]*Edge
	sources []*Source
	srcByID map[string]*Source

	merges   []Merge
	problems Problems
	added    int // records given to AddSource, AddNode, AddEdge, AddCheckedEdge

	keepQuotes bool
	quotes     []QuoteAt
	warnings   Problems

	// stops are problems after which an input was not read to its end:
	// what the rest defines is unknown, so references to unknown nodes
	// and sources are counted, not reported.
	stops Problems
	// badNodes holds the ids of nodes rejected for other problems:
	// references to them are not reported again. (A source is kept
	// unless its id is bad.)
	badNodes map[string]bool
	// plainTypes are the schema's relation types that pass every check
	// of a type (see edgePlainlyOK)
	plainTypes *nametab.Table
	// reported holds the fields a parser reported for the record at a
	// position, so that the builder does not report them again.
	reported map[posField]bool

	// propIdx finds a value among an element's many values of one
	// property (merging 200,000 spellings into one node must not scan
	// them all each time); built once a property has propIdxMin values.
	propIdx map[propRef]map[string]int
}

// merged is set in the number a node index gives for an id merged into
// that node.
const merged = -1 << 31

// redirectTo is a merged record's id and the node it was merged into.
type redirectTo struct {
	id   string
	into *Node
}

// QuoteAt is a quoted citation with the place of the record that gave it,
// kept for checks against the articles (see [Builder.KeepQuotes]).
type QuoteAt struct {
	Pos   Pos
	Field string // "sources[2].quote"
	Citation
}

// KeepQuotes makes the builder keep every citation that has a quote, with
// where it was read, for [Builder.Quotes]. It is off by default: it costs
// memory that only a quote check needs.
func (b *Builder) KeepQuotes() { b.keepQuotes = true }

// Quotes returns the quoted citations kept since [Builder.KeepQuotes], in
// input order.
func (b *Builder) Quotes() []QuoteAt { return b.quotes }

// Schema returns the schema records are checked against.
func (b *Builder) Schema() *Schema { return b.schema }

// Sources returns the sources added so far, in input order.
func (b *Builder) Sources() []*Source { return b.sources }

func (b *Builder) keepQuotesOf(pos Pos, cs []Citation) {
	if !b.keepQuotes {
		return
	}
	for i, c := range cs {
		if c.Quote != "" {
			b.quotes = append(b.quotes, QuoteAt{Pos: pos, Field: fmt.Sprintf("sources[%d].quote", i), Citation: c})
		}
	}
}

type posField struct {
	pos   Pos
	field string
}

type propRef struct {
	elem any // *Node or *Edge
	key  string
}

const propIdxMin = 16

// NewBuilder returns a Builder that checks records against s (the default
// schema when s is nil) within limits l (zero fields take defaults).
func NewBuilder(s *Schema, l Limits) *Builder {
	if s == nil {
		s = DefaultSchema()
	}
	var plainList []string
	for t := range s.Types {
		if _, reserved := ReservedNames[t]; IsIdent(t) && !reserved {
			plainList = append(plainList, t)
		}
	}
	plain := nametab.New(plainList)
	return &Builder{
		plainTypes: plain,
		schema:     s,
		limits:     l.withDefaults(),
		byID:       map[string]*Node{},
		keys:       map[string]keyOwners{},
		srcByID:    map[string]*Source{},

		badNodes: map[string]bool{},
		reported: map[posField]bool{},
		propIdx:  map[propRef]map[string]int{},
	}
}

// Seen returns how many records and problems the builder has been given:
// a reader that leaves it unchanged read an input holding nothing.
func (b *Builder) Seen() int { return b.added + len(b.problems) + len(b.stops) }

// Problem records a problem found outside the builder (by a parser), so
// that every problem is reported together.
func (b *Builder) Problem(p Problem) { b.problems = append(b.problems, p) }

// Stop records a problem after which an input was not read to its end (a
// syntax error, a file too large). Such problems are reported first, and
// references to nodes and sources that are not defined are then counted
// rather than each reported: they may be defined in the part not read.
func (b *Builder) Stop(p Problem) { b.stops = append(b.stops, p) }

// Warn records something worth a look that does not make the input
// invalid, such as a name mixing scripts or a file skipped.
func (b *Builder) Warn(p Problem) { b.warnings = append(b.warnings, p) }

// Warnings returns the warnings so far, sorted, with repeats of one kind
// capped as in [Problems.Capped].
func (b *Builder) Warnings() Problems {
	ws := append(Problems(nil), b.warnings...)
	ws.Sort()
	return ws.Capped(PerKind)
}

// Reported tells the builder that a parser reported field (as the builder
// names it: "name", "sources[0].id") of the record at pos, for example as
// a value of the wrong type that was left empty: the builder then does not
// report that field again when the record is added.
func (b *Builder) Reported(pos Pos, field string) { b.reported[posField{pos, field}] = true }

func (b *Builder) bad(pos Pos, field, format string, args ...any) {
	if len(b.reported) > 0 && b.reported[posField{pos, field}] {
		return
	}
	b.problems = append(b.problems, Problem{Pos: pos, Field: field, Msg: fmt.Sprintf(format, args...)})
}

// add appends problems ps, leaving out fields a parser reported.
func (b *Builder) add(ps Problems) {
	for _, p := range ps {
		if len(b.reported) > 0 && b.reported[posField{p.Pos, p.Field}] {
			continue
		}
		b.problems = append(b.problems, p)
	}
}

// AddSource adds an article. A second source with the same id merges into
// the first when their files agree.
func (b *Builder) AddSource(s *Source) {
	b.added++
	// Only a bad id drops the source: with a bad date or title it is
	// still the source its citations name, and they resolve.
	for _, f := range []struct{ name, v string }{{"id", s.ID}, {"file", s.File}, {"title", s.Title}, {"outlet", s.Outlet}, {"author", s.Author}, {"url", s.URL}} {
		check := checkText
		if f.name == "id" {
			check = checkID
		}
		if msg := check(f.v, b.limits.MaxText, f.name == "id"); msg != "" {
			b.bad(s.Pos, f.name, "%s", msg)
			if f.name == "id" {
				return
			}
		}
	}
	if s.Date != "" {
		if err := CheckDate(s.Date); err != nil {
			b.bad(s.Pos, "date", "%v", err)
		}
	}
	if old, dup := b.srcByID[s.ID]; dup {
		if old.File != s.File && old.File != "" && s.File != "" {
			b.bad(s.Pos, "id", "source %q already defined at %s with file %q, here with file %q", s.ID, old.Pos, old.File, s.File)
			return
		}
		fill := func(dst *string, v string) {
			if *dst == "" {
				*dst = v
			}
		}
		fill(&old.File, s.File)
		fill(&old.Title, s.Title)
		fill(&old.Outlet, s.Outlet)
		fill(&old.Author, s.Author)
		fill(&old.Date, s.Date)
		fill(&old.URL, s.URL)
		for _, k := range s.Props.Keys() {
			if old.Props == nil {
				old.Props = Props{}
			}
			for _, v := range s.Props[k] {
				b.addProp(old, old.Props, k, v.Value, v.Sources)
			}
		}
		return
	}
	if s.Props == nil {
		s.Props = Props{}
	}
	b.srcByID[s.ID] = s
	b.sources = append(b.sources, s)
}

// AddNode adds an entity, merging it into an existing node with the same id,
// or of the same kind whose name or aliases share a normalized key.
// The builder takes ownership of n.
func (b *Builder) AddNode(n *Node) {
	b.added++
	prep := b.prepared(n)
	b.warnings = append(b.warnings, prep.warnings...)
	b.add(prep.problems)
	if !prep.ok {
		// Edges naming the node would only repeat that it is bad.
		if checkText(n.ID, b.limits.MaxText, true) == "" {
			b.badNodes[n.ID] = true
		}
		return
	}
	b.keepQuotesOf(n.Pos, n.Cites)
	// Props given without sources are stated by the record's citations.
	var ids []string
	if len(n.Props) > 0 {
		ids = citeIDs(sortCites(append([]Citation(nil), n.Cites...)))
	}
	for k, vs := range n.Props {
		for i := range vs {
			if len(vs[i].Sources) == 0 {
				vs[i].Sources = append([]string(nil), ids...)
			} else {
				sort.Strings(vs[i].Sources)
			}
		}
		n.Props[k] = vs
	}
	if old := b.byID[n.ID]; old != nil { // a node's id, or that of a record merged into it
		if old.Kind != n.Kind {
			b.bad(n.Pos, "kind", "conflicting duplicate id %q: kind %s at %s, %s here", n.ID, old.Kind, old.Pos, n.Kind)
			return
		}
		b.merge(old, n, "same id")
		return
	}
	if into, reason := b.findByName(n, prep); into != nil {
		b.merge(into, n, reason)
		return
	}
	var keys []string
	n.Aliases, keys = cleanAliasesKeyed(n.Name, n.Aliases, prep.aliasKeys)
	b.byID[n.ID] = n
	b.nodes = append(b.nodes, n)
	// findByName found no node with the name's key: it is n's alone
	if prep.nameKey != "" {
		b.keys[prep.nameKey] = keyOwners{byName: n, byAny: n}
	}
	for _, k := range keys {
		b.indexKey(k, n, false)
	}
}

// nodeProblems returns what is wrong with node n on its own, and whether
// nothing is.
func nodeProblems(n *Node, s *Schema, l Limits) (Problems, bool) {
	var ps Problems
	ok := true
	bad := func(field, format string, args ...any) {
		ps = append(ps, Problem{Pos: n.Pos, Field: field, Msg: fmt.Sprintf(format, args...)})
		ok = false
	}
	if msg := checkID(n.ID, l.MaxText, true); msg != "" {
		bad("id", "%s", msg)
	}
	if msg := checkText(n.Name, l.MaxText, true); msg != "" {
		bad("name", "%s", msg)
	}
	if n.Kind == "" {
		bad("kind", "empty")
	} else if !IsIdent(n.Kind) {
		bad("kind", "%q is not an identifier (ASCII letters, digits, underscore)", n.Kind)
	} else if _, reserved := ReservedNames[n.Kind]; reserved && n.Kind != KindSource {
		bad("kind", "kind %q is reserved by relgraph (%s)", n.Kind, ReservedNames[n.Kind])
	} else if _, known := s.Kinds[n.Kind]; !known || n.Kind == KindSource {
		bad("kind", "unknown kind %q (known: %s)", n.Kind, strings.Join(entityKinds(s), ", "))
	}
	if len(n.Aliases) > l.MaxAliases {
		bad("aliases", "%d aliases, the limit is %d", len(n.Aliases), l.MaxAliases)
	} else {
		for i, a := range n.Aliases {
			if msg := checkText(a, l.MaxText, true); msg != "" {
				bad(fmt.Sprintf("aliases[%d]", i), "%s", msg)
			}
		}
	}
	if pp := propProblems(n.Pos, n.Props, l); len(pp) > 0 {
		ps = append(ps, pp...)
		ok = false
	}
	if cp := citeProblems(n.Pos, n.Cites, l); len(cp) > 0 {
		ps = append(ps, cp...)
		ok = false
	}
	return ps, ok
}

func entityKinds(s *Schema) []string {
	var ks []string
	for _, k := range s.KindNames() {
		if k != KindSource {
			ks = append(ks, k)
		}
	}
	return ks
}

func propProblems(pos Pos, p Props, l Limits) Problems {
	var ps Problems
	bad := func(field, format string, args ...any) {
		ps = append(ps, Problem{Pos: pos, Field: field, Msg: fmt.Sprintf(format, args...)})
	}
	if len(p) > l.MaxProps {
		bad("props", "%d properties, the limit is %d", len(p), l.MaxProps)
		return ps
	}
	for _, k := range p.Keys() {
		if msg := checkText(k, 256, true); msg != "" {
			bad("props", "property name %s", msg)
		}
		for _, v := range p[k] {
			if msg := checkText(v.Value, l.MaxQuote, false); msg != "" {
				bad("props."+k, "%s", msg)
			}
		}
	}
	return ps
}

func citeProblems(pos Pos, cs []Citation, l Limits) Problems {
	var ps Problems
	for i, c := range cs {
		if msg := checkID(c.Source, l.MaxText, true); msg != "" {
			ps = append(ps, Problem{Pos: pos, Field: fmt.Sprintf("sources[%d].id", i), Msg: msg})
		}
		if msg := checkText(c.Quote, l.MaxQuote, false); msg != "" {
			ps = append(ps, Problem{Pos: pos, Field: fmt.Sprintf("sources[%d].quote", i), Msg: msg})
		}
	}
	return ps
}

// findByName returns the node n duplicates by name: n's name is the name or
// an alias of an existing node of its kind, or one of n's aliases is an
// existing node's name. Alias-to-alias matches do not merge: short aliases
// such as "Kim" are shared by different people.
func (b *Builder) findByName(n *Node, p *nodePrep) (*Node, string) {
	if k := p.nameKey; k != "" {
		if o := b.keys[k].byAny; o != nil {
			return o, fmt.Sprintf("name %q matches", n.Name)
		}
	}
	for i, a := range n.Aliases {
		if k := p.aliasKeys[i]; k != "" {
			if o := b.keys[k].byName; o != nil {
				return o, fmt.Sprintf("alias %q matches", a)
			}
		}
	}
	return nil, ""
}

// keyOwners are the nodes a normalized name key finds: the first node
// with that name, and the first with that name or alias. One map holds
// both, so that indexing a name costs one look-up.
type keyOwners struct{ byName, byAny *Node }

// indexKey makes key k find node n: as a name when name is set, and as a
// name or alias; the first node given a key keeps it.
func (b *Builder) indexKey(k string, n *Node, name bool) {
	if k == "" {
		return
	}
	o := b.keys[k]
	changed := false
	if name && o.byName == nil {
		o.byName, changed = n, true
	}
	if o.byAny == nil {
		o.byAny, changed = n, true
	}
	if changed {
		b.keys[k] = o
	}
}

// indexAliases makes aliases find node n.
func (b *Builder) indexAliases(n *Node, aliases []string) {
	for _, a := range aliases {
		b.indexKey(kindKey(n.Kind, a), n, false)
	}
}

// merge folds record n into node dst.
func (b *Builder) merge(dst, n *Node, reason string) {
	b.merges = append(b.merges, Merge{Into: dst.ID, From: n.ID, Name: n.Name, Reason: reason, Pos: n.Pos})
	if n.ID != dst.ID {
		b.byID[n.ID] = dst
		b.redirected = append(b.redirected, redirectTo{n.ID, dst})
	}
	if dst.Props == nil {
		dst.Props = Props{}
	}
	// Keep each spelling with the sources that use it: the first merge
	// records the surviving node's own.
	if len(dst.Props["name"]) == 0 {
		b.addProp(dst, dst.Props, "name", dst.Name, citeIDs(sortCites(append([]Citation(nil), dst.Cites...))))
	}
	if len(n.Props["name"]) == 0 {
		b.addProp(dst, dst.Props, "name", n.Name, citeIDs(sortCites(append([]Citation(nil), n.Cites...))))
	}
	// dst.Aliases is sorted and unique: add what is new by binary search,
	// so that a merge costs n's aliases, not dst's (which may be many).
	var add []string
	for i := 0; i <= len(n.Aliases); i++ {
		a := n.Name
		if i < len(n.Aliases) {
			a = n.Aliases[i]
		}
		if a == dst.Name {
			continue
		}
		if _, found := slices.BinarySearch(dst.Aliases, a); !found {
			add = append(add, a)
		}
	}
	slices.Sort(add)
	add = slices.Compact(add)
	if total := len(dst.Aliases) + len(add); total > b.limits.MaxAliases {
		b.bad(n.Pos, "aliases", "merging into %q gives %d aliases, the limit is %d", dst.ID, total, b.limits.MaxAliases)
		return
	}
	for _, a := range add {
		i, _ := slices.BinarySearch(dst.Aliases, a)
		dst.Aliases = slices.Insert(dst.Aliases, i, a)
	}
	for _, k := range n.Props.Keys() {
		for _, v := range n.Props[k] {
			b.addProp(dst, dst.Props, k, v.Value, v.Sources)
		}
	}
	dst.Cites = append(dst.Cites, n.Cites...)
	b.indexAliases(dst, add)
}

// addProp records value v of property key of elem (whose props are p),
// given by sources srcs, merging with an equal value. Sources are appended
// as they come; Graph sorts them and drops repeats once, at the end.
func (b *Builder) addProp(elem any, p Props, key, v string, srcs []string) {
	addProp(b.propIdx, elem, p, key, v, srcs)
}

// addProp is Builder.addProp with the indexes of the elements' values in
// propIdx.
func addProp(propIdx map[propRef]map[string]int, elem any, p Props, key, v string, srcs []string) {
	vals := p[key]
	ref := propRef{elem, key}
	idx := propIdx[ref]
	if idx != nil {
		if i, ok := idx[v]; ok {
			vals[i].Sources = append(vals[i].Sources, srcs...)
			return
		}
	} else {
		for i := range vals {
			if vals[i].Value == v {
				vals[i].Sources = append(vals[i].Sources, srcs...)
				return
			}
		}
	}
	p[key] = append(vals, Value{Value: v, Sources: append([]string(nil), srcs...)})
	switch {
	case idx != nil:
		idx[v] = len(vals)
	case len(vals)+1 >= propIdxMin:
		idx = make(map[string]int, 2*propIdxMin)
		for i, x := range p[key] {
			idx[x.Value] = i
		}
		propIdx[ref] = idx
	}
}

// sortUnique sorts ss and drops repeats.
func sortUnique(ss []string) []string {
	if len(ss) < 2 {
		return ss
	}
	if !slices.IsSorted(ss) {
		slices.Sort(ss)
	}
	return slices.Compact(ss)
}

func cleanAliases(name string, as []string) []string {
	sort.Strings(as)
	out := as[:0]
	for i, a := range as {
		if a == name || (i > 0 && a == as[i-1]) {
			continue
		}
		out = append(out, a)
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// AddEdge adds a relation. Endpoints, sources and the schema are checked in
// [Builder.Graph], once every node and source is known.
func (b *Builder) AddEdge(e *Edge) {
	b.added++
	if ps := b.CheckEdge(e); len(ps) > 0 {
		b.add(ps)
		return
	}
	b.keepQuotesOf(e.Pos, e.Cites)
	b.appendEdge(e)
}

// edgeBlock is how many edges one block of Builder.full holds.
const edgeBlock = 1 << 15

func (b *Builder) appendEdge(e *Edge) {
	if len(b.edges) == cap(b.edges) && cap(b.edges) >= edgeBlock {
		b.full = append(b.full, b.edges)
		b.edges = make([]*Edge, 0, edgeBlock)
	}
	b.edges = append(b.edges, e)
}

// allEdges returns every edge added, in order, in one slice.
func (b *Builder) allEdges() []*Edge {
	if len(b.full) == 0 {
		return b.edges
	}
	n := len(b.edges)
	for _, blk := range b.full {
		n += len(blk)
	}
	all := make([]*Edge, 0, n)
	for _, blk := range b.full {
		all = append(all, blk...)
	}
	all = append(all, b.edges...)
	b.full = nil
	return all
}

// AddCheckedEdge adds a relation that [Builder.CheckEdge] found no problem
// with. Parsers check relations on several goroutines and add them in
// input order with it.
func (b *Builder) AddCheckedEdge(e *Edge) {
	b.added++
	b.keepQuotesOf(e.Pos, e.Cites)
	b.appendEdge(e)
}

// CheckEdge returns what is wrong with relation e on its own: text, type,
// dates, status, confidence and citations. It reads only the schema and the
// limits, so it is safe to call from several goroutines at once.
func (b *Builder) CheckEdge(e *Edge) Problems {
	if b.edgePlainlyOK(e) {
		return nil
	}
	return b.checkEdge(e)
}

// edgePlainlyOK reports whether relation e passes every check of
// checkEdge at a glance: plain ASCII text, a known type, good dates and
// status. False sends e to checkEdge, which finds the problems, if any.
func (b *Builder) edgePlainlyOK(e *Edge) bool {
	l := &b.limits
	if len(e.Cites) == 0 || len(e.Props) > 0 || !b.plainTypes.Has(e.Type) ||
		len(e.ID) > l.MaxText || !plainText(e.ID, false) ||
		len(e.From) > l.MaxText || !plainText(e.From, true) ||
		len(e.To) > l.MaxText || !plainText(e.To, true) ||
		!ValidStatus(e.Status) {
		return false
	}
	if c := e.Confidence; c != nil && !(*c >= 0 && *c <= 1) {
		return false
	}
	if e.Date != "" && CheckDate(e.Date) != nil || e.Until != "" && CheckDate(e.Until) != nil {
		return false
	}
	if e.Date != "" && e.Until != "" && DateLess(e.Until, e.Date) {
		return false
	}
	for _, c := range e.Cites {
		if len(c.Source) > l.MaxText || !plainText(c.Source, true) || len(c.Quote) > l.MaxQuote || !plainText(c.Quote, false) {
			return false
		}
	}
	return true
}

// checkEdge is CheckEdge in full.
func (b *Builder) checkEdge(e *Edge) Problems {
	var ps Problems
	bad := func(field, format string, args ...any) {
		ps = append(ps, Problem{Pos: e.Pos, Field: field, Msg: fmt.Sprintf(format, args...)})
	}
	check := func(field, v string, required bool) {
		if msg := checkID(v, b.limits.MaxText, required); msg != "" {
			bad(field, "%s", msg)
		}
	}
	check("id", e.ID, false)
	check("from", e.From, true)
	check("to", e.To, true)
	if e.Type == "" {
		bad("type", "empty")
	} else if !IsIdent(e.Type) {
		bad("type", "%q is not an identifier (ASCII letters, digits, underscore)", e.Type)
	} else if use, reserved := ReservedNames[e.Type]; reserved {
		bad("type", "type %q is reserved by relgraph (%s)", e.Type, use)
	} else if _, known := b.schema.Types[e.Type]; !known {
		bad("type", "unknown relation type %q%s", e.Type, suggest(e.Type, b.schema.TypeNames()))
	}
	datesOK := true
	for _, f := range []struct{ name, v string }{{"date", e.Date}, {"until", e.Until}} {
		if f.v != "" {
			if err := CheckDate(f.v); err != nil {
				bad(f.name, "%v", err)
				datesOK = false
			}
		}
	}
	if datesOK && e.Date != "" && e.Until != "" && DateLess(e.Until, e.Date) {
		bad("until", "%s is before date %s", e.Until, e.Date)
	}
	if !ValidStatus(e.Status) {
		bad("status", "unknown status %q (known: %s)", e.Status, strings.Join(Statuses, ", "))
	}
	if e.Confidence != nil && (*e.Confidence < 0 || *e.Confidence > 1 || *e.Confidence != *e.Confidence) {
		bad("confidence", "%v is not between 0 and 1", *e.Confidence)
	}
	if len(e.Cites) == 0 {
		bad("sources", "a relation needs at least one source")
	}
	if len(e.Props) > 0 {
		ps = append(ps, propProblems(e.Pos, e.Props, b.limits)...)
	}
	ps = append(ps, citeProblems(e.Pos, e.Cites, b.limits)...)
	return ps
}

// Graph resolves references, merges duplicate relations and returns the
// graph, or the sorted list of every problem found as a [Problems] error.
// Merges are returned either way.
func (b *Builder) Graph() (*Graph, error) {
	// Citations may name a source by id or by file name (that of the
	// first source with the file); an id comes first.
	srcIdx := newIDIndex(2 * len(b.sources))
	srcIDs := make([]string, len(b.sources)) // side by side: read for every citation
	for i, s := range b.sources {
		srcIdx.add(s.ID, int32(i))
		srcIDs[i] = s.ID
	}
	for i, s := range b.sources {
		if s.File != "" {
			srcIdx.add(s.File, int32(i))
		}
	}
	resolveSrc := func(id string) (string, bool) {
		// the source's own copy of the id, so that the record's is freed
		if i, ok := srcIdx.get(id); ok {
			return srcIDs[i], true
		}
		return "", false
	}
	// After a stop, references to what is not defined are counted: the
	// part not read may define it.
	stopped := len(b.stops) > 0
	var unread atomic.Int64
	fixCites := func(ps *Problems, pos Pos, cs []Citation) []Citation {
		for i := range cs {
			sid, ok := resolveSrc(cs[i].Source)
			if !ok {
				switch {
				case stopped:
					unread.Add(1)
					*ps = append(*ps, Problem{}) // keeps the record out
				default:
					*ps = append(*ps, Problem{Pos: pos, Field: fmt.Sprintf("sources[%d].id", i), Msg: fmt.Sprintf("unknown source %q", cs[i].Source)})
				}
				continue
			}
			cs[i].Source = sid
		}
		return sortCites(cs)
	}
	fixProps := func(p Props) {
		for k, vs := range p {
			for i := range vs {
				for j, s := range vs[i].Sources {
					if sid, ok := resolveSrc(s); ok {
						vs[i].Sources[j] = sid
					}
				}
				vs[i].Sources = sortUnique(vs[i].Sources)
			}
			p[k] = vs
		}
	}
	nodeProblems := make([]Problems, runtime.GOMAXPROCS(0))
	parallelRuns(len(b.nodes), func(part, lo, hi int) {
		for _, n := range b.nodes[lo:hi] {
			n.Cites = fixCites(&nodeProblems[part], n.Pos, n.Cites)
			fixProps(n.Props)
			// A single spelling needs no record beside Name.
			if vs := n.Props["name"]; len(vs) == 1 && vs[0].Value == n.Name {
				delete(n.Props, "name")
			}
		}
	})
	for _, ps := range nodeProblems {
		for _, p := range ps {
			if p.Msg != "" {
				b.problems = append(b.problems, p)
			}
		}
	}

	var (
		nodeIDs     []string
		nodeIDsOnce sync.Once
		suggestions atomic.Int32
	)
	suggestNode := func(id string) string {
		// Suggestions cost a scan of every id: give them for the first
		// problems only.
		if suggestions.Add(1) > 50 {
			return ""
		}
		nodeIDsOnce.Do(func() { nodeIDs = b.nodeIDs() })
		return suggest(id, nodeIDs)
	}
	// Resolve endpoints and sources and check the schema on every core;
	// the maps read here are no longer written.
	// Number the nodes in id order: edges are then sorted by counting
	// their from node's number, and only each node's few edges by compare.
	parallelSort(b.nodes, func(a, b *Node) int { return cmp.Compare(a.ID, b.ID) }) // ids are unique
	// Endpoints resolve to node numbers: every id, and every id merged
	// into another with the top bit set (the relation then takes the
	// node's own id). A node's kind is a small number, in an array small
	// enough to stay in the cache.
	nodeIdx := newIDIndex(len(b.nodes) + len(b.redirected))
	ids := make([]string, len(b.nodes))
	kindNames := b.schema.KindNames()
	kindNums := make(map[string]uint16, len(kindNames))
	for i, k := range kindNames {
		kindNums[k] = uint16(i)
	}
	nodeKinds := make([]uint16, len(b.nodes))
	// The nodes are read on every core (each a cache miss), the index
	// filled on one with the hashes found.
	nodeHashes := make([]uint64, len(b.nodes))
	heldNodes := make([][]*Node, runtime.GOMAXPROCS(0))
	parallelRuns(len(b.nodes), func(part, lo, hi int) {
		for i := lo; i < hi; i++ {
			n := b.nodes[i]
			n.ord = int32(i)
			ids[i], nodeKinds[i] = n.ID, kindNums[n.Kind] // a node's kind is the schema's
			nodeHashes[i] = nodeIdx.hash(n.ID)
			if len(n.Props) > 0 {
				heldNodes[part] = append(heldNodes[part], n)
			}
		}
	})
	for i, id := range ids {
		nodeIdx.addHashed(id, nodeHashes[i], int32(i))
	}
	var held propHolders // the elements with properties, for Conflicts
	for _, ns := range heldNodes {
		held.nodes = append(held.nodes, ns...)
	}
	for _, r := range b.redirected { // an id is redirected to one node, the first time
		nodeIdx.add(r.id, r.into.ord|merged)
	}
	// Each relation type's spec, and its rank by name: with the number of
	// the to node it makes the key that sorts the relations of a node.
	type typeRank struct {
		spec TypeSpec
		rank uint32
	}
	types := make(map[string]typeRank, len(b.schema.Types))
	for i, t := range b.schema.TypeNames() {
		types[t] = typeRank{b.schema.Types[t], uint32(i)}
	}
	b.edges = b.allEdges()
	ords := make([]int32, len(b.edges))
	sortKeys := make([]uint64, len(b.edges)) // type rank << 32 | to node, see sortByFrom
	ok := make([]bool, len(b.edges))
	// hashes[i] is the hash of the key relation i merges by (its id, or
	// its ends, type and date): it picks the merge shard and, for an id,
	// its slot in that shard's index
	hashes := make([]uint64, len(b.edges))
	seed := maphash.MakeSeed()
	workers := runtime.GOMAXPROCS(0)
	chunk := (len(b.edges) + workers - 1) / workers
	chunkProblems := make([]Problems, workers)
	chunkProps := make([][]int32, workers) // relations given properties
	var withoutID atomic.Bool              // a relation has no id
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		lo, hi := w*chunk, min((w+1)*chunk, len(b.edges))
		if lo >= hi {
			continue
		}
		wg.Add(1)
		go func(ps *Problems, withProps *[]int32, lo, hi int) {
			defer wg.Done()
			noID := false // said once, not for every relation
			defer func() {
				if noID {
					withoutID.Store(true)
				}
			}()
			// Endpoints are looked up eight relations at a time, so that
			// the cache misses of the look-ups overlap (see getBatch).
			var (
				keys  [lookupBatch]string
				vals  [lookupBatch]int32
				found [lookupBatch]bool
				kinds [lookupBatch]string
			)
			for i := lo; i < hi; i++ {
				j := (i - lo) % (lookupBatch / 2)
				if j == 0 {
					n := min(lookupBatch/2, hi-i)
					for k := 0; k < n; k++ {
						e := b.edges[i+k]
						keys[2*k], keys[2*k+1] = e.From, e.To
					}
					nodeIdx.getBatch(keys[:2*n], vals[:], found[:])
					for k := 0; k < 2*n; k++ {
						if found[k] {
							kinds[k] = kindNames[nodeKinds[vals[k]&^merged]]
						}
					}
				}
				e := b.edges[i]
				from, fromOK := vals[2*j], found[2*j]
				to, toOK := vals[2*j+1], found[2*j+1]
				unknown := func(field, id string) {
					switch {
					case b.badNodes[id]:
						// reported with the node
					case stopped:
						unread.Add(1)
					default:
						*ps = append(*ps, Problem{Pos: e.Pos, Field: field, Msg: fmt.Sprintf("unknown node %q%s", id, suggestNode(id))})
					}
				}
				if !fromOK {
					unknown("from", e.From)
				}
				if !toOK {
					unknown("to", e.To)
				}
				if !fromOK || !toOK {
					continue
				}
				t, known := types[e.Type]
				if fk, tk := kinds[2*j], kinds[2*j+1]; !known || !t.spec.allows(fk, tk) {
					*ps = append(*ps, Problem{Pos: e.Pos, Field: "type", Msg: fmt.Sprintf("%s may not join %s to %s (allowed: %s -> %s)", e.Type, fk, tk, orAny(t.spec.From), orAny(t.spec.To))})
					continue
				}
				// an id merged into another node is replaced by that
				// node's; another is the node's id already
				if from < 0 {
					from &^= merged
					e.From = ids[from]
				}
				if to < 0 {
					to &^= merged
					e.To = ids[to]
				}
				ords[i] = from
				sortKeys[i] = uint64(t.rank)<<32 | uint64(uint32(to))
				n := len(*ps)
				e.Cites = fixCites(ps, e.Pos, e.Cites)
				if len(e.Props) > 0 {
					ids := citeIDs(e.Cites)
					for k, vs := range e.Props {
						for i := range vs {
							if len(vs[i].Sources) == 0 {
								vs[i].Sources = append([]string(nil), ids...)
							}
						}
						e.Props[k] = vs
					}
					fixProps(e.Props)
					*withProps = append(*withProps, int32(i))
				}
				ok[i] = len(*ps) == n
				if e.ID != "" {
					hashes[i] = maphash.String(seed, e.ID)
				} else {
					hashes[i] = maphash.Comparable(seed, edgeKey{e.From, e.Type, e.To, e.Date})
					noID = true
				}
			}
		}(&chunkProblems[w], &chunkProps[w], lo, hi)
	}
	wg.Wait()
	for _, ps := range chunkProblems {
		for _, p := range ps {
			if p.Msg != "" {
				b.problems = append(b.problems, p)
			}
		}
	}
	// Merge duplicates in input order, so the first record's values stay
	// primary: relations that may merge share a key, so the keys are
	// split in shards by hash, merged on every core.
	shards := b.mergeEdges(ok, hashes, seed)
	givenID := func(id string) bool {
		h := maphash.String(seed, id)
		return shards.of(h).idx.hasHashed(id, h)
	}
	// Generated ids are readable and unique: the shards' indexes hold
	// every id given, generatedIDs those generated.
	edges, groups := sortByFrom(b.edges, ok, ords, sortKeys, hashes, len(b.nodes)) // the hashes are no longer read
	generatedIDs := map[string]bool{}
	var generated []int // the runs (from nodes) holding edges given an id
	for i, j := 0, 0; i < len(edges) && withoutID.Load(); i++ {
		e := edges[i]
		if e.ID != "" {
			continue
		}
		for groups[j+1] <= i {
			j++
		}
		if n := len(generated); n == 0 || generated[n-1] != j {
			generated = append(generated, j)
		}
		base := e.From + ":" + e.Type + ":" + e.To
		if e.Date != "" {
			base += ":" + e.Date
		}
		id := base
		for i := 2; generatedIDs[id] || givenID(id); i++ {
			id = base + "#" + strconv.Itoa(i)
		}
		generatedIDs[id] = true
		e.ID = id
	}
	for _, s := range b.sources { // fewer than the nodes
		if i, ok := nodeIdx.get(s.ID); ok && i&merged == 0 { // a node's own id
			b.bad(b.nodes[i].Pos, "id", "id %q is also the id of a source", s.ID)
		}
	}
	if len(b.problems) > 0 || len(b.stops) > 0 {
		return nil, b.report(unread.Load())
	}
	// Generated ids break ties: sort the edges of those nodes once more.
	resortGroups(edges, groups, generated)
	// The relations with properties: those given some, kept, and those
	// merged into, in edge order.
	for _, is := range chunkProps {
		for _, i := range is {
			if ok[i] {
				held.edges = append(held.edges, b.edges[i])
			}
		}
	}
	for _, sh := range shards.list {
		held.edges = append(held.edges, sh.merged...)
	}
	slices.SortFunc(held.edges, edgeCmp)
	held.edges = slices.Compact(held.edges) // given properties and merged into
	g := &Graph{Schema: b.schema, Nodes: b.nodes, Edges: edges, Sources: b.sources, Merges: b.merges, held: &held}
	alias := make(map[string]string, len(b.redirected)) // merged record id -> node id
	for _, r := range b.redirected {
		alias[r.id] = r.into.ID // an id is merged into one node
	}
	g.finish(alias, true)
	return g, nil
}

// Merges returns the merges made so far, in input order.
func (b *Builder) Merges() []Merge { return b.merges }

func (b *Builder) nodeIDs() []string {
	ids := make([]string, 0, len(b.nodes))
	for _, n := range b.nodes {
		ids = append(ids, n.ID)
	}
	sort.Strings(ids)
	return ids
}

// report returns the problems: those that stopped reading first, then a
// count of the references not checked because of them, then the rest by
// position, repeats of one kind capped.
func (b *Builder) report(unread int64) Problems {
	ps := append(Problems(nil), b.stops...)
	if unread > 0 {
		ps = append(ps, Problem{Pos: b.stops[0].Pos, Msg: fmt.Sprintf("%s references to nodes or sources not defined are not reported: the part not read may define them", thousands(int(unread)))})
	}
	rest := append(Problems(nil), b.problems...)
	rest.Sort()
	return append(ps, rest.Capped(PerKind)...)
}

// mergeEdge folds relation e into old. Differing status, dates or
// confidence are kept as sourced property values, never overwritten.
// Citations are appended; Graph sorts them once every merge is done.
func (b *Builder) mergeEdge(sh *edgeShard, old, e *Edge) {
	if old.Props == nil {
		old.Props = Props{}
	}
	ids := citeIDs(e.Cites)
	keep := func(name, a, v string) {
		if a == v || v == "" {
			return
		}
		if len(old.Props[name]) == 0 && a != "" {
			old.Cites = sortCites(old.Cites)
			addProp(sh.propIdx, old, old.Props, name, a, citeIDs(old.Cites))
		}
		addProp(sh.propIdx, old, old.Props, name, v, ids)
	}
	keep("status", old.Status, e.Status)
	keep("date", old.Date, e.Date)
	keep("until", old.Until, e.Until)
	if e.Confidence != nil {
		if old.Confidence == nil {
			old.Confidence = e.Confidence
		} else if *old.Confidence != *e.Confidence {
			keep("confidence", strconv.FormatFloat(*old.Confidence, 'g', -1, 64), strconv.FormatFloat(*e.Confidence, 'g', -1, 64))
		}
	}
	if old.Status == "" {
		old.Status = e.Status
	}
	if old.Date == "" {
		old.Date = e.Date
	}
	if old.Until == "" {
		old.Until = e.Until
	}
	for _, k := range e.Props.Keys() {
		for _, v := range e.Props[k] {
			addProp(sh.propIdx, old, old.Props, k, v.Value, v.Sources)
		}
	}
	old.Cites = append(old.Cites, e.Cites...)
}

func orAny(ks []string) string {
	if len(ks) == 0 {
		return "any"
	}
	return strings.Join(ks, "|")
}

// edgeKey identifies a relation given without an id.
type edgeKey struct{ from, typ, to, date string }
