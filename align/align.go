package align

import (
	"cmp"
	"math"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"parley"
	"parley/internal/alloc"
)

// Link kinds.
const (
	Unchanged = "unchanged" // same text, same place
	Reworded  = "reworded"  // same provision, text changed
	Moved     = "moved"     // same provision, now out of order or under another parent
	Split     = "split"     // one old point became several
	Merged    = "merged"    // several old points became one (or fewer)
	Deleted   = "deleted"   // an old point with no counterpart
	Added     = "added"     // a new point with no counterpart
	Unknown   = "unknown"   // a point whose text is not known (a placeholder) and its counterpart
)

// Link joins old points to new points. Old and New index the points of
// the two versions, in document order; one side is empty for Deleted and
// Added links.
type Link struct {
	Old        []int
	New        []int
	Kind       string
	Similarity float64
	// Confidence says how sure the aligner is of the link, in [0, 1]:
	// how far its similarity stands above the pair's background (what two
	// points of these texts share by chance), less when another candidate
	// comes close; for a deleted or added point, how far its best
	// candidate falls short. A link placed by number or position alone
	// (unknown text, a translation's points) is below LowConfidence.
	Confidence float64
	// Fixed marks a link a person confirmed or corrected; the automatic
	// alignment keeps it as given.
	Fixed bool
}

// Alignment is the result of aligning two versions' points.
type Alignment struct {
	Old, New []parley.Point
	Links    []Link

	early *earlyRedlines // redlines written while the alignment ran, or nil
}

// Options tune an alignment.
type Options struct {
	// Fixed links are taken as given (a person's corrections); the rest is
	// aligned around them. A fixed link with one empty side pins a point as
	// deleted or added.
	Fixed []Link
}

// Thresholds. They are set from first principles on the scale of the
// similarity (0 unrelated, 1 equal) and checked on the labelled pairs in
// testdata/align; they are not fitted to any one pair.
const (
	// candidateWords is how many of a point's rarest words look up
	// candidates in the other version.
	candidateWords = 8
	// maxPostings: a word found in more points than this is too common to
	// propose candidates (it still counts in the similarity).
	maxPostings = 64
	// candidatesPerPoint bounds how many candidates are scored per point.
	candidatesPerPoint = 8

	acceptAlone    = 0.50 // a pair this similar is linked wherever it lies
	acceptInOrder  = 0.30 // a pair this similar is linked when it keeps the order
	acceptInGap    = 0.15 // between two linked pairs, in order, this is enough
	acceptContains = 0.70 // a point this much contained in another is part of it
	acceptLeftover = 0.25 // two points left alone that are each other's best match
	// absorbGain: a point whose text went into its parent's or neighbour's
	// counterpart (or came out of it) must explain this much more of that
	// counterpart's word weight than the link without it; absorbCover: and
	// the link with it this much of it.
	absorbGain   = 0.15
	absorbCover  = 0.60
	absorbOwn    = 0.30 // and a neighbour this much of its own words there
	depthPenalty = 0.15 // a parent matched to a child must be that much better
)

// candidate is a scored pair seen from one side.
type candidate struct {
	other    int
	s        pairScore
	samePath bool
}

type aligner struct {
	old, new []parley.Point
	fo, fn   []features
	voc      *vocabulary
	co, cn   [][]candidate // candidates of each old point, of each new point
	linkO    []int         // link index of each old point, -1 if none
	linkN    []int
	links    []Link
	parentO  []int // index of each point's parent, -1 at the top
	parentN  []int
	// indexes holds the Old and New of the links, one array for all of
	// them rather than two small ones per link (see keep).
	indexes []int

	gapScorer *scorer // reused by alignGap

	// unknownO and unknownN mark the placeholders of unknown text (nil
	// when there are none).
	unknownO, unknownN []bool

	// bg is the pair's background: how similar two points of these two
	// texts are when they are not the same provision (see background).
	bg background
	// language caches sameLanguage: 0 not read yet, 1 two languages, 2 one.
	language int8

	early     *earlyRedlines // see acceptPairs
	earlySent int            // a.links[:earlySent] went to early

	// need marks the points not linked as identical texts at the start
	// (or linked by a person): the points whose words are numbered.
	need [2][]bool
}

// Align aligns the points of two versions of a text. Texts are compared by
// their words (rare words, names and numbers weigh more) and by their
// characters (which carries spelling and inflection); numbering is weak
// evidence and order is used to settle ties and fill gaps. Work grows about
// linearly with the number of points: candidates come from an inverted
// index of each point's rarest words, not from comparing every pair.
//
// The link rules run in this order (AlignPrepared): identical texts
// (linkIdentical); a backbone of mutual best pairs in order (backbone);
// one-to-one pairs, strong anywhere, weaker in order or when one text
// contains the other (acceptPairs); pairs in order between two links
// (fillGaps); points contained in a neighbour's link (attachParts) or
// folded into it (absorbNeighbours); neighbouring links recut into each
// other (regroup); points left alone that are each other's best match
// (pairLeftovers); then evidence below the point (joinByClauses): each
// point's clauses are aligned across the whole pair, and a point whose
// clauses went, word for word, into the points of another link, covering
// a share of the smaller side, joins that link wherever it lies. That
// last rule finds the far parts of splits, merges and regroupings and the
// sub-items merged into distant sections, which the rules before it,
// growing groups only through neighbours, cannot reach. A heading alone,
// which has no clause to follow, follows its sub-items to the heading
// that holds most of them (followChildren). Placeholders of unknown text
// are placed by number and position last (linkUnknown).
func Align(old, new []parley.Point, opts Options) *Alignment {
	var po, pn *Prepared
	parallel(func() { po = Prepare(old) }, func() { pn = Prepare(new) })
	return AlignPrepared(po, pn, opts)
}

// Prepared is one version's points with what the aligner first reads of
// them: the words of each point, hashed. That part of an alignment needs
// one version only, so a caller that reads two versions on two cores can
// prepare each as soon as it is read, while the other is still being read,
// instead of both afterwards while the cores have other work.
type Prepared struct {
	points []parley.Point
	fs     []features
	used   bool // an alignment has added its own numbers to fs
}

// Warm computes ahead, in document order, part of what AlignPrepared will
// need of these points (their character signatures), until stop reports
// true or all is done. A core that has prepared its version while another
// version is still being read can so do some of the alignment's work
// instead of waiting; what it computes for points that turn out to be
// unchanged is wasted, but the core would have been idle. It must not run
// at the same time as AlignPrepared with p.
func (p *Prepared) Warm(stop func() bool) {
	for k := range p.fs {
		if k%16 == 0 && stop() {
			return
		}
		p.fs[k].ensureGrams()
	}
}

