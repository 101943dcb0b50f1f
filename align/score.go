package align

import (
	"math"
	"slices"
	"unicode/utf8"

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

// NearText is the least TextSimilarity at which a text counts as near a
// recorded version (a copy of it that someone changed) rather than another
// text; see "parley verify -h" for the measurements behind it.
const NearText = 0.80

// TextSimilarity is how alike the two aligned texts are as wholes: the
// mean of the links' similarities, each weighted by the length of its
// points' text (heading included) on both sides, with deleted and added
// points counting 0; rounded to three decimals. A text aligned with itself
// scores 1. "parley verify" calls a text near a recorded version from 0.80.
func (al *Alignment) TextSimilarity() float64 {
	var sum, total float64
	weight := func(p *parley.Point) float64 {
		return float64(max(1, utf8.RuneCountInString(p.Heading)+utf8.RuneCountInString(p.Text)))
	}
	for _, l := range al.Links {
		w := 0.0
		for _, i := range l.Old {
			w += weight(&al.Old[i])
		}
		for _, j := range l.New {
			w += weight(&al.New[j])
		}
		total += w
		if l.Kind != Deleted && l.Kind != Added {
			sum += w * l.Similarity
		}
	}
	if total == 0 {
		return 0
	}
	return math.Round(sum/total*1000) / 1000
}
