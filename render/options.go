package render

import (
	"errors"
	"fmt"
	"strings"
)

// Options say how to draw a graph. The zero value is the default diagram.
type Options struct {
	Marks       *Marks  // elements to mark as added, removed or changed (see diff.go); nil marks none
	Title       string  // shown under the diagram and as the SVG <title>; default "relgraph"
	Theme       string  // one of [Themes]; default "print"
	Layout      string  // one of [Layouts]; default "dot", "neato" for an overview
	RankDir     string  // one of [RankDirs], for the dot layout; default "LR"
	ClusterBy   string  // "" or "state": people, agencies and places inside their state's box
	ShowSources bool    // draw the articles as nodes, linked to what they state
	NoLegend    bool    // leave out the legend (the title and caption stay)
	Scale       float64 // PNG pixels per point; 0 is 2 (144 dpi), less for diagrams over maxAutoPixels across
	Detail      string  // one of [Details]: "auto" (""), "overview" or "full"; see overview.go
	View        string  // one of [Views]: "graph" ("") or "timeline"
	Page        string  // one of [Pages]: "" or "none" (natural size), "a4", "letter", "a3"
	Portrait    bool    // with Page, fit a portrait page instead of landscape
	FoldList    bool    // in an overview, name the folded nodes in the caption, not only in tooltips
	Keep        string  // in an overview, the id of a node always drawn (the focus)
	Since       string  // in a timeline, leave out items dated wholly before this partial date
	Until       string  // in a timeline, leave out items dated wholly after this partial date
}

// ClusterModes lists the values of Options.ClusterBy other than "".
var ClusterModes = []string{"state", "none"}

// ErrOption is matched (errors.Is) by every error about an option value.
var ErrOption = errors.New("render: bad option")

// optionError is an error about an option; its message is the cause's.
type optionError struct{ err error }

func (e optionError) Error() string        { return e.err.Error() }
func (e optionError) Unwrap() error        { return e.err }
func (e optionError) Is(target error) bool { return target == ErrOption }

// Check reports the first option with a value render does not know.
func (o Options) Check() error {
	if _, err := ThemeNamed(o.Theme); err != nil {
		return optionError{err}
	}
	checks := []struct {
		what, v string
		in      []string
	}{{"layout", o.Layout, Layouts}, {"rankdir", strings.ToUpper(o.RankDir), RankDirs}, {"cluster mode", o.ClusterBy, ClusterModes},
		{"detail", o.Detail, Details}, {"view", o.View, Views}, {"page", strings.ToLower(o.Page), pageNames()}}
	for _, c := range checks {
		if c.v == "" {
			continue
		}
		if err := checkOneOf(c.what, c.v, c.in); err != nil {
			return optionError{err}
		}
	}
	if o.Scale < 0 || o.Scale > 8 {
		return optionError{fmt.Errorf("render: scale %g is outside 0 to 8", o.Scale)}
	}
	return nil
}

func (o Options) withDefaults() Options {
	if o.Title == "" {
		o.Title = "relgraph"
	}
	o.RankDir = strings.ToUpper(o.RankDir)
	if o.RankDir == "" {
		o.RankDir = "LR"
	}
	return o
}