// Prepare computes the features of one version's points for AlignPrepared.
func Prepare(points []parley.Point) *Prepared {
	return &Prepared{points: points, fs: newFeatures(points)}
}

// AlignPrepared is Align for versions prepared already. A Prepared is
// meant for one alignment; it may serve more, one at a time, at the cost
// of preparing it again.
func AlignPrepared(po, pn *Prepared, opts Options) *Alignment {
	old, new := po.points, pn.points
	a := &aligner{old: old, new: new, voc: newVocabulary()}
	a.fo, a.fn = po.take(), pn.take()
	a.parentO, a.parentN = parents(old), parents(new)
	a.linkO, a.linkN = filled(len(old), -1), filled(len(new), -1)
	// Every point is put in a link once, and there are at most as many
	// links as points: sized so, neither array is ever copied to grow
	// (the capacity that a redraft leaves unused is never touched).
	a.links = alloc.WrittenBy(len(old)+len(new), func(l *Link) { l.Similarity = 0 })
	a.indexes = alloc.Written[int](len(old) + len(new))[:0]
	a.unknownO = placeholderFeatures(old, a.fo, 0)
	a.unknownN = placeholderFeatures(new, a.fn, 1)
	for _, l := range opts.Fixed {
		a.addFixed(l)
	}
	exact := a.linkIdentical()
	need := [2][]bool{make([]bool, len(old)), make([]bool, len(new))}
	for i, l := range a.linkO {
		need[0][i] = l < 0 || a.links[l].Fixed
	}
	for j, l := range a.linkN {
		need[1][j] = l < 0 || a.links[l].Fixed
	}
	a.voc.build([2][]features{a.fo, a.fn}, need)
	a.need = need
	a.findCandidates()
	a.bg = a.background(need)
	if al := a.alignTranslation(need); al != nil { // see translation.go
		return al
	}
	backbone := a.backbone(exact)
	// From here on the alignment runs on one core; the other writes the
	// redlines of the pairs linked so far, which most links keep.
	early := startRedlines(old, new)
	early.add(a.unlinked(backbone))
	a.early, a.earlySent = early, len(a.links)
	a.acceptPairs(backbone)
	early.add(a.pairsSince(a.earlySent))
	a.early = nil
	a.fillGaps()
	// The pairs found between the backbone's links are most of the rest;
	// their redlines start while groups are formed. (Those sent before are
	// passed over; links may since have been merged away, so all are sent.)
	early.add(a.pairsSince(0))
	a.attachParts()
	a.absorbNeighbours()
	// Most groups are made by now; the rest, or any changed since, after
	// the last pairs.
	early.addGroups(a.groups())
	a.regroup()
	a.pairLeftovers()
	a.joinByClauses()
	a.followChildren()
	early.add(a.pairsSince(0))
	a.linkUnknown()
	early.addGroups(a.groups())
	a.closeRest()
	a.classify()
	a.setConfidences()
	early.stop()
	return &Alignment{Old: old, New: new, Links: a.ordered(), early: early}
}

// unlinked returns the pairs whose points are both unlinked yet.
func (a *aligner) unlinked(ps []pair) []pair {
	var out []pair
	for _, p := range ps {
		if a.linkO[p.i] < 0 && a.linkN[p.j] < 0 {
			out = append(out, p)
		}
	}
	return out
}

// groups returns the links of several points on a side, largest first:
// their redlines take longest.
func (a *aligner) groups() []Link {
	var out []Link
	for _, l := range a.links {
		if len(l.Old) > 0 && len(l.New) > 0 && len(l.Old)+len(l.New) > 2 {
			out = append(out, Link{Old: slices.Clone(l.Old), New: slices.Clone(l.New)})
		}
	}
	slices.SortStableFunc(out, func(x, y Link) int { return cmp.Compare(len(y.Old)+len(y.New), len(x.Old)+len(x.New)) })
	return out
}

// pairsSince returns the one-to-one links from the k-th on that are
// similar enough to have a word-level redline (see Alignment.Redline) and
// whose texts differ.
func (a *aligner) pairsSince(k int) []pair {
	var out []pair
	for _, l := range a.links[k:] {
		if len(l.Old) == 1 && len(l.New) == 1 && l.Similarity >= wholeRedline && a.fo[l.Old[0]].hash != a.fn[l.New[0]].hash {
			out = append(out, pair{i: l.Old[0], j: l.New[0]})
		}
	}
	return out
}

// take returns the features for an alignment. An alignment fills in its
// own vocabulary's numbers, so a version aligned a second time has them
// computed afresh.
func (p *Prepared) take() []features {
	if p.used {
		return newFeatures(p.points)
	}
	p.used = true
	return p.fs
}

func filled(n, v int) []int {
	s := make([]int, n)
	for i := range s {
		s[i] = v
	}
	return s
}

// parents returns the index of each point's parent: the nearest earlier
// point whose path is its path less the last token, or -1. Points come in
// document order, children after their parent, so a stack of the open
// ancestors finds it without building any key.
func parents(points []parley.Point) []int {
	out := filled(len(points), -1)
	var open []int
	for i := range points {
		p := points[i].Path
		for len(open) > 0 && !isPrefix(points[open[len(open)-1]].Path, p) {
			open = open[:len(open)-1]
		}
		if n := len(open); n > 0 && len(points[open[n-1]].Path) == len(p)-1 {
			out[i] = open[n-1]
		}
		open = append(open, i)
	}
	return out
}

// isPrefix reports whether a is a proper prefix of b.
func isPrefix(a, b []string) bool {
	return len(a) < len(b) && slices.Equal(a, b[:len(a)])
}

// samePath reports whether an old and a new point carry the same number.
func (a *aligner) samePath(i, j int) bool { return slices.Equal(a.old[i].Path, a.new[j].Path) }

func (a *aligner) addFixed(l Link) {
	for _, i := range l.Old {
		if i < 0 || i >= len(a.old) || a.linkO[i] >= 0 {
			return
		}
	}
	for _, j := range l.New {
		if j < 0 || j >= len(a.new) || a.linkN[j] >= 0 {
			return
		}
	}
	if len(l.Old)+len(l.New) == 0 {
		return
	}
	l.Fixed = true
	a.newLink(l.Old, l.New, l)
}

func (a *aligner) newLink(old, new []int, l Link) {
	l.Old, l.New = a.keep(old), a.keep(new)
	idx := len(a.links)
	a.links = append(a.links, l)
	for _, i := range old {
		a.linkO[i] = idx
	}
	for _, j := range new {
		a.linkN[j] = idx
	}
}

