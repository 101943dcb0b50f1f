package align

import (
	"cmp"
	"hash/maphash"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"
	"unicode/utf8"

	"parley"
	"parley/internal/alloc"
)

// Redline operations.
const (
	OpEqual  = "equal"
	OpDelete = "delete"
	OpInsert = "insert"
)

// Op is one run of a word-level redline: text kept, deleted or inserted.
// A deletion followed by an insertion is a replacement.
type Op struct {
	Op   string `json:"op"`
	Text string `json:"text"`
}

// Redline returns the word-level differences that turn old into new. Words
// are compared exactly; the spaces between them follow the new text.
func Redline(old, new string) []Op {
	r := redliners.Get().(*redliner)
	defer redliners.Put(r)
	return r.redline(old, new)
}

// redliner holds the working arrays of a redline, kept in a pool for the
// next one: a comparison writes a redline for every changed link, and
// allocating these afresh each time made the redlines the largest source
// of new memory (and so of page faults) of a comparison. Only the ops
// returned are new.
type redliner struct {
	a, b     tokenText
	ids      tokenIDs // token numbers, see intern
	ia, ib   []int32  // the numbered middles of a and b
	inA, inB []bool   // by token number: it occurs in a, in b
	ka, kb   []int32  // the tokens diffWithout keeps
	atA, atB []int32  // their places in ia, ib
	chA, chB []bool   // changed tokens of ia, ib
	v, trace []int32  // the diff's furthest reach, see diffTokens
	rev      []run    // diffTokens' edit script, reversed
	script   []run    // diff's edit script
	anchored bool     // diff anchored the last script
	cntA     []int32  // by token number: occurrences in a piece of a, see anchors
	cntB     []int32  // the same in b
	placeB   []int32  // by token number: its place in that piece of b
	runs     []run    // diffWithout's edit script
	ops      []Op     // the redline before tidy
}

var redliners = sync.Pool{New: func() any { return &redliner{ids: tokenIDs{seed: maphash.MakeSeed()}} }}

func (r *redliner) redline(old, new string) []Op {
	// The bytes both texts start and end with need no tokens: most
	// redlines are of a word or two in a long paragraph.
	first, last := commonEnds(old, new)
	lead, trail := old[:first], old[len(old)-last:]
	old, new = old[first:len(old)-last], new[first:len(new)-last]
	r.a, r.b = tokens(old, grown(r.a.off, len(old)+1)), tokens(new, grown(r.b.off, len(new)+1))
	a, b := r.a, r.b
	// Trim the common head and tail: most edits are local.
	head := 0
	for head < a.n() && head < b.n() && a.tok(head) == b.tok(head) {
		head++
	}
	tail := 0
	for tail < a.n()-head && tail < b.n()-head && a.tok(a.n()-1-tail) == b.tok(b.n()-1-tail) {
		tail++
	}
	ops := r.ops[:0]
	if lead != "" {
		ops = append(ops, Op{OpEqual, lead})
	}
	emit := func(op, text string) {
		if text == "" {
			return
		}
		if n := len(ops); n > 0 && ops[n-1].Op == op {
			ops[n-1].Text += text // only where a run of one kind meets another of the same
			return
		}
		ops = append(ops, Op{op, text})
	}
	emit(OpEqual, a.text(0, head))
	// Walk the edit script: each run covers consecutive tokens, which are
	// one slice of the original text.
	i, j := head, head
	r.intern(head, tail)
	r.anchored = false
	runs := r.diffWithout()
	if r.anchored {
		r.slide(runs, head)
	}
	for _, run := range runs {
		switch run.op {
		case OpEqual:
			emit(OpEqual, a.text(i, i+run.n))
			i, j = i+run.n, j+run.n
		case OpDelete:
			emit(OpDelete, a.text(i, i+run.n))
			i += run.n
		case OpInsert:
			emit(OpInsert, b.text(j, j+run.n))
			j += run.n
		}
	}
	emit(OpEqual, a.text(a.n()-tail, a.n()))
	emit(OpEqual, trail)
	out := tidy(ops)
	clear(ops) // let go of the texts until the next redline
	r.ops = ops[:0]
	return out
}

