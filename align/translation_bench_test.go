package align

import (
	"fmt"
	"strings"
	"testing"

	"parley"
)

// encipher stands in for a translation: it enciphers the lower-case
// words (rot13, with a suffix) and keeps names and figures.
func encipher(s string) string {
	var out []string
	for _, w := range strings.Fields(s) {
		r := []rune(w)
		if len(r) > 0 && r[0] >= 'a' && r[0] <= 'z' {
			b := []rune{}
			for _, c := range r {
				if c >= 'a' && c <= 'z' {
					c = 'a' + (c-'a'+13)%26
				}
				b = append(b, c)
			}
			out = append(out, string(b)+"en")
		} else {
			out = append(out, w)
		}
	}
	return strings.Join(out, " ")
}

// BenchmarkAlignTranslation10k aligns a generated 10,000-point text with
// a stand-in translation of it (lower-case words enciphered, names and
// figures kept) in which every fiftieth point is split and every
// seventieth merged with the next.
func BenchmarkAlignTranslation10k(b *testing.B) {
	old, new, _, _ := generatedTranslation(10000)
	for b.Loop() {
		Align(old, new, Options{})
	}
}

// generatedTranslation returns the pair of BenchmarkAlignTranslation10k.
func generatedTranslation(n int) (old, new []parley.Point, splits, merges int) {
	words := strings.Fields("the of and to in that shall by for with")
	for k := 0; k < 3000; k++ {
		w := ""
		for x := k*2654435761 + 7; len(w) < 5+k%5; x /= 7 {
			w += string(rune('a' + x%26))
		}
		words = append(words, w)
	}
	for i := 0; i < n; i++ {
		var b strings.Builder
		for k := 0; k < 10+(i*7)%30; k++ {
			if k%2 == 0 {
				b.WriteString(words[k%10] + " ")
			} else {
				b.WriteString(words[(i*31+k*17)%len(words)] + " ")
			}
		}
		fmt.Fprintf(&b, "Region%d has %d units.", i%997, (i*37)%100000)
		old = append(old, parley.Point{Path: []string{fmt.Sprint(i + 1)}, Label: fmt.Sprint(i + 1), Text: b.String()})
	}
	for i := 0; i < n; i++ {
		tx := encipher(old[i].Text)
		switch {
		case i%50 == 10:
			h := len(tx) / 2
			new = append(new, parley.Point{Text: tx[:h]}, parley.Point{Text: tx[h:]})
			splits++
		case i%70 == 20 && i+1 < n:
			new = append(new, parley.Point{Text: tx + " " + encipher(old[i+1].Text)})
			merges++
			i++
		default:
			new = append(new, parley.Point{Text: tx})
		}
	}
	for k := range new {
		new[k].Path = []string{fmt.Sprint(k + 1)}
		new[k].Label = fmt.Sprint(k + 1)
	}
	return old, new, splits, merges
}

// A long translation cut otherwise in many places is aligned whole: every
// split and merge found, nothing deleted or added.
func TestGeneratedTranslationAligned(t *testing.T) {
	old, new, splits, merges := generatedTranslation(2000)
	kinds := map[string]int{}
	for _, l := range Align(old, new, Options{}).Links {
		kinds[l.Kind]++
	}
	want := map[string]int{Split: splits, Merged: merges, Reworded: len(old) - splits - 2*merges}
	if fmt.Sprint(kinds) != fmt.Sprint(want) {
		t.Errorf("kinds %v, want %v", kinds, want)
	}
}