// keep copies the indexes of a new link into a.indexes. The copy's
// capacity is its length, so that a link that grows later (see
// attachParts) moves out instead of overwriting its neighbour's.
func (a *aligner) keep(idx []int) []int {
	if idx == nil {
		return nil
	}
	n := len(a.indexes)
	a.indexes = append(a.indexes, idx...)
	return a.indexes[n:len(a.indexes):len(a.indexes)]
}

// linkIdentical links at once the points whose text occurs exactly once in
// each version, identical in both: in most redrafts they are the bulk of the
// text, and they need no further search. It returns them as pairs.
func (a *aligner) linkIdentical() []pair {
	type seen struct{ i, j, ni, nj int32 }
	entries := make([]seen, 0, len(a.old))
	byText := newWordTable(len(a.old)) // numbers the texts' hashes, as entries
	for i := range a.fo {
		if a.linkO[i] >= 0 || a.fo[i].empty {
			continue
		}
		k := byText.put(a.fo[i].hash)
		if int(k) == len(entries) {
			entries = append(entries, seen{i: int32(i), j: -1})
		}
		entries[k].ni++
	}
	for j := range a.fn {
		if a.linkN[j] >= 0 {
			continue
		}
		if k, ok := byText.get(a.fn[j].hash); ok {
			entries[k].j = int32(j)
			entries[k].nj++
		}
	}
	out := make([]pair, 0, len(entries))
	for _, e := range entries {
		if e.ni != 1 || e.nj != 1 {
			continue
		}
		i, j := int(e.i), int(e.j)
		a.newLink([]int{i}, []int{j}, Link{Similarity: 1})
		out = append(out, pair{i: i, j: j})
	}
	return out
}

// findCandidates proposes, for each point, the points of the other version
// that share its rarest words, that carry the same text, that carry the
// same number, or that sit at the same relative place; and scores them.
func (a *aligner) findCandidates() {
	// The character signatures still missing are computed first, so that
	// scoring below only reads, half of their text on each core: one
	// version's are often written already (see Prepared.Warm). Then each
	// core proposes one version's pairs. Each pair is packed into one
	// integer, old point first: sorted, they group the pairs of each old
	// point, for the scorer, and the two sorted lists merge without
	// duplicates in one pass.
	missing, size := a.missingGrams()
	parallel(
		func() { ensureGrams(missing, 0, size/2) },
		func() { ensureGrams(missing, size/2, size) },
	)
	var forward, backward []uint64
	parallel(
		func() { forward = packSorted(a.proposeForward()) },
		func() { backward = packSorted(a.proposeBackward()) },
	)
	pairs := mergePairs(forward, backward)
	scores := make([]pairScore, len(pairs))
	keep := make([]bool, len(pairs))
	same := make([]bool, len(pairs))
	half := len(pairs) / 2
	scoreRange := func(from, to int) {
		sc := newScorer(a.voc)
		for n := from; n < to; n++ {
			i, j := int(pairs[n][0]), int(pairs[n][1])
			s := sc.score(&a.fo[i], &a.fn[j])
			scores[n] = s
			same[n] = a.samePath(i, j)
			keep[n] = s.sim >= 0.05 || max(s.contAinB, s.contBinA) >= 0.5 || same[n]
		}
	}
	parallel(func() { scoreRange(0, half) }, func() { scoreRange(half, len(pairs)) })
	// Each side's lists are built and sorted on a core of their own: they
	// share nothing but the read-only pairs and scores.
	parallel(
		func() { a.co = gather(pairs, 0, len(a.old), keep, same, scores) },
		func() { a.cn = gather(pairs, 1, len(a.new), keep, same, scores) },
	)
}

// packSorted packs pairs into integers, old point first, and sorts them.
func packSorted(ps [][2]int32) []uint64 {
	packed := make([]uint64, len(ps))
	for k, p := range ps {
		packed[k] = uint64(p[0])<<32 | uint64(uint32(p[1]))
	}
	slices.Sort(packed)
	return packed
}

// mergePairs unpacks the union of two sorted lists of packed pairs, in
// order and without duplicates.
func mergePairs(x, y []uint64) [][2]int32 {
	pairs := make([][2]int32, 0, len(x)+len(y))
	last := uint64(math.MaxUint64) // no pair packs to this
	for len(x) > 0 || len(y) > 0 {
		var p uint64
		if len(y) == 0 || (len(x) > 0 && x[0] <= y[0]) {
			p, x = x[0], x[1:]
		} else {
			p, y = y[0], y[1:]
		}
		if p != last {
			pairs = append(pairs, [2]int32{int32(p >> 32), int32(uint32(p))})
			last = p
		}
	}
	return pairs
}

// gather returns the candidates of each of n points of one side (side 0:
// old, 1: new) among the kept pairs, best first. The candidates of all
// points share one array, each point's part sized by a first count,
// instead of growing a slice per point.
func gather(pairs [][2]int32, side, n int, keep, same []bool, scores []pairScore) [][]candidate {
	lists := make([][]candidate, n)
	per := make([]int32, n)
	kept := 0
	for k, pr := range pairs {
		if keep[k] {
			per[pr[side]]++
			kept++
		}
	}
	share(lists, per, make([]candidate, kept))
	for k, pr := range pairs {
		if keep[k] {
			p := pr[side]
			lists[p] = append(lists[p], candidate{other: int(pr[1-side]), s: scores[k], samePath: same[k]})
		}
	}
	for k := range lists {
		sortBySim(lists[k])
	}
	return lists
}

// sortBySim sorts candidates most similar first, keeping the order of
// equals. Most lists are a handful long, and an insertion sort with the
// comparison written out is several times faster there than a sort that
// calls a function for each; a long list goes to the library's sort.
func sortBySim(cs []candidate) {
	if len(cs) > 24 {
		slices.SortStableFunc(cs, func(x, y candidate) int { return cmp.Compare(y.s.sim, x.s.sim) })
		return
	}
	for k := 1; k < len(cs); k++ {
		c := cs[k]
		n := k
		for n > 0 && cs[n-1].s.sim < c.s.sim {
			cs[n] = cs[n-1]
			n--
		}
		cs[n] = c
	}
}

// share gives each list of lists its part of store, empty, with room for
// sizes[k] elements.
func share(lists [][]candidate, sizes []int32, store []candidate) {
	for k, n := range sizes {
		lists[k] = store[:0:n]
		store = store[n:]
	}
}

// parallel runs the functions at once and waits for them all.
func parallel(fns ...func()) {
	var wg sync.WaitGroup
	for _, fn := range fns {
		wg.Go(fn)
	}
	wg.Wait()
}

