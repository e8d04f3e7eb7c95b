package render

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/relgraph/relgraph/graph"
)

// The timeline view (Options.View "timeline") puts dated events and
// relations on a month axis running down the page, laid out by dot: one
// row per month, empty stretches of months drawn as one row that says so.
//
// An item is an Event with a "date" property, or a dated relation.
// Relations of the same date as a dated event they touch are drawn in that
// event's box (the people, states and places involved); other relations of
// one date are grouped by the event or allegation they lead to, else by the
// node they start from. A partial date covers its month or year
// ("2023-09" is the whole of September 2023): it is written as given and
// the item sits in its first month; a period (date and until, or a year)
// gets a line to the row of its last month. Each item lists the sources
// that state it, and its border and text take the relation looks of the
// graph view (alleged and speculated blue and dashed or dotted, denied
// vermilion and bold). Items with no date are never placed on the axis:
// undated events are listed in a box of their own, and undated relations
// counted, with a note.

// tlItem is one box on the timeline.
type tlItem struct {
	start, end string // months, "2006-01"
	date       string // as written on the item
	title      string
	kind       string // of the node the item is about, for its colour
	lines      []tlLine
	sources    []string // ids, sorted
	look       look
}

type tlLine struct {
	text string // plain text
	look look
}

// tlMonth returns the first and last month a partial date covers.
func tlMonths(date string) (first, last string) {
	switch len(date) {
	case 4:
		return date + "-01", date + "-12"
	case 7, 10:
		return date[:7], date[:7]
	}
	return "", ""
}

// nextMonth returns the month after m ("2006-01").
func nextMonth(m string) string {
	y, _ := strconv.Atoi(m[:4])
	mo, _ := strconv.Atoi(m[5:7])
	if mo == 12 {
		return fmt.Sprintf("%04d-01", y+1)
	}
	return fmt.Sprintf("%04d-%02d", y, mo+1)
}

var monthNames = []string{"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"}

func monthLabel(m string) string {
	mo, _ := strconv.Atoi(m[5:7])
	return monthNames[mo-1] + " " + m[:4]
}

// lookRank orders looks for an item's border: the least certain wins.
var lookRank = map[string]int{"reported": 0, "planned": 1, "speculated": 2, "alleged": 3, "denied": 4, "denies": 5}

// timeline is what the timeline view works out before writing.
type timeline struct {
	items         []*tlItem
	undatedEvents []*graph.Node
	undatedRels   int
	outside       int // items dated outside Options.Since/Until
}

// eventDate returns the date property of an event node, when it is a date.
func eventDate(n *graph.Node) string {
	if n.Kind != "Event" {
		return ""
	}
	d := n.Props.Get("date")
	if d == "" || graph.CheckDate(d) != nil {
		return ""
	}
	return d
}

func inRange(first, last string, o Options) bool {
	if o.Since != "" && DateBefore(last, o.Since) {
		return false
	}
	if o.Until != "" && DateBefore(o.Until, first) {
		return false
	}
	return true
}

// DateBefore reports whether partial date a ends before b begins.
func DateBefore(a, b string) bool { return graph.DateLess(a, b) }

