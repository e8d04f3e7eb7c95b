package ingest

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"

	"github.com/relgraph/relgraph/graph"
	"gopkg.in/yaml.v3"
)

// ReadYAML reads a native document written in YAML (see the package
// comment) from r into b:
//
//	sources:
//	  - {id: s1, file: 000_e135d90bb63d3935.txt, date: 2024-06-12}
//	nodes:
//	  - id: kim-jong-un
//	    kind: Leader
//	    name: Kim Jong Un
//	    aliases: [Kim Jong-un]
//	    sources: [{id: s1, quote: North Korean leader Kim Jong Un}]
//	edges:
//	  - {from: kim-jong-un, to: putin, type: INVITED, date: 2023-09, sources: [s1]}
//
// Scalars are taken as written (2023-09 stays a string). Anchors and
// aliases may share citations or properties, but their expansion is bounded
// by the size of the file, and nesting by Options.MaxDepth; merge keys
// (<<) are not supported. Every problem has the line of the record or
// field it is about; for a syntax error, the line yaml.v3 reports, which
// is sometimes where the enclosing block starts.
func ReadYAML(b *graph.Builder, r io.Reader, name string, o Options) error {
	o = o.withDefaults()
	data, err := readAll(b, r, name, o.MaxFileBytes)
	if err != nil || data == nil {
		return err
	}
	data = bytes.TrimPrefix(data, bom)
	if p := checkUTF8(name, data, 1); p != nil {
		b.Stop(*p)
		return nil
	}
	y := &yamlReader{b: b, name: name, budget: 4*len(data) + 1024, maxDepth: o.MaxDepth}
	y.read(data)
	return nil
}

type yamlReader struct {
	b        *graph.Builder
	name     string
	budget   int // nodes that may still be visited, aliases expanded
	maxDepth int
	failed   bool // the budget ran out: stop
}

var yamlErrLine = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

func (y *yamlReader) bad(line int, field, format string, args ...any) {
	y.b.Problem(graph.Problem{Pos: graph.Pos{File: y.name, Line: line}, Field: field, Msg: fmt.Sprintf(format, args...)})
}

func (y *yamlReader) read(data []byte) {
	var doc yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return // an empty file holds nothing
		}
		y.syntax(err)
		return
	}
	var more yaml.Node
	if err := dec.Decode(&more); err == nil {
		y.bad(more.Line, "", "more than one YAML document (---) in the file")
		return
	} else if !errors.Is(err, io.EOF) {
		y.syntax(err)
		return
	}
	if d := depth(&doc, 0, y.maxDepth); d > y.maxDepth {
		y.bad(1, "", "nested too deeply (the limit is %d levels)", y.maxDepth)
		return
	}
	root := y.deref(&doc)
	if root == nil {
		return
	}
	if root.Kind == yaml.DocumentNode {
		if len(root.Content) == 0 {
			return
		}
		root = y.deref(root.Content[0])
		if root == nil {
			return
		}
	}
	if isNull(root) {
		return
	}
	if root.Kind != yaml.MappingNode {
		y.bad(root.Line, "", "the document must be a mapping with sources, nodes and edges")
		return
	}
	for i := 0; i+1 < len(root.Content) && !y.failed; i += 2 {
		k, v := root.Content[i], y.deref(root.Content[i+1])
		if v == nil {
			return
		}
		key := k.Value
		switch key {
		case "sources", "nodes", "edges", "entities", "relations":
		default:
			y.bad(k.Line, key, "unknown field (want sources, nodes or edges)")
			continue
		}
		if isNull(v) {
			continue
		}
		if v.Kind != yaml.SequenceNode {
			y.bad(v.Line, key, "must be a list")
			continue
		}
		for j, item := range v.Content {
			item = y.deref(item)
			if item == nil {
				return
			}
			field := fmt.Sprintf("%s[%d]", key, j)
			switch key {
			case "sources":
				y.source(item, field)
			case "nodes", "entities":
				y.node(item, field)
			default:
				y.edge(item, field)
			}
		}
	}
}

// syntax reports a syntax error, which stops the file: nothing of it is
// read.
func (y *yamlReader) syntax(err error) {
	stop := func(line int, msg string) {
		y.b.Stop(graph.Problem{Pos: graph.Pos{File: y.name, Line: line}, Msg: "syntax error: " + msg + "; nothing of the file is read"})
	}
	msg := err.Error()
	if m := yamlErrLine.FindStringSubmatch(msg); m != nil {
		line, _ := strconv.Atoi(m[1])
		stop(line, m[2])
		return
	}
	var te *yaml.TypeError
	if errors.As(err, &te) && len(te.Errors) > 0 {
		msg = te.Errors[0]
	}
	stop(0, strings.TrimPrefix(msg, "yaml: "))
}

// depth returns how deeply n nests, stopping early past max. Aliases are
// not followed: their targets are counted where they are defined.
func depth(n *yaml.Node, d, max int) int {
	if d > max {
		return d
	}
	best := d
	for _, c := range n.Content {
		if x := depth(c, d+1, max); x > best {
			best = x
			if best > max {
				return best
			}
		}
	}
	return best
}