// missingGrams returns the features of the points not linked yet whose
// character signatures are not computed, and the length of their texts.
func (a *aligner) missingGrams() ([]*features, int) {
	var out []*features
	size := 0
	for s, fs := range [2][]features{a.fo, a.fn} {
		linked := a.linkO
		if s == 1 {
			linked = a.linkN
		}
		for k := range fs {
			if f := &fs[k]; linked[k] < 0 && f.grams == nil && !f.empty {
				out = append(out, f)
				size += len(f.text)
			}
		}
	}
	return out, size
}

// ensureGrams computes the signatures of the features in fs whose texts
// start from the from-th to before the to-th byte of their texts in a row:
// two calls that share a boundary share out the work by its length.
func ensureGrams(fs []*features, from, to int) {
	at := 0
	for _, f := range fs {
		if at >= from && at < to {
			f.ensureGrams()
		}
		at += len(f.text)
	}
}

// proposeForward proposes, for each old point not yet linked, the new
// points that carry the same text, the same number, sit at the same
// relative place, or share its rarest words.
func (a *aligner) proposeForward() [][2]int32 {
	post := a.postings(a.fn, a.linkN)
	// The new points by the hash of their words (the unlinked ones) and
	// by the hash of their paths, in tables numbering the hashes (see
	// wordTable), faster than maps for these lookups of integers.
	texts := newWordTable(len(a.new))
	var exact [][]int
	for j := range a.fn {
		if a.linkN[j] < 0 {
			if k := texts.put(a.fn[j].hash); int(k) < len(exact) {
				exact[k] = append(exact[k], j)
			} else {
				exact = append(exact, []int{j})
			}
		}
	}
	paths := newWordTable(len(a.new))
	byPath := make([]int, 0, len(a.new))
	for j := range a.new {
		if k := paths.put(parley.PathHash(a.new[j].Path)); int(k) < len(byPath) {
			byPath[k] = j
		} else {
			byPath = append(byPath, j)
		}
	}
	var out [][2]int32
	add := func(i, j int) {
		if a.linkN[j] < 0 {
			out = append(out, [2]int32{int32(i), int32(j)})
		}
	}
	look := newLookup(a, len(a.new))
	for i := range a.old {
		if a.linkO[i] >= 0 {
			continue
		}
		if k, ok := texts.get(a.fo[i].hash); ok && len(exact[k]) <= candidatesPerPoint {
			for _, j := range exact[k] {
				add(i, j)
			}
		}
		if k, ok := paths.get(parley.PathHash(a.old[i].Path)); ok {
			add(i, byPath[k])
		}
		if len(a.new) > 0 {
			mid := int(math.Round(float64(i) * float64(len(a.new)) / float64(max(1, len(a.old)))))
			for j := max(0, mid-1); j <= min(len(a.new)-1, mid+1); j++ {
				add(i, j)
			}
		}
		for _, j := range look.top(&a.fo[i], post) {
			add(i, j)
		}
	}
	return out
}

// proposeBackward proposes, for each new point not yet linked, the old
// points that share its rarest words.
func (a *aligner) proposeBackward() [][2]int32 {
	post := a.postings(a.fo, a.linkO)
	var out [][2]int32
	look := newLookup(a, len(a.old))
	for j := range a.new {
		if a.linkN[j] >= 0 {
			continue
		}
		for _, i := range look.top(&a.fn[j], post) {
			if a.linkO[i] < 0 {
				out = append(out, [2]int32{int32(i), int32(j)})
			}
		}
	}
	return out
}

// lookup accumulates, for one point, the weight of the rare words it
// shares with each point of the other version.
type lookup struct {
	a       *aligner
	acc     []float64
	touched []int
	rare    [candidateWords]int32 // room for rarest
	best    []int                 // room for topK
}

func newLookup(a *aligner, n int) *lookup { return &lookup{a: a, acc: make([]float64, n)} }

// top returns the candidatesPerPoint points sharing most rare weight with
// f, in a list valid until the next call.
func (l *lookup) top(f *features, post postingLists) []int {
	acc, touched, idf := l.acc, l.touched[:0], l.a.voc.idf
	for _, id := range l.a.rarest(f, &l.rare) {
		w := idf[id]
		for _, k := range post.of(id) {
			if acc[k] == 0 {
				touched = append(touched, int(k))
			}
			acc[k] += w
		}
	}
	l.best = topK(l.best[:0], touched, acc, candidatesPerPoint)
	for _, k := range touched {
		acc[k] = 0
	}
	l.touched = touched
	return l.best
}

// topK appends to top (empty) the k items with the highest scores, best
// first, without sorting them all.
func topK(top, items []int, score []float64, k int) []int {
	for _, it := range items {
		if len(top) == k && score[it] <= score[top[k-1]] {
			continue
		}
		n := len(top)
		for n > 0 && score[top[n-1]] < score[it] {
			n--
		}
		top = slices.Insert(top, n, it)
		if len(top) > k {
			top = top[:k]
		}
	}
	return top
}

// postings maps each word to the points not yet linked that contain it,
// leaving out words too common to be useful.
func (a *aligner) postings(fs []features, linked []int) postingLists {
	// Counted first, then filled: one array holds all the lists, instead
	// of a slice grown for each word.
	dfs := a.voc.df
	off := alloc.Written[int32](len(dfs) + 1)
	for k := range fs {
		if linked[k] >= 0 {
			continue
		}
		for _, id := range fs[k].words {
			if dfs[id] <= maxPostings {
				off[id+1]++
			}
		}
	}
	for id := 1; id < len(off); id++ {
		off[id] += off[id-1]
	}
	items := make([]int32, off[len(off)-1])
	next := slices.Clone(off[:len(off)-1])
	for k := range fs {
		if linked[k] >= 0 {
			continue
		}
		for _, id := range fs[k].words {
			if dfs[id] <= maxPostings {
				items[next[id]] = int32(k)
				next[id]++
			}
		}
	}
	return postingLists{off: off, items: items}
}

// postingLists holds the points of each word, in order: those of word id
// are items[off[id]:off[id+1]].
type postingLists struct {
	off, items []int32
}

func (p postingLists) of(id int32) []int32 { return p.items[p.off[id]:p.off[id+1]] }

// rarest returns up to candidateWords of f's words, rarest first, in top.
func (a *aligner) rarest(f *features, top *[candidateWords]int32) []int32 {
	return a.rarestOf(f.words, top)
}

