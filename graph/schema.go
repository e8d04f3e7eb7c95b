package graph

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"io"
	"sort"
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

// DefaultSchema returns the schema for the Russia–North Korea domain.
func DefaultSchema() *Schema {
	s, err := ParseSchema(bytes.NewReader(defaultSchemaJSON), "default_schema.json")
	if err != nil {
		panic("graph: bad embedded schema: " + err.Error())
	}
	return s
}

// ParseSchema reads a schema document and checks that every kind and type
// is an identifier and that every endpoint kind is declared.
func ParseSchema(r io.Reader, name string) (*Schema, error) {
	var s Schema
	dec := json.NewDecoder(r)
	dec.DisallowUnknownFields()
	if err := dec.Decode(&s); err != nil {
		return nil, fmt.Errorf("graph: schema %s: %w", name, err)
	}
	var ps Problems
	pos := Pos{File: name}
	if s.Kinds == nil {
		s.Kinds = map[string]KindSpec{}
	}
	s.Kinds[KindSource] = KindSpec{Description: "An article that reports facts."}
	for _, k := range sortedKeys(s.Kinds) {
		if !IsIdent(k) {
			ps = append(ps, Problem{Pos: pos, Field: "kinds", Msg: fmt.Sprintf("kind %q is not an identifier (letters, digits, underscore)", k)})
		}
	}
	for _, t := range sortedKeys(s.Types) {
		if !IsIdent(t) {
			ps = append(ps, Problem{Pos: pos, Field: "types", Msg: fmt.Sprintf("type %q is not an identifier (letters, digits, underscore)", t)})
		}
		spec := s.Types[t]
		for _, k := range append(append([]string{}, spec.From...), spec.To...) {
			if _, ok := s.Kinds[k]; !ok {
				ps = append(ps, Problem{Pos: pos, Field: "types." + t, Msg: fmt.Sprintf("unknown kind %q", k)})
			}
		}
	}
	if err := ps.Err(); err != nil {
		return nil, fmt.Errorf("graph: schema: %w", err)
	}
	return &s, nil
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
