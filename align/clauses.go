package align

import (
	"cmp"
	"slices"
	"unicode"
	"unicode/utf8"
)

// Evidence below the point. The rules of align.go link whole points and
// grow groups through neighbours: a point cut in three whose third part
// went to another section, or a sub-item folded word for word into a
// distant section, is out of their reach. Here each point is cut into
// clauses (sentences, and the parts a semicolon or colon ends), every
// clause looks for the clause of the other version that holds most of its
// weighted words, anywhere in the text, and the clauses that clearly went
// somewhere (see claims: most of the clause's weight, on rare words, and
// clearly more than any other point and its own counterparts hold) tie
// their points. A tie counts the word weight of
// the clauses that went across against the smaller of the two points:
// a sub-item whose one sentence reappears in a long section is wholly
// part of it, and so is the third part of a split, wherever it lies.
// Splits, merges, regroupings and distant moves so follow from one rule
// (joinByClauses), not from a rule per shape.

// Clause thresholds, on the scale of word weight covered (0 none, 1 all).
const (
	// minClauseWords: a piece with fewer words is joined to the next
	// ("Price." before its sentence, "e.g." inside one); a clause this
	// short proves nothing by being contained in another ("the Buyer").
	minClauseWords = 3
	// clauseCover is how much of a clause's word weight one clause of the
	// other version must hold for the clause to have clearly gone there
	// (more when the pair's clauses share more by chance; see
	// clauseBackground).
	clauseCover = 0.6
	// clauseWeak: a clause that keeps this much of its word weight in one
	// clause of the other version went there too when another clause of
	// its point went there clearly (see clauseTies).
	clauseWeak = 0.35
	// clauseMargin: the clause's best counterpart must hold this much
	// more of it than the best one in any other point; a sentence
	// repeated in several points (boilerplate) went nowhere in
	// particular.
	clauseMargin = 0.25
	// A claim must rest on at least minRareShared shared words that are
	// not common in the pair: a word of weight rareWeight (idf², see
	// vocabulary) is in at most one point in e (2.7) of the two texts.
	// "der Konzernlagebericht und" is one name between two common words.
	minRareShared = 3
	rareWeight    = 1.0
	// minRareApart: of them, this many must be missing from the best
	// clause of any other point (the one the clause would otherwise be
	// said to have stayed with).
	minRareApart = 2
	// clauseTie is how much of the smaller point's word weight the
	// clauses that went across must cover to tie two points.
	clauseTie = regroupShare
)

// clauseSet is one version's clauses, in document order, in flat arrays.
type clauseSet struct {
	point  []int32   // the point of each clause
	off    []int32   // clause k's words are words[off[k]:off[k+1]]
	words  []int32   // vocabulary ids, distinct within a clause
	weight []float64 // each clause's word weight (sum of idf²)
	size   []int32   // words of each clause, repeats included
	// start: the clauses of point p are start[p] to start[p+1]-1.
	start []int32
	// pointWeight is the sum of each point's clause weights (0 for a
	// point that was not cut).
	pointWeight []float64
}

func (cs *clauseSet) of(k int) []int32 { return cs.words[cs.off[k]:cs.off[k+1]] }

// sentenceEnd reports whether the rune r at text[k:k+size] ends a clause:
// . ; : ! ? followed by a space or the end of the text (so that "2.01",
// "1.000" and "12:30" are not cut), or the full-width and Arabic forms,
// which need no space after them.
func sentenceEnd(text string, k int, r rune, size int) bool {
	switch r {
	case '.', ';', ':', '!', '?':
		if k+size == len(text) {
			return true
		}
		next, _ := utf8.DecodeRuneInString(text[k+size:])
		return next == ' ' || next == '\n' || next == '\t' || next == '\r' || next == '\u00a0'
	case '。', '；', '：', '！', '？', '．', // CJK and full-width forms
		'؛', '؟', '۔', // Arabic semicolon, question mark, full stop
		'।', '॥': // Devanagari danda
		return true
	}
	return false
}