// deref follows aliases, charging the budget for every node reached, so
// that a few aliases of aliases cannot expand into billions of nodes. It
// returns nil once the budget is spent (and reports it once).
func (y *yamlReader) deref(n *yaml.Node) *yaml.Node {
	for hops := 0; n != nil && n.Kind == yaml.AliasNode; hops++ {
		if hops > y.maxDepth {
			n = nil
			break
		}
		n = n.Alias
		if n != nil {
			y.budget -= size(n, y.budget)
		}
	}
	y.budget--
	if y.budget < 0 || n == nil {
		if !y.failed {
			y.failed = true
			line := 0
			if n != nil {
				line = n.Line
			}
			y.bad(line, "", "too much alias expansion for the size of the file")
		}
		return nil
	}
	return n
}

// size counts the nodes under n, up to limit.
func size(n *yaml.Node, limit int) int {
	s := 1
	for _, c := range n.Content {
		if s > limit {
			break
		}
		s += size(c, limit-s)
	}
	return s
}

func isNull(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.Tag == "!!null"
}

// fields checks that n is a mapping of known, distinct scalar keys and
// returns the values by key, with the key's line.
func (y *yamlReader) fields(n *yaml.Node, field string, known []string) (map[string]*yaml.Node, bool) {
	if n.Kind != yaml.MappingNode {
		y.bad(n.Line, field, "must be a mapping")
		return nil, false
	}
	out := make(map[string]*yaml.Node, len(n.Content)/2)
	ok := true
	for i := 0; i+1 < len(n.Content); i += 2 {
		k := n.Content[i]
		if k.Kind != yaml.ScalarNode {
			y.bad(k.Line, field, "a key must be a plain string")
			ok = false
			continue
		}
		if k.Tag == "!!merge" {
			y.bad(k.Line, field+".<<", "merge keys are not supported")
			ok = false
			continue
		}
		if !contains(known, k.Value) {
			y.bad(k.Line, field+"."+k.Value, "unknown field (want %s)", strings.Join(known, ", "))
			ok = false
			continue
		}
		if _, dup := out[k.Value]; dup {
			y.bad(k.Line, field+"."+k.Value, "field given twice")
			ok = false
			continue
		}
		v := y.deref(n.Content[i+1])
		if v == nil {
			return nil, false
		}
		out[k.Value] = v
	}
	return out, ok
}

// str returns the scalar at key ("" when missing or null).
func (y *yamlReader) str(m map[string]*yaml.Node, key, field string, ok *bool) string {
	v := m[key]
	if v == nil || isNull(v) {
		return ""
	}
	if v.Kind != yaml.ScalarNode {
		y.bad(v.Line, field+"."+key, "want a string")
		*ok = false
		return ""
	}
	return v.Value
}

func (y *yamlReader) record(m map[string]*yaml.Node, field, want string, ok *bool) {
	if got := y.str(m, "record", field, ok); got != "" && got != want {
		y.bad(m["record"].Line, field+".record", "%q in a list of %ss", got, want)
		*ok = false
	}
}

var (
	yamlSourceFields = []string{"record", "id", "file", "title", "outlet", "author", "date", "url", "props"}
	yamlNodeFields   = []string{"record", "id", "kind", "name", "aliases", "props", "sources"}
	yamlEdgeFields   = []string{"record", "id", "from", "to", "type", "date", "until", "status", "confidence", "props", "sources"}
)

func (y *yamlReader) source(n *yaml.Node, field string) {
	m, ok := y.fields(n, field, yamlSourceFields)
	if m == nil {
		return
	}
	y.record(m, field, "source", &ok)
	s := &graph.Source{
		ID: y.str(m, "id", field, &ok), File: y.str(m, "file", field, &ok), Title: y.str(m, "title", field, &ok),
		Outlet: y.str(m, "outlet", field, &ok), Author: y.str(m, "author", field, &ok), Date: y.str(m, "date", field, &ok),
		URL: y.str(m, "url", field, &ok), Props: y.props(m["props"], field+".props", &ok), Pos: graph.Pos{File: y.name, Line: n.Line},
	}
	if ok {
		y.b.AddSource(s)
	}
}

func (y *yamlReader) node(n *yaml.Node, field string) {
	m, ok := y.fields(n, field, yamlNodeFields)
	if m == nil {
		return
	}
	y.record(m, field, "node", &ok)
	nd := &graph.Node{
		ID: y.str(m, "id", field, &ok), Kind: y.str(m, "kind", field, &ok), Name: y.str(m, "name", field, &ok),
		Aliases: y.strings(m["aliases"], field+".aliases", &ok), Props: y.props(m["props"], field+".props", &ok),
		Cites: y.cites(m["sources"], field+".sources", &ok), Pos: graph.Pos{File: y.name, Line: n.Line},
	}
	if ok {
		y.b.AddNode(nd)
	}
}