// rarestOf returns up to candidateWords of words, rarest first, in top.
func (a *aligner) rarestOf(words []int32, top *[candidateWords]int32) []int32 {
	// Keep the rarest words seen so far in a small sorted array: a point
	// has a hundred words at most, and only eight are wanted.
	n := 0
	dfs := a.voc.df
	for _, id := range words {
		df := dfs[id]
		if df > maxPostings || (n == candidateWords && df >= dfs[top[n-1]]) {
			continue
		}
		k := min(n, candidateWords-1)
		for k > 0 && dfs[top[k-1]] > df {
			top[k] = top[k-1]
			k--
		}
		top[k] = id
		n = min(n+1, candidateWords)
	}
	return top[:n:n]
}

// pair is a candidate link of one old and one new point.
type pair struct{ i, j int }

// backbone returns the longest chain, in the order of both versions, of
// pairs that are each other's best match: the stable frame against which
// everything else is placed.
func (a *aligner) backbone(exact []pair) []pair {
	mutual := append(make([]pair, 0, len(exact)+len(a.co)), exact...)
	for i, cs := range a.co {
		if len(cs) == 0 || a.linkO[i] >= 0 {
			continue
		}
		best := cs[0]
		if best.s.sim < a.backboneFloor() || a.linkN[best.other] >= 0 {
			continue
		}
		if back := a.cn[best.other]; len(back) > 0 && back[0].other == i && !ambiguous(cs) && !ambiguous(back) {
			mutual = append(mutual, pair{i: i, j: best.other})
		}
	}
	return increasing(mutual)
}

// ambiguous reports whether the best candidate ties with the next one.
func ambiguous(cs []candidate) bool {
	return len(cs) > 1 && cs[1].s.sim >= cs[0].s.sim-1e-9 && !(cs[0].samePath && !cs[1].samePath)
}

// increasing returns the longest subsequence of pairs (sorted by i) whose
// j also increase.
func increasing(ps []pair) []pair {
	byOld := func(x, y pair) int { return cmp.Compare(x.i, y.i) }
	if !slices.IsSortedFunc(ps, byOld) {
		slices.SortFunc(ps, byOld)
	}
	tails := make([]int, 0, len(ps)) // index into ps of the last pair of the best chain of each length
	prev := make([]int, len(ps))
	for k, p := range ps {
		n, _ := slices.BinarySearchFunc(tails, p.j, func(t int, j int) int { return cmp.Compare(ps[t].j, j) })
		if n > 0 {
			prev[k] = tails[n-1]
		} else {
			prev[k] = -1
		}
		if n == len(tails) {
			tails = append(tails, k)
		} else {
			tails[n] = k
		}
	}
	out := make([]pair, len(tails))
	k := -1
	if len(tails) > 0 {
		k = tails[len(tails)-1]
	}
	for n := len(tails) - 1; n >= 0; n-- {
		out[n] = ps[k]
		k = prev[k]
	}
	return out
}

// corridor tells whether a pair keeps the order of a chain of pairs.
type corridor struct{ chain []pair }

// holds reports whether (i, j) fits between the chain's neighbours of i.
func (c corridor) holds(i, j int) bool {
	n, found := slices.BinarySearchFunc(c.chain, i, func(p pair, i int) int { return cmp.Compare(p.i, i) })
	if found {
		return c.chain[n].j == j
	}
	lo, hi := -1, math.MaxInt
	if n > 0 {
		lo = c.chain[n-1].j
	}
	if n < len(c.chain) {
		hi = c.chain[n].j
	}
	return lo < j && j < hi
}

// acceptPairs links one-to-one, best pairs first: strong pairs anywhere,
// weaker ones where they keep the order of the backbone, and pairs where
// one text is mostly contained in the other (the core of a split or merge).
func (a *aligner) acceptPairs(backbone []pair) {
	frame := corridor{backbone}
	type ranked struct {
		key  float64
		i, j int32
		c    int32 // index into a.co[i]
	}
	var all []ranked
	for i, cs := range a.co {
		for n, c := range cs {
			sim := c.s.sim
			if a.old[i].Depth() != a.new[c.other].Depth() {
				sim -= depthPenalty
			}
			if sim < acceptInGap {
				continue // no rule below accepts it
			}
			key := sim
			if frame.holds(i, c.other) {
				key += 0.1
			}
			if c.samePath {
				key += 0.05
			}
			all = append(all, ranked{key: key, i: int32(i), j: int32(c.other), c: int32(n)})
		}
	}
	slices.SortFunc(all, func(x, y ranked) int {
		if c := cmp.Compare(y.key, x.key); c != 0 {
			return c
		}
		if c := cmp.Compare(x.i, y.i); c != 0 {
			return c
		}
		return cmp.Compare(x.j, y.j)
	})
	for _, r := range all {
		i, j := int(r.i), int(r.j)
		if a.linkO[i] >= 0 || a.linkN[j] >= 0 {
			continue
		}
		c := a.co[i][r.c]
		// With no backbone at all, order says nothing.
		inOrder := len(backbone) > 0 && frame.holds(i, j)
		sim := c.s.sim
		if a.old[i].Depth() != a.new[j].Depth() {
			sim -= depthPenalty
		}
		ok := sim >= acceptAlone ||
			(inOrder && sim >= acceptInOrder) ||
			(max(c.s.contAinB, c.s.contBinA) >= acceptContains && sim >= acceptInOrder/1.5 && a.aboveBackground(sim)) ||
			(inOrder && c.samePath && sim >= acceptInGap && a.aboveBackground(sim))
		if ok {
			a.newLink([]int{i}, []int{j}, Link{Similarity: c.s.sim})
			if len(a.links)-a.earlySent >= earlyBatch {
				// The other core writes their redlines meanwhile.
				a.early.add(a.pairsSince(a.earlySent))
				a.earlySent = len(a.links)
			}
		}
	}
}