// asciiEnd marks the ASCII characters that may end a clause.
var asciiEnd = [utf8.RuneSelf]bool{'.': true, ';': true, ':': true, '!': true, '?': true}

// cutClauses appends to cuts the byte offsets at which text's clauses end
// (the last is len(text)), each clause with at least minClauseWords words
// where the text has that many: a short piece joins the next one, a short
// last piece the one before it.
func cutClauses(cuts []int, text string) []int {
	start := 0
	first := len(cuts)
	for k := 0; k < len(text); {
		c := text[k]
		if c < utf8.RuneSelf && !asciiEnd[c] {
			k++ // most bytes: one table lookup
			continue
		}
		r, size := rune(c), 1
		if c >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(text[k:])
		}
		k += size
		if sentenceEnd(text, k-size, r, size) && hasWords(text[start:k], minClauseWords) {
			cuts = append(cuts, k)
			start = k
		}
	}
	if start < len(text) {
		if len(cuts) > first && !hasWords(text[start:], minClauseWords) {
			cuts[len(cuts)-1] = len(text) // the short tail joins the last clause
		} else {
			cuts = append(cuts, len(text))
		}
	}
	return cuts
}

// hasWords reports whether text has at least n words, read as appendWords
// reads them (runs of letters and digits), roughly: a number with
// thousands separators may count as two. It stops at the n-th.
func hasWords(text string, n int) bool {
	in := false
	for _, r := range text {
		w := r < utf8.RuneSelf && wordByte[r] != 0 || r >= utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r))
		if w && !in {
			if n--; n == 0 {
				return true
			}
		}
		in = w
	}
	return false
}

// buildClauses cuts the points of one side that take part (use[k]) into
// clauses and numbers their words with the vocabulary (words it lacks are
// left out, as in groupFeatures).
func (a *aligner) buildClauses(fs []features, use []bool) *clauseSet {
	// Sized ahead: a point is mostly one or a few clauses, and its
	// clauses' words are about its own.
	points, words := 0, 0
	for p := range fs {
		if use[p] {
			points++
			words += len(fs[p].words)
		}
	}
	cs := &clauseSet{
		pointWeight: make([]float64, len(fs)),
		point:       make([]int32, 0, 2*points),
		off:         append(make([]int32, 0, 2*points+1), 0),
		words:       make([]int32, 0, words+words/4),
		weight:      make([]float64, 0, 2*points),
		size:        make([]int32, 0, 2*points),
		start:       make([]int32, len(fs)+1),
	}
	seen := make([]int32, len(a.voc.idf)) // clause number + 1 that last saw each word
	var cuts []int
	var buf []uint64
	for p := range fs {
		cs.start[p] = int32(len(cs.point))
		if !use[p] || fs[p].empty {
			continue
		}
		f := &fs[p]
		cuts = cutClauses(cuts[:0], f.text)
		if len(cuts) == 1 {
			// One clause: the point's own words, numbered already.
			if f.weight > 0 {
				cs.point = append(cs.point, int32(p))
				cs.words = append(cs.words, f.words...)
				cs.off = append(cs.off, int32(len(cs.words)))
				cs.weight = append(cs.weight, f.weight)
				cs.size = append(cs.size, int32(len(f.hashes)))
				cs.pointWeight[p] = f.weight
			}
			continue
		}
		from := 0
		for _, to := range cuts {
			buf = appendWords(buf[:0], f.text[from:to])
			from = to
			k := int32(len(cs.point))
			w := 0.0
			for _, h := range buf {
				id, ok := a.voc.ids.get(h)
				if !ok || seen[id] == k+1 {
					continue
				}
				seen[id] = k + 1
				cs.words = append(cs.words, id)
				w += a.voc.idf[id]
			}
			if w == 0 {
				cs.words = cs.words[:cs.off[k]]
				continue
			}
			cs.point = append(cs.point, int32(p))
			cs.off = append(cs.off, int32(len(cs.words)))
			cs.weight = append(cs.weight, w)
			cs.size = append(cs.size, int32(len(buf)))
			cs.pointWeight[p] += w
		}
	}
	cs.start[len(fs)] = int32(len(cs.point))
	return cs
}