func newTimeline(g *graph.Graph, o Options) *timeline {
	tl := &timeline{}
	events := map[string]*tlItem{}
	for _, n := range g.Nodes {
		d := eventDate(n)
		if d == "" {
			if n.Kind == "Event" {
				tl.undatedEvents = append(tl.undatedEvents, n)
			}
			continue
		}
		first, last := tlMonths(d)
		if !inRange(first, last, o) {
			tl.outside++
			continue
		}
		it := &tlItem{start: first, end: last, date: d, title: n.Name, kind: n.Kind, look: look0}
		srcs := map[string]bool{}
		for _, v := range n.Props["date"] {
			if v.Value == d {
				for _, s := range v.Sources {
					srcs[s] = true
				}
			}
		}
		for _, s := range n.SourceIDs() {
			srcs[s] = true
		}
		it.sources = sortedSet(srcs)
		events[n.ID] = it
		tl.items = append(tl.items, it)
	}
	groups := map[string]*tlItem{}
	placed := map[string]bool{} // undated events with a dated relation
	for _, e := range g.Edges {
		from, to := g.Node(e.From), g.Node(e.To)
		if from == nil || to == nil {
			continue
		}
		if e.Date == "" && e.Until == "" {
			tl.undatedRels++
			continue
		}
		start := e.Date
		if start == "" {
			start = e.Until
		}
		first, last := tlMonths(start)
		if e.Until != "" {
			_, last = tlMonths(e.Until)
		}
		if !inRange(first, last, o) {
			tl.outside++
			continue
		}
		l := edgeLook(e)
		var it *tlItem
		var text string
		switch {
		case events[to.ID] != nil && events[to.ID].date == e.Date && e.Until == "":
			it, text = events[to.ID], from.Name+" "+e.Type
		case events[from.ID] != nil && events[from.ID].date == e.Date && e.Until == "":
			it, text = events[from.ID], e.Type+" "+to.Name
		default:
			date := dateRange(e)
			about, key := from, "from:"+from.ID
			text = e.Type + " " + to.Name
			if to.Kind == "Event" || to.Kind == "Allegation" {
				about, key = to, "to:"+to.ID
				text = from.Name + " " + e.Type
				placed[to.ID] = true
			}
			key = date + "\x00" + key
			if it = groups[key]; it == nil {
				it = &tlItem{start: first, end: last, date: date, title: about.Name, kind: about.Kind, look: l}
				groups[key] = it
				tl.items = append(tl.items, it)
			}
		}
		if l.suffix != "" {
			text += " (" + l.suffix + ")"
		}
		text = l.prefix + text
		it.lines = append(it.lines, tlLine{text: text, look: l})
		if lookRank[l.key] > lookRank[it.look.key] {
			it.look = l
		}
		srcs := map[string]bool{}
		for _, s := range it.sources {
			srcs[s] = true
		}
		for _, s := range e.SourceIDs() {
			srcs[s] = true
		}
		it.sources = sortedSet(srcs)
	}
	// An undated event placed by its dated relations is not listed apart.
	undated := tl.undatedEvents[:0]
	for _, n := range tl.undatedEvents {
		if !placed[n.ID] {
			undated = append(undated, n)
		}
	}
	tl.undatedEvents = undated
	sort.SliceStable(tl.items, func(i, j int) bool {
		a, b := tl.items[i], tl.items[j]
		if a.start != b.start {
			return a.start < b.start
		}
		if a.date != b.date {
			return a.date < b.date
		}
		return a.title < b.title
	})
	return tl
}

// tlRow is one row of the axis: a month, or a stretch of empty months.
type tlRow struct {
	id, label string
	first     string // first month of the row
}

// rows returns the axis from the first item's month to the last one's.
func (tl *timeline) rows() ([]tlRow, map[string]string) {
	if len(tl.items) == 0 {
		return nil, nil
	}
	used := map[string]bool{}
	first, last := tl.items[0].start, tl.items[0].end
	for _, it := range tl.items {
		used[it.start] = true
		used[it.end] = true
		first = min(first, it.start)
		last = max(last, it.end)
	}
	var rows []tlRow
	rowOf := map[string]string{}
	for m := first; m <= last; m = nextMonth(m) {
		if used[m] {
			rows = append(rows, tlRow{id: "month:" + m, label: monthLabel(m), first: m})
			rowOf[m] = "month:" + m
			continue
		}
		gapStart, gapEnd := m, m
		for n := nextMonth(m); n <= last && !used[n]; n = nextMonth(n) {
			gapEnd = n
		}
		label := monthLabel(gapStart) + ": nothing dated"
		if gapEnd != gapStart {
			label = monthLabel(gapStart) + " – " + monthLabel(gapEnd) + ": nothing dated"
		}
		rows = append(rows, tlRow{id: "months:" + gapStart, label: label, first: gapStart})
		m = gapEnd
	}
	return rows, rowOf
}

// maxUndatedListed caps the undated events listed by name.
const maxUndatedListed = 24

