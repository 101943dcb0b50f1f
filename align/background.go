package align

import (
	"slices"

	"parley"
)

// background is what two points of a pair of texts share by chance: the
// similarity of points that are not the same provision, sampled from the
// pair itself. A text in another language, a plain-language rewrite and a
// retyped copy have very different backgrounds (near 0, a few percent,
// a fifth for two licences full of the same boilerplate), so evidence is
// read against the pair's own background rather than a fixed scale.
type background struct {
	mean float64 // mean similarity of the sampled pairs
	high float64 // the 90th percentile of the sample
	n    int     // pairs sampled; 0 when the texts have too few points
}

// backgroundSamples bounds the pairs sampled: a fixed number, so the cost
// does not grow with the texts.
const backgroundSamples = 256

// background samples pairs of points that still need a counterpart (need;
// identical points say nothing about chance), of different numbers, spread
// over both texts by a fixed stride: the same texts always get the same
// background.
func (a *aligner) background(need [2][]bool) background {
	var is, js []int
	for i, ok := range need[0] {
		if ok {
			is = append(is, i)
		}
	}
	for j, ok := range need[1] {
		if ok {
			js = append(js, j)
		}
	}
	if len(is) < 2 || len(js) < 2 {
		return background{}
	}
	sc := newScorer(a.voc)
	sims := make([]float64, 0, backgroundSamples)
	total := len(is) * len(js)
	step := max(1, total/backgroundSamples)
	// A stride that is prime to the row length walks the pairs of every
	// row and column rather than one diagonal.
	for k := 0; k < total && len(sims) < backgroundSamples; k += step {
		i, j := is[k/len(js)], js[(k*7+k/len(js))%len(js)]
		if a.samePath(i, j) {
			continue
		}
		sims = append(sims, sc.score(&a.fo[i], &a.fn[j]).sim)
	}
	if len(sims) == 0 {
		return background{}
	}
	sum := 0.0
	for _, s := range sims {
		sum += s
	}
	slices.Sort(sims)
	return background{mean: sum / float64(len(sims)), high: sims[len(sims)*9/10], n: len(sims)}
}

// runBeatsBackground reports whether the points of two runs paired in
// order (is[k] with js[k]) share clearly more than chance: their mean
// similarity is at least twice the background's mean and above it by a
// point. A translation keeps its numbers, names and dates, which a text in
// another language shares with nothing else; two unrelated texts numbered
// alike share no more than any two of their points.
func (a *aligner) runBeatsBackground(is, js []int) bool {
	if len(is) == 0 {
		return false
	}
	sc := newScorer(a.voc)
	sum := 0.0
	for k := range is {
		sum += sc.score(&a.fo[is[k]], &a.fn[js[k]]).sim
	}
	return sum/float64(len(is)) >= 2*a.bg.mean+0.01
}

// backgroundMargin is how far above the background's 90th percentile a
// pair's similarity must be for a rule that accepts weak evidence.
const backgroundMargin = 0.05

// aboveBackground reports whether a similarity beats the pair's
// background: more than nine in ten chance pairs, by a margin.
func (a *aligner) aboveBackground(sim float64) bool {
	return a.bg.n == 0 || sim >= a.bg.high+backgroundMargin
}

// backboneMargin: a pair that is each other's best match and stands this
// far above the background's 90th percentile is strong enough to place
// the rest, where the fixed acceptAlone would leave a rewrite with no
// frame at all.
const backboneMargin = 0.15

// backboneFloor is the similarity a mutual best pair needs to join the
// backbone: acceptAlone, or less where the pair's background is low and
// such a pair stands out clearly from it (a paraphrase), never below
// acceptInOrder.
func (a *aligner) backboneFloor() float64 {
	if a.bg.n == 0 {
		return acceptAlone
	}
	return min(acceptAlone, max(acceptInOrder, a.bg.high+backboneMargin))
}

// sameLanguage reports whether the two texts share their common words
// (articles, prepositions, conjunctions: "the", "of", "and" against "der",
// "und", "von"). A text's common words are those in at least a fifth of
// its points (names and figures are in few); each counts its share of
// points. The texts are in one language when the words common to both
// weigh at least a fifth of the lighter text's common words: two English
// texts on unrelated subjects share a third, two Russian texts four in
// ten, an English text and its German translation one in twelve ("in").
// It reads every word once, and only runs where the words failed to link
// the texts.
func (a *aligner) sameLanguage() bool {
	if a.language == 0 {
		a.language = 1
		if a.readLanguage() {
			a.language = 2
		}
	}
	return a.language == 2
}

// readLanguage computes sameLanguage.
func (a *aligner) readLanguage() bool {
	shares := func(fs []features) map[uint64]float64 {
		df := map[uint64]int{}
		for k := range fs {
			seen := map[uint64]bool{}
			for _, h := range fs[k].hashes {
				if !seen[h] {
					seen[h] = true
					df[h]++
				}
			}
		}
		out := map[uint64]float64{}
		for h, n := range df {
			if s := float64(n) / float64(len(fs)); s >= 0.2 && n >= 2 {
				out[h] = s
			}
		}
		return out
	}
	so, sn := shares(a.fo), shares(a.fn)
	sum := 0.0
	for h, s := range so {
		sum += min(s, sn[h])
	}
	total := func(m map[uint64]float64) float64 {
		t := 0.0
		for _, s := range m {
			t += s
		}
		return t
	}
	least := min(total(so), total(sn))
	return least > 0 && sum >= least/5
}

// SameLanguage reports whether two versions' points are written in the
// same language, judged by their common words as the aligner judges them
// (see sameLanguage): two texts share their articles, prepositions and
// conjunctions, a text and its translation at most one or two.
func SameLanguage(old, new []parley.Point) bool {
	a := &aligner{fo: newFeatures(old), fn: newFeatures(new)}
	return a.sameLanguage()
}
