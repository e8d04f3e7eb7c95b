// Package nametab holds a few dozen names (a schema's kinds and relation
// types, the statuses) for look-ups on the hot path of reading: the
// length and the first and last bytes of a string pick a slot, and the
// names that share it follow. A look-up costs a few comparisons where a
// Go map hashes the whole string. The decoders of package ingest take the
// table's copy of a name, so that a million relations share one string;
// package graph tells the relation types that need no further check.
package nametab
