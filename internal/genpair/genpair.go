// Package genpair makes a synthetic pair of versions of a long numbered
// text, for benchmarks: an old and a new version with n points each,
// where the new one renumbers, rewords, moves, splits, merges, drops and
// adds points at fixed rates. The texts depend only on the shape, n and
// the seed. bench/genpair writes them to files; the benchmarks of the
// packages make them in memory.
//
// Two shapes: flat has long numbered points, a fifth of them with a few
// lettered sub-points; nested has shorter numbered points that each
// introduce a list (a), (b), (c) ..., a quarter of whose items hold a list
// (i), (ii) ... of their own, and the new version also drops, adds,
// rewords and moves sub-points, so that the letters after a dropped or
// added one are renumbered.
package genpair

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

type point struct {
	words []string
	subs  [][]string
}

// Shapes are the shapes Pair makes.
var Shapes = []string{"flat", "nested"}

// Pair returns the old and the new version of a text of the shape with n
// points (counted at every level) in the old version.
func Pair(shape string, n int, seed uint64) (old, new []byte, err error) {
	if shape != "flat" && shape != "nested" {
		return nil, nil, fmt.Errorf("shape %q: want flat or nested", shape)
	}
	r := rand.New(rand.NewPCG(seed, 2))
	vocab := makeVocabulary(r, 20000)
	zipf := rand.NewZipf(r, 1.1, 2, uint64(len(vocab)-1))
	sentence := func(k int) []string {
		w := make([]string, k)
		for i := range w {
			if r.IntN(25) == 0 {
				w[i] = fmt.Sprintf("%d", r.IntN(100000))
			} else {
				w[i] = vocab[zipf.Uint64()]
			}
		}
		return w
	}
	if shape == "nested" {
		o, nw := nestedPair(r, n, sentence, func() string { return vocab[zipf.Uint64()] })
		return writeNested(o), writeNested(nw), nil
	}
	o, nw := flatPair(r, n, sentence, func() string { return vocab[zipf.Uint64()] })
	return write(o), write(nw), nil
}

// flatPair makes the old version of the flat shape, n points counted at
// every level, and its new version.
func flatPair(r *rand.Rand, n int, sentence func(int) []string, word func() string) (old, new []point) {
	count := 0
	for count < n {
		p := point{words: sentence(24 + r.IntN(34))}
		count++
		if r.IntN(5) == 0 {
			for k := 0; k < 2+r.IntN(3) && count < n; k++ {
				p.subs = append(p.subs, sentence(10+r.IntN(25)))
				count++
			}
		}
		old = append(old, p)
	}
	for i := 0; i < len(old); i++ {
		p := clone(old[i])
		switch x := r.IntN(1000); {
		case x < 20: // dropped
			continue
		case x < 40: // a new point before this one
			new = append(new, point{words: sentence(20 + r.IntN(30))})
		case x < 50 && i+1 < len(old): // merged with the next
			p.words = append(p.words, old[i+1].words...)
			p.subs = append(p.subs, old[i+1].subs...)
			i++
		case x < 60 && len(p.words) > 20: // split in two
			cut := len(p.words) / 2
			new = append(new, point{words: p.words[:cut]})
			p.words = p.words[cut:]
		case x < 70: // moved further down
			j := min(len(old)-1, i+5+r.IntN(50))
			old[j].subs = append(old[j].subs, p.words)
			continue
		}
		if r.IntN(10) == 0 { // reworded: a fifth of the words replaced
			for k := range p.words {
				if r.IntN(5) == 0 {
					p.words[k] = word()
				}
			}
		}
		new = append(new, p)
	}
	return old, new
}

func clone(p point) point {
	q := point{words: append([]string(nil), p.words...)}
	for _, s := range p.subs {
		q.subs = append(q.subs, append([]string(nil), s...))
	}
	return q
}

