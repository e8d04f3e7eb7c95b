package view

import (
	"io"
	"math/rand/v2"
	"testing"

	"github.com/relgraph/relgraph"
)

// BenchmarkLayout5000 lays out a random graph of the size the page is
// meant for: 5,000 nodes, 20,000 relations.
func BenchmarkLayout5000(b *testing.B) {
	r := rand.New(rand.NewPCG(1, 2))
	pairs := make([][2]int, 20000)
	for i := range pairs {
		pairs[i] = [2]int{r.IntN(5000), r.IntN(5000)}
	}
	for b.Loop() {
		positions(5000, pairs)
	}
}

// BenchmarkWriteEmbedded writes the page of the embedded dataset.
func BenchmarkWriteEmbedded(b *testing.B) {
	g, err := relgraph.DefaultGraph()
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if err := Write(io.Discard, g, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