func (y *yamlReader) edge(n *yaml.Node, field string) {
	m, ok := y.fields(n, field, yamlEdgeFields)
	if m == nil {
		return
	}
	y.record(m, field, "edge", &ok)
	e := &graph.Edge{
		ID: y.str(m, "id", field, &ok), From: y.str(m, "from", field, &ok), To: y.str(m, "to", field, &ok),
		Type: y.str(m, "type", field, &ok), Date: y.str(m, "date", field, &ok), Until: y.str(m, "until", field, &ok),
		Status: y.str(m, "status", field, &ok), Props: y.props(m["props"], field+".props", &ok),
		Cites: y.cites(m["sources"], field+".sources", &ok), Pos: graph.Pos{File: y.name, Line: n.Line},
	}
	if c := y.str(m, "confidence", field, &ok); c != "" {
		f, err := strconv.ParseFloat(c, 64)
		if err != nil {
			y.bad(m["confidence"].Line, field+".confidence", "%q is not a number", c)
			ok = false
		} else {
			e.Confidence = &f
		}
	}
	if ok {
		y.b.AddEdge(e)
	}
}

// strings reads a list of strings; a single string is a list of one.
func (y *yamlReader) strings(n *yaml.Node, field string, ok *bool) []string {
	if n == nil || isNull(n) {
		return nil
	}
	if n.Kind == yaml.ScalarNode {
		return []string{n.Value}
	}
	if n.Kind != yaml.SequenceNode {
		y.bad(n.Line, field, "want a list of strings")
		*ok = false
		return nil
	}
	out := make([]string, 0, len(n.Content))
	for i, c := range n.Content {
		c = y.deref(c)
		if c == nil {
			*ok = false
			return nil
		}
		if c.Kind != yaml.ScalarNode || isNull(c) {
			y.bad(c.Line, fmt.Sprintf("%s[%d]", field, i), "want a string")
			*ok = false
			continue
		}
		out = append(out, c.Value)
	}
	return out
}

// cites reads citations: a source id, or {id (or source), quote}; a single
// citation need not be in a list.
func (y *yamlReader) cites(n *yaml.Node, field string, ok *bool) []graph.Citation {
	if n == nil || isNull(n) {
		return nil
	}
	items := []*yaml.Node{n}
	if n.Kind == yaml.SequenceNode {
		items = n.Content
	}
	out := make([]graph.Citation, 0, len(items))
	for i, c := range items {
		c = y.deref(c)
		if c == nil {
			*ok = false
			return nil
		}
		f := fmt.Sprintf("%s[%d]", field, i)
		switch c.Kind {
		case yaml.ScalarNode:
			out = append(out, graph.Citation{Source: c.Value})
		case yaml.MappingNode:
			m, good := y.fields(c, f, []string{"id", "source", "quote"})
			if m == nil {
				*ok = false
				return nil
			}
			id, src, q := y.str(m, "id", f, &good), y.str(m, "source", f, &good), y.str(m, "quote", f, &good)
			if id != "" && src != "" && id != src {
				y.bad(c.Line, f, "citation has both id %q and source %q", id, src)
				good = false
			}
			if id == "" {
				id = src
			}
			if !good {
				*ok = false
				continue
			}
			out = append(out, graph.Citation{Source: id, Quote: q})
		default:
			y.bad(c.Line, f, "want a source id or {id, quote}")
			*ok = false
		}
	}
	return out
}

// props reads a mapping of property names to a scalar or a list of
// {value, sources}.
func (y *yamlReader) props(n *yaml.Node, field string, ok *bool) graph.Props {
	if n == nil || isNull(n) {
		return nil
	}
	if n.Kind != yaml.MappingNode {
		y.bad(n.Line, field, "want a mapping of property names to values")
		*ok = false
		return nil
	}
	out := graph.Props{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k := n.Content[i]
		if k.Kind != yaml.ScalarNode || k.Tag == "!!merge" {
			y.bad(k.Line, field, "a property name must be a plain string")
			*ok = false
			continue
		}
		f := field + "." + k.Value
		if _, dup := out[k.Value]; dup {
			y.bad(k.Line, f, "property given twice")
			*ok = false
			continue
		}
		v := y.deref(n.Content[i+1])
		if v == nil {
			*ok = false
			return nil
		}
		switch {
		case isNull(v):
		case v.Kind == yaml.ScalarNode:
			out[k.Value] = []graph.Value{{Value: v.Value}}
		case v.Kind == yaml.SequenceNode:
			vals := make([]graph.Value, 0, len(v.Content))
			for j, c := range v.Content {
				c = y.deref(c)
				if c == nil {
					*ok = false
					return nil
				}
				fj := fmt.Sprintf("%s[%d]", f, j)
				m, good := y.fields(c, fj, []string{"value", "sources"})
				if m == nil {
					*ok = false
					continue
				}
				if val := m["value"]; val == nil || val.Kind != yaml.ScalarNode || isNull(val) {
					y.bad(c.Line, fj+".value", "want a string, number or boolean")
					*ok = false
					continue
				}
				srcs := y.strings(m["sources"], fj+".sources", &good)
				if !good {
					*ok = false
					continue
				}
				vals = append(vals, graph.Value{Value: m["value"].Value, Sources: srcs})
			}
			out[k.Value] = vals
		default:
			y.bad(v.Line, f, "want a string, number or boolean, or a list of {value, sources}")
			*ok = false
		}
	}
	return out
}
