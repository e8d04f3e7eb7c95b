package view

import (
	"math"
)

// The layout is computed here rather than in the browser so that the page
// draws at once at 5,000 nodes (Cytoscape.js's force layout takes minutes
// there) and the same input gives the same picture.
//
// It is Fruchterman and Reingold's force-directed layout with their grid
// variant of repulsion (only nodes within 2k of each other push apart),
// which makes a step linear in the graph's size. gonum's Eades layout
// was tried first: without cooling it left the default dataset in one
// tangle around the two leaders, and it would have added gonum (and a
// newer golang.org/x/image) to the module for sixty lines of arithmetic.

const (
	edgeLength  = 70.0 // k, the ideal distance between neighbours, in pixels at zoom 1
	layoutSteps = 300
	// exactRepulsion is the most nodes for which every pair repels: a step
	// then costs n², a few milliseconds at 800 nodes.
	exactRepulsion = 800
	gravity        = 0.008 // pull towards the centre, so that separate parts stay near
)

// positions returns a position per node, 0..n-1, for the undirected graph
// whose edges are pairs of node indices. Every loop runs in index order,
// so the result is the same on every run.
func positions(n int, pairs [][2]int) [][2]float64 {
	pos := make([][2]float64, n)
	if n == 0 {
		return pos
	}
	k := edgeLength
	// Start on a sunflower spiral (even density, no two nodes together).
	for i := range pos {
		r := k * 0.6 * math.Sqrt(float64(i)+0.5)
		a := float64(i) * 2.399963229728653 // the golden angle
		pos[i] = [2]float64{r * math.Cos(a), r * math.Sin(a)}
	}
	pairs = uniquePairs(pairs)
	disp := make([][2]float64, n)
	// Small graphs: every pair repels (the grid leaves hubs crowded).
	cell := 2 * k
	if n <= exactRepulsion {
		cell = math.Inf(1)
	}
	grid := map[[2]int][]int{}
	temp := k * math.Sqrt(float64(n)) / 4
	for step := 0; step < layoutSteps; step++ {
		clear(grid)
		for i, p := range pos {
			c := cellOf(p, cell)
			grid[c] = append(grid[c], i)
			disp[i] = [2]float64{-gravity * p[0], -gravity * p[1]}
		}
		for i, p := range pos {
			c := cellOf(p, cell)
			cx, cy := c[0], c[1]
			for dx := -1; dx <= 1; dx++ {
				for dy := -1; dy <= 1; dy++ {
					for _, j := range grid[[2]int{cx + dx, cy + dy}] {
						if j == i {
							continue
						}
						vx, vy := p[0]-pos[j][0], p[1]-pos[j][1]
						d := math.Hypot(vx, vy)
						if d >= cell {
							continue
						}
						if d < 0.01 {
							// Two nodes on one spot: part them along a fixed direction.
							vx, vy, d = float64(i-j), 1, math.Hypot(float64(i-j), 1)
						}
						f := k * k / d / d
						disp[i][0] += vx * f
						disp[i][1] += vy * f
					}
				}
			}
		}
		for _, e := range pairs {
			a, b := e[0], e[1]
			if a == b {
				continue
			}
			vx, vy := pos[a][0]-pos[b][0], pos[a][1]-pos[b][1]
			d := math.Hypot(vx, vy)
			f := d / k // d²/k along the unit vector
			disp[a][0] -= vx * f
			disp[a][1] -= vy * f
			disp[b][0] += vx * f
			disp[b][1] += vy * f
		}
		for i := range pos {
			d := math.Hypot(disp[i][0], disp[i][1])
			if d > 0 {
				m := math.Min(d, temp) / d
				pos[i][0] += disp[i][0] * m
				pos[i][1] += disp[i][1] * m
			}
		}
		temp *= 0.985
		if temp < 1 {
			temp = 1
		}
	}
	for i := range pos {
		// Whole pixels, so that the file does not depend on the last bits
		// of floating point.
		pos[i] = [2]float64{math.Round(pos[i][0]), math.Round(pos[i][1])}
	}
	return pos
}

func cellOf(p [2]float64, cell float64) [2]int {
	if math.IsInf(cell, 1) {
		return [2]int{}
	}
	return [2]int{int(math.Floor(p[0] / cell)), int(math.Floor(p[1] / cell))}
}

// uniquePairs drops loops and repeats (either way round): several
// relations between two nodes pull them together once.
func uniquePairs(pairs [][2]int) [][2]int {
	seen := make(map[[2]int]bool, len(pairs))
	var out [][2]int
	for _, p := range pairs {
		if p[0] == p[1] {
			continue
		}
		if p[0] > p[1] {
			p = [2]int{p[1], p[0]}
		}
		if !seen[p] {
			seen[p] = true
			out = append(out, p)
		}
	}
	return out
}