// clausePostings maps each word no more common than maxPostings points to
// the clauses that hold it.
func (a *aligner) clausePostings(cs *clauseSet) postingLists {
	dfs := a.voc.df
	off := make([]int32, len(dfs)+1)
	for _, id := range cs.words {
		if dfs[id] <= maxPostings {
			off[id+1]++
		}
	}
	for id := 1; id < len(off); id++ {
		off[id] += off[id-1]
	}
	items := make([]int32, off[len(off)-1])
	next := slices.Clone(off[:len(off)-1])
	for k := range cs.point {
		for _, id := range cs.of(k) {
			if dfs[id] <= maxPostings {
				items[next[id]] = int32(k)
				next[id]++
			}
		}
	}
	return postingLists{off: off, items: items}
}

// claim is a clause that went to a clause of the other version: most of
// its word weight is there, clearly more than in any other point.
type claim struct {
	from, to int32   // clause on the claiming side, clause on the other
	shared   float64 // word weight the two share
	strong   bool    // the other clause holds at least the strong floor of it
}

// claims finds, for each clause of from with at least minClauseWords
// words, the clause of to that holds most of its weight: among the
// clauses that share its rarest words (an inverted index, at most
// candidatesPerPoint of them) and the clauses of its point's own
// counterparts (partners). It keeps the claim when that clause holds at
// least floor of the clause's weight (strong: at least strong), on at
// least minRareShared rare words of which minRareApart are missing from
// the best clause of any other point, and clauseMargin more than that
// clause holds. The work per clause is bounded, so the whole is linear
// in the clauses.
func (a *aligner) claims(from, to *clauseSet, post postingLists, partners func(p int) []int, floor, strong float64) []claim {
	idf := a.voc.idf
	acc := make([]float64, len(to.point))
	mark := make([]float64, len(idf))
	var touched, best []int
	var rare [candidateWords]int32
	var out []claim
	for c := range from.point {
		if from.size[c] < minClauseWords {
			continue
		}
		words := from.of(c)
		touched = touched[:0]
		for _, id := range a.rarestOf(words, &rare) {
			for _, d := range post.of(id) {
				if acc[d] == 0 {
					touched = append(touched, int(d))
				}
				acc[d] += idf[id]
			}
		}
		if len(touched) == 0 {
			continue
		}
		best = topK(best[:0], touched, acc, candidatesPerPoint)
		for _, d := range touched {
			acc[d] = 0
		}
		// The clauses of the point's own counterparts are candidates too,
		// whatever their words: a clause they hold as well as the best
		// did not move.
		for _, q := range partners(int(from.point[c])) {
			for d := to.start[q]; d < to.start[q+1] && len(best) < 4*candidatesPerPoint; d++ {
				best = append(best, int(d))
			}
		}
		for _, id := range words {
			mark[id] = idf[id]
		}
		top, topShared, topRare := -1, 0.0, 0
		rivalD, rival := -1, 0.0 // the best clause of another point than top's
		for _, d := range best {
			sh, rare := 0.0, 0
			for _, id := range to.of(d) {
				sh += mark[id]
				if mark[id] >= rareWeight {
					rare++
				}
			}
			switch {
			case sh > topShared:
				if top >= 0 && to.point[top] != to.point[d] && topShared > rival {
					rivalD, rival = top, topShared
				}
				top, topShared, topRare = d, sh, rare
			case to.point[d] != to.point[top] && sh > rival:
				rivalD, rival = d, sh
			}
		}
		// The rare words that tell top from its rival: a clause that
		// differs from its counterpart by one number ("20 Euro" against
		// "28,60 Euro") did not move to the clause that has the number.
		apart := topRare
		if rivalD >= 0 && to.point[rivalD] != to.point[top] {
			for _, id := range to.of(rivalD) {
				if mark[id] >= rareWeight && inTop(to.of(top), id) {
					apart--
				}
			}
		}
		for _, id := range words {
			mark[id] = 0
		}
		w := from.weight[c]
		if top >= 0 && topRare >= minRareShared && apart >= minRareApart && topShared/w >= floor && (topShared-rival)/w >= clauseMargin {
			out = append(out, claim{from: int32(c), to: int32(top), shared: topShared, strong: topShared/w >= strong})
		}
	}
	return out
}