// fillGaps aligns, in order, the points left between two consecutive
// linked pairs: heavy rewording and translation keep the order even where
// the words changed.
func (a *aligner) fillGaps() {
	chain := make([]pair, 0, len(a.links))
	for i, l := range a.linkO {
		if l >= 0 && len(a.links[l].Old) == 1 && len(a.links[l].New) == 1 {
			chain = append(chain, pair{i: i, j: a.links[l].New[0]})
		}
	}
	// Numbering stands in for words only where the words failed overall:
	// less than half of the old points found a counterpart by their text.
	wordsFailed := 2*len(chain) < len(a.old)
	inOrder := increasing(chain)
	chain = append(chain[:0], pair{i: -1, j: -1})
	chain = append(chain, inOrder...)
	chain = append(chain, pair{i: len(a.old), j: len(a.new)})
	var is, js []int // the points of one gap, reused
	for k := 0; k+1 < len(chain); k++ {
		is, js = is[:0], js[:0]
		for i := chain[k].i + 1; i < chain[k+1].i; i++ {
			if a.linkO[i] < 0 {
				is = append(is, i)
			}
		}
		for j := chain[k].j + 1; j < chain[k+1].j; j++ {
			if a.linkN[j] < 0 {
				js = append(js, j)
			}
		}
		if len(is) == 0 || len(js) == 0 {
			continue
		}
		if len(is)*len(js) <= 40000 {
			// A gap between two linked pairs is placed by them: weak
			// evidence in order is enough there. With no link at all on
			// either side, order is no evidence, and the pairs must be as
			// strong as anywhere in order.
			floor := acceptInGap
			if len(chain) == 2 {
				floor = acceptInOrder
			}
			a.alignGap(is, js, floor)
		}
		is, js = a.unlinkedOld(is), a.unlinkedNew(js)
		if wordsFailed && len(is) > 0 && a.sameNumbering(is, js) && !a.sameLanguage() && a.runBeatsBackground(is, js) {
			// The words link too little of the two texts to say anything
			// (another language, a free retelling), and what is left here
			// carries the same numbers in the same order between two
			// linked pairs, the texts are in two languages (in one,
			// words that fail mean texts that differ), and the points
			// of the same number share
			// clearly more (numbers, names, dates) than two points of
			// these texts do by chance: the same provisions. Numbering
			// alone is no evidence: two unrelated texts numbered 1-9
			// stay unrelated.
			for k := range is {
				a.newLink([]int{is[k]}, []int{js[k]}, Link{})
			}
		}
	}
}

// keywordLabel reports whether a label names its unit ("§ 4", "Article 7",
// "Annex 2") rather than only numbering it ("4.", "(a)").
func keywordLabel(label string) bool {
	if strings.HasPrefix(label, "§") {
		return true
	}
	r, _ := utf8.DecodeRuneInString(label)
	return unicode.IsLetter(r) && len(label) > 3
}

// unlinkedOld keeps the points of is not linked yet, in place.
func (a *aligner) unlinkedOld(is []int) []int {
	out := is[:0]
	for _, i := range is {
		if a.linkO[i] < 0 {
			out = append(out, i)
		}
	}
	return out
}

// unlinkedNew keeps the points of js not linked yet, in place.
func (a *aligner) unlinkedNew(js []int) []int {
	out := js[:0]
	for _, j := range js {
		if a.linkN[j] < 0 {
			out = append(out, j)
		}
	}
	return out
}

// sameNumbering reports whether two runs of points carry the same paths
// in the same order.
func (a *aligner) sameNumbering(is, js []int) bool {
	if len(is) != len(js) {
		return false
	}
	for k := range is {
		if !a.samePath(is[k], js[k]) {
			return false
		}
	}
	return true
}

// alignGap runs a small dynamic programme over one gap: each pair scores
// its similarity (plus a little for the same number and depth) minus the
// gap's floor (the gap threshold, or the pair's background when that is
// higher); skipping a point costs nothing.
func (a *aligner) alignGap(is, js []int, floor float64) {
	n, m := len(is), len(js)
	gains := make([]float64, n*m)
	sims := make([]float64, n*m)
	if a.gapScorer == nil {
		a.gapScorer = newScorer(a.voc)
	}
	sc := a.gapScorer
	for x, i := range is {
		for y, j := range js {
			s := sc.score(&a.fo[i], &a.fn[j])
			g := s.sim - floor
			if a.samePath(i, j) {
				g += 0.05
				if keywordLabel(a.old[i].Label) && keywordLabel(a.new[j].Label) {
					// Statutes and treaties keep a section's number for
					// life: a repealed "§ 179" stays "§ 179 (repealed)".
					g += acceptInGap
				}
			}
			if a.old[i].Depth() != a.new[j].Depth() {
				g -= depthPenalty
			}
			gains[x*m+y], sims[x*m+y] = g, s.sim
		}
	}
	// best[x][y]: the most gain to be had from is[x:] and js[y:].
	best := make([]float64, (n+1)*(m+1))
	at := func(x, y int) float64 { return best[x*(m+1)+y] }
	for x := n - 1; x >= 0; x-- {
		for y := m - 1; y >= 0; y-- {
			b := max(at(x+1, y), at(x, y+1))
			if g := gains[x*m+y]; g > 0 && at(x+1, y+1)+g > b {
				b = at(x+1, y+1) + g
			}
			best[x*(m+1)+y] = b
		}
	}
	x, y := 0, 0
	for x < n && y < m {
		g := gains[x*m+y]
		switch {
		case g > 0 && at(x, y) == at(x+1, y+1)+g:
			a.newLink([]int{is[x]}, []int{js[y]}, Link{Similarity: sims[x*m+y]})
			x, y = x+1, y+1
		case at(x, y) == at(x+1, y):
			x++
		default:
			y++
		}
	}
}

// attachParts adds still unlinked points to a link when their text is
// mostly contained in the other side of it: an old point cut in two, or two
// old points folded into one.
func (a *aligner) attachParts() {
	old, new := a.sides()
	for j := range a.new {
		a.attach(j, new, old)
	}
	for i := range a.old {
		a.attach(i, old, new)
	}
}

// attach adds point c of side sd, if unlinked, to the link of the first of
// its candidates, near it, that holds most of its text (see attachParts).
// A text of a word or two is contained in any text that uses them
// ("Liability." in a clause on liability obligations, "(weggefallen)" in
// any repealed section): for such a point containment is evidence only
// with the same number, or when the link holds its parent (an item cut out
// of its parent's sentence).
func (a *aligner) attach(c int, sd, od side) {
	const minWords = 3
	if sd.link[c] >= 0 {
		return
	}
	short := len(sd.features[c].words) < minWords
	for _, x := range sd.candidates[c] {
		k := od.link[x.other]
		if k < 0 || a.links[k].Fixed || sd.mineInTheirs(x.s) < acceptContains || !near(c, *sd.of(&a.links[k])) {
			continue
		}
		if short && !x.samePath && !slices.Contains(*sd.of(&a.links[k]), sd.parents[c]) {
			continue
		}
		mine := sd.of(&a.links[k])
		*mine = append(*mine, c)
		slices.Sort(*mine)
		sd.link[c] = k
		return
	}
}

// near reports whether point k is at most three points from one of others.
func near(k int, others []int) bool {
	for _, o := range others {
		if abs(o-k) <= 3 {
			return true
		}
	}
	return false
}