// tokenized text: words, runs of spaces, and single other characters,
// known by their offsets in the text.
type tokenText struct {
	s   string
	off []int32 // off[k] is where token k starts; off[n] is len(s)
}

func (t tokenText) n() int               { return len(t.off) - 1 }
func (t tokenText) tok(k int) string     { return t.s[t.off[k]:t.off[k+1]] }
func (t tokenText) text(i, j int) string { return t.s[t.off[i]:t.off[j]] }

// intern numbers the tokens of the middles of a and b (between the common
// head and tail) into ia and ib so that equal tokens get equal numbers:
// the diff then compares integers, not strings.
func (r *redliner) intern(head, tail int) {
	r.ids.reset(r.a.n() + r.b.n() - 2*(head+tail))
	number := func(t tokenText, out []int32) []int32 {
		out = grown(out, t.n()-tail-head)
		for k := head; k < t.n()-tail; k++ {
			out = append(out, r.ids.id(t.tok(k)))
		}
		return out
	}
	r.ia = number(r.a, r.ia)
	r.ib = number(r.b, r.ib)
}

// tokenIDs numbers distinct tokens, 0, 1, 2... in the order they are first
// seen. It is a table of open addressing: a redline looks up every token
// of both texts, and a table made for the purpose does it in a third of
// the time of a map, and is emptied for the next redline by counting a
// generation on, not by clearing.
type tokenIDs struct {
	seed  maphash.Seed
	slots []tokenSlot // a power of two, at most half full
	gen   uint32      // slots of another generation are empty
	n     int32       // tokens numbered
}

type tokenSlot struct {
	gen uint32
	id  int32
	tok string
}

// presizedTokens caps the room reset makes ahead: a table sized for every
// token of two long texts of few distinct words (a paragraph of megabytes)
// would take hundreds of megabytes for a handful of ids; past the cap the
// table grows as distinct tokens come.
const presizedTokens = 1 << 18

// reset empties the table, with room for up to n tokens (at most
// presizedTokens; id grows it past that).
func (t *tokenIDs) reset(n int) {
	t.n = 0
	n = min(n, presizedTokens)
	size := max(64, len(t.slots))
	for size < 2*n {
		size *= 2
	}
	if size > len(t.slots) {
		t.slots, t.gen = make([]tokenSlot, size), 1
		return
	}
	if t.gen++; t.gen == 0 { // after four billion redlines, once
		clear(t.slots)
		t.gen = 1
	}
}

// id returns tok's number, giving it the next one if it has none.
func (t *tokenIDs) id(tok string) int32 {
	mask := uint64(len(t.slots) - 1)
	for i := maphash.String(t.seed, tok) & mask; ; i = (i + 1) & mask {
		s := &t.slots[i]
		if s.gen != t.gen {
			if 2*int(t.n+1) > len(t.slots) { // keep it at most half full
				t.grow()
				return t.id(tok)
			}
			*s = tokenSlot{gen: t.gen, id: t.n, tok: tok}
			t.n++
			return s.id
		}
		if s.tok == tok {
			return s.id
		}
	}
}

// grow doubles the table, keeping the numbers given.
func (t *tokenIDs) grow() {
	old, gen := t.slots, t.gen
	t.slots, t.gen = make([]tokenSlot, 2*len(old)), 1
	mask := uint64(len(t.slots) - 1)
	for _, s := range old {
		if s.gen != gen {
			continue
		}
		i := maphash.String(t.seed, s.tok) & mask
		for t.slots[i].gen == t.gen {
			i = (i + 1) & mask
		}
		t.slots[i] = tokenSlot{gen: t.gen, id: s.id, tok: s.tok}
	}
}

