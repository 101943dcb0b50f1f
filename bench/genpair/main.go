// Command genpair writes a synthetic pair of versions of a long numbered
// text, for benchmarks: old.txt and new.txt with N points each, where the
// new one renumbers, rewords, moves, splits, merges, drops and adds points
// at fixed rates. The output depends only on -n and -seed.
package main

import (
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
)

type point struct {
	words []string
	subs  [][]string
}

func main() {
	n := flag.Int("n", 10000, "number of points (top-level and sub-points) in the old version")
	seed := flag.Uint64("seed", 1, "random seed")
	dir := flag.String("dir", ".", "output directory")
	flag.Parse()
	r := rand.New(rand.NewPCG(*seed, 2))
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
	var old []point
	count := 0
	for count < *n {
		p := point{words: sentence(24 + r.IntN(34))}
		count++
		if r.IntN(5) == 0 {
			for k := 0; k < 2+r.IntN(3) && count < *n; k++ {
				p.subs = append(p.subs, sentence(10+r.IntN(25)))
				count++
			}
		}
		old = append(old, p)
	}
	var new []point
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
					p.words[k] = vocab[zipf.Uint64()]
				}
			}
		}
		new = append(new, p)
	}
	write(filepath.Join(*dir, "old.txt"), old)
	write(filepath.Join(*dir, "new.txt"), new)
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

func write(path string, points []point) {
	var b strings.Builder
	b.WriteString("Synthetic agreement for benchmarks\n\n")
	for i, p := range points {
		fmt.Fprintf(&b, "%d. %s\n", i+1, wrap(capitalise(p.words), 76, ""))
		for k, s := range p.subs {
			fmt.Fprintf(&b, "   (%s) %s\n", letter(k), wrap(s, 72, "       "))
		}
		b.WriteString("\n")
	}
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
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
	b.WriteString(".")
	return b.String()
}