// absorbNeighbours adds an unlinked point to the link of its parent or of
// a sibling next to it when the redraft folded the point into that link's
// counterpart, which has no sub-items of its own: "(4) the exemption ...
// (a) is stated in the notes" become "(4) the exemption ... is stated in
// the notes" (a merge), "(b) ... (c) ..." become one "(b)", and the other
// way round (splits). A folded point is seldom contained whole in the new
// text (attachParts), as the redraft shortens it; the evidence is that,
// with the point, the group explains clearly more of the other side than
// without it.
func (a *aligner) absorbNeighbours() {
	old, new := a.sides()
	for i := range a.old {
		a.absorb(i, old, new)
	}
	for j := range a.new {
		a.absorb(j, new, old)
	}
}

// sides returns the two versions as attach and absorb read them.
func (a *aligner) sides() (old, new side) {
	old = side{a.old, a.fo, a.parentO, a.linkO, a.co, func(l *Link) *[]int { return &l.Old },
		func(s pairScore) float64 { return s.contBinA }, func(s pairScore) float64 { return s.contAinB }}
	new = side{a.new, a.fn, a.parentN, a.linkN, a.cn, func(l *Link) *[]int { return &l.New },
		func(s pairScore) float64 { return s.contAinB }, func(s pairScore) float64 { return s.contBinA }}
	return old, new
}

// side is one version as attach and absorb read it.
type side struct {
	points     []parley.Point
	features   []features
	parents    []int
	link       []int              // link index of each point, -1 if none
	candidates [][]candidate      // of each point, on the other side
	of         func(*Link) *[]int // a link's points on this side
	// theirsInMine is, for a pair scored old to new, the share of the
	// other side's point's words that this side's point holds.
	theirsInMine func(pairScore) float64
	// mineInTheirs: the share of this side's point's words that the
	// other side's point holds.
	mineInTheirs func(pairScore) float64
}

// absorb adds point c of side sd, if unlinked, to the link of its parent or
// of its sibling before or after it (see absorbNeighbours).
func (a *aligner) absorb(c int, sd, od side) {
	for _, p := range []int{sd.parents[c], c - 1, c + 1} {
		if sd.link[c] >= 0 {
			return
		}
		if p < 0 || p >= len(sd.points) || sd.link[p] < 0 {
			continue
		}
		sibling := p != sd.parents[c]
		if sibling && (sd.parents[p] != sd.parents[c] || sd.points[p].Depth() != sd.points[c].Depth()) {
			continue
		}
		l := &a.links[sd.link[p]]
		group, other := *sd.of(l), *od.of(l)
		if l.Fixed || len(other) != 1 || od.hasChildren(other[0]) {
			continue
		}
		// c can add at most the share of the counterpart's words it holds
		// (known from its candidates); most points are ruled out there.
		k := slices.IndexFunc(sd.candidates[c], func(x candidate) bool { return x.other == other[0] })
		if k < 0 {
			continue
		}
		bound := sd.theirsInMine(sd.candidates[c][k].s)
		if bound < absorbGain {
			continue
		}
		if slices.ContainsFunc(group, func(g int) bool { return g != p && sd.parents[g] != p && sd.parents[g] != sd.parents[p] }) {
			continue // the link is more than the point's family
		}
		if len(group) == 1 {
			// The link's own pair score gives the cover without c, when
			// its points are each other's candidates.
			if q := slices.IndexFunc(sd.candidates[p], func(x candidate) bool { return x.other == other[0] }); q >= 0 {
				if sd.theirsInMine(sd.candidates[p][q].s)+bound < absorbCover {
					continue
				}
			}
		}
		with := append(slices.Clone(group), c)
		slices.Sort(with)
		before, after := a.cover(group, sd, other, od), a.cover(with, sd, other, od)
		if after-before < absorbGain || after < absorbCover {
			continue
		}
		// A sibling, unlike a sub-item, must also have brought a good
		// part of its own words: a clause appended after the last one
		// explains some of its neighbour's counterpart too.
		if sibling && a.cover(other, od, []int{c}, sd) < absorbOwn {
			continue
		}
		*sd.of(l) = with
		sd.link[c] = sd.link[p]
	}
}

// hasChildren reports whether point k has sub-items.
func (sd side) hasChildren(k int) bool { return k+1 < len(sd.points) && sd.parents[k+1] == k }

// cover is the share of the word weight of the points other (of side od)
// that the points group (of side gs) hold.
func (a *aligner) cover(group []int, gs side, other []int, od side) float64 {
	fg := a.voc.groupFeatures(gs.features, gs.points, group)
	fo := a.voc.groupFeatures(od.features, od.points, other)
	return a.voc.score(&fg, &fo).contBinA
}

// joinPoints joins the headings and texts of some points into one point,
// for scoring a group as one text.
func joinPoints(points []parley.Point, idx []int) []parley.Point {
	var b strings.Builder
	for _, k := range idx {
		b.WriteString(points[k].Heading + " " + points[k].Text + " ")
	}
	return []parley.Point{{Text: b.String()}}
}

// Regrouping thresholds: a point that shares this much of its words with a
// point of a neighbouring link ties the two links into one regrouping.
const (
	regroupShare = 0.30
	regroupSim   = 0.20
	regroupKeep  = 0.85 // links this similar are left alone
	// regroupRelative: the tie must be at least this share of the
	// similarity within each of the two links.
	regroupRelative = 0.6
)

// regroup joins neighbouring links when a point of one shares much of its
// text with a point of the other: several old points recut into several new
// ones (many-to-many).
func (a *aligner) regroup() {
	stable := func(l *Link) bool {
		return l.Fixed || len(l.Old) == 0 || len(l.New) == 0 || l.Similarity < acceptInGap ||
			(len(l.Old) == 1 && len(l.New) == 1 && l.Similarity >= regroupKeep)
	}
	for i := range a.old {
		for _, c := range a.co[i] {
			l1, l2 := a.linkO[i], a.linkN[c.other]
			if l1 < 0 || l2 < 0 || l1 == l2 {
				continue
			}
			L1, L2 := &a.links[l1], &a.links[l2]
			if stable(L1) || stable(L2) || c.s.sim < regroupSim || max(c.s.contAinB, c.s.contBinA) < regroupShare {
				continue
			}
			if !near(i, L2.Old) || !near(c.other, L1.New) {
				continue
			}
			// The tie must be comparable to what holds each link together.
			if c.s.sim < regroupRelative*L1.Similarity || c.s.sim < regroupRelative*L2.Similarity {
				continue
			}
			// And it must explain something the links do not: words of
			// the other link's counterpart that its own points lack.
			// Two recuts of one boilerplate opening share words across
			// links, and each link holds them already.
			if !a.tieExplains(i, L1, c.other, L2) {
				continue
			}
			a.foldLink(l1, l2)
		}
	}
	a.dropEmptyLinks()
}