func makeVocabulary(r *rand.Rand, n int) []string {
	const letters = "abcdefghijklmnopqrstuvwxyz"
	seen := map[string]bool{}
	var out []string
	for len(out) < n {
		k := 2 + r.IntN(9)
		var b strings.Builder
		for range k {
			b.WriteByte(letters[r.IntN(len(letters))])
		}
		if w := b.String(); !seen[w] {
			seen[w] = true
			out = append(out, w)
		}
	}
	return out
}

func write(points []point) []byte {
	var b strings.Builder
	b.WriteString("Synthetic agreement for benchmarks\n\n")
	for i, p := range points {
		fmt.Fprintf(&b, "%d. %s\n", i+1, wrap(capitalise(p.words), 76, ""))
		for k, s := range p.subs {
			fmt.Fprintf(&b, "   (%s) %s\n", letter(k), wrap(s, 72, "       "))
		}
		b.WriteString("\n")
	}
	return []byte(b.String())
}

func capitalise(w []string) []string {
	if len(w) == 0 {
		return w
	}
	out := append([]string(nil), w...)
	out[0] = strings.ToUpper(out[0][:1]) + out[0][1:]
	return out
}

// letter numbers sub-points a, b, ..., z, aa, ab, ... (skipping none: the
// benchmark texts have no roman numerals to confuse).
func letter(k int) string {
	if k < 26 {
		return string(rune('a' + k))
	}
	return letter(k/26-1) + letter(k%26)
}

func wrap(words []string, width int, indent string) string {
	return wrapEnd(words, width, indent, ".")
}

// wrapEnd joins words into lines of at most width columns, later lines
// indented, and ends the text with end.
func wrapEnd(words []string, width int, indent, end string) string {
	var b strings.Builder
	col := 0
	for i, w := range words {
		if i > 0 {
			if col+1+len(w) > width {
				b.WriteString("\n" + indent)
				col = len(indent)
			} else {
				b.WriteString(" ")
				col++
			}
		}
		b.WriteString(w)
		col += len(w)
	}
	b.WriteString(end)
	return b.String()
}

// item is a point of the nested shape: its words and its list.
type item struct {
	words []string
	subs  []item
}

// nestedPair makes the old version of the nested shape, n points counted
// at every level, and its new version.
func nestedPair(r *rand.Rand, n int, sentence func(int) []string, word func() string) (old, new []item) {
	count := 0
	for count < n {
		p := item{words: sentence(10 + r.IntN(20))}
		count++
		for k := 0; k < 2+r.IntN(5) && count < n; k++ {
			s := item{words: sentence(8 + r.IntN(20))}
			count++
			if r.IntN(4) == 0 {
				for m := 0; m < 2+r.IntN(3) && count < n; m++ {
					s.subs = append(s.subs, item{words: sentence(6 + r.IntN(14))})
					count++
				}
			}
			p.subs = append(p.subs, s)
		}
		old = append(old, p)
	}
	reword := func(w []string) {
		for k := range w {
			if r.IntN(5) == 0 {
				w[k] = word()
			}
		}
	}
	// changeList rewrites a list of sub-points: some dropped, some added,
	// some reworded, some moved to the next point's list (into moved).
	var changeList func(list []item, depth int, moved *[]item) []item
	changeList = func(list []item, depth int, moved *[]item) []item {
		var out []item
		for _, s := range list {
			s = cloneItem(s)
			switch x := r.IntN(1000); {
			case x < 25: // dropped: the later letters move up
				continue
			case x < 50: // a new sub-point before this one
				out = append(out, item{words: sentence(8 + r.IntN(16))})
			case x < 60 && depth == 1 && moved != nil: // moved to the next point
				*moved = append(*moved, s)
				continue
			}
			if r.IntN(10) == 0 {
				reword(s.words)
			}
			if len(s.subs) > 0 {
				s.subs = changeList(s.subs, depth+1, nil)
			}
			out = append(out, s)
		}
		return out
	}
	var carried []item // sub-points moved from the point before
	for i := 0; i < len(old); i++ {
		p := cloneItem(old[i])
		var moved []item
		p.subs = changeList(p.subs, 1, &moved)
		p.subs = append(carried, p.subs...)
		carried = moved
		switch x := r.IntN(1000); {
		case x < 20: // dropped, with what it carried
			continue
		case x < 40: // a new point before this one
			q := item{words: sentence(10 + r.IntN(20))}
			for k := 0; k < 2+r.IntN(3); k++ {
				q.subs = append(q.subs, item{words: sentence(8 + r.IntN(16))})
			}
			new = append(new, q)
		case x < 50 && i+1 < len(old): // its list joined to the next point's
			next := cloneItem(old[i+1])
			p.subs = append(p.subs, next.subs...)
			i++
		case x < 60 && len(p.subs) >= 4: // its list split over two points
			cut := len(p.subs) / 2
			new = append(new, item{words: p.words, subs: p.subs[:cut]})
			p = item{words: sentence(10 + r.IntN(20)), subs: p.subs[cut:]}
		}
		if r.IntN(10) == 0 {
			reword(p.words)
		}
		new = append(new, p)
	}
	if len(carried) > 0 && len(new) > 0 {
		last := &new[len(new)-1]
		last.subs = append(last.subs, carried...)
	}
	return old, new
}

