package graph

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"
)

//go:embed default_schema.json
var defaultSchemaJSON []byte

// Schema says which kinds of node exist and which relation types may join
// which kinds. It is data: [DefaultSchema] is this domain's, and a user may
// supply their own with [ParseSchema].
type Schema struct {
	// Kinds lists the node kinds with a one-line description each.
	Kinds map[string]KindSpec `json:"kinds"`
	// Types lists the relation types and the kinds each may join. An empty
	// From or To list allows any kind.
	Types map[string]TypeSpec `json:"types"`
	// Imports maps the entity and relation types of extraction pipelines
	// (GraphRAG, LangChain) onto these kinds and types.
	Imports ImportSpec `json:"imports,omitzero"`
}

// ImportSpec maps the types that extraction pipelines write onto a schema.
// Keys are matched without regard to case, and with spaces and hyphens
// read as underscores: "Organization", "ORGANIZATION" and "organization"
// are one key.
type ImportSpec struct {
	// Kinds maps a pipeline's entity type to a kind.
	Kinds map[string]string `json:"kinds,omitempty"`
	// Types maps a pipeline's relation type to a relation type.
	Types map[string]string `json:"types,omitempty"`
	// DefaultKind is the kind of an entity whose type is neither mapped nor
	// a kind of the schema; "" makes such an entity a problem.
	DefaultKind string `json:"default_kind,omitempty"`
	// DefaultType is the type of a relation that has none (every GraphRAG
	// relationship), or whose type is neither mapped nor a type of the
	// schema, or that the schema does not allow between its ends; "" makes
	// such a relation a problem.
	DefaultType string `json:"default_type,omitempty"`

	kinds, types map[string]string // keys folded by FoldType
}

// KindSpec describes one node kind.
type KindSpec struct {
	Description string `json:"description,omitempty"`
}

// TypeSpec describes one relation type.
type TypeSpec struct {
	Description string   `json:"description,omitempty"`
	From        []string `json:"from,omitempty"`
	To          []string `json:"to,omitempty"`
}

// IsIdent reports whether s may name a kind or relation type: letters,
// digits and underscores, not starting with a digit. Such names are safe as
// Neo4j labels and relationship types once backtick-quoted.
func IsIdent(s string) bool {
	if s == "" || (s[0] >= '0' && s[0] <= '9') {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
			return false
		}
	}
	return true
}

// Names relgraph gives its own labels and relationship types. They are
// here, not with the encoders that write them, because a schema must not
// declare them: a kind or type with one of these names would be written
// into the same label or type as relgraph's own elements.
const (
	// EntityLabel is the label every entity carries beside its kind.
	EntityLabel = "Entity"
	// ReportsType is the relationship from a source to each entity it cites.
	ReportsType = "REPORTS"
	// LockLabel is the label of the lock node of the earlier load model,
	// which a load refuses and relgraph drop --legacy removes; still
	// reserved so that no schema's kind is taken for it.
	LockLabel = "RelgraphLoadLock"
)

// ReservedNames are the names a schema may not give a kind or a relation
// type, each with what relgraph uses it for. [KindSource] is among them:
// sources are given in the "sources" of the input, not as nodes, and every
// schema has that kind.
var ReservedNames = map[string]string{
	KindSource:  "the label of the sources (articles), which every schema has",
	EntityLabel: "the label every entity carries beside its kind",
	ReportsType: "the relationship from a source to each entity it cites",
	LockLabel:   "the lock label of the earlier load model (relgraph drop --legacy removes it)",
}

// DefaultSchema returns the schema for the Russia–North Korea domain.
func DefaultSchema() *Schema {
	s, err := ParseSchema(bytes.NewReader(defaultSchemaJSON), "default_schema.json")
	if err != nil {
		panic("graph: bad embedded schema: " + err.Error())
	}
	return s
}

// maxSchemaBytes bounds a schema document, which lists names, not data.
const maxSchemaBytes = 16 << 20

// ParseSchema reads a schema document and checks that every kind and type
// is an identifier and not one of [ReservedNames], and that every endpoint
// kind is declared. Problems name the file, the line and the field
// (kinds.NAME, types.NAME).
func ParseSchema(r io.Reader, name string) (*Schema, error) {
	data, err := io.ReadAll(io.LimitReader(r, maxSchemaBytes+1))
	if err != nil {
		return nil, fmt.Errorf("graph: schema %s: %w", name, err)
	}
	if len(data) > maxSchemaBytes {
		return nil, fmt.Errorf("graph: schema %s: larger than %d bytes: %w", name, maxSchemaBytes, ErrInvalid)
	}
	var s Schema
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&s); err != nil {
		return nil, fmt.Errorf("graph: schema %s: %w: %w", name, err, ErrInvalid)
	}
	lines := schemaLines(data)
	var ps Problems
	bad := func(field, format string, args ...any) {
		ps = append(ps, Problem{Pos: Pos{File: name, Line: lines[field]}, Field: field, Msg: fmt.Sprintf(format, args...)})
	}
	check := func(what, section, n string) bool {
		if !IsIdent(n) {
			bad(section+"."+n, "%s %q is not an identifier (ASCII letters, digits, underscore)", what, n)
			return false
		}
		if use, ok := ReservedNames[n]; ok {
			bad(section+"."+n, "%q is reserved by relgraph (%s); name the %s otherwise", n, use, what)
			return false
		}
		return true
	}
	for _, k := range sortedKeys(s.Kinds) {
		check("kind", "kinds", k)
	}
	for _, t := range sortedKeys(s.Types) {
		check("type", "types", t)
		spec := s.Types[t]
		for _, k := range append(append([]string{}, spec.From...), spec.To...) {
			if _, ok := s.Kinds[k]; ok {
				continue
			}
			if k == KindSource {
				bad("types."+t, "kind %q: sources are not entities and cannot be the end of a relation", k)
			} else {
				bad("types."+t, "unknown kind %q", k)
			}
		}
	}
	imp := &s.Imports
	for _, k := range sortedKeys(imp.Kinds) {
		if _, ok := s.Kinds[imp.Kinds[k]]; !ok || imp.Kinds[k] == KindSource {
			bad("imports.kinds."+k, "unknown kind %q", imp.Kinds[k])
		}
	}
	for _, t := range sortedKeys(imp.Types) {
		if _, ok := s.Types[imp.Types[t]]; !ok {
			bad("imports.types."+t, "unknown relation type %q", imp.Types[t])
		}
	}
	if _, ok := s.Kinds[imp.DefaultKind]; imp.DefaultKind != "" && (!ok || imp.DefaultKind == KindSource) {
		bad("imports.default_kind", "unknown kind %q", imp.DefaultKind)
	}
	if _, ok := s.Types[imp.DefaultType]; imp.DefaultType != "" && !ok {
		bad("imports.default_type", "unknown relation type %q", imp.DefaultType)
	}
	imp.kinds, imp.types = foldKeys(imp.Kinds), foldKeys(imp.Types)
	ps.Sort()
	if err := ps.Err(); err != nil {
		return nil, fmt.Errorf("graph: schema: %w", err)
	}
	if s.Kinds == nil {
		s.Kinds = map[string]KindSpec{}
	}
	s.Kinds[KindSource] = KindSpec{Description: "An article that reports facts."}
	return &s, nil
}