// grown returns s emptied, with room for n elements: made once at the
// size needed, a long text's slices leave no trail of outgrown copies.
func grown(s []int32, n int) []int32 {
	if cap(s) < n {
		return make([]int32, 0, n)
	}
	return s[:0]
}

// tokens splits text into words, runs of spaces, and single other
// characters, appending their offsets to off.
func tokens(s string, off []int32) tokenText {
	kind := 0 // 1 word, 2 space, 3 other
	for i := 0; i < len(s); {
		k, size := asciiClass[s[i]&0x7F], 1 // the class of an ASCII byte; others are read below
		if s[i] >= utf8.RuneSelf {
			var r rune
			r, size = utf8.DecodeRuneInString(s[i:])
			switch {
			case unicode.IsLetter(r) || unicode.IsDigit(r) || r == '’':
				k = 1
			case unicode.IsSpace(r):
				k = 2
			default:
				k = 3
			}
		}
		if k != kind || k == 3 {
			off = append(off, int32(i))
			kind = k
		}
		i += size
	}
	return tokenText{s: s, off: append(off, int32(len(s)))}
}

// commonEnds returns how many bytes a and b share at their start and, in
// what is left of them, at their end, each cut back to where a token
// surely ends on both sides: between two ASCII characters of different
// classes (see tokens), or next to one that is neither a word character
// nor space. The texts between the cuts tokenize as the whole texts do
// there.
func commonEnds(a, b string) (first, last int) {
	n := min(len(a), len(b))
	p := 0
	for p < n && a[p] == b[p] {
		p++
	}
	// A boundary at x < p: a[x-1] and a[x] are the same in both texts.
	for first = p - 1; first > 0 && !tokenBoundary(a[first-1], a[first]); first-- {
	}
	first = max(first, 0)
	a, b = a[first:], b[first:]
	n = min(len(a), len(b))
	q := 0
	for q < n && a[len(a)-1-q] == b[len(b)-1-q] {
		q++
	}
	// A boundary at e = len(a)-last: a[e-1] and a[e] are in the suffix.
	for last = q - 1; last > 0 && !tokenBoundary(a[len(a)-last-1], a[len(a)-last]); last-- {
	}
	return first, max(last, 0)
}

// tokenBoundary reports whether tokens surely split between the bytes x
// and y (see commonEnds).
func tokenBoundary(x, y byte) bool {
	if x >= utf8.RuneSelf || y >= utf8.RuneSelf {
		return false
	}
	cx, cy := asciiClass[x], asciiClass[y]
	return cx != cy || cx == 3
}

// diffWithout diffs ia and ib after setting aside the tokens that occur on
// one side only (they cannot be kept, so they are edits whatever the diff
// says), as GNU diff and git do with lines: the diff then runs on fewer
// tokens and, above all, with fewer edits. The edit script is put back
// together from which tokens of each side changed. It is valid until the
// next call.
func (r *redliner) diffWithout() []run {
	a, b := r.ia, r.ib
	ids := int(r.ids.n)
	r.inA, r.inB = falses(r.inA, ids), falses(r.inB, ids)
	inA, inB := r.inA, r.inB
	for _, t := range a {
		inA[t] = true
	}
	for _, t := range b {
		inB[t] = true
	}
	keep := func(s []int32, other []bool, kept, at []int32) ([]int32, []int32) {
		kept, at = grown(kept, len(s)), grown(at, len(s))
		for k, t := range s {
			if other[t] {
				kept, at = append(kept, t), append(at, int32(k))
			}
		}
		return kept, at
	}
	r.ka, r.atA = keep(a, inB, r.ka, r.atA)
	r.kb, r.atB = keep(b, inA, r.kb, r.atB)
	ka, kb, atA, atB := r.ka, r.kb, r.atA, r.atB
	if len(ka) == len(a) && len(kb) == len(b) {
		return r.diff(a, b)
	}
	// Everything set aside changed; of the rest, what the diff says.
	r.chA, r.chB = trues(r.chA, len(a)), trues(r.chB, len(b))
	changedA, changedB := r.chA, r.chB
	i, j := 0, 0
	for _, run := range r.diff(ka, kb) {
		switch run.op {
		case OpEqual:
			for range run.n {
				changedA[atA[i]], changedB[atB[j]] = false, false
				i, j = i+1, j+1
			}
		case OpDelete:
			i += run.n
		case OpInsert:
			j += run.n
		}
	}
	out := r.runs[:0]
	push := func(op string, n int) {
		if l := len(out); l > 0 && out[l-1].op == op {
			out[l-1].n += n
			return
		}
		out = append(out, run{op, n})
	}
	i, j = 0, 0
	for i < len(a) || j < len(b) {
		switch {
		case i < len(a) && changedA[i]:
			push(OpDelete, 1)
			i++
		case j < len(b) && changedB[j]:
			push(OpInsert, 1)
			j++
		default: // both unchanged: they are a kept pair
			push(OpEqual, 1)
			i, j = i+1, j+1
		}
	}
	r.runs = out
	return out
}

