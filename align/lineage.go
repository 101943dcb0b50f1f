package align

import (
	"parley"
)

// Lineage follows every point through a sequence of versions.
type Lineage struct {
	// Versions holds the points of each version, oldest first.
	Versions [][]parley.Point
	// Steps[k] aligns version k with version k+1.
	Steps []*Alignment
	// Returns are the links that join a point to where it was last seen
	// when it comes back after missing from one or more versions.
	Returns []Return
	// Threads are the provisions as they pass through the versions, in the
	// order they first appear.
	Threads []Thread
}

// Thread is one provision's course: for each version, the indexes of the
// points that carry it there (none where it is absent, several where it
// was split), and for each step the kind of link that carried it on.
type Thread struct {
	Points [][]int
	Kinds  []string // Kinds[k] is the link kind from version k to k+1, "" if absent in both
	// Back[k] is true when the provision comes back in version k+1 after
	// missing from one or more versions; Kinds[k] is then the kind of
	// link to where it was last seen.
	Back []bool
}

// Return is a link between two versions that are not neighbours: Link.Old
// indexes the points of version From, Link.New those of version To, and
// the versions between them have none of the provision.
type Return struct {
	From, To int
	Link     Link
}

// Follow aligns each version with the next and joins the links into
// threads. Points joined by a split or a merge share a thread.
func Follow(versions [][]parley.Point) *Lineage {
	steps := make([]*Alignment, 0, max(len(versions)-1, 0))
	for k := 0; k+1 < len(versions); k++ {
		steps = append(steps, Align(versions[k], versions[k+1], Options{}))
	}
	return Join(versions, steps)
}

// Join builds the lineage of versions from the alignments of each version
// with the next (steps[k] aligns version k with k+1), such as stored
// alignments with people's corrections. A point that one step drops and a
// point that a later step adds are aligned with each other (see returns),
// so that a provision left out of one version and taken up again later
// keeps one thread.
func Join(versions [][]parley.Point, steps []*Alignment) *Lineage {
	lin := &Lineage{Versions: versions, Steps: steps}
	lin.Returns = returns(versions, steps)
	lin.Threads = threads(versions, steps, lin.Returns)
	return lin
}

// returns aligns the points that leave the lineage (deleted at a step)
// with the points that enter it at a later step but one (added), nearest
// versions first, and keeps the links the aligner makes between them
// that it is not unsure of: a provision dropped from one version and taken
// up again by a later one. A point returns at most once.
func returns(versions [][]parley.Point, steps []*Alignment) []Return {
	leaving := make([][]int, len(versions))  // version -> points deleted at the step after it
	arriving := make([][]int, len(versions)) // version -> points added at the step before it
	for k, step := range steps {
		for _, l := range step.Links {
			switch {
			case len(l.New) == 0:
				leaving[k] = append(leaving[k], l.Old...)
			case len(l.Old) == 0:
				arriving[k+1] = append(arriving[k+1], l.New...)
			}
		}
	}
	var out []Return
	for to := 2; to < len(versions); to++ {
		for from := to - 2; from >= 0 && len(arriving[to]) > 0; from-- {
			if len(leaving[from]) == 0 {
				continue
			}
			old, new := pick(versions[from], leaving[from]), pick(versions[to], arriving[to])
			usedOld, usedNew := map[int]bool{}, map[int]bool{}
			for _, l := range Align(old, new, Options{}).Links {
				if len(l.Old) == 0 || len(l.New) == 0 || l.Kind == Unknown || l.Confidence < LowConfidence {
					continue
				}
				r := Return{From: from, To: to, Link: l}
				r.Link.Old, r.Link.New = make([]int, len(l.Old)), make([]int, len(l.New))
				for n, i := range l.Old {
					r.Link.Old[n] = leaving[from][i]
					usedOld[i] = true
				}
				for n, j := range l.New {
					r.Link.New[n] = arriving[to][j]
					usedNew[j] = true
				}
				out = append(out, r)
			}
			leaving[from], arriving[to] = unused(leaving[from], usedOld), unused(arriving[to], usedNew)
		}
	}
	return out
}

// pick returns the points at the given indexes.
func pick(points []parley.Point, idx []int) []parley.Point {
	out := make([]parley.Point, len(idx))
	for n, i := range idx {
		out[n] = points[i]
	}
	return out
}

