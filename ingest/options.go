package ingest

// Options bound what the parsers accept, so that hostile input cannot make
// relgraph use unbounded memory or time. Zero fields take the defaults.
type Options struct {
	// MaxFileBytes is the largest JSON, YAML or CSV file read whole
	// (default 1 GiB). JSON Lines files stream and have no such limit.
	MaxFileBytes int64
	// MaxLineBytes is the longest JSON Lines line or CSV record (default 16 MiB).
	MaxLineBytes int
	// MaxDepth is the deepest nesting of JSON or YAML accepted (default 64).
	MaxDepth int
	// Workers decode JSON Lines in parallel (default: GOMAXPROCS).
	Workers int
}

// DefaultOptions are used where a zero Options is given.
var DefaultOptions = Options{MaxFileBytes: 1 << 30, MaxLineBytes: 16 << 20, MaxDepth: 64}

func (o Options) withDefaults() Options {
	if o.MaxFileBytes <= 0 {
		o.MaxFileBytes = DefaultOptions.MaxFileBytes
	}
	if o.MaxLineBytes <= 0 {
		o.MaxLineBytes = DefaultOptions.MaxLineBytes
	}
	if o.MaxDepth <= 0 {
		o.MaxDepth = DefaultOptions.MaxDepth
	}
	return o
}