// falses returns s resized to n elements, all false.
func falses(s []bool, n int) []bool {
	s = slices.Grow(s[:0], n)[:n]
	clear(s)
	return s
}

// trues returns s resized to n elements, all true.
func trues(s []bool, n int) []bool {
	s = slices.Grow(s[:0], n)[:n]
	for k := range s {
		s[k] = true
	}
	return s
}

// asciiClass is tokens' class of each ASCII character: 1 for word
// characters (letters, digits, the apostrophe), 2 for space, 3 for the rest.
var asciiClass = func() (c [utf8.RuneSelf]int) {
	for r := range c {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '\'':
			c[r] = 1
		case r == ' ', r >= '\t' && r <= '\r':
			c[r] = 2
		default:
			c[r] = 3
		}
	}
	return c
}()

// maxEdits bounds the word-level diff: beyond it, two texts are unrelated
// enough that a fine redline helps nobody, and the middle is replaced whole.
const maxEdits = 600

// cheapEdits is how many edits Myers' algorithm is given on a whole text
// before the diff is anchored instead (see anchoredDiff). Most redlines
// need fewer, and for them the diff is the shortest one. A long text
// rewritten or reordered needs hundreds, and Myers' time grows with their
// square; past a few dozen edits the anchored diff also reads better on
// the Commercial Code, where a clause moved within a paragraph shows as
// moved instead of shredded ("[-große und -]mittelgroße {+und große +}").
const cheapEdits = 64

// diff returns an edit script that turns a into b, valid until the next
// call: the shortest one when it has at most cheapEdits edits, and
// otherwise one anchored on the tokens both sides hold once.
func (r *redliner) diff(a, b []int32) []run {
	r.script = r.script[:0]
	if rev, ok := r.diffTokens(a, b, cheapEdits); ok {
		r.script = append(r.script, rev...)
		return r.script
	}
	r.anchored = true
	r.anchoredDiff(a, b, false) // its shortest diff has just been given up
	return r.script
}

// push appends n tokens of op to the script, joining a run of the same op.
func (r *redliner) push(op string, n int) {
	if n == 0 {
		return
	}
	if l := len(r.script); l > 0 && r.script[l-1].op == op {
		r.script[l-1].n += n
		return
	}
	r.script = append(r.script, run{op, n})
}

func (r *redliner) pushRuns(rs []run) {
	for _, rn := range rs {
		r.push(rn.op, rn.n)
	}
}

