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
	for head < len(a) && head < len(b) && a[head] == b[head] {
		head++
	}
	tail := 0
	for tail < len(a)-head && tail < len(b)-head && a[len(a)-1-tail] == b[len(b)-1-tail] {
		tail++
	}
	var ops []Op
	emit := func(op, text string) {
		if text == "" {
			return
		}
		if n := len(ops); n > 0 && ops[n-1].Op == op {
			ops[n-1].Text += text
			return
		}
		ops = append(ops, Op{op, text})
	}
	emit(OpEqual, strings.Join(a[:head], ""))
	for _, e := range diffTokens(a[head:len(a)-tail], b[head:len(b)-tail]) {
		emit(e.Op, e.Text)
	}
	emit(OpEqual, strings.Join(a[len(a)-tail:], ""))
	return tidy(ops)
}

// tokens splits text into words, runs of spaces, and single other characters.
func tokens(s string) []string {
	var out []string
	start := -1
	kind := 0 // 1 word, 2 space
	for i, r := range s {
		k := 3
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || r == '\'' || r == '’':
			k = 1
		case unicode.IsSpace(r):
			k = 2
		}
		if start >= 0 && (k != kind || k == 3) {
			out = append(out, s[start:i])
			start = -1
		}
		if start < 0 {
			start, kind = i, k
		}
	}
	if start >= 0 {
		out = append(out, s[start:])
	}
	return out
}

// maxEdits bounds the word-level diff: beyond it, two texts are unrelated
// enough that a fine redline helps nobody, and the middle is replaced whole.
const maxEdits = 600

// diffTokens is Myers' O(ND) difference algorithm on token slices. Each
// round keeps only the 2d+1 diagonals it reached, so memory and time grow
// with the square of the number of edits, not with the text's length.
func diffTokens(a, b []string) []Op {
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
		return []Op{{OpDelete, strings.Join(a, "")}, {OpInsert, strings.Join(b, "")}}
	}
	at := func(d, k int) int { return int(trace[d*d+k+d]) }
	var rev []Op
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
		for x > prevX && y > prevY {
			rev = append(rev, Op{OpEqual, a[x-1]})
			x, y = x-1, y-1
		}
		if x == prevX {
			rev = append(rev, Op{OpInsert, b[y-1]})
			y--
		} else {
			rev = append(rev, Op{OpDelete, a[x-1]})
			x--
		}
	}
	for x > 0 && y > 0 {
		rev = append(rev, Op{OpEqual, a[x-1]})
		x, y = x-1, y-1
	}
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
