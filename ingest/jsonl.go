package ingest

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"runtime"
	"slices"
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

// decoded is one decoded line and the problems with it.
type decoded struct {
	src  *graph.Source
	node *graph.Node
	edge *graph.Edge
	// probs are the problems of the line
	probs graph.Problems
	// reported are the fields (as the builder names them) of a record
	// whose value was of the wrong type and left empty
	reported []string
}

// item is a decoded line as it waits for the builder: batches ahead of it
// hold thousands, so it is small, and its line is its place in the batch.
type item struct {
	src  *graph.Source
	node *graph.Node
	edge *graph.Edge
	// probs, when not nil, holds the problems of the line, and for an
	// edge also those Builder.CheckEdge found
	probs *lineProblems
	// edgeOK is set for an edge that Builder.CheckEdge found no problem
	// with: the builder adds it
	edgeOK bool
}

// lineProblems are the problems of a line and the fields reported.
type lineProblems struct {
	probs    graph.Problems
	reported []string
}

// batch is a run of lines: line i is buf[ends[i-1]:ends[i]].
type batch struct {
	first int // line number of the first line
	buf   []byte
	ends  []int
	out   chan []item
}

func (bt *batch) line(i int) []byte {
	start := 0
	if i > 0 {
		start = bt.ends[i-1]
	}
	return bt.buf[start:bt.ends[i]:bt.ends[i]]
}

// linesPerBatch trades hand-off overhead (fewer, larger batches) against
// the memory held by batches in flight (batchesAhead of them).
const linesPerBatch = 2048

// batchesAhead is how far decoding may run ahead of the builder, which
// adds records on one goroutine: far enough that the workers decode
// relations while the builder is still merging the entities before them
// (0.2 MB of items a batch; the lines of a decoded batch are reused at
// once, and at most two batches a worker wait undecoded).
const batchesAhead = 96

// ReadJSONL reads JSON Lines from r, decoding lines on several goroutines
// while adding records to b in input order.
func ReadJSONL(b *graph.Builder, r io.Reader, name string, o Options) error {
	o = o.withDefaults()
	workers := o.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	work := make(chan *batch, 2*workers)
	ordered := make(chan *batch, batchesAhead)
	var wg sync.WaitGroup
	names := sharedNames(b.Schema())
	// Line buffers and item lists go round: their garbage would otherwise
	// be as large as the input, and set how far the heap grows.
	pool := newBatchPool(batchesAhead + 2*workers)
	for i := 0; i < workers; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			d := &lineDecoder{o: o, names: names}
			for bt := range work {
				items := pool.items(len(bt.ends))
				for j := range bt.ends {
					pos := graph.Pos{File: name, Line: bt.first + j}
					dl := d.decodeLine(bt.line(j), pos)
					it := item{src: dl.src, node: dl.node, edge: dl.edge}
					if dl.node != nil {
						b.PrepareNode(dl.node) // here, in parallel
					}
					if dl.edge != nil {
						// check here, in parallel; the builder only adds
						ps := b.CheckEdge(dl.edge)
						it.edgeOK = len(ps) == 0
						for _, p := range ps {
							if !slices.Contains(dl.reported, p.Field) {
								dl.probs = append(dl.probs, p)
							}
						}
					}
					if len(dl.probs) > 0 || len(dl.reported) > 0 {
						it.probs = &lineProblems{dl.probs, dl.reported}
					}
					items[j] = it
				}
				// nothing decoded refers to the lines any more
				pool.putLines(bt)
				bt.out <- items
			}
		}()
	}
	var readErr error
	tooLong := 0 // the line that stopped reading
	go func() {
		defer close(ordered)
		defer close(work)
		br := bufio.NewReaderSize(r, 1<<20)
		line := 0
		newBatch := func(first int) *batch {
			bt := &batch{first: first, out: make(chan []item, 1)}
			pool.lines(bt)
			return bt
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
					// Skipping to the end of the line could take for
					// ever (cat /dev/zero): stop here.
					tooLong = line
					break
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
		items := <-bt.out
		for j, it := range items {
			if it.probs != nil {
				for _, p := range it.probs.probs {
					b.Problem(p)
				}
				for _, f := range it.probs.reported {
					b.Reported(graph.Pos{File: name, Line: bt.first + j}, f)
				}
			}
			switch {
			case it.src != nil:
				b.AddSource(it.src)
			case it.node != nil:
				b.AddNode(it.node)
			case it.edge != nil && it.edgeOK:
				b.AddCheckedEdge(it.edge)
			}
		}
		pool.putItems(items)
	}
	wg.Wait()
	if tooLong > 0 {
		b.Stop(graph.Problem{Pos: graph.Pos{File: name, Line: tooLong}, Msg: fmt.Sprintf("line longer than the limit of %d bytes (--max-line-bytes): the rest of the input is not read", o.MaxLineBytes)})
	}
	return readErr
}

