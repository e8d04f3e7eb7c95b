package ingest

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"runtime"
	"sync"

	fastjson "github.com/goccy/go-json"
	"github.com/relgraph/relgraph/graph"
)

// lineRec is any JSON Lines record: the union of source, node and edge
// fields, so that one decode tells them apart.
type lineRec struct {
	Record     string   `json:"record"`
	ID         string   `json:"id"`
	Kind       string   `json:"kind"`
	Name       string   `json:"name"`
	Aliases    []string `json:"aliases"`
	From       string   `json:"from"`
	To         string   `json:"to"`
	Type       string   `json:"type"`
	Date       string   `json:"date"`
	Until      string   `json:"until"`
	Status     string   `json:"status"`
	Confidence *float64 `json:"confidence"`
	File       string   `json:"file"`
	Title      string   `json:"title"`
	Outlet     string   `json:"outlet"`
	Author     string   `json:"author"`
	URL        string   `json:"url"`
	Props      PropsRec `json:"props"`
	Sources    CitesRec `json:"sources"`
}

// item is one decoded line, or the problem with it.
type item struct {
	src  *graph.Source
	node *graph.Node
	edge *graph.Edge
	prob *graph.Problem
	// probs are the problems of a decoded edge (see Builder.CheckEdge)
	probs graph.Problems
}

// batch is a run of lines: line i is buf[ends[i-1]:ends[i]].
type batch struct {
	first   int // line number of the first line
	buf     []byte
	ends    []int
	tooLong map[int]bool // lines skipped for exceeding MaxLineBytes
	out     chan []item
}

func (bt *batch) line(i int) []byte {
	start := 0
	if i > 0 {
		start = bt.ends[i-1]
	}
	return bt.buf[start:bt.ends[i]:bt.ends[i]]
}

// linesPerBatch trades hand-off overhead (fewer, larger batches) against
// the memory held by batches in flight (workers*2 of them).
const linesPerBatch = 2048

// ReadJSONL reads JSON Lines from r, decoding lines on several goroutines
// while adding records to b in input order.
func ReadJSONL(b *graph.Builder, r io.Reader, name string, o Options) error {
	o = o.withDefaults()
	workers := o.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	work := make(chan *batch, workers*2)
	ordered := make(chan *batch, workers*2)
	var wg sync.WaitGroup
	for i := 0; i < workers; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for bt := range work {
				items := make([]item, len(bt.ends))
				for j := range bt.ends {
					pos := graph.Pos{File: name, Line: bt.first + j}
					if bt.tooLong[j] {
						items[j] = item{prob: &graph.Problem{Pos: pos, Msg: fmt.Sprintf("line longer than the limit of %d bytes (--max-line-bytes)", o.MaxLineBytes)}}
						continue
					}
					it := decodeLine(bt.line(j), pos, o)
					if it.edge != nil {
						// check here, in parallel; the builder only adds
						it.probs = b.CheckEdge(it.edge)
					}
					items[j] = it
				}
				bt.out <- items
			}
		}()
	}
	var readErr error
	go func() {
		defer close(ordered)
		defer close(work)
		br := bufio.NewReaderSize(r, 1<<20)
		line := 0
		newBatch := func(first int) *batch {
			// room for typical lines, so the buffer rarely grows
			return &batch{first: first, out: make(chan []item, 1), buf: make([]byte, 0, linesPerBatch*256), ends: make([]int, 0, linesPerBatch)}
		}
		cur := newBatch(1)
		flush := func() {
			work <- cur
			ordered <- cur
		}
		for {
			ln, err := readLine(br, o.MaxLineBytes)
			if len(ln) > 0 || err == nil || errors.Is(err, errLineTooLong) {
				line++
				if line == 1 {
					ln = bytes.TrimPrefix(ln, bom)
				}
				if errors.Is(err, errLineTooLong) {
					if cur.tooLong == nil {
						cur.tooLong = map[int]bool{}
					}
					cur.tooLong[len(cur.ends)] = true
					ln, err = nil, nil
				}
				cur.buf = append(cur.buf, ln...)
				cur.ends = append(cur.ends, len(cur.buf))
				if len(cur.ends) == linesPerBatch {
					flush()
					cur = newBatch(line + 1)
				}
			}
			if err != nil {
				if !errors.Is(err, io.EOF) {
					readErr = fmt.Errorf("ingest: %s: line %d: %w", name, line+1, err)
				}
				break
			}
		}
		if len(cur.ends) > 0 {
			flush()
		}
	}()
	for bt := range ordered {
		for _, it := range <-bt.out {
			switch {
			case it.prob != nil:
				b.Problem(*it.prob)
			case it.src != nil:
				b.AddSource(it.src)
			case it.node != nil:
				b.AddNode(it.node)
			case it.edge != nil && len(it.probs) > 0:
				for _, p := range it.probs {
					b.Problem(p)
				}
			case it.edge != nil:
				b.AddCheckedEdge(it.edge)
			}
		}
	}
	wg.Wait()
	return readErr
}

var errLineTooLong = errors.New("line too long")

