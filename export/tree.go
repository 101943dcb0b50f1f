package export

import (
	"slices"

	"parley"
)

// pointNode is a point with the points nested in it.
type pointNode struct {
	Point    *parley.Point
	Children []*pointNode
}

// pointTree nests points in document order under their nearest ancestor
// that came before them. A point whose parent is missing ("Annex 1" is
// ["annex","1"] and no point is ["annex"]) goes under the nearest ancestor
// there is, or at the top.
func pointTree(points []parley.Point) []*pointNode {
	var roots []*pointNode
	var open []*pointNode // the chain of ancestors of the next point
	for i := range points {
		n := &pointNode{Point: &points[i]}
		for len(open) > 0 && !isAncestor(open[len(open)-1].Point.Path, n.Point.Path) {
			open = open[:len(open)-1]
		}
		if len(open) == 0 {
			roots = append(roots, n)
		} else {
			parent := open[len(open)-1]
			parent.Children = append(parent.Children, n)
		}
		open = append(open, n)
	}
	return roots
}

// isAncestor reports whether path a is a proper prefix of path b.
func isAncestor(a, b []string) bool {
	return len(a) < len(b) && slices.Equal(a, b[:len(a)])
}
