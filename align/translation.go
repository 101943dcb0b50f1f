package align

import (
	"math"
	"math/bits"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// A translation is the same text in another language: it shares almost no
// words with the original, so the word evidence the aligner runs on says
// nothing, and where the translator cut the points differently (two points
// merged, one split, another numbering) numbering says nothing either. What
// survives translation is the order of the provisions, their lengths (a
// long provision stays long), and a few tokens no translator changes:
// figures and dates, names, addresses, quoted titles, and in related
// languages the shared stems of international words ("Kommission",
// "commission"). Such a pair is aligned as sentences are in parallel
// corpora (Gale and Church, 1993): a dynamic programme over the two point
// sequences in order, where each step (a bead) takes one or two points of
// each side, its cost how unlikely the beads' character lengths are for
// their kind, lowered by the anchors they share.

// Bead priors (Gale and Church's, from their hand-aligned corpus): most
// beads are one to one; a split or a merge is ten times rarer, a point
// with no counterpart a hundred times.
var beadPriors = [3][3]float64{
	// old points 0, 1, 2 (rows) against new points 0, 1, 2 (columns)
	{0, 0.0099 / 2, 0},
	{0.0099 / 2, 0.89, 0.089 / 2},
	{0, 0.089 / 2, 0.011},
}

// priorCost is minus the log of each prior (0 where none).
var priorCost = func() (out [3][3]float64) {
	for a := range beadPriors {
		for b, p := range beadPriors[a] {
			if p > 0 {
				out[a][b] = -math.Log(p)
			}
		}
	}
	return out
}()

// lengthVariance is the variance of a translated length per character of
// the original (Gale and Church measured 6.8 on parliamentary debates).
const lengthVariance = 6.8

const (
	// anchorWeight is what a bead whose anchors agree fully gains, in
	// nats: as much as a length three standard deviations off costs, so
	// figures and names decide against lengths, and lengths decide where
	// there are none.
	anchorWeight = 6.0
	// figureClash is what a bead costs whose two sides both carry
	// figures and share none: translations keep their figures.
	figureClash = 2.0
	// cognateWeight is what a bead gains whose character 4-grams agree
	// fully beyond the pair's background (related languages only).
	cognateWeight = 4.0
	// sentenceCost is what a bead pays for each sentence one side has
	// more than the other: a translator keeps sentences as a rule, and
	// joins or splits one as rarely as Gale and Church's 2-1 and 1-2
	// beads of sentences are against their 1-1 (0.089 to 0.89).
	sentenceCost = 2.3
	// numberingBonus breaks ties: a one-to-one bead whose points carry
	// the same number gains this little (numbering often differs in a
	// translation cut otherwise).
	numberingBonus = 0.1
)

// Detection thresholds.
const (
	// detectWindow is the widest half-window around the diagonal that
	// isTranslation reads.
	detectWindow = 4
	// translationMajority is the share of sampled points whose counterpart
	// must stand out from chance (see isTranslation).
	translationMajority = 0.6
	// wordLinkedShare: if more than this share of the points have a
	// counterpart by their words alone (acceptAlone), the words align the
	// texts, whatever their language.
	wordLinkedShare = 0.5
)

// translation is the state of aligning a pair judged a translation.
type translation struct {
	a      *aligner
	is, js []int      // the points to align, in document order
	lo, ln []float64  // their lengths in characters
	ao, an [][]anchor // their anchors, sorted by key
	ratio  float64    // new characters per old character over the texts
	gbg    float64    // mean 4-gram Dice of points far apart: the background
	band   int        // half-width of the band around the diagonal

	gramsO, gramsN []int32 // 4-grams of each point (bits of its signature)
	figO, figN     []bool  // whether each point carries a figure
	sentO, sentN   []int   // sentences in each point
	// pairO[k] and pairN[l] are the signatures of points k and k+1 (l
	// and l+1) joined, and their sizes: the sides of beads of two.
	pairO, pairN         []signature
	pairSizeO, pairSizeN []int32
	rows                 [2]cacheRow
}

// anchor is a token that survives translation, and its weight.
type anchor struct {
	key    string
	figure bool
	w      float64
}

// alignTranslation aligns the pair as a translation when it is judged one
// (see isTranslation) and returns the alignment; otherwise it returns nil
// and leaves the aligner as it was. need marks the points not linked yet.
func (a *aligner) alignTranslation(need [2][]bool) *Alignment {
	t := a.newTranslation(need)
	if t == nil || !t.isTranslation() {
		return nil
	}
	beads := t.align()
	costs := make(map[int]float64, len(beads))
	for _, b := range beads {
		if len(b.old) == 0 || len(b.new) == 0 {
			continue
		}
		a.newLink(b.old, b.new, Link{})
		costs[len(a.links)-1] = b.cost
	}
	a.linkUnknown()
	a.closeRest()
	a.classify()
	a.setConfidences()
	for k, c := range costs {
		a.links[k].Confidence = math.Round(beadConfidence(c, len(a.links[k].Old), len(a.links[k].New))*100) / 100
	}
	return &Alignment{Old: a.old, New: a.new, Links: a.ordered()}
}

// newTranslation gathers the points to align and returns nil when the pair
// cannot be a translation: too few points, point counts or lengths too far
// apart, the words link the texts already, or both are in one language.
func (a *aligner) newTranslation(need [2][]bool) *translation {
	t := &translation{a: a}
	for i, ok := range need[0] {
		if ok && a.linkO[i] < 0 && (a.unknownO == nil || !a.unknownO[i]) {
			t.is = append(t.is, i)
		}
	}
	for j, ok := range need[1] {
		if ok && a.linkN[j] < 0 && (a.unknownN == nil || !a.unknownN[j]) {
			t.js = append(t.js, j)
		}
	}
	m, n := len(t.is), len(t.js)
	if m < 3 || n < 3 || 2*min(m, n) < max(m, n) {
		return nil
	}
	linked := 0
	for _, i := range t.is {
		if a.bestSim(i, true, -1) >= acceptAlone {
			linked++
		}
	}
	if float64(linked) > wordLinkedShare*float64(m) {
		return nil
	}
	if !twoLanguages(a.fo, a.fn) && !twoAlphabets(a.fo, a.fn) {
		return nil
	}
	t.lo, t.ln = make([]float64, m), make([]float64, n)
	so, sn := 0.0, 0.0
	for k, i := range t.is {
		t.lo[k] = float64(utf8.RuneCountInString(a.fo[i].text))
		so += t.lo[k]
	}
	for k, j := range t.js {
		t.ln[k] = float64(utf8.RuneCountInString(a.fn[j].text))
		sn += t.ln[k]
	}
	if so == 0 || sn == 0 || sn/so > 3 || so/sn > 3 {
		return nil
	}
	t.ratio = sn / so
	t.ao, t.an = t.anchors(true), t.anchors(false)
	t.gramsO, t.figO = gramsAndFigures(a.fo, t.is, t.ao)
	t.gramsN, t.figN = gramsAndFigures(a.fn, t.js, t.an)
	t.rows[0].k, t.rows[1].k = -1, -1
	t.sentO, t.sentN = sentenceCounts(a.fo, t.is), sentenceCounts(a.fn, t.js)
	t.band = min(64, max(16, 8+int(math.Sqrt(float64(max(m, n))))))
	t.pairO, t.pairSizeO = joinedPairs(a.fo, t.is)
	t.pairN, t.pairSizeN = joinedPairs(a.fn, t.js)
	return t
}

// diagonal is the new position across from old position k.
func (t *translation) diagonal(k int) int {
	return int(math.Round(float64(k) * float64(len(t.js)) / float64(len(t.is))))
}

// evidence is what old point k and new point l share that survives
// translation: the weight of their common anchors (at most 1) and their
// 4-gram Dice.
func (t *translation) evidence(k, l int) (anchors, dice float64) {
	e := t.pair(k, l)
	if size := t.gramsO[k] + t.gramsN[l]; size > 0 {
		dice = 2 * float64(e.grams) / float64(size)
	}
	return min(1, float64(e.anchors)), dice
}

// isTranslation compares, for old points spread over the text, their
// evidence with the new points across from them (a window around the
// diagonal) against their evidence with the new points half a text away.
// A translation's points share their anchors and stems with their
// counterpart and with nothing else; two unrelated texts share as little
// near the diagonal as far from it, however alike their numbering and
// shape. What the window holds beyond chance is read as its sum less the
// far mean for every point but one: the counterpart's evidence, which for
// unrelated texts comes out at the far mean itself. The pair is a
// translation when that is at least twice the far mean and above it by a
// point (as runBeatsBackground reads a run), for most of the points. The
// far pairs also give the 4-gram background that cognates are read
// against.
func (t *translation) isTranslation() bool {
	m, n := len(t.is), len(t.js)
	// The window allows for the drift of a few splits and merges; it
	// stays small, for its sum to carry one counterpart above its noise.
	w := min(detectWindow, max(1, n/50))
	step := max(1, m/256)
	var counterpart, far, farDice float64
	wins, samples, farPairs := 0, 0, 0
	for k := 0; k < m; k += step {
		d := t.diagonal(k)
		var ns, fs float64
		nn, nf := 0, 0
		for l := max(0, d-w); l <= min(n-1, d+w); l++ {
			an, dice := t.evidence(k, l)
			ns += an + dice
			nn++
		}
		for l := d + n/2 - w; l <= d+n/2+w; l++ {
			ll := ((l % n) + n) % n
			if ll >= d-w && ll <= d+w {
				continue // near the diagonal: not a chance pair
			}
			an, dice := t.evidence(k, ll)
			fs += an + dice
			nf++
			farDice += dice
			farPairs++
		}
		if nn == 0 || nf == 0 {
			continue
		}
		fs /= float64(nf)
		c := ns - float64(nn-1)*fs
		counterpart += c
		far += fs
		if c >= 2*fs+0.01 {
			wins++
		}
		samples++
	}
	if samples == 0 || farPairs == 0 {
		return false
	}
	t.gbg = farDice / float64(farPairs)
	counterpart /= float64(samples)
	far /= float64(samples)
	return counterpart >= 2*far+0.01 && float64(wins) >= translationMajority*float64(samples)
}

// bead is one step of the alignment: the old and new points it takes and
// its cost.
type bead struct {
	old, new []int
	cost     float64
}

// beadShapes are the steps the programme may take, as (old, new) counts.
var beadShapes = [][2]int{{1, 1}, {1, 0}, {0, 1}, {2, 1}, {1, 2}, {2, 2}}

// align runs the dynamic programme over the band around the diagonal and
// returns the beads of the cheapest path, in order. Costs are kept for
// three rows of the band, and what each old point shares with the new
// points of its band for two; the choices for every cell, one byte each.
func (t *translation) align() []bead {
	m, n, b := len(t.is), len(t.js), t.band
	width := 2*b + 1
	inf := math.Inf(1)
	// Row k of the band holds new positions diagonal(k)-b .. diagonal(k)+b.
	col := func(k, l int) int { return l - t.diagonal(k) + b }
	rows := [3][]float64{make([]float64, width), make([]float64, width), make([]float64, width)}
	choice := make([]int8, (m+1)*width)
	for k := 0; k <= m; k++ {
		if k > 0 {
			t.fillRow(k - 1)
		}
		cur := rows[k%3]
		for c := range cur {
			cur[c] = inf
		}
		d := t.diagonal(k)
		for l := max(0, d-b); l <= min(n, d+b); l++ {
			c := col(k, l)
			if k == 0 && l == 0 {
				cur[c] = 0
				choice[c] = -1
				continue
			}
			bestCost, bestShape := inf, int8(-1)
			for s, sh := range beadShapes {
				pk, pl := k-sh[0], l-sh[1]
				if pk < 0 || pl < 0 {
					continue
				}
				pc := col(pk, pl)
				if pc < 0 || pc >= width {
					continue
				}
				prev := rows[pk%3][pc]
				if math.IsInf(prev, 1) {
					continue
				}
				if total := prev + t.beadCost(pk, pl, sh[0], sh[1]); total < bestCost {
					bestCost, bestShape = total, int8(s)
				}
			}
			cur[c], choice[k*width+c] = bestCost, bestShape
		}
	}
	// Walk back from the end.
	var out []bead
	k, l := m, n
	for k > 0 || l > 0 {
		c := col(k, l)
		if c < 0 || c >= width || choice[k*width+c] < 0 {
			// The end is outside the band (it never is: the band follows
			// the diagonal to (m, n)); leave the rest unlinked.
			break
		}
		sh := beadShapes[choice[k*width+c]]
		pk, pl := k-sh[0], l-sh[1]
		bd := bead{cost: t.beadCost(pk, pl, sh[0], sh[1])}
		for x := pk; x < k; x++ {
			bd.old = append(bd.old, t.is[x])
		}
		for y := pl; y < l; y++ {
			bd.new = append(bd.new, t.js[y])
		}
		out = append(out, bd)
		k, l = pk, pl
	}
	slices.Reverse(out)
	return out
}

// pairEvidence is what an old and a new point share: their common
// character 4-grams, the weight of their common anchors, and whether
// they have a figure in common.
type pairEvidence struct {
	grams   int32
	anchors float32
	figure  bool
}

// cacheRow holds the evidence of one old point with the new points of its
// band (and one more on each side, which beads of two points reach).
type cacheRow struct {
	k, from int // old position; new position of ev[0]
	ev      []pairEvidence
}

// fillRow computes the cached evidence of old position k, in the slot of
// the row two before it.
func (t *translation) fillRow(k int) {
	r := &t.rows[k%2]
	r.k, r.from = k, t.diagonal(k)-t.band-1
	r.ev = r.ev[:0]
	for l := r.from; l <= t.diagonal(k)+t.band+1; l++ {
		var e pairEvidence
		if l >= 0 && l < len(t.js) {
			e = t.pair(k, l)
		}
		r.ev = append(r.ev, e)
	}
}

// cell returns the evidence of old position k and new position l, from
// the cache when it holds them.
func (t *translation) cell(k, l int) pairEvidence {
	if r := &t.rows[k%2]; r.k == k && r.ev != nil && l >= r.from && l-r.from < len(r.ev) {
		return r.ev[l-r.from]
	}
	return t.pair(k, l)
}

// pair computes the evidence of old position k and new position l.
func (t *translation) pair(k, l int) pairEvidence {
	fo, fn := &t.a.fo[t.is[k]], &t.a.fn[t.js[l]]
	fo.ensureGrams()
	fn.ensureGrams()
	var e pairEvidence
	if fo.grams != nil && fn.grams != nil {
		for w := range fo.grams {
			e.grams += int32(bits.OnesCount64(fo.grams[w] & fn.grams[w]))
		}
	}
	w, fig := sharedAnchors(t.ao[k], t.an[l])
	e.anchors, e.figure = float32(w), fig
	return e
}

// beadCost is the cost of the bead taking old points k..k+dk-1 and new
// points l..l+dl-1: minus the log of its prior and of the probability of
// its lengths, less what its anchors and 4-grams share, less the
// numbering's tie-breaker.
func (t *translation) beadCost(k, l, dk, dl int) float64 {
	lo, ln := 0.0, 0.0
	for x := k; x < k+dk; x++ {
		lo += t.lo[x]
	}
	for y := l; y < l+dl; y++ {
		ln += t.ln[y]
	}
	cost := priorCost[dk][dl] + lengthCost(lo*t.ratio, ln)
	if dk == 0 || dl == 0 {
		return cost
	}
	return cost - t.shared(k, l, dk, dl)
}

// shared is what the bead's two sides share, in nats. The anchors a side
// of two points shares are summed over its points (a name both hold
// counts twice, which the cap keeps small); its 4-grams are those of its
// points' signatures joined.
func (t *translation) shared(k, l, dk, dl int) float64 {
	var grams, size int32
	anchors := 0.0
	figO, figN, figBoth := false, false, false
	for x := k; x < k+dk; x++ {
		size += t.gramsO[x]
		figO = figO || t.figO[x]
		for y := l; y < l+dl; y++ {
			e := t.cell(x, y)
			grams += e.grams
			anchors += float64(e.anchors)
			figBoth = figBoth || e.figure
		}
	}
	for y := l; y < l+dl; y++ {
		size += t.gramsN[y]
		figN = figN || t.figN[y]
	}
	if dk+dl > 2 {
		grams, size = t.joinedGrams(k, l, dk, dl)
	}
	so, sn := 0, 0
	for x := k; x < k+dk; x++ {
		so += t.sentO[x]
	}
	for y := l; y < l+dl; y++ {
		sn += t.sentN[y]
	}
	// A bead of two points against one has joined or split a sentence
	// already (its prior paid for it); only more is a sign against it.
	extra := abs(so - sn)
	if dk != dl {
		extra = max(0, extra-1)
	}
	gain := anchorWeight*min(1, anchors) - sentenceCost*float64(extra)
	if figO && figN && !figBoth {
		gain -= figureClash
	}
	if size > 0 && t.gbg < 1 {
		if dice := 2 * float64(grams) / float64(size); dice > t.gbg {
			gain += cognateWeight * (min(1, dice) - t.gbg) / (1 - t.gbg)
		}
	}
	if dk == 1 && dl == 1 && t.a.samePath(t.is[k], t.js[l]) {
		gain += numberingBonus
	}
	return gain
}

// joinedGrams returns the 4-grams the bead's two sides share and the sum
// of their sizes, each side's signatures joined.
func (t *translation) joinedGrams(k, l, dk, dl int) (shared, size int32) {
	so, sizeO := t.a.fo[t.is[k]].grams, t.gramsO[k]
	if dk == 2 {
		so, sizeO = &t.pairO[k], t.pairSizeO[k]
	}
	sn, sizeN := t.a.fn[t.js[l]].grams, t.gramsN[l]
	if dl == 2 {
		sn, sizeN = &t.pairN[l], t.pairSizeN[l]
	}
	if so == nil || sn == nil {
		return 0, sizeO + sizeN
	}
	for w := range so {
		shared += int32(bits.OnesCount64(so[w] & sn[w]))
	}
	return shared, sizeO + sizeN
}

// joinedPairs returns the signatures of each two consecutive points at
// idx joined, and their sizes.
func joinedPairs(fs []features, idx []int) ([]signature, []int32) {
	sigs, sizes := make([]signature, max(0, len(idx)-1)), make([]int32, max(0, len(idx)-1))
	for k := range sigs {
		for _, i := range idx[k : k+2] {
			if g := fs[i].grams; g != nil {
				for w := range sigs[k] {
					sigs[k][w] |= g[w]
				}
			}
		}
		sizes[k] = int32(sigs[k].count())
	}
	return sigs, sizes
}

// gramsAndFigures returns the 4-gram count of each point at idx and
// whether its anchors hold a figure.
func gramsAndFigures(fs []features, idx []int, as [][]anchor) ([]int32, []bool) {
	grams, figs := make([]int32, len(idx)), make([]bool, len(idx))
	for k, i := range idx {
		fs[i].ensureGrams()
		grams[k] = int32(fs[i].gramCount)
		for _, x := range as[k] {
			figs[k] = figs[k] || x.figure
		}
	}
	return grams, figs
}

// lengthCost is minus the log of the probability that a translation of
// expected length want comes out at length got or farther from it:
// lengths are taken as normal with a variance proportional to the length.
// The programme asks it for every bead it weighs, so it reads a table.
func lengthCost(want, got float64) float64 {
	mean := (want + got) / 2
	if mean == 0 {
		return 0
	}
	x := math.Abs(got-want) / math.Sqrt(lengthVariance*mean) / tailStep
	if k := int(x); k+1 < len(tailCost) {
		f := x - float64(k)
		return tailCost[k]*(1-f) + tailCost[k+1]*f
	}
	return tailCostAt(x * tailStep)
}

// tailStep is the step of tailCost in standard deviations.
const tailStep = 1.0 / 64

// tailCost[k] is tailCostAt(k * tailStep), up to 10 standard deviations.
var tailCost = func() []float64 {
	out := make([]float64, 10/tailStep+2)
	for k := range out {
		out[k] = tailCostAt(float64(k) * tailStep)
	}
	return out
}()

// tailCostAt is minus the log of the two-sided normal tail beyond d
// standard deviations.
func tailCostAt(d float64) float64 {
	if p := math.Erfc(d / math.Sqrt2); p > 1e-300 {
		return -math.Log(p)
	}
	// Far out, the tail's asymptote.
	return d*d/2 + math.Log(d*math.Sqrt(math.Pi/2))
}

// beadConfidence turns a bead's cost into a confidence. Its cost beyond
// its shape's prior is what the evidence says: a bead whose lengths fit
// exactly and that shares nothing is placed by lengths alone, 0.45, just
// under LowConfidence (a reader should check it); each nat of misfit
// (lengths, sentences, clashing figures) takes 0.1 off, each nat of
// shared anchors and stems adds 0.1, so anchors that agree fully make it
// certain.
func beadConfidence(cost float64, dk, dl int) float64 {
	return clamp01(0.45 - 0.1*(cost-priorCost[min(dk, 2)][min(dl, 2)]))
}

// anchors returns each point's anchors, weighted by how rare they are over
// both texts: a figure or name in one point of each side weighs 1, one
// in many points little.
func (t *translation) anchors(old bool) [][]anchor {
	read := func(fs []features, idx []int) [][]anchor {
		out := make([][]anchor, len(idx))
		for k, i := range idx {
			out[k] = pointAnchors(fs[i].text)
		}
		return out
	}
	ao, an := read(t.a.fo, t.is), read(t.a.fn, t.js)
	df := map[string]int{}
	for _, side := range [][][]anchor{ao, an} {
		for _, as := range side {
			for _, x := range as {
				df[x.key]++
			}
		}
	}
	for _, side := range [][][]anchor{ao, an} {
		for _, as := range side {
			for k := range as {
				as[k].w = 2 / float64(max(2, df[as[k].key]))
			}
		}
	}
	if old {
		return ao
	}
	return an
}

// sharedAnchors sums the weights of the keys both sorted lists hold, and
// reports whether they share a figure.
func sharedAnchors(x, y []anchor) (w float64, figure bool) {
	i, j := 0, 0
	for i < len(x) && j < len(y) {
		switch c := strings.Compare(x[i].key, y[j].key); {
		case c < 0:
			i++
		case c > 0:
			j++
		default:
			w += x[i].w
			figure = figure || x[i].figure
			key := x[i].key
			for i < len(x) && x[i].key == key {
				i++
			}
			for j < len(y) && y[j].key == key {
				j++
			}
		}
	}
	return w, figure
}

// pointAnchors reads the tokens of a text that a translator keeps: figures
// (separators removed, "4,500" and "4.500" are 4500), capitalised words
// that do not open a sentence (names; in German also nouns, which simply
// find no partner), words in capitals, web and mail addresses, and the
// text between quotation marks. Each key once, sorted.
func pointAnchors(text string) []anchor {
	var out []anchor
	add := func(key string, figure bool) {
		if key != "" {
			out = append(out, anchor{key: key, figure: figure})
		}
	}
	start := true
	for _, field := range strings.Fields(text) {
		lower := strings.ToLower(field)
		if strings.Contains(lower, "://") || strings.HasPrefix(lower, "www.") || strings.Contains(lower, "@") {
			add(strings.TrimRight(lower, ".,;:)]»\"'"), false)
			start = false
			continue
		}
		word := strings.TrimFunc(field, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
		if fig := figureKey(word); fig != "" {
			add(fig, true)
		} else if r, _ := utf8.DecodeRuneInString(word); unicode.IsUpper(r) && utf8.RuneCountInString(word) >= 2 && (!start || allUpper(word)) {
			add(strings.ToLower(word), false)
		}
		start = strings.HasSuffix(field, ".") || strings.HasSuffix(field, ":") || strings.HasSuffix(field, ";") ||
			strings.HasSuffix(field, "!") || strings.HasSuffix(field, "?")
	}
	for _, q := range quoted(text) {
		add("\""+strings.ToLower(q), false)
	}
	slices.SortFunc(out, func(x, y anchor) int { return strings.Compare(x.key, y.key) })
	return slices.CompactFunc(out, func(x, y anchor) bool { return x.key == y.key })
}

// figureKey returns a word's digits when it is a figure (digits with
// thousands separators or a decimal point, ordinal marks such as "12."
// trimmed already, "1er" or "5a" keeping their digits), else "".
func figureKey(word string) string {
	var b strings.Builder
	for _, r := range word {
		switch {
		case r >= '0' && r <= '9':
			b.WriteRune(r)
		case unicode.IsDigit(r):
			// Other scripts' digits (Arabic-Indic) by their value.
			b.WriteRune('0' + rune(digitValue(r)))
		case r == ',' || r == '.' || r == '\u00a0' || r == '\u202f' || r == '\'':
		default:
			if b.Len() == 0 {
				return ""
			}
			return b.String() // "1er", "5a": the number
		}
	}
	return b.String()
}

// digitValue is the value of a decimal digit of any script.
func digitValue(r rune) int {
	for _, z := range []rune{'\u0660', '\u06F0', '\u0966', '\uFF10'} {
		if r >= z && r <= z+9 {
			return int(r - z)
		}
	}
	return 0
}

func allUpper(w string) bool {
	for _, r := range w {
		if unicode.IsLower(r) {
			return false
		}
	}
	return true
}

// quoted returns the texts between matching quotation marks, of two
// characters or more.
func quoted(text string) []string {
	if !strings.ContainsAny(text, "\"“„«‘‚") {
		return nil
	}
	pairs := map[rune]rune{'"': '"', '“': '”', '„': '“', '«': '»', '‘': '’', '‚': '‘'}
	var out []string
	rs := []rune(text)
	for k := 0; k < len(rs); k++ {
		closing, ok := pairs[rs[k]]
		if !ok {
			continue
		}
		for e := k + 1; e < len(rs) && e-k < 200; e++ {
			if rs[e] == closing {
				if q := strings.TrimSpace(string(rs[k+1 : e])); utf8.RuneCountInString(q) >= 2 {
					out = append(out, q)
				}
				k = e
				break
			}
		}
	}
	return out
}

// twoLanguages reports whether two texts are written in two languages,
// judged as sameLanguage judges it (the common words of each text, those
// in at least a fifth of its points, and how much of them the texts
// share) but over the words written in lower case only: names and terms
// that recur through a short text ("the Commission", "Norland" in two
// points of eight) are as common as its articles, and a translation
// keeps them, which made a text and its translation look like one
// language. Articles, prepositions and conjunctions are written in lower
// case in every language that has case. It reads at most languageSample
// points of each text.
func twoLanguages(fo, fn []features) bool {
	common := func(fs []features) map[string]float64 {
		df := map[string]int{}
		step := max(1, len(fs)/languageSample)
		read := 0
		for k := 0; k < len(fs); k += step {
			read++
			seen := map[string]bool{}
			for _, w := range lowerWords(fs[k].text) {
				if !seen[w] {
					seen[w] = true
					df[w]++
				}
			}
		}
		out := map[string]float64{}
		for w, n := range df {
			if s := float64(n) / float64(read); s >= 0.2 && n >= 2 {
				out[w] = s
			}
		}
		return out
	}
	co, cn := common(fo), common(fn)
	shared, to, tn := 0.0, 0.0, 0.0
	for w, s := range co {
		shared += min(s, cn[w])
		to += s
	}
	for _, s := range cn {
		tn += s
	}
	least := min(to, tn)
	return least > 0 && shared < least/5
}

// twoAlphabets reports whether the two texts spell with different
// letters: a letter that makes at least one in a hundred of the letters
// of one text's lower-case words (names left out, as in twoLanguages) is
// missing from the other, which is long enough to hold it twenty times
// were it in the same language (Russian и and ы against Belarusian і and
// ў, Ukrainian і and и against Russian ы; French é against English).
// Close languages share many common words ("на", "не", "за"), so
// twoLanguages misses them; their spelling tells them apart. Short texts
// say nothing. It reads at most languageSample points of each text.
func twoAlphabets(fo, fn []features) bool {
	letters := func(fs []features) (map[rune]int, int) {
		count := map[rune]int{}
		total := 0
		for k := 0; k < len(fs); k += max(1, len(fs)/languageSample) {
			for _, w := range lowerWords(fs[k].text) {
				for _, r := range w {
					count[unicode.ToLower(r)]++
					total++
				}
			}
		}
		return count, total
	}
	co, to := letters(fo)
	cn, tn := letters(fn)
	differs := func(x map[rune]int, tx int, y map[rune]int, ty int) bool {
		for r, n := range x {
			share := float64(n) / float64(tx)
			if share >= letterShare && share*float64(ty) >= letterExpected && float64(y[r]) <= share*float64(ty)/letterContrast {
				return true
			}
		}
		return false
	}
	return differs(co, to, cn, tn) || differs(cn, tn, co, to)
}

// See twoAlphabets: a letter this common, expected this many times in the
// other text, and found this many times fewer there.
const (
	letterShare    = 0.01
	letterExpected = 20
	letterContrast = 50
)

// languageSample bounds the points twoLanguages reads on each side,
// spread over the text: common words are common in any sample.
const languageSample = 256

// lowerWords returns the words of a text that start with a lower-case
// letter (or one without case): runs of letters, as they are.
func lowerWords(text string) []string {
	var out []string
	start := -1
	for k, r := range text {
		letter := unicode.IsLetter(r) || r == '\u0301'
		switch {
		case letter && start < 0:
			start = k
		case !letter && start >= 0:
			if w := text[start:k]; isLowerStart(w) {
				out = append(out, w)
			}
			start = -1
		}
	}
	if start >= 0 && isLowerStart(text[start:]) {
		out = append(out, text[start:])
	}
	return out
}

// isLowerStart reports whether a word starts with a lower-case letter or
// with a letter of a script that has no case (Arabic, Hebrew, CJK), whose
// every word is read.
func isLowerStart(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsLower(r) || (unicode.IsLetter(r) && !unicode.IsUpper(r) && !unicode.IsTitle(r))
}

// sentenceCounts returns the number of sentences of each point at idx:
// the full stops, question and exclamation marks and semicolons that end
// a word of letters and are followed by a space or the end (a figure's
// "12." or "Art. 5" opening no sentence), at least one for a point with
// text.
func sentenceCounts(fs []features, idx []int) []int {
	out := make([]int, len(idx))
	for k, i := range idx {
		text := strings.TrimSpace(fs[i].text)
		n := 0
		prev := rune(0)
		for p, r := range text {
			if (r == '.' || r == '!' || r == '?' || r == ';' || r == '。' || r == '؟' || r == '؛') && unicode.IsLetter(prev) {
				next, _ := utf8.DecodeRuneInString(text[p+utf8.RuneLen(r):])
				if p+utf8.RuneLen(r) == len(text) || unicode.IsSpace(next) {
					n++
				}
			}
			prev = r
		}
		if n == 0 && text != "" {
			n = 1
		}
		out[k] = n
	}
	return out
}