// anchoredDiff appends to the script an edit script of a and b in the
// manner of patience diff: the tokens that occur exactly once on each side
// and appear in the same order on both (the longest such sequence) are
// kept, and the pieces between them are diffed in turn, with Myers'
// algorithm where that is cheap and anchored again where it is not. Where
// no token anchors a piece, Myers' algorithm runs to maxEdits, past which
// the piece is replaced whole. A text that was reordered or heavily
// rewritten is so diffed in about linear time, its unique words (names,
// numbers, rare terms) stay matched, and a moved passage reads as deleted
// in one place and inserted in the other instead of being shredded into
// the words it happens to share with its surroundings.
//
// cheap says whether to try Myers' algorithm first: not for a text whose
// shortest diff is known to be longer (the ends both sides share do not
// change its length).
func (r *redliner) anchoredDiff(a, b []int32, cheap bool) {
	head := 0
	for head < len(a) && head < len(b) && a[head] == b[head] {
		head++
	}
	tail := 0
	for tail < len(a)-head && tail < len(b)-head && a[len(a)-1-tail] == b[len(b)-1-tail] {
		tail++
	}
	r.push(OpEqual, head)
	defer r.push(OpEqual, tail)
	a, b = a[head:len(a)-tail], b[head:len(b)-tail]
	switch {
	case len(a) == 0:
		r.push(OpInsert, len(b))
		return
	case len(b) == 0:
		r.push(OpDelete, len(a))
		return
	}
	if cheap {
		if rev, ok := r.diffTokens(a, b, cheapEdits); ok {
			r.pushRuns(rev)
			return
		}
	}
	anchors := r.anchors(a, b)
	if len(anchors) == 0 {
		if rev, ok := r.diffTokens(a, b, maxEdits); ok {
			r.pushRuns(rev)
		} else {
			r.push(OpDelete, len(a))
			r.push(OpInsert, len(b))
		}
		return
	}
	x, y := 0, 0
	for _, an := range anchors {
		r.anchoredDiff(a[x:an[0]], b[y:an[1]], true)
		r.push(OpEqual, 1)
		x, y = int(an[0])+1, int(an[1])+1
	}
	r.anchoredDiff(a[x:], b[y:], true)
}

// anchors returns the places (in a, in b) of the tokens that occur once in
// a and once in b, keeping the longest sequence of them in the same order
// on both sides.
func (r *redliner) anchors(a, b []int32) [][2]int32 {
	ids := int(r.ids.n)
	if len(r.cntA) < ids {
		r.cntA, r.cntB, r.placeB = make([]int32, ids), make([]int32, ids), make([]int32, ids)
	}
	cntA, cntB, placeB := r.cntA, r.cntB, r.placeB
	for _, t := range a {
		cntA[t]++
	}
	for y, t := range b {
		cntB[t]++
		placeB[t] = int32(y)
	}
	var pairs [][2]int32
	for x, t := range a {
		if cntA[t] == 1 && cntB[t] == 1 {
			pairs = append(pairs, [2]int32{int32(x), placeB[t]})
		}
	}
	for _, t := range a {
		cntA[t] = 0
	}
	for _, t := range b {
		cntB[t] = 0
	}
	return longestIncreasing(pairs)
}

// longestIncreasing returns the longest subsequence of pairs, taken in
// order, whose second elements increase (patience sorting).
func longestIncreasing(pairs [][2]int32) [][2]int32 {
	if len(pairs) == 0 {
		return nil
	}
	tails := make([]int, 0, len(pairs)) // tails[k]: the pair that ends the best sequence of k+1
	prev := make([]int, len(pairs))
	for k, p := range pairs {
		n, _ := slices.BinarySearchFunc(tails, p[1], func(t int, y int32) int { return cmp.Compare(pairs[t][1], y) })
		prev[k] = -1
		if n > 0 {
			prev[k] = tails[n-1]
		}
		if n == len(tails) {
			tails = append(tails, k)
		} else {
			tails[n] = k
		}
	}
	out := make([][2]int32, len(tails))
	for k, i := len(tails)-1, tails[len(tails)-1]; k >= 0; k, i = k-1, prev[i] {
		out[k] = pairs[i]
	}
	return out
}