// tieExplains reports whether old point i (of link L1) and new point j (of
// link L2) carry text across the two links: with i, L2's old points cover
// clearly more of L2's new points than without it, or with j, L1's new
// points clearly more of L1's old points ("clearly": by absorbGain, the
// gain that lets a neighbour join a link).
func (a *aligner) tieExplains(i int, L1 *Link, j int, L2 *Link) bool {
	old, new := a.sides()
	gain := func(group []int, k int, gs side, other []int, od side) float64 {
		with := append(slices.Clone(group), k)
		slices.Sort(with)
		return a.cover(with, gs, other, od) - a.cover(group, gs, other, od)
	}
	return gain(L2.Old, i, old, L2.New, new) >= absorbGain || gain(L1.New, j, new, L1.Old, old) >= absorbGain
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// pairLeftovers links points that are still alone on both sides when they
// are each other's best remaining match: a provision moved and reworded at
// once keeps less of its words than one that only moved.
func (a *aligner) pairLeftovers() {
	best := func(cs []candidate, linked []int) (candidate, bool) {
		for _, c := range cs {
			if linked[c.other] < 0 {
				return c, true
			}
		}
		return candidate{}, false
	}
	for i := range a.old {
		if a.linkO[i] >= 0 {
			continue
		}
		c, ok := best(a.co[i], a.linkN)
		if !ok || c.s.sim < acceptLeftover || !a.aboveBackground(c.s.sim) || a.old[i].Depth() != a.new[c.other].Depth() {
			continue
		}
		if back, ok := best(a.cn[c.other], a.linkO); ok && back.other == i {
			a.newLink([]int{i}, []int{c.other}, Link{Similarity: c.s.sim})
		}
	}
}

// closeRest marks every point still unlinked as deleted or added.
func (a *aligner) closeRest() {
	for i := range a.old {
		if a.linkO[i] < 0 {
			a.newLink([]int{i}, nil, Link{Kind: Deleted})
		}
	}
	for j := range a.new {
		if a.linkN[j] < 0 {
			a.newLink(nil, []int{j}, Link{Kind: Added})
		}
	}
}

// classify gives every automatic link its kind and similarity.
func (a *aligner) classify() {
	// Links out of the longest in-order chain have moved.
	chain := make([]pair, 0, len(a.links))
	for _, l := range a.links {
		if len(l.Old) > 0 && len(l.New) > 0 {
			chain = append(chain, pair{i: l.Old[0], j: l.New[0]})
		}
	}
	inOrder := make([]bool, len(a.links))
	for _, p := range increasing(chain) {
		inOrder[a.linkO[p.i]] = true // the link of its first old point
	}
	for k := range a.links {
		l := &a.links[k]
		given := ""
		if l.Fixed {
			given = l.Kind
		}
		switch {
		case len(l.New) == 0:
			l.Kind, l.Similarity = Deleted, 0
		case len(l.Old) == 0:
			l.Kind, l.Similarity = Added, 0
		case len(l.Old) == 1 && len(l.New) == 1:
			i, j := l.Old[0], l.New[0]
			if a.fo[i].hash != a.fn[j].hash {
				l.Similarity = a.similarity(i, j)
			} else {
				l.Similarity = 1
			}
			switch {
			case a.isUnknown(i, j):
				l.Kind, l.Similarity = Unknown, 0
			case !inOrder[k] || a.parentMoved(i, j):
				l.Kind = Moved
			case a.fo[i].hash == a.fn[j].hash && sameText(a.old[i], a.new[j]):
				l.Kind = Unchanged
			default:
				l.Kind = Reworded
			}
		default:
			if len(l.Old) > len(l.New) {
				l.Kind = Merged
			} else {
				l.Kind = Split
			}
			l.Similarity = a.groupSimilarity(l.Old, l.New)
		}
		l.Similarity = math.Round(l.Similarity*1000) / 1000
		if given != "" {
			l.Kind = given // a person's word stands
		}
	}
}

// similarity is the similarity of old point i and new point j: the score
// their candidate lists hold, when j is among i's candidates, which most
// links are; otherwise it is computed.
func (a *aligner) similarity(i, j int) float64 {
	if i < len(a.co) {
		for _, c := range a.co[i] {
			if c.other == j {
				return c.s.sim
			}
		}
	}
	return a.voc.score(&a.fo[i], &a.fn[j]).sim
}

// parentMoved reports whether a point now sits under a parent that is not
// the counterpart of its old parent.
func (a *aligner) parentMoved(i, j int) bool {
	pi, pj := a.parentO[i], a.parentN[j]
	if pi < 0 && pj < 0 {
		return false
	}
	if pi < 0 || pj < 0 {
		return true
	}
	l := a.linkO[pi]
	return l < 0 || !slices.Contains(a.links[l].New, pj)
}

func sameText(x, y parley.Point) bool {
	if x.Text == y.Text && x.Heading == y.Heading {
		return true
	}
	return strings.Join(strings.Fields(x.Heading+" "+x.Text), " ") == strings.Join(strings.Fields(y.Heading+" "+y.Text), " ")
}

// groupSimilarity scores the joined texts of the two sides of a link.
func (a *aligner) groupSimilarity(old, new []int) float64 {
	fo := a.voc.groupFeatures(a.fo, a.old, old)
	fn := a.voc.groupFeatures(a.fn, a.new, new)
	return a.voc.score(&fo, &fn).sim
}

// ordered returns the links in reading order of the new version, each
// deletion placed after the link of the old point before it.
func (a *aligner) ordered() []Link {
	keys := make([]float64, len(a.links))
	for k, l := range a.links {
		if len(l.New) > 0 {
			keys[k] = float64(l.New[0])
		}
	}
	for k, l := range a.links {
		if len(l.New) > 0 {
			continue
		}
		keys[k] = -0.5
		for i := l.Old[0] - 1; i >= 0; i-- {
			if m := a.linkO[i]; len(a.links[m].New) > 0 {
				keys[k] = float64(a.links[m].New[0]) + 0.5
				break
			}
		}
		keys[k] += float64(l.Old[0]) / float64(4*len(a.old)+4)
	}
	idx := make([]int, len(a.links))
	for k := range idx {
		idx[k] = k
	}
	slices.SortStableFunc(idx, func(x, y int) int { return cmp.Compare(keys[x], keys[y]) })
	out := make([]Link, len(idx))
	for n, k := range idx {
		out[n] = a.links[k]
	}
	return out
}