// schemaLines returns the line of each kind and type of a schema document
// that decoded without error, as "kinds.NAME" and "types.NAME".
func schemaLines(data []byte) map[string]int {
	out := map[string]int{}
	dec := json.NewDecoder(bytes.NewReader(data))
	line := func(off int64) int { return 1 + bytes.Count(data[:off], []byte("\n")) }
	// skip reads the value that follows, whatever it is.
	skip := func() {
		var v json.RawMessage
		dec.Decode(&v)
	}
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return out
	}
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return out
		}
		section, _ := t.(string)
		if section != "kinds" && section != "types" {
			skip()
			continue
		}
		if t, err := dec.Token(); err != nil || t != json.Delim('{') {
			continue // null
		}
		for dec.More() {
			off := dec.InputOffset()
			t, err := dec.Token()
			if err != nil {
				return out
			}
			if k, ok := t.(string); ok {
				// off is where the previous token ended; the key starts at
				// the first quote after it.
				start := off + int64(bytes.IndexByte(data[off:], '"'))
				out[section+"."+k] = line(start)
			}
			skip()
		}
		dec.Token() // }
	}
	return out
}

// KindNames returns the declared kinds, sorted.
func (s *Schema) KindNames() []string { return sortedKeys(s.Kinds) }

// TypeNames returns the declared relation types, sorted.
func (s *Schema) TypeNames() []string { return sortedKeys(s.Types) }

// Allows reports whether a relation of type t may go from kind a to kind b.
func (s *Schema) Allows(t, a, b string) bool {
	spec, ok := s.Types[t]
	if !ok {
		return false
	}
	return spec.allows(a, b)
}

// allows reports whether a relation of this type may go from kind a to
// kind b.
func (spec *TypeSpec) allows(a, b string) bool {
	return (len(spec.From) == 0 || contains(spec.From, a)) && (len(spec.To) == 0 || contains(spec.To, b))
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// ImportKind returns the kind of an entity whose pipeline type is t: the
// mapped kind, else the kind of that name (in any case), else the default
// kind. ok is false when none applies.
func (s *Schema) ImportKind(t string) (kind string, ok bool) {
	key := FoldType(t)
	if k, ok := s.Imports.kinds[key]; ok {
		return k, true
	}
	for _, k := range s.KindNames() {
		if k != KindSource && FoldType(k) == key && key != "" {
			return k, true
		}
	}
	return s.Imports.DefaultKind, s.Imports.DefaultKind != ""
}

// ImportType returns the relation type for a pipeline's relation type t
// between kinds a and b: the mapped type, else the type of that name (in
// any case), provided the schema allows it between a and b; else the
// default type. ok is false when none applies.
func (s *Schema) ImportType(t, a, b string) (typ string, ok bool) {
	key := FoldType(t)
	cand, found := s.Imports.types[key]
	if !found && key != "" {
		for _, x := range s.TypeNames() {
			if FoldType(x) == key {
				cand, found = x, true
				break
			}
		}
	}
	if found && s.Allows(cand, a, b) {
		return cand, true
	}
	d := s.Imports.DefaultType
	return d, d != "" && s.Allows(d, a, b)
}

// FoldType is the form in which pipeline types are compared: upper case,
// with runs of spaces, hyphens and underscores as one underscore, trimmed.
func FoldType(t string) string {
	var b strings.Builder
	under := false
	for _, r := range strings.TrimSpace(t) {
		if r == ' ' || r == '-' || r == '_' || r == '\t' {
			under = true
			continue
		}
		if under && b.Len() > 0 {
			b.WriteByte('_')
		}
		under = false
		b.WriteString(strings.ToUpper(string(r)))
	}
	return b.String()
}

func foldKeys(m map[string]string) map[string]string {
	out := make(map[string]string, len(m))
	for _, k := range sortedKeys(m) {
		if _, dup := out[FoldType(k)]; !dup {
			out[FoldType(k)] = m[k]
		}
	}
	return out
}
