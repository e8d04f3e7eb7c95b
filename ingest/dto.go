package ingest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"

	fastjson "github.com/goccy/go-json"

	"github.com/relgraph/relgraph/graph"
)

// docJSON is the native document.
type docJSON struct {
	Sources   []json.RawMessage `json:"sources"`
	Nodes     []json.RawMessage `json:"nodes"`
	Edges     []json.RawMessage `json:"edges"`
	Entities  []json.RawMessage `json:"entities"`
	Relations []json.RawMessage `json:"relations"`
}

// SourceRec is a source as written in the native format.
type SourceRec struct {
	Record string   `json:"record,omitempty" yaml:"record,omitempty"`
	ID     string   `json:"id" yaml:"id"`
	File   string   `json:"file,omitempty" yaml:"file,omitempty"`
	Title  string   `json:"title,omitempty" yaml:"title,omitempty"`
	Outlet string   `json:"outlet,omitempty" yaml:"outlet,omitempty"`
	Author string   `json:"author,omitempty" yaml:"author,omitempty"`
	Date   string   `json:"date,omitempty" yaml:"date,omitempty"`
	URL    string   `json:"url,omitempty" yaml:"url,omitempty"`
	Props  PropsRec `json:"props,omitempty" yaml:"props,omitempty"`
}

// NodeRec is an entity as written in the native format.
type NodeRec struct {
	Record  string   `json:"record,omitempty" yaml:"record,omitempty"`
	ID      string   `json:"id" yaml:"id"`
	Kind    string   `json:"kind" yaml:"kind"`
	Name    string   `json:"name" yaml:"name"`
	Aliases []string `json:"aliases" yaml:"aliases,omitempty"`
	Props   PropsRec `json:"props,omitempty" yaml:"props,omitempty"`
	Sources CitesRec `json:"sources,omitempty" yaml:"sources,omitempty"`
}

// EdgeRec is a relation as written in the native format.
type EdgeRec struct {
	Record     string   `json:"record,omitempty" yaml:"record,omitempty"`
	ID         string   `json:"id,omitempty" yaml:"id,omitempty"`
	From       string   `json:"from" yaml:"from"`
	To         string   `json:"to" yaml:"to"`
	Type       string   `json:"type" yaml:"type"`
	Date       string   `json:"date,omitempty" yaml:"date,omitempty"`
	Until      string   `json:"until,omitempty" yaml:"until,omitempty"`
	Status     string   `json:"status,omitempty" yaml:"status,omitempty"`
	Confidence *float64 `json:"confidence,omitempty" yaml:"confidence,omitempty"`
	Props      PropsRec `json:"props,omitempty" yaml:"props,omitempty"`
	Sources    CitesRec `json:"sources" yaml:"sources"`
}

// CiteRec is one citation: {"id": …, "quote": …}; "source" is accepted for
// "id", and a bare string is a citation without a quote.
type CiteRec struct {
	ID    string `json:"id" yaml:"id"`
	Quote string `json:"quote,omitempty" yaml:"quote,omitempty"`
}

// CitesRec is a list of citations.
type CitesRec []CiteRec

// UnmarshalJSON accepts a string or an object with id or source.
func (c *CiteRec) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if len(b) > 0 && b[0] == '"' {
		return json.Unmarshal(b, &c.ID)
	}
	if len(b) == 0 || b[0] != '{' {
		return fmt.Errorf("want a source id or an object {\"id\", \"quote\"}, got %s", jsonKind(b))
	}
	var o struct {
		ID     string `json:"id"`
		Source string `json:"source"`
		Quote  string `json:"quote"`
	}
	dec := fastjson.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&o); err != nil {
		// decode again, field by field, for a message naming the field
		errs, serr := decodeRecord(b, &o)
		if serr != nil {
			return serr
		}
		if len(errs) > 0 {
			return &fieldError{errs[0].field, errs[0].msg}
		}
		return err
	}
	if o.ID != "" && o.Source != "" && o.ID != o.Source {
		return fmt.Errorf("citation has both id %q and source %q", o.ID, o.Source)
	}
	c.ID, c.Quote = o.ID, o.Quote
	if c.ID == "" {
		c.ID = o.Source
	}
	return nil
}

