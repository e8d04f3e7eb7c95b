package ingest

// batchPool recycles the line buffers and item lists of JSON Lines
// batches. A buffer goes back once its lines are decoded: decoded records
// are views of it only until lineDecoder has copied what it keeps.
type batchPool struct {
	bufs  chan lineBuf
	lists chan []item
}

type lineBuf struct {
	buf  []byte
	ends []int
}

func newBatchPool(n int) *batchPool {
	return &batchPool{bufs: make(chan lineBuf, n), lists: make(chan []item, n)}
}

// lines gives bt an empty line buffer.
func (p *batchPool) lines(bt *batch) {
	select {
	case lb := <-p.bufs:
		bt.buf, bt.ends = lb.buf, lb.ends
	default:
		// room for typical lines, so the buffer rarely grows
		bt.buf, bt.ends = make([]byte, 0, linesPerBatch*256), make([]int, 0, linesPerBatch)
	}
}

// putLines takes back the line buffer of bt, whose lines are decoded.
func (p *batchPool) putLines(bt *batch) {
	lb := lineBuf{bt.buf[:0], bt.ends[:0]}
	bt.buf, bt.ends = nil, nil
	select {
	case p.bufs <- lb:
	default:
	}
}

// items returns a list of n items.
func (p *batchPool) items(n int) []item {
	select {
	case l := <-p.lists:
		if cap(l) >= n {
			return l[:n]
		}
	default:
	}
	return make([]item, n)
}

// putItems takes back a list of items that were added to the builder.
func (p *batchPool) putItems(l []item) {
	clear(l)
	select {
	case p.lists <- l:
	default:
	}
}