// slide moves each change of an anchored edit script (of the middles ia
// and ib, which start at token head) that begins with the white space kept
// after it one token on, so that a change reads "to {+Licensor’s
// +}trademarks", as the shortest diff writes it, and not "to{+ Licensor’s+}
// trademarks". The redline's text is the same.
func (r *redliner) slide(runs []run, head int) {
	i, j := 0, 0 // where runs[k] starts in ia and ib
	for k := 0; k < len(runs); {
		if runs[k].op == OpEqual {
			i, j = i+runs[k].n, j+runs[k].n
			k++
			continue
		}
		end, nd, ni := k, 0, 0
		for ; end < len(runs) && runs[end].op != OpEqual; end++ {
			if runs[end].op == OpDelete {
				nd += runs[end].n
			} else {
				ni += runs[end].n
			}
		}
		for k > 0 && end < len(runs) && runs[end].n > 0 && r.slides(i, j, nd, ni, head) {
			runs[k-1].n++
			runs[end].n--
			i, j = i+1, j+1
		}
		i, j, k = i+nd, j+ni, end
	}
}

// slides reports whether the change that deletes nd tokens of ia from i
// and inserts ni tokens of ib from j can move one token on: on each side
// it touches, it starts with white space, the same as the kept token
// after it.
func (r *redliner) slides(i, j, nd, ni, head int) bool {
	next := r.ia[i+nd] // the kept token after the change, on both sides
	if nd > 0 && (r.ia[i] != next || !isSpaceToken(r.a.tok(head+i))) {
		return false
	}
	return ni == 0 || (r.ib[j] == next && isSpaceToken(r.b.tok(head+j)))
}

// isSpaceToken reports whether a token is a run of white space.
func isSpaceToken(t string) bool {
	r, _ := utf8.DecodeRuneInString(t)
	return unicode.IsSpace(r)
}

// run is a stretch of the edit script: n tokens kept, deleted or inserted.
type run struct {
	op string
	n  int
}

// diffTokens is Myers' O(ND) difference algorithm on token slices. Each
// round keeps only the 2d+1 diagonals it reached, so memory and time grow
// with the square of the number of edits, not with the text's length. It
// gives up (false) beyond limit edits. The edit script is valid until the
// next call.
func (r *redliner) diffTokens(a, b []int32, limit int) ([]run, bool) {
	n, m := len(a), len(b)
	if n == 0 && m == 0 {
		return nil, true
	}
	maxD := min(n+m, limit)
	r.v = slices.Grow(r.v[:0], 2*maxD+3)[:2*maxD+3]
	v := r.v
	clear(v)
	off := maxD + 1
	// The furthest x on each diagonal after each round, flat: round d keeps
	// its 2d+1 diagonals from index d*d on.
	trace := r.trace[:0]
	defer func() { r.trace = trace[:0] }()
	found := -1
	for d := 0; d <= maxD && found < 0; d++ {
		// Diagonal k of this round is w[k+d+1]; its neighbours are
		// w[k+d] and w[k+d+2], all within w.
		w := v[off-d-1 : off+d+2]
		last := len(w) - 2 // k = d
		for i := 1; i <= last; i += 2 {
			var x int
			if i == 1 || (i != last && w[i-1] < w[i+1]) {
				x = int(w[i+1])
			} else {
				x = int(w[i-1]) + 1
			}
			y := x - (i - d - 1)
			for x < n && y < m && a[x] == b[y] {
				x, y = x+1, y+1
			}
			w[i] = int32(x)
			if x >= n && y >= m {
				found = d
			}
		}
		trace = append(trace, v[off-d:off+d+1]...)
	}
	if found < 0 {
		return nil, false
	}
	at := func(d, k int) int { return int(trace[d*d+k+d]) }
	rev := r.rev[:0]
	push := func(op string, k int) {
		if k == 0 {
			return
		}
		if l := len(rev); l > 0 && rev[l-1].op == op {
			rev[l-1].n += k
			return
		}
		rev = append(rev, run{op, k})
	}
	x, y := n, m
	for d := found; d > 0; d-- {
		k := x - y
		var prevK int
		if k == -d || (k != d && at(d-1, k-1) < at(d-1, k+1)) {
			prevK = k + 1
		} else {
			prevK = k - 1
		}
		prevX := at(d-1, prevK)
		prevY := prevX - prevK
		snake := min(x-prevX, y-prevY)
		push(OpEqual, snake)
		x, y = x-snake, y-snake
		if x == prevX {
			push(OpInsert, 1)
			y--
		} else {
			push(OpDelete, 1)
			x--
		}
	}
	push(OpEqual, min(x, y))
	slices.Reverse(rev)
	r.rev = rev
	return rev, true
}