// encodeTimeline writes g as a timeline.
func (e *DOTEncoder) encodeTimeline(g *graph.Graph) error {
	t := e.t
	tl := newTimeline(g, e.o)
	e.items = len(tl.items)
	d := newDiagram(g, e.o)
	rows, rowOf := tl.rows()
	e.printf("// relgraph timeline: %s dated, %s undated events, %s undated relations\n",
		plural(len(tl.items), "item", "items"), strconv.Itoa(len(tl.undatedEvents)), strconv.Itoa(tl.undatedRels))
	e.printf("digraph \"relgraph-timeline\" {\n  graph")
	e.attrs("layout", "dot", "rankdir", "TB", "bgcolor", q(t.Background), "fontname", q(t.Font), "fontcolor", q(t.Text),
		"fontsize", "10", "labelloc", "b", "labeljust", "l", "label", "<"+e.timelineCaption(d, tl)+">",
		"tooltip", quoteTooltip(e.o.Title), "pad", "0.3", "nodesep", "0.15", "ranksep", "0.2", "newrank", "true",
		"size", e.o.sizeAttr())
	e.printf(";\n  node")
	e.attrs("fontname", q(t.Font), "fontsize", "10", "shape", "plain", "fontcolor", q(t.Text))
	e.printf(";\n  edge")
	e.attrs("fontname", q(t.Font), "fontsize", "8", "color", q(t.Edge), "fontcolor", q(t.Edge), "arrowsize", "0.6")
	e.printf(";\n\n")
	axis := e.t.kind("Event")
	for _, r := range rows {
		style := "filled,bold"
		if strings.HasPrefix(r.id, "months:") {
			style = "filled,dashed"
		}
		e.printf("  %s", quoteText(r.id))
		e.attrs("label", "<<b>"+htmlText(r.label)+"</b>>", "shape", "box", "style", q(style), "fillcolor", q(t.Cluster.Fill),
			"color", q(axis.Stroke), "margin", q("0.12,0.06"), "tooltip", quoteTooltip(r.label))
		e.printf(";\n")
	}
	for i := 1; i < len(rows); i++ {
		e.printf("  %s -> %s", quoteText(rows[i-1].id), quoteText(rows[i].id))
		e.attrs("penwidth", "3", "arrowhead", "none", "color", q(axis.Stroke), "weight", "100")
		e.printf(";\n")
	}
	e.printf("\n")
	for i, it := range tl.items {
		id := fmt.Sprintf("item:%d", i+1)
		e.printf("  %s", quoteText(id))
		style := "filled"
		switch it.look.style {
		case "dashed", "dotted":
			style += "," + it.look.style
		}
		width := "1"
		if it.look.bold {
			width = "2"
		}
		e.attrs("label", "<"+e.itemLabel(it)+">", "shape", "box", "style", q(style), "margin", q("0.04,0.02"),
			"fillcolor", q(tint(e.t.kind(it.kind).Colour, 0.25)), "color", q(e.lookColour(it.look)), "penwidth", width,
			"tooltip", quoteTooltip(e.itemTooltip(d, it)))
		e.printf(";\n  { rank=same; %s; %s; }\n", quoteText(rowOf[it.start]), quoteText(id))
		if it.end != it.start {
			e.printf("  %s -> %s", quoteText(id), quoteText(rowOf[it.end]))
			e.attrs("style", q(it.look.style), "color", q(e.lookColour(it.look)), "arrowhead", "tee",
				"label", "<until "+htmlText(monthLabel(it.end))+">", "constraint", "false")
			e.printf(";\n")
		}
	}
	e.printf("}\n")
	if e.err != nil {
		return e.err
	}
	return e.w.Flush()
}

func (e *DOTEncoder) lookColour(l look) string {
	switch l.colour {
	case "alleged":
		return e.t.Alleged
	case "denied":
		return e.t.Denied
	}
	return e.t.Edge
}

// itemLabel is an item's box contents: date and title, the relations,
// the sources. The box itself is the node's shape (see itemAttrs): a
// dashed HTML table border makes Graphviz 12's JSON writer emit garbage.
func (e *DOTEncoder) itemLabel(it *tlItem) string {
	var b strings.Builder
	b.WriteString(`<table border="0" cellborder="0" cellspacing="0" cellpadding="2">`)
	fmt.Fprintf(&b, `<tr><td align="left" balign="left"><b>%s</b><br align="left"/>%s</td></tr>`, htmlText(it.date),
		wrapLeft(it.title, 40))
	for i, l := range it.lines {
		if i == maxItemLines && len(it.lines) > maxItemLines+1 {
			fmt.Fprintf(&b, `<tr><td align="left"><font point-size="9">+ %d more relations</font></td></tr>`, len(it.lines)-i)
			break
		}
		fmt.Fprintf(&b, `<tr><td align="left" balign="left"><font point-size="9" color="%s">%s</font></td></tr>`,
			e.lookColour(l.look), wrapLeft(l.text, 48))
	}
	fmt.Fprintf(&b, `<tr><td align="left"><font point-size="9">%s</font></td></tr>`, htmlText(citeList(it.sources)))
	b.WriteString(`</table>`)
	return b.String()
}

// maxItemLines caps the relations listed in one item.
const maxItemLines = 6

