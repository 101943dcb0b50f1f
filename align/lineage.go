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
}

// Follow aligns each version with the next and joins the links into
// threads. Points joined by a split or a merge share a thread.
func Follow(versions [][]parley.Point) *Lineage {
	lin := &Lineage{Versions: versions}
	for k := 0; k+1 < len(versions); k++ {
		lin.Steps = append(lin.Steps, Align(versions[k], versions[k+1], Options{}))
	}
	lin.Threads = threads(versions, lin.Steps)
	return lin
}

// threads finds the connected groups of points across all steps.
func threads(versions [][]parley.Point, steps []*Alignment) []Thread {
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
				out = append(out, Thread{Points: make([][]int, len(versions)), Kinds: make([]string, len(steps))})
			}
			out[t].Points[k] = append(out[t].Points[k], i)
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