// inTop reports whether the sorted or unsorted word list ws holds id.
func inTop(ws []int32, id int32) bool { return slices.Contains(ws, id) }

// dropShared removes the claims on one clause by clauses of different
// points that claim the same words of it: a sentence that two points
// carry (boilerplate, a repeated proviso) and that survives once went
// to neither in particular. Claims that take different parts of a clause
// (the two sentences merged into it) stay. from is the claiming side.
func (a *aligner) dropShared(cl []claim, from, to *clauseSet) []claim {
	slices.SortFunc(cl, func(x, y claim) int {
		if c := cmp.Compare(x.to, y.to); c != 0 {
			return c
		}
		return cmp.Compare(x.from, y.from)
	})
	idf := a.voc.idf
	inTo := make([]bool, len(idf))
	inX := make([]bool, len(idf))
	drop := make([]bool, len(cl))
	for lo := 0; lo < len(cl); {
		hi := lo + 1
		for hi < len(cl) && cl[hi].to == cl[lo].to {
			hi++
		}
		if hi-lo > 1 {
			for _, id := range to.of(int(cl[lo].to)) {
				inTo[id] = true
			}
			for x := lo; x < hi; x++ {
				for _, id := range from.of(int(cl[x].from)) {
					inX[id] = inTo[id]
				}
				for y := x + 1; y < hi; y++ {
					if from.point[cl[x].from] == from.point[cl[y].from] {
						continue
					}
					both := 0.0
					for _, id := range from.of(int(cl[y].from)) {
						if inX[id] {
							both += idf[id]
						}
					}
					if both >= 0.5*min(cl[x].shared, cl[y].shared) {
						drop[x], drop[y] = true, true
					}
				}
				for _, id := range from.of(int(cl[x].from)) {
					inX[id] = false
				}
			}
			for _, id := range to.of(int(cl[lo].to)) {
				inTo[id] = false
			}
		}
		lo = hi
	}
	kept := cl[:0]
	for k, c := range cl {
		if !drop[k] {
			kept = append(kept, c)
		}
	}
	return kept
}

// clauseTieEdge is the evidence that old point i and new point j belong
// to one link (see clauseTies).
type clauseTieEdge struct {
	i, j int
	e    float64
}