// readLine returns the next line without its line end (\n or \r\n). A line
// longer than max is skipped and reported as errLineTooLong.
func readLine(br *bufio.Reader, max int) ([]byte, error) {
	var long []byte
	for {
		chunk, err := br.ReadSlice('\n')
		if errors.Is(err, bufio.ErrBufferFull) {
			if len(long)+len(chunk) > max {
				// skip to the end of the line
				for errors.Is(err, bufio.ErrBufferFull) {
					_, err = br.ReadSlice('\n')
				}
				return nil, errLineTooLong
			}
			long = append(long, chunk...)
			continue
		}
		if long != nil {
			chunk = append(long, chunk...)
		}
		if len(chunk) > max {
			return nil, errLineTooLong
		}
		chunk = bytes.TrimSuffix(chunk, []byte("\n"))
		chunk = bytes.TrimSuffix(chunk, []byte("\r"))
		return chunk, err
	}
}

func decodeLine(ln []byte, pos graph.Pos, o Options) item {
	bad := func(field, format string, args ...any) item {
		return item{prob: &graph.Problem{Pos: pos, Field: field, Msg: fmt.Sprintf(format, args...)}}
	}
	if len(bytes.TrimSpace(ln)) == 0 {
		return item{}
	}
	if p := checkUTF8(pos.File, ln, pos.Line); p != nil {
		return item{prob: p}
	}
	var r lineRec
	// fastLine takes the common shape; goccy/go-json, about twice as fast
	// as encoding/json, takes the rest; on any error the line is decoded
	// again with encoding/json, whose messages (and Field in type errors)
	// are the ones relgraph reports.
	if !fastLine(ln, &r) && !slowLine(ln, &r, o.MaxDepth) {
		r = lineRec{}
		if _, err := checkDepth(ln, o.MaxDepth); err != nil {
			return bad("", "%v (the limit is %d levels)", err, o.MaxDepth)
		}
		dec := json.NewDecoder(bytes.NewReader(ln))
		dec.DisallowUnknownFields()
		err := dec.Decode(&r)
		if err == nil && dec.More() {
			return bad("", "syntax error: more than one JSON value on the line")
		}
		if err == nil {
			err = errors.New("invalid JSON")
		}
		var se *json.SyntaxError
		if errors.As(err, &se) || errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
			return bad("", "syntax error: %s", trimJSONErr(err))
		}
		f, msg := describeJSONErr(err)
		return bad(f, "%s", msg)
	}
	kind := r.Record
	if kind == "" {
		switch {
		case r.From != "" || r.To != "" || r.Type != "":
			kind = "edge"
		case r.Kind != "":
			kind = "node"
		case r.File != "" || r.Title != "" || r.Outlet != "" || r.URL != "":
			kind = "source"
		default:
			return bad("record", "cannot tell whether this is a source, node or edge: add \"record\"")
		}
	}
	// fields that do not belong to the record kind
	var wrong string
	has := func(name string, set bool, allowed ...string) {
		if !set || wrong != "" {
			return
		}
		for _, a := range allowed {
			if a == kind {
				return
			}
		}
		wrong = name
	}
	has("kind", r.Kind != "", "node")
	has("name", r.Name != "", "node")
	has("aliases", r.Aliases != nil, "node")
	has("from", r.From != "", "edge")
	has("to", r.To != "", "edge")
	has("type", r.Type != "", "edge")
	has("date", r.Date != "", "edge", "source")
	has("until", r.Until != "", "edge")
	has("status", r.Status != "", "edge")
	has("confidence", r.Confidence != nil, "edge")
	has("file", r.File != "", "source")
	has("title", r.Title != "", "source")
	has("outlet", r.Outlet != "", "source")
	has("author", r.Author != "", "source")
	has("url", r.URL != "", "source")
	has("sources", r.Sources != nil, "node", "edge")
	if wrong != "" && (kind == "node" || kind == "edge" || kind == "source") {
		article := "a"
		if kind == "edge" {
			article = "an"
		}
		return bad(wrong, "not a field of %s %s", article, kind)
	}
	switch kind {
	case "edge":
		rec := EdgeRec{ID: r.ID, From: r.From, To: r.To, Type: r.Type, Date: r.Date, Until: r.Until, Status: r.Status, Confidence: r.Confidence, Props: r.Props, Sources: r.Sources}
		return item{edge: rec.Edge(pos)}
	case "node":
		rec := NodeRec{ID: r.ID, Kind: r.Kind, Name: r.Name, Aliases: r.Aliases, Props: r.Props, Sources: r.Sources}
		return item{node: rec.Node(pos)}
	case "source":
		rec := SourceRec{ID: r.ID, File: r.File, Title: r.Title, Outlet: r.Outlet, Author: r.Author, Date: r.Date, URL: r.URL, Props: r.Props}
		return item{src: rec.Source(pos)}
	}
	return bad("record", "unknown record %q (want source, node or edge)", r.Record)
}

func slowLine(ln []byte, r *lineRec, maxDepth int) bool {
	*r = lineRec{}
	if _, err := checkDepth(ln, maxDepth); err != nil {
		return false
	}
	fdec := fastjson.NewDecoder(bytes.NewReader(ln))
	fdec.DisallowUnknownFields()
	return fdec.Decode(r) == nil && !fdec.More()
}