// unused returns the items of idx whose positions are not in used.
func unused(idx []int, used map[int]bool) []int {
	var out []int
	for n, i := range idx {
		if !used[n] {
			out = append(out, i)
		}
	}
	return out
}

// threads finds the connected groups of points across all steps and
// returns.
func threads(versions [][]parley.Point, steps []*Alignment, back []Return) []Thread {
	offset := make([]int, len(versions)+1)
	for k, v := range versions {
		offset[k+1] = offset[k] + len(v)
	}
	parent := make([]int, offset[len(versions)])
	for n := range parent {
		parent[n] = n
	}
	var find func(int) int
	find = func(n int) int {
		for parent[n] != n {
			parent[n] = parent[parent[n]]
			n = parent[n]
		}
		return n
	}
	union := func(a, b int) {
		if ra, rb := find(a), find(b); ra != rb {
			parent[max(ra, rb)] = min(ra, rb)
		}
	}
	kindOf := make([]string, len(parent)) // the kind of link leaving each node
	for k, step := range steps {
		for _, l := range step.Links {
			nodes := make([]int, 0, len(l.Old)+len(l.New))
			for _, i := range l.Old {
				nodes = append(nodes, offset[k]+i)
				kindOf[offset[k]+i] = l.Kind
			}
			for _, j := range l.New {
				nodes = append(nodes, offset[k+1]+j)
			}
			for _, n := range nodes[1:] {
				union(nodes[0], n)
			}
		}
	}
	backAt := map[int]Return{} // node of a returning point -> its return
	for _, r := range back {
		for _, i := range r.Link.Old {
			union(offset[r.From]+r.Link.Old[0], offset[r.From]+i)
		}
		for _, j := range r.Link.New {
			union(offset[r.From]+r.Link.Old[0], offset[r.To]+j)
			backAt[offset[r.To]+j] = r
		}
	}
	index := map[int]int{} // root -> thread
	var out []Thread
	for k := range versions {
		for i := range versions[k] {
			n := offset[k] + i
			root := find(n)
			t, ok := index[root]
			if !ok {
				t = len(out)
				index[root] = t
				out = append(out, Thread{Points: make([][]int, len(versions)), Kinds: make([]string, len(steps)), Back: make([]bool, len(steps))})
			}
			out[t].Points[k] = append(out[t].Points[k], i)
			if r, ok := backAt[n]; ok {
				out[t].Kinds[k-1], out[t].Back[k-1] = r.Link.Kind, true
			}
			if k < len(steps) && kindOf[n] != "" {
				out[t].Kinds[k] = kindOf[n]
			}
		}
	}
	// A thread that begins in a later version was added at the step before.
	for t := range out {
		for k := range steps {
			if out[t].Kinds[k] == "" && len(out[t].Points[k]) == 0 && len(out[t].Points[k+1]) > 0 {
				out[t].Kinds[k] = Added
			}
		}
	}
	return placeThreads(out, versions)
}

// placeThreads orders the threads for reading: those of the newest version
// in its order, and each thread that left earlier right after the thread
// of the point before it in the newest version that still has it.
func placeThreads(ts []Thread, versions [][]parley.Point) []Thread {
	byPoint := make([]map[int]int, len(versions)) // version -> point -> thread
	for k := range versions {
		byPoint[k] = map[int]int{}
	}
	for t := range ts {
		for k, ps := range ts[t].Points {
			for _, i := range ps {
				byPoint[k][i] = t
			}
		}
	}
	// A linked list of threads, so that an insertion costs nothing.
	const none = -1
	next := make([]int, len(ts))
	head, placed := none, make([]bool, len(ts))
	for k := len(versions) - 1; k >= 0; k-- {
		for i := range versions[k] {
			t := byPoint[k][i]
			if placed[t] {
				continue
			}
			placed[t] = true
			if i == 0 {
				next[t], head = head, t
				continue
			}
			prev := byPoint[k][i-1]
			next[t], next[prev] = next[prev], t
		}
	}
	var order []int
	for t := head; t != none; t = next[t] {
		order = append(order, t)
	}
	out := make([]Thread, len(order))
	for n, t := range order {
		out[n] = ts[t]
	}
	return out
}
