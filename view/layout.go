package view

import (
	"math"
	"slices"

	"gonum.org/v1/gonum/spatial/barneshut"
	"gonum.org/v1/gonum/spatial/r2"
)

// The layout is computed here rather than in the browser so that the page
// draws at once at 5,000 nodes (Cytoscape.js's force layout takes minutes
// there) and the same input gives the same picture.
//
// It is Fruchterman and Reingold's force-directed layout, with cooling,
// whose repulsion gonum's Barnes–Hut tree computes: exactly for small
// graphs, in n log n for large ones. gonum's own Eades layout was tried
// first: it has no cooling and left the default dataset in one tangle
// around the two leaders. (The paper's grid cut-off for repulsion let a
// random graph of 5,000 nodes collapse into a few cells and took 100 s.)

const (
	edgeLength = 110.0 // k, the ideal distance between neighbours, in pixels at zoom 1
	// largeEdgeLength is k past exactRepulsion nodes: shorter, so that
	// the nodes are still a few pixels wide when the whole graph fits.
	largeEdgeLength = 45.0
	layoutSteps     = 300
	gravity         = 0.008 // pull towards the centre, so that separate parts stay near
	// exactRepulsion is the most nodes whose repulsion is computed pair
	// by pair: a step then costs n², a millisecond at 300 nodes.
	exactRepulsion = 300
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
	if n > exactRepulsion {
		k = largeEdgeLength
	}
	// Start on a sunflower spiral (even density, no two nodes together).
	for i := range pos {
		r := k * 0.6 * math.Sqrt(float64(i)+0.5)
		a := float64(i) * 2.399963229728653 // the golden angle
		pos[i] = [2]float64{r * math.Cos(a), r * math.Sin(a)}
	}
	pairs = uniquePairs(pairs)
	disp := make([][2]float64, n)
	particles := make([]barneshut.Particle2, n)
	// Repulsion k²/d, away from the other node (v points to it).
	repel := func(_, _ barneshut.Particle2, m1, m2 float64, v r2.Vec) r2.Vec {
		d2 := v.X*v.X + v.Y*v.Y
		if d2 == 0 {
			return r2.Vec{}
		}
		return r2.Scale(-k*k*m1*m2/d2, v)
	}
	theta, steps := 0.0, layoutSteps // exact for small graphs
	if n > exactRepulsion {
		theta, steps = 1.2, layoutSteps/4
	}
	temp := k * math.Sqrt(float64(n)) / 4
	cool := math.Pow(1/temp, 1/float64(steps)) // down to a pixel at the end
	for step := 0; step < steps; step++ {
		for i, p := range pos {
			particles[i] = particle{i, r2.Vec{X: p[0], Y: p[1]}}
		}
		plane, err := barneshut.NewPlane(particles)
		if err != nil {
			break // only when positions overflow; keep the last ones
		}
		for i, p := range pos {
			f := plane.ForceOn(particles[i], theta, repel)
			disp[i] = [2]float64{f.X - gravity*p[0], f.Y - gravity*p[1]}
		}
		for _, e := range pairs {
			a, b := e[0], e[1]
			vx, vy := pos[a][0]-pos[b][0], pos[a][1]-pos[b][1]
			f := math.Hypot(vx, vy) / k // d²/k along the unit vector
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
		temp *= cool
	}
	if n > exactRepulsion {
		pullIn(pos)
	}
	for i := range pos {
		// Whole pixels, so that the file does not depend on the last bits
		// of floating point.
		pos[i] = [2]float64{math.Round(pos[i][0]), math.Round(pos[i][1])}
	}
	return pos
}

// pullIn moves the nodes that repulsion pushed far out (those with no
// relation, mostly) onto a ring just outside the rest, so that the whole
// graph fits the window at a zoom where nodes are still seen.
func pullIn(pos [][2]float64) {
	var cx, cy float64
	for _, p := range pos {
		cx += p[0]
		cy += p[1]
	}
	cx, cy = cx/float64(len(pos)), cy/float64(len(pos))
	d := make([]float64, len(pos))
	for i, p := range pos {
		d[i] = math.Hypot(p[0]-cx, p[1]-cy)
	}
	s := slices.Clone(d)
	slices.Sort(s)
	r := s[len(s)*95/100] * 1.1
	for i, p := range pos {
		if d[i] > r {
			f := r / d[i]
			pos[i] = [2]float64{cx + (p[0]-cx)*f, cy + (p[1]-cy)*f}
		}
	}
}

// particle is a node for the Barnes–Hut tree; i keeps particles distinct.
type particle struct {
	i   int
	pos r2.Vec
}

func (p particle) Coord2() r2.Vec { return p.pos }
func (p particle) Mass() float64  { return 1 }

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