// PropsRec maps a property to its values.
type PropsRec map[string][]graph.Value

// UnmarshalJSON accepts, per property, a string, number or boolean, or a
// list of {"value", "sources"} objects.
func (p *PropsRec) UnmarshalJSON(b []byte) error {
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(b, &raw); err != nil {
		return err
	}
	out := make(PropsRec, len(raw))
	for k, v := range raw {
		v = bytes.TrimSpace(v)
		switch {
		case len(v) == 0 || string(v) == "null":
			continue
		case v[0] == '"':
			var s string
			if err := json.Unmarshal(v, &s); err != nil {
				return fmt.Errorf("props.%s: %w", k, err)
			}
			out[k] = []graph.Value{{Value: s}}
		case v[0] == '[':
			var vals []struct {
				Value   json.RawMessage `json:"value"`
				Sources []string        `json:"sources"`
			}
			if err := json.Unmarshal(v, &vals); err != nil {
				return fmt.Errorf("props.%s: want a string or a list of {\"value\", \"sources\"}: %w", k, err)
			}
			for _, x := range vals {
				s, err := scalar(x.Value)
				if err != nil {
					return fmt.Errorf("props.%s: %w", k, err)
				}
				out[k] = append(out[k], graph.Value{Value: s, Sources: x.Sources})
			}
		default:
			s, err := scalar(v)
			if err != nil {
				return fmt.Errorf("props.%s: %w", k, err)
			}
			out[k] = []graph.Value{{Value: s}}
		}
	}
	*p = out
	return nil
}

// scalar turns a JSON string, number or boolean into its text.
func scalar(v json.RawMessage) (string, error) {
	v = bytes.TrimSpace(v)
	if len(v) == 0 {
		return "", fmt.Errorf("missing value")
	}
	switch v[0] {
	case '"':
		var s string
		err := json.Unmarshal(v, &s)
		return s, err
	case 't', 'f':
		var x bool
		if err := json.Unmarshal(v, &x); err != nil {
			return "", err
		}
		return strconv.FormatBool(x), nil
	case '{', '[', 'n':
		return "", fmt.Errorf("a property value must be a string, number or boolean")
	}
	var n json.Number
	if err := json.Unmarshal(v, &n); err != nil {
		return "", err
	}
	return n.String(), nil
}

func (p PropsRec) graph() graph.Props {
	if len(p) == 0 {
		return nil
	}
	out := make(graph.Props, len(p))
	for k, vs := range p {
		out[k] = append([]graph.Value(nil), vs...)
	}
	return out
}

func (c CitesRec) graph() []graph.Citation {
	out := make([]graph.Citation, len(c))
	for i, x := range c {
		out[i] = graph.Citation{Source: x.ID, Quote: x.Quote}
	}
	return out
}

// Node converts the record to a graph node read at pos.
func (r *NodeRec) Node(pos graph.Pos) *graph.Node {
	return &graph.Node{ID: r.ID, Kind: r.Kind, Name: r.Name, Aliases: r.Aliases, Props: r.Props.graph(), Cites: r.Sources.graph(), Pos: pos}
}

// Edge converts the record to a graph edge read at pos.
func (r *EdgeRec) Edge(pos graph.Pos) *graph.Edge {
	return &graph.Edge{ID: r.ID, From: r.From, To: r.To, Type: r.Type, Date: r.Date, Until: r.Until, Status: r.Status, Confidence: r.Confidence, Props: r.Props.graph(), Cites: r.Sources.graph(), Pos: pos}
}

// Source converts the record to a graph source read at pos.
func (r *SourceRec) Source(pos graph.Pos) *graph.Source {
	return &graph.Source{ID: r.ID, File: r.File, Title: r.Title, Outlet: r.Outlet, Author: r.Author, Date: r.Date, URL: r.URL, Props: r.Props.graph(), Pos: pos}
}

// fieldError is a problem with one field of a nested object.
type fieldError struct{ field, msg string }

func (e *fieldError) Error() string { return e.field + ": " + e.msg }