func cloneItem(p item) item {
	q := item{words: append([]string(nil), p.words...)}
	for _, s := range p.subs {
		q.subs = append(q.subs, cloneItem(s))
	}
	return q
}

// writeNested writes out the nested shape: a numbered point ends with a colon
// and introduces its list; each item of a list but the last ends with a
// semicolon. Lettered lists stop before (i), so no letter reads as a roman
// numeral: a longer list goes on with (aa), (bb) as some codes print them.
func writeNested(points []item) []byte {
	var b strings.Builder
	b.WriteString("Synthetic agreement for benchmarks, nested lists\n\n")
	for i, p := range points {
		fmt.Fprintf(&b, "%d. %s\n", i+1, wrapEnd(capitalise(p.words), 76, "", end(len(p.subs) > 0, true)))
		for k, s := range p.subs {
			fmt.Fprintf(&b, "   (%s) %s\n", nestedLetter(k), wrapEnd(s.words, 72, "       ", end(len(s.subs) > 0, k == len(p.subs)-1)))
			for m, t := range s.subs {
				fmt.Fprintf(&b, "       (%s) %s\n", roman(m+1), wrapEnd(t.words, 68, "            ", end(false, m == len(s.subs)-1 && k == len(p.subs)-1)))
			}
		}
		b.WriteString("\n")
	}
	return []byte(b.String())
}

// end is the punctuation that closes a point: a colon before its list, a
// full stop after the last item, a semicolon between items.
func end(hasList, last bool) string {
	switch {
	case hasList:
		return ":"
	case last:
		return "."
	}
	return ";"
}

// nestedLetter numbers a lettered list a to h, then aa, bb, ... hh, then
// aaa, ...: never i, which would read as a roman numeral.
func nestedLetter(k int) string {
	return strings.Repeat(string(rune('a'+k%8)), 1+k/8)
}

// roman writes 1 to 39 as a lower-case roman numeral.
func roman(n int) string {
	var b strings.Builder
	for ; n >= 10; n -= 10 {
		b.WriteString("x")
	}
	b.WriteString([]string{"", "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix"}[n])
	return b.String()
}

// Bench runs fn as a sub-benchmark of b for each shape, named
// "SHAPE-N", with the pair of that shape of n points (seed 1) made before
// the timing starts. fn runs the loop; it may call b.SetBytes.
func Bench(b *testing.B, n int, fn func(b *testing.B, old, new []byte)) {
	for _, shape := range Shapes {
		b.Run(fmt.Sprintf("%s-%d", shape, n), func(b *testing.B) {
			old, new, err := Pair(shape, n, 1)
			if err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			fn(b, old, new)
		})
	}
}
