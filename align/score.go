package align

import (
	"slices"

	"parley"
)

// PathLink is a link written with point paths instead of indexes, as in
// the compare JSON and in hand-made ground truth.
type PathLink struct {
	Old  [][]string `json:"old"`
	New  [][]string `json:"new"`
	Kind string     `json:"kind"`
}

// PathLinks writes an alignment's links with paths.
func (al *Alignment) PathLinks() []PathLink {
	out := make([]PathLink, len(al.Links))
	for k, l := range al.Links {
		out[k] = PathLink{Old: paths(al.Old, l.Old), New: paths(al.New, l.New), Kind: l.Kind}
	}
	return out
}

func paths(points []parley.Point, idx []int) [][]string {
	out := make([][]string, len(idx))
	for k, i := range idx {
		out[k] = points[i].Path
	}
	return out
}

// Counts are the pair counts of a scored alignment. Each link stands for
// the pairs it joins (every old point with every new point; a deleted or
// added point with nothing), so a split found with one part missing earns
// partial credit.
type Counts struct {
	TP, FP, FN int
	// KindsRight counts true links of the truth that were found exactly
	// (same points on both sides) with the same kind; KindsFound counts
	// those found exactly.
	KindsRight, KindsFound int
}

// Add sums counts.
func (c *Counts) Add(d Counts) {
	c.TP += d.TP
	c.FP += d.FP
	c.FN += d.FN
	c.KindsRight += d.KindsRight
	c.KindsFound += d.KindsFound
}

// Precision is TP / (TP + FP), or 1 when nothing was predicted.
func (c Counts) Precision() float64 {
	if c.TP+c.FP == 0 {
		return 1
	}
	return float64(c.TP) / float64(c.TP+c.FP)
}

// Recall is TP / (TP + FN), or 1 when nothing was to be found.
func (c Counts) Recall() float64 {
	if c.TP+c.FN == 0 {
		return 1
	}
	return float64(c.TP) / float64(c.TP+c.FN)
}

// F1 is the harmonic mean of precision and recall.
func (c Counts) F1() float64 {
	p, r := c.Precision(), c.Recall()
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

// Score compares predicted links with true links.
func Score(predicted, truth []PathLink) Counts {
	pp, tp := linkPairs(predicted), linkPairs(truth)
	var c Counts
	for p := range pp {
		if tp[p] {
			c.TP++
		} else {
			c.FP++
		}
	}
	for p := range tp {
		if !pp[p] {
			c.FN++
		}
	}
	found := map[string]string{}
	for _, l := range predicted {
		found[linkKey(l)] = l.Kind
	}
	for _, l := range truth {
		if kind, ok := found[linkKey(l)]; ok {
			c.KindsFound++
			if kind == l.Kind {
				c.KindsRight++
			}
		}
	}
	return c
}

func linkPairs(links []PathLink) map[[2]string]bool {
	out := map[[2]string]bool{}
	for _, l := range links {
		for _, o := range keysOf(l.Old, "-") {
			for _, n := range keysOf(l.New, "-") {
				out[[2]string{o, n}] = true
			}
		}
	}
	return out
}

func keysOf(paths [][]string, empty string) []string {
	if len(paths) == 0 {
		return []string{empty}
	}
	out := make([]string, len(paths))
	for k, p := range paths {
		out[k] = parley.PathKey(p)
	}
	return out
}

func linkKey(l PathLink) string {
	o, n := keysOf(l.Old, ""), keysOf(l.New, "")
	slices.Sort(o)
	slices.Sort(n)
	key := ""
	for _, s := range o {
		key += s + ";"
	}
	key += "=>"
	for _, s := range n {
		key += s + ";"
	}
	return key
}
