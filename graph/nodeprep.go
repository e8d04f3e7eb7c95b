package graph

import (
	"slices"
	"strings"
	"unsafe"
)

// nodePrep is what [Builder.PrepareNode] found out about a node on its
// own, so that [Builder.AddNode], which runs on one goroutine, need not
// work it out again.
type nodePrep struct {
	ok       bool     // nodeProblems' verdict
	problems Problems // nodeProblems' problems, before those a parser reported are left out
	warnings Problems // scriptWarnings' warnings
	nameKey  string   // kindKey(Kind, Name)
	// aliasKeys[i] is kindKey(Kind, Aliases[i]) for Aliases as given
	aliasKeys []string
}

// PrepareNode checks node n on its own and works out its normalized name
// keys, for [Builder.AddNode] to use. It reads only the schema and the
// limits, so parsers call it on several goroutines, in any order, before
// adding n; calling it is optional and changes no result.
func (b *Builder) PrepareNode(n *Node) {
	p := &nodePrep{nameKey: kindKey(n.Kind, n.Name)}
	p.warnings = scriptWarnings(n)
	p.problems, p.ok = nodeProblems(n, b.schema, b.limits)
	if len(n.Aliases) > 0 {
		p.aliasKeys = make([]string, len(n.Aliases))
		for i, a := range n.Aliases {
			p.aliasKeys[i] = kindKey(n.Kind, a)
		}
	}
	n.prep = p
}

// prepared returns n's preparation, working it out now if a parser did not.
func (b *Builder) prepared(n *Node) *nodePrep {
	if n.prep == nil {
		b.PrepareNode(n)
	}
	p := n.prep
	n.prep = nil
	return p
}

// kindKey is the index key of name among nodes of kind: the kind, a NUL
// and [Key](name); "" when the name has no key.
func kindKey(kind, name string) string {
	if isASCII(name) {
		return asciiKindKey(kind, name)
	}
	k := Key(name)
	if k == "" {
		return ""
	}
	var sb strings.Builder
	sb.Grow(len(kind) + 1 + len(k))
	sb.WriteString(kind)
	sb.WriteByte(0)
	sb.WriteString(k)
	return sb.String()
}

// asciiKindKey is kindKey for an ASCII name, in one allocation: Key's
// letters and digits are then [A-Za-z0-9], lower cased, words joined by
// one space.
func asciiKindKey(kind, name string) string {
	buf := make([]byte, 0, len(kind)+1+len(name))
	buf = append(buf, kind...)
	buf = append(buf, 0)
	start := len(buf)
	space := false
	for i := 0; i < len(name); i++ {
		c := name[i]
		switch {
		case 'a' <= c && c <= 'z' || '0' <= c && c <= '9':
		case 'A' <= c && c <= 'Z':
			c += 'a' - 'A'
		default:
			space = true
			continue
		}
		if space && len(buf) > start {
			buf = append(buf, ' ')
		}
		space = false
		buf = append(buf, c)
	}
	if len(buf) == start {
		return ""
	}
	return unsafe.String(unsafe.SliceData(buf), len(buf))
}

// cleanAliasesKeyed is cleanAliases keeping each alias's key beside it.
func cleanAliasesKeyed(name string, as, keys []string) ([]string, []string) {
	if len(as) == 0 {
		return cleanAliases(name, as), nil
	}
	idx := make([]int, len(as))
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(i, j int) int { return strings.Compare(as[i], as[j]) })
	outA := make([]string, 0, len(as))
	outK := make([]string, 0, len(as))
	for n, i := range idx {
		if as[i] == name || (n > 0 && as[i] == as[idx[n-1]]) {
			continue
		}
		outA = append(outA, as[i])
		outK = append(outK, keys[i])
	}
	if len(outA) == 0 {
		return nil, nil
	}
	// the same backing array as cleanAliases would leave
	copy(as, outA)
	return as[:len(outA)], outK
}
