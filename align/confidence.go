package align

import "math"

// LowConfidence is the confidence under which a link is shown as
// uncertain: a reader should check it.
const LowConfidence = 0.5

// ambiguityMargin is how much better than its best rival a link must be
// for the rival to cost it nothing.
const ambiguityMargin = 0.15

// confidence says how sure the aligner is of a classified link, in [0, 1],
// from the evidence that made it (see Link.Confidence).
func (a *aligner) confidence(l *Link) float64 {
	switch {
	case l.Fixed:
		return 1 // a person's word
	case len(l.New) == 0:
		return 1 - a.evidence(a.bestSim(l.Old[0], true, -1))
	case len(l.Old) == 0:
		return 1 - a.evidence(a.bestSim(l.New[0], false, -1))
	case l.Kind == Unknown:
		// Placed by number or position only.
		if len(l.Old) == 1 && len(l.New) == 1 && a.samePath(l.Old[0], l.New[0]) {
			return 0.7
		}
		return 0.4
	case len(l.Old) == 1 && len(l.New) == 1:
		i, j := l.Old[0], l.New[0]
		if a.fo[i].hash == a.fn[j].hash {
			return 1
		}
		rival := max(a.bestSim(i, true, j), a.bestSim(j, false, i))
		d := clamp01((l.Similarity - rival) / ambiguityMargin)
		return a.evidence(l.Similarity) * (0.3 + 0.7*d)
	}
	return a.evidence(l.Similarity)
}

// evidence is how far a similarity stands above the pair's background,
// from 0 (no more than chance) to 1 (acceptAlone or more, a pair that is
// linked wherever it lies).
func (a *aligner) evidence(sim float64) float64 {
	floor := a.bg.high
	if a.bg.n == 0 {
		floor = acceptInGap
	}
	if floor >= acceptAlone {
		return clamp01(sim / acceptAlone)
	}
	return clamp01((sim - floor) / (acceptAlone - floor))
}

// bestSim is the similarity of point k's best candidate on the other side
// other than except (-1 for none); old tells which side k is on.
func (a *aligner) bestSim(k int, old bool, except int) float64 {
	cs := a.cn
	if old {
		cs = a.co
	}
	if k >= len(cs) {
		return 0
	}
	for _, c := range cs[k] {
		if c.other != except {
			return c.s.sim
		}
	}
	return 0
}

func clamp01(x float64) float64 { return math.Max(0, math.Min(1, x)) }

// setConfidences gives every link its confidence, rounded to hundredths.
func (a *aligner) setConfidences() {
	for k := range a.links {
		l := &a.links[k]
		l.Confidence = math.Round(a.confidence(l)*100) / 100
	}
}