// tidy merges runs and folds a lone space kept between two changes into
// them, so that "a b" -> "c d" reads as one replacement, not two.
func tidy(ops []Op) []Op {
	out := make([]Op, 0, len(ops))
	var del, ins strings.Builder
	flush := func() {
		if del.Len() > 0 {
			out = append(out, Op{OpDelete, del.String()})
		}
		if ins.Len() > 0 {
			out = append(out, Op{OpInsert, ins.String()})
		}
		del.Reset()
		ins.Reset()
	}
	for k := 0; k < len(ops); k++ {
		o := ops[k]
		if o.Text == "" {
			continue
		}
		switch {
		case o.Op == OpDelete:
			del.WriteString(o.Text)
		case o.Op == OpInsert:
			ins.WriteString(o.Text)
		case strings.TrimSpace(o.Text) == "" && k > 0 && k+1 < len(ops) && ops[k-1].Op != OpEqual && ops[k+1].Op != OpEqual:
			// White space alone between two changes joins them.
			del.WriteString(o.Text)
			ins.WriteString(o.Text)
		default:
			flush()
			if n := len(out); n > 0 && out[n-1].Op == OpEqual {
				out[n-1].Text += o.Text
			} else {
				out = append(out, o)
			}
		}
	}
	flush()
	return out
}

// wholeRedline is the similarity under which a link's redline replaces the
// whole text instead of marking words.
const wholeRedline = 0.25

// Redline returns the word-level redline of one link, or nil where there is
// nothing to mark: an unchanged point, or a point only deleted or added.
// The texts of a split or merged group are joined in document order.
func (al *Alignment) Redline(l Link) []Op {
	if len(l.Old) == 0 || len(l.New) == 0 || l.Kind == Unchanged || l.Kind == Unknown {
		// An unknown text is not a change: there is nothing to redline.
		return nil
	}
	old, new := joinTexts(al.Old, l.Old), joinTexts(al.New, l.New)
	if old == new {
		return nil
	}
	if l.Similarity < wholeRedline {
		// Too little in common for a word-level redline to help a reader:
		// the old text goes, the new text comes.
		return []Op{{OpDelete, old}, {OpInsert, new}}
	}
	if len(l.Old) == 1 && len(l.New) == 1 {
		if ops, ok := al.early.redline(l.Old[0], l.New[0]); ok {
			return ops
		}
	} else if ops, ok := al.early.group(l.Old, l.New); ok {
		return ops
	}
	return Redline(old, new)
}

// earlyRedlines writes the redlines of pairs while the alignment is still
// running. Once the aligner has its candidates, it places the rest one
// decision at a time, on one core; most pairs it has linked by then stay
// linked, and their redlines (Redline of the two texts, which depends on
// nothing else) can be written on the other core meanwhile instead of
// after the alignment. A pair that ends up in another link only costs the
// work spent on it; one that is not reached before the alignment ends is
// written afterwards, as any other.
type earlyRedlines struct {
	old, new []parley.Point
	queue    chan earlyBatchOf
	halt     atomic.Bool
	done     chan struct{}
	byOld    []earlyRedline  // by old point
	groups   map[string][]Op // by groupKey, for links of several points
}

