package align

import (
	"slices"
	"strings"
	"sync"
	"unicode"

	"parley"
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
	a, b := tokens(old), tokens(new)
	// Trim the common head and tail: most edits are local.
	head := 0
	for head < a.n() && head < b.n() && a.tok(head) == b.tok(head) {
		head++
	}
	tail := 0
	for tail < a.n()-head && tail < b.n()-head && a.tok(a.n()-1-tail) == b.tok(b.n()-1-tail) {
		tail++
	}
	var ops []Op
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
	for _, r := range diffTokens(a.sub(head, a.n()-tail), b.sub(head, b.n()-tail)) {
		switch r.op {
		case OpEqual:
			emit(OpEqual, a.text(i, i+r.n))
			i, j = i+r.n, j+r.n
		case OpDelete:
			emit(OpDelete, a.text(i, i+r.n))
			i += r.n
		case OpInsert:
			emit(OpInsert, b.text(j, j+r.n))
			j += r.n
		}
	}
	emit(OpEqual, a.text(a.n()-tail, a.n()))
	return tidy(ops)
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

// sub returns tokens i to j as strings, for the diff.
func (t tokenText) sub(i, j int) []string {
	out := make([]string, j-i)
	for k := range out {
		out[k] = t.tok(i + k)
	}
	return out
}

// tokens splits text into words, runs of spaces, and single other characters.
func tokens(s string) tokenText {
	off := make([]int32, 0, len(s)/4+2)
	kind := 0 // 1 word, 2 space, 3 other
	for i, r := range s {
		k := 3
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || r == '\'' || r == '’':
			k = 1
		case unicode.IsSpace(r):
			k = 2
		}
		if k != kind || k == 3 {
			off = append(off, int32(i))
			kind = k
		}
	}
	return tokenText{s: s, off: append(off, int32(len(s)))}
}

// maxEdits bounds the word-level diff: beyond it, two texts are unrelated
// enough that a fine redline helps nobody, and the middle is replaced whole.
const maxEdits = 600

// run is a stretch of the edit script: n tokens kept, deleted or inserted.
type run struct {
	op string
	n  int
}

// diffTokens is Myers' O(ND) difference algorithm on token slices. Each
// round keeps only the 2d+1 diagonals it reached, so memory and time grow
// with the square of the number of edits, not with the text's length.
func diffTokens(a, b []string) []run {
	n, m := len(a), len(b)
	if n == 0 && m == 0 {
		return nil
	}
	maxD := min(n+m, maxEdits)
	v := make([]int32, 2*maxD+3)
	off := maxD + 1
	// The furthest x on each diagonal after each round, flat: round d keeps
	// its 2d+1 diagonals from index d*d on.
	trace := tracePool.Get().([]int32)[:0]
	defer func() { tracePool.Put(trace[:0]) }()
	found := -1
	for d := 0; d <= maxD && found < 0; d++ {
		for k := -d; k <= d; k += 2 {
			var x int
			if k == -d || (k != d && v[off+k-1] < v[off+k+1]) {
				x = int(v[off+k+1])
			} else {
				x = int(v[off+k-1]) + 1
			}
			y := x - k
			for x < n && y < m && a[x] == b[y] {
				x, y = x+1, y+1
			}
			v[off+k] = int32(x)
			if x >= n && y >= m {
				found = d
			}
		}
		trace = append(trace, v[off-d:off+d+1]...)
	}
	if found < 0 {
		return []run{{OpDelete, n}, {OpInsert, m}}
	}
	at := func(d, k int) int { return int(trace[d*d+k+d]) }
	var rev []run
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
	return rev
}

// tracePool keeps the diff traces for reuse: a redline of a long point
// needs one of some hundred kilobytes.
var tracePool = sync.Pool{New: func() any { return make([]int32, 0, 1024) }}

// tidy merges runs and folds a lone space kept between two changes into
// them, so that "a b" -> "c d" reads as one replacement, not two.
func tidy(ops []Op) []Op {
	var out []Op
	push := func(o Op) {
		if o.Text == "" {
			return
		}
		if n := len(out); n > 0 && out[n-1].Op == o.Op {
			out[n-1].Text += o.Text
			return
		}
		out = append(out, o)
	}
	for k := 0; k < len(ops); k++ {
		o := ops[k]
		if o.Op == OpEqual && strings.TrimSpace(o.Text) == "" && k > 0 && k+1 < len(ops) && ops[k-1].Op != OpEqual && ops[k+1].Op != OpEqual {
			push(Op{OpDelete, o.Text})
			push(Op{OpInsert, o.Text})
			continue
		}
		push(o)
	}
	// Put deletions before insertions within each changed stretch.
	for k := 0; k < len(out); {
		if out[k].Op == OpEqual {
			k++
			continue
		}
		e := k
		var del, ins strings.Builder
		for e < len(out) && out[e].Op != OpEqual {
			if out[e].Op == OpDelete {
				del.WriteString(out[e].Text)
			} else {
				ins.WriteString(out[e].Text)
			}
			e++
		}
		var repl []Op
		if del.Len() > 0 {
			repl = append(repl, Op{OpDelete, del.String()})
		}
		if ins.Len() > 0 {
			repl = append(repl, Op{OpInsert, ins.String()})
		}
		out = append(out[:k], append(repl, out[e:]...)...)
		k += len(repl)
	}
	return out
}

// wholeRedline is the similarity under which a link's redline replaces the
// whole text instead of marking words.
const wholeRedline = 0.25

// Redline returns the word-level redline of one link, or nil where there is
// nothing to mark: an unchanged point, or a point only deleted or added.
// The texts of a split or merged group are joined in document order.
func (al *Alignment) Redline(l Link) []Op {
	if len(l.Old) == 0 || len(l.New) == 0 || l.Kind == Unchanged {
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
	return Redline(old, new)
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