func citeList(ids []string) string {
	var out []string
	for _, id := range ids {
		out = append(out, "["+id+"]")
	}
	return "Sources: " + strings.Join(out, " ")
}

// wrapLeft is wrapLabel with left-aligned line breaks.
func wrapLeft(s string, width int) string {
	var out []string
	for _, l := range wrapWords(clean(s), width) {
		out = append(out, htmlText(l))
	}
	return strings.Join(out, `<br align="left"/>`)
}

func (e *DOTEncoder) itemTooltip(d *diagram, it *tlItem) string {
	var b strings.Builder
	b.WriteString(it.date + ": " + it.title)
	for _, l := range it.lines {
		b.WriteString("\n• " + l.text)
	}
	b.WriteString("\nSources:")
	for _, id := range it.sources {
		label := id
		if s := d.g.Source(id); s != nil {
			label = "[" + s.ID + "] " + s.Label()
		}
		b.WriteString("\n• " + truncate(label, 100))
	}
	return b.String()
}

// timelineCaption is the title, what the axis means, the looks, the
// undated items and the sources.
func (e *DOTEncoder) timelineCaption(d *diagram, tl *timeline) string {
	t := e.t
	var b strings.Builder
	b.WriteString(`<table border="0" cellborder="0" cellspacing="2" cellpadding="1">`)
	fmt.Fprintf(&b, `<tr><td align="left"><font point-size="16"><b>%s</b></font></td></tr>`, htmlText(e.o.Title))
	b.WriteString(`<tr><td align="left" balign="left">`)
	note := fmt.Sprintf("%s on a month axis. A partial date covers its month or year (2023-09 is the whole of September 2023) "+
		"and is written as the sources give it; a period runs to the row marked “until”. Each item lists the sources that state it.",
		plural(len(tl.items), "dated item", "dated items"))
	for _, l := range wrapWords(note, captionWidth) {
		b.WriteString(htmlText(l) + `<br align="left"/>`)
	}
	b.WriteString(`</td></tr>`)
	b.WriteString(`<tr><td align="left"><table border="0" cellborder="0" cellspacing="3" cellpadding="1"><tr>`)
	for _, st := range edgeStyles {
		if !d.styles[st.key] {
			continue
		}
		c := t.Edge
		switch st.colour {
		case "alleged":
			c = t.Alleged
		case "denied":
			c = t.Denied
		}
		fmt.Fprintf(&b, `<td align="left"><font color="%s">%s</font></td>`, c, htmlText(st.sample+" "+st.label))
	}
	b.WriteString(`</tr></table></td></tr>`)
	if len(tl.undatedEvents) > 0 || tl.undatedRels > 0 || tl.outside > 0 {
		b.WriteString(`<tr><td align="left" balign="left"><b>Not on the axis</b><br align="left"/>`)
		var text []string
		if len(tl.undatedEvents) > 0 {
			var names []string
			for i, n := range tl.undatedEvents {
				if i == maxUndatedListed {
					names = append(names, fmt.Sprintf("and %d more", len(tl.undatedEvents)-i))
					break
				}
				names = append(names, truncate(n.Name, 60)+" ["+strings.Join(n.SourceIDs(), ", ")+"]")
			}
			text = append(text, fmt.Sprintf("Undated events (the sources give no date and none is guessed; events placed by a dated relation are on the axis): %s.", strings.Join(names, "; ")))
		}
		if tl.undatedRels > 0 {
			text = append(text, fmt.Sprintf("%s without a date are not placed; the graph view (--view graph) draws them.",
				plural(tl.undatedRels, "relation", "relations")))
		}
		if tl.outside > 0 {
			text = append(text, fmt.Sprintf("%s dated outside --since/--until left out.", plural(tl.outside, "item", "items")))
		}
		for _, t := range text {
			for _, l := range wrapWords(t, captionWidth) {
				b.WriteString(htmlText(l) + `<br align="left"/>`)
			}
		}
		b.WriteString(`</td></tr>`)
	}
	if len(d.sources) > 0 {
		b.WriteString(`<tr><td align="left" balign="left"><b>Sources</b><br align="left"/>`)
		for i, s := range d.sources {
			if i == maxCaptionSources {
				fmt.Fprintf(&b, `… and %d more<br align="left"/>`, len(d.sources)-i)
				break
			}
			b.WriteString(htmlText(truncate(sourceCitation(s), 140)) + `<br align="left"/>`)
		}
		b.WriteString(`</td></tr>`)
	}
	b.WriteString(`</table>`)
	return b.String()
}