// clauseTies cuts the points that still take part into clauses, finds
// where each clause went (claims, both ways) and returns the ties of
// points, strongest first. A point is tied to the link of another (or to
// the other point, when it is alone) by the word weight of the clauses
// that went between it and that link's points, as a share of the smaller
// of the two: its own weight, or that of the link's points its clauses
// reached. Only a clause that clearly went there (a strong claim, see
// clauseCover) ties; once one has, the point's other clauses that went
// to the same link by a weaker claim count too (a sentence whose words
// were half rewritten on the way).
func (a *aligner) clauseTies(use [2][]bool) []clauseTieEdge {
	var co, cn *clauseSet
	parallel(func() { co = a.buildClauses(a.fo, use[0]) }, func() { cn = a.buildClauses(a.fn, use[1]) })
	if len(co.point) == 0 || len(cn.point) == 0 {
		return nil
	}
	strong := max(clauseCover, a.clauseBackground(co, cn)+backgroundMargin)
	weak := max(clauseWeak, strong-(clauseCover-clauseWeak))
	var forward, backward []claim
	parallel(
		func() {
			forward = a.dropShared(a.claims(co, cn, a.clausePostings(cn), a.partnersOf(a.linkO, false), weak, strong), co, cn)
		},
		func() {
			backward = a.dropShared(a.claims(cn, co, a.clausePostings(co), a.partnersOf(a.linkN, true), weak, strong), cn, co)
		},
	)
	// The weight each pair of points shares through its clauses; a pair
	// of clauses that claimed each other counts once. Sorted slices, not
	// maps: a hundred thousand points make tens of thousands of claims.
	type link struct {
		c, d   int32 // old clause, new clause
		shared float64
		strong bool
	}
	links := make([]link, 0, len(forward)+len(backward))
	for _, x := range forward {
		links = append(links, link{x.from, x.to, x.shared, x.strong})
	}
	for _, x := range backward {
		links = append(links, link{x.to, x.from, x.shared, x.strong})
	}
	slices.SortFunc(links, func(x, y link) int {
		if c := cmp.Compare(x.c, y.c); c != 0 {
			return c
		}
		return cmp.Compare(x.d, y.d)
	})
	type tie struct {
		i, j   int32 // old point, new point
		shared float64
		strong bool
	}
	var pairs []tie
	for k, l := range links {
		if k > 0 && links[k-1].c == l.c && links[k-1].d == l.d {
			pairs[len(pairs)-1].strong = pairs[len(pairs)-1].strong || l.strong
			continue
		}
		pairs = append(pairs, tie{co.point[l.c], cn.point[l.d], l.shared, l.strong})
	}
	slices.SortFunc(pairs, func(x, y tie) int {
		if c := cmp.Compare(x.i, y.i); c != 0 {
			return c
		}
		return cmp.Compare(x.j, y.j)
	})
	merged := pairs[:0]
	for _, t := range pairs {
		if n := len(merged); n > 0 && merged[n-1].i == t.i && merged[n-1].j == t.j {
			merged[n-1].shared += t.shared
			merged[n-1].strong = merged[n-1].strong || t.strong
			continue
		}
		merged = append(merged, t)
	}
	pairs = merged
	// Sum, for each point, its pairs with the points of one link (or
	// with one point alone) on the other side.
	type reach struct {
		me, node int // a point, and the node of the other side it reaches (nodeOf)
		other    int // the other point
		t        tie
	}
	var out []clauseTieEdge
	reaches := make([]reach, len(pairs))
	for s := range 2 {
		weights, others := co.pointWeight, cn.pointWeight
		if s == 1 {
			weights, others = cn.pointWeight, co.pointWeight
		}
		for k, t := range pairs {
			if s == 0 {
				reaches[k] = reach{me: int(t.i), node: nodeOf(a.linkN[t.j], int(t.j)), other: int(t.j), t: t}
			} else {
				reaches[k] = reach{me: int(t.j), node: nodeOf(a.linkO[t.i], int(t.i)), other: int(t.i), t: t}
			}
		}
		slices.SortFunc(reaches, func(x, y reach) int {
			if c := cmp.Compare(x.me, y.me); c != 0 {
				return c
			}
			if c := cmp.Compare(x.node, y.node); c != 0 {
				return c
			}
			return cmp.Compare(x.other, y.other)
		})
		for lo := 0; lo < len(reaches); {
			hi := lo
			shared, other, strong := 0.0, 0.0, false
			best, bestShared := -1, 0.0
			for ; hi < len(reaches) && reaches[hi].me == reaches[lo].me && reaches[hi].node == reaches[lo].node; hi++ {
				r := reaches[hi]
				shared += r.t.shared
				other += others[r.other]
				strong = strong || r.t.strong
				if r.t.shared > bestShared {
					best, bestShared = r.other, r.t.shared
				}
			}
			me := reaches[lo].me
			lo = hi
			if !strong {
				continue
			}
			e := min(1, shared/min(weights[me], other))
			if s == 0 {
				out = append(out, clauseTieEdge{i: me, j: best, e: e})
			} else {
				out = append(out, clauseTieEdge{i: best, j: me, e: e})
			}
		}
	}
	slices.SortFunc(out, func(x, y clauseTieEdge) int {
		if c := cmp.Compare(y.e, x.e); c != 0 {
			return c
		}
		if c := cmp.Compare(x.i, y.i); c != 0 {
			return c
		}
		return cmp.Compare(x.j, y.j)
	})
	return out
}