var errLineTooLong = errors.New("line too long")

// readLine returns the next line without its line end (\n or \r\n). A line
// longer than max is reported as errLineTooLong as soon as max bytes of it
// were read.
func readLine(br *bufio.Reader, max int) ([]byte, error) {
	var long []byte
	for {
		chunk, err := br.ReadSlice('\n')
		if errors.Is(err, bufio.ErrBufferFull) {
			if len(long)+len(chunk) > max {
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

// decodeLine decodes and converts one line. Strings of the line are views
// of ln until converted: what the graph keeps is copied.
func (d *lineDecoder) decodeLine(ln []byte, pos graph.Pos) decoded {
	o := d.o
	var it decoded
	bad := func(field, format string, args ...any) {
		it.probs = append(it.probs, graph.Problem{Pos: pos, Field: field, Msg: fmt.Sprintf(format, args...)})
	}
	if len(ln) == 0 || ln[0] != '{' && len(bytes.TrimSpace(ln)) == 0 {
		return it
	}
	plain := plainASCII(ln)
	if !plain {
		if p := checkUTF8(pos.File, ln, pos.Line); p != nil {
			it.probs = append(it.probs, *p)
			return it
		}
	}
	// the decoder's own record: a local one would escape to the heap
	d.rec = lineRec{}
	r := &d.rec
	// fastLine takes the common shape; goccy/go-json, about twice as fast
	// as encoding/json, takes the rest; on any error (or a duplicate key)
	// the line is decoded field by field, to report every problem.
	fast := false
	if plain {
		fast = fastPlainLine(ln, r, &d.sc)
	} else {
		fast = fastLineScratch(ln, r, &d.sc)
	}
	if !fast && !slowLine(ln, r, o.MaxDepth) {
		*r = lineRec{}
		if _, err := checkDepth(ln, o.MaxDepth); err != nil {
			bad("", "%v (the limit is %d levels)", err, o.MaxDepth)
			return it
		}
		errs, err := decodeRecord(ln, r)
		if err != nil {
			bad("", "%s", trimJSONErr(err))
			return it
		}
		obj := true
		for _, e := range errs {
			bad(e.field, "%s", e.msg)
			if e.builder != "" {
				it.reported = append(it.reported, e.builder)
			}
			obj = obj && e.field != ""
		}
		if !obj {
			return it
		}
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
			if len(it.probs) == 0 {
				bad("record", "cannot tell whether this is a source, node or edge: add \"record\"")
			}
			return it
		}
	}
	if kind != "node" && kind != "edge" && kind != "source" {
		bad("record", "unknown record %q (want source, node or edge)", r.Record)
		return it
	}
	// fields that do not belong to the record kind: every one
	const (
		source = 1 << iota
		node
		edge
	)
	is := source
	switch kind {
	case "node":
		is = node
	case "edge":
		is = edge
	}
	wrong := false
	has := func(name string, set bool, allowed int) {
		if !set || allowed&is != 0 {
			return
		}
		article := "a"
		if kind == "edge" {
			article = "an"
		}
		bad(name, "not a field of %s %s", article, kind)
		wrong = true
	}
	has("kind", r.Kind != "", node)
	has("name", r.Name != "", node)
	has("aliases", r.Aliases != nil, node)
	has("from", r.From != "", edge)
	has("to", r.To != "", edge)
	has("type", r.Type != "", edge)
	has("date", r.Date != "", edge|source)
	has("until", r.Until != "", edge)
	has("status", r.Status != "", edge)
	has("confidence", r.Confidence != nil, edge)
	has("file", r.File != "", source)
	has("title", r.Title != "", source)
	has("outlet", r.Outlet != "", source)
	has("author", r.Author != "", source)
	has("url", r.URL != "", source)
	has("sources", r.Sources != nil, node|edge)
	if wrong {
		// what the record is meant to be is unclear: checking it as the
		// kind guessed would only add noise
		return it
	}
	switch kind {
	case "edge":
		it.edge = d.edge(r, pos)
	case "node":
		it.node = d.node(r, pos)
	case "source":
		it.src = d.source(r, pos)
	}
	return it
}

func slowLine(ln []byte, r *lineRec, maxDepth int) bool {
	*r = lineRec{}
	if _, err := checkDepth(ln, maxDepth); err != nil {
		return false
	}
	fdec := fastjson.NewDecoder(bytes.NewReader(ln))
	fdec.DisallowUnknownFields()
	if fdec.Decode(r) != nil || fdec.More() {
		return false
	}
	// goccy keeps the last of two equal keys: let the careful path
	// report them
	return len(dupKeys(ln, "")) == 0
}