// earlyBatchOf is what one add queues: pairs, or links of groups.
type earlyBatchOf struct {
	pairs  []pair
	groups []Link
}

type earlyRedline struct {
	written bool
	j       int // the new point
	ops     []Op
}

// earlyBatch is how many links acceptPairs makes before it hands their
// pairs over, so that their redlines start while it goes on.
const earlyBatch = 64

// startRedlines starts writing early redlines of old and new points; add
// gives it the pairs, stop ends it.
func startRedlines(old, new []parley.Point) *earlyRedlines {
	e := &earlyRedlines{
		old: old, new: new,
		queue:  make(chan earlyBatchOf, len(old)/earlyBatch+7),
		done:   make(chan struct{}),
		byOld:  alloc.Written[earlyRedline](len(old)),
		groups: map[string][]Op{},
	}
	go e.run()
	return e
}

// add queues pairs. The queue holds a batch for every earlyBatch points
// of the old version, and six more (the unlinked pairs of the backbone,
// the rest of acceptPairs, those of fillGaps and pairLeftovers, and the
// groups twice), so that add never waits.
func (e *earlyRedlines) add(ps []pair) { e.queue <- earlyBatchOf{pairs: ps} }

// addGroups queues the links of several points on a side.
func (e *earlyRedlines) addGroups(ls []Link) { e.queue <- earlyBatchOf{groups: ls} }

func (e *earlyRedlines) run() {
	defer close(e.done)
	for b := range e.queue {
		for _, p := range b.pairs {
			if e.halt.Load() {
				return
			}
			if e.byOld[p.i].written {
				continue
			}
			old, new := pointText(&e.old[p.i]), pointText(&e.new[p.j])
			if old != new {
				e.byOld[p.i] = earlyRedline{written: true, j: p.j, ops: Redline(old, new)}
			}
		}
		for _, l := range b.groups {
			if e.halt.Load() {
				return
			}
			key := groupKey(l.Old, l.New)
			if _, done := e.groups[key]; done {
				continue
			}
			old, new := joinTexts(e.old, l.Old), joinTexts(e.new, l.New)
			if old != new {
				e.groups[key] = Redline(old, new)
			}
		}
	}
}

// groupKey names a link by its points.
func groupKey(old, new []int) string {
	b := make([]byte, 0, 8*(len(old)+len(new))+1)
	for _, i := range old {
		b = strconv.AppendInt(append(b, ' '), int64(i), 10)
	}
	b = append(b, '|')
	for _, j := range new {
		b = strconv.AppendInt(append(b, ' '), int64(j), 10)
	}
	return string(b)
}

// stop ends the early redlines, waiting at most for the one being written.
// Those written are then read without locks.
func (e *earlyRedlines) stop() {
	e.halt.Store(true)
	close(e.queue)
	<-e.done
}

// redline returns the redline of old point i and new point j, and whether
// it was written early.
func (e *earlyRedlines) redline(i, j int) ([]Op, bool) {
	if e == nil || !e.byOld[i].written || e.byOld[i].j != j {
		return nil, false
	}
	return e.byOld[i].ops, true
}

// group returns the redline of a link of several points, and whether it
// was written early.
func (e *earlyRedlines) group(old, new []int) ([]Op, bool) {
	if e == nil {
		return nil, false
	}
	ops, ok := e.groups[groupKey(old, new)]
	return ops, ok
}

func joinTexts(points []parley.Point, idx []int) string {
	if len(idx) == 1 {
		return pointText(&points[idx[0]])
	}
	var b strings.Builder
	for k, i := range idx {
		if k > 0 {
			b.WriteString("\n")
		}
		b.WriteString(pointText(&points[i]))
	}
	return b.String()
}