// partnersOf returns a function that gives the points on the other side
// of a point's link (none for a point alone); link is the links of the
// point's side, old is whether the other side is the old version.
func (a *aligner) partnersOf(link []int, old bool) func(p int) []int {
	return func(p int) []int {
		if link[p] < 0 {
			return nil
		}
		if old {
			return a.links[link[p]].Old
		}
		return a.links[link[p]].New
	}
}

// nodeOf numbers what a point belongs to for clauseTies: its link
// (0, 1, ...), or the point itself when it is alone (negative).
func nodeOf(link, point int) int {
	if link >= 0 {
		return link
	}
	return -1 - point
}

// minBackgroundClauses: with this many clauses a side, true pairs are at
// most one sampled pair in 16, under the tenth that the 90th percentile
// leaves out (see clauseBackground).
const minBackgroundClauses = 16

// clauseBackground is the 90th percentile of how much of a clause's word
// weight a clause of the other version holds by chance: clause pairs of
// points with different numbers, sampled by a fixed stride as background
// samples points. With few clauses the sample is mostly the true pairs
// (of n clauses on a side, one pair in n is one), and says nothing of
// chance: it is 0 then, and the fixed floors apply.
func (a *aligner) clauseBackground(co, cn *clauseSet) float64 {
	n, m := len(co.point), len(cn.point)
	if min(n, m) < minBackgroundClauses {
		return 0
	}
	mark := make([]float64, len(a.voc.idf))
	covers := make([]float64, 0, backgroundSamples)
	total := n * m
	step := max(1, total/backgroundSamples)
	for k := 0; k < total && len(covers) < backgroundSamples; k += step {
		c, d := k/m, (k*7+k/m)%m
		if a.samePath(int(co.point[c]), int(cn.point[d])) {
			continue
		}
		for _, id := range co.of(c) {
			mark[id] = a.voc.idf[id]
		}
		sh := 0.0
		for _, id := range cn.of(d) {
			sh += mark[id]
		}
		for _, id := range co.of(c) {
			mark[id] = 0
		}
		covers = append(covers, sh/co.weight[c])
	}
	if len(covers) == 0 {
		return 0
	}
	slices.Sort(covers)
	return covers[len(covers)*9/10]
}

// joinByClauses links what the clauses tie (see clauseTies), strongest
// tie first: two points alone become a link, a point alone joins the link
// of the point it is tied to (the far part of a split, a sub-item merged
// into a distant section), and two links tied by their points become one
// (a regrouping). Fixed links are left as they are.
func (a *aligner) joinByClauses() {
	use := [2][]bool{make([]bool, len(a.old)), make([]bool, len(a.new))}
	for i, l := range a.linkO {
		use[0][i] = a.need[0][i] && (l < 0 || !a.links[l].Fixed)
	}
	for j, l := range a.linkN {
		use[1][j] = a.need[1][j] && (l < 0 || !a.links[l].Fixed)
	}
	joined := false
	for _, t := range a.clauseTies(use) {
		if t.e < clauseTie {
			break
		}
		l1, l2 := a.linkO[t.i], a.linkN[t.j]
		switch {
		case l1 < 0 && l2 < 0:
			a.newLink([]int{t.i}, []int{t.j}, Link{Similarity: a.similarity(t.i, t.j)})
		case l1 < 0:
			if !a.links[l2].Fixed {
				a.links[l2].Old = insertSorted(a.links[l2].Old, t.i)
				a.linkO[t.i] = l2
			}
		case l2 < 0:
			if !a.links[l1].Fixed {
				a.links[l1].New = insertSorted(a.links[l1].New, t.j)
				a.linkN[t.j] = l1
			}
		case l1 != l2 && !a.links[l1].Fixed && !a.links[l2].Fixed:
			a.foldLink(l1, l2)
			joined = true
		}
	}
	if joined {
		a.dropEmptyLinks()
	}
}

// foldLink moves the points of link l2 into link l1, leaving l2 empty.
func (a *aligner) foldLink(l1, l2 int) {
	L1, L2 := &a.links[l1], &a.links[l2]
	for _, o := range L2.Old {
		a.linkO[o] = l1
	}
	for _, n := range L2.New {
		a.linkN[n] = l1
	}
	L1.Old = append(L1.Old, L2.Old...)
	L1.New = append(L1.New, L2.New...)
	slices.Sort(L1.Old)
	slices.Sort(L1.New)
	L2.Old, L2.New = nil, nil
}

// dropEmptyLinks removes the links emptied by foldLink and renumbers.
func (a *aligner) dropEmptyLinks() {
	kept := a.links[:0]
	for _, l := range a.links {
		if len(l.Old)+len(l.New) > 0 {
			kept = append(kept, l)
		}
	}
	a.links = kept
	for k, l := range a.links {
		for _, i := range l.Old {
			a.linkO[i] = k
		}
		for _, j := range l.New {
			a.linkN[j] = k
		}
	}
}

// headingWords: a point with sub-items and at most this many words of its
// own is a heading ("Mitgliedschaft", "2. Economy", "Ende der
// Mitgliedschaft"): it has no clause to follow, and its sub-items are its
// substance.
const headingWords = 6

// followChildren links headings by their sub-items, the evidence below a
// heading: a heading alone whose sub-items (at least two, and more than
// half of those linked) are linked with sub-items of one heading of the
// other version joins that heading's link, or is linked with it when it
// is alone too. A heading split in two ("Membership" into "Joining" and
// "Leaving", each with its share of the old items) or two merged into one
// so follow their items; a heading whose items went under different
// headings of the other version, none holding most, is left alone.
func (a *aligner) followChildren() {
	old, new := a.sides()
	a.followChildrenOf(old, new, func(k, l int) {
		a.links[l].Old = insertSorted(a.links[l].Old, k)
		a.linkO[k] = l
	}, func(k, o int) { a.newLink([]int{k}, []int{o}, Link{}) })
	old, new = a.sides()
	a.followChildrenOf(new, old, func(k, l int) {
		a.links[l].New = insertSorted(a.links[l].New, k)
		a.linkN[k] = l
	}, func(k, o int) { a.newLink([]int{o}, []int{k}, Link{}) })
}

// followChildrenOf links the headings alone of side sd (see
// followChildren); join adds point k to link l, pair links k with the
// point o of the other side.
func (a *aligner) followChildrenOf(sd, od side, join func(k, l int), pair func(k, o int)) {
	heading := func(s side, k int) bool {
		return s.hasChildren(k) && len(s.features[k].hashes) <= headingWords
	}
	votes := map[int]int{} // heading of od -> sub-items of k linked with its sub-items
	for k := range sd.points {
		if sd.link[k] >= 0 || !heading(sd, k) {
			continue
		}
		clear(votes)
		linked := 0
		for c := k + 1; c < len(sd.points) && sd.parents[c] >= k; c++ {
			if sd.parents[c] != k || sd.link[c] < 0 {
				continue
			}
			l := &a.links[sd.link[c]]
			if len(*od.of(l)) == 0 {
				continue
			}
			linked++
			seen := -1
			for _, o := range *od.of(l) {
				if p := od.parents[o]; p >= 0 && p != seen && heading(od, p) {
					votes[p]++
					seen = p
				}
			}
		}
		best, most := -1, 0
		for p, n := range votes {
			if n > most || (n == most && p < best) {
				best, most = p, n
			}
		}
		if most < 2 || 2*most <= linked {
			continue
		}
		switch l := od.link[best]; {
		case l < 0:
			pair(k, best)
		case !a.links[l].Fixed:
			join(k, l)
		}
	}
}
